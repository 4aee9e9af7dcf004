// A durable answer with a big history: the progress store (src/store/progress/progress-store.ts,
// bundled on its own into bench/.out/store.mjs, since the program's copy is inside dist) opened
// on a copy of a store holding 10,000 items and 100,000 reviews, its snapshot written by the
// program (bench/generate.mjs).
// - record(): append one review event to the log and fsync it, then fold it into the state.
//   Budget: median < 2 ms.
// - flush(): write the snapshot (sliced serialisation, temp file, fsync, rename, backups). The
//   longest time the event loop is held while it runs, from a setImmediate chain started just
//   before the call. Budget: <= 16 ms (the median, over flushes, of each flush's longest hold).
import { cpSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixtureStore, snapshotPath } from './generate.mjs';
import { bundleLikeProgram, log, ROOT, runIfMain, summary, tempDir } from './lib.mjs';

export const RECORD_BUDGET_MS = 2;
export const FLUSH_BUDGET_MS = 16;

export async function storeModule() {
  const out = await bundleLikeProgram(join(ROOT, 'src', 'store', 'progress', 'progress-store.ts'), 'store', { ext: '.mjs' });
  return import(`${pathToFileURL(out).href}?t=${statSync(out).mtimeMs}`);
}

/** Runs `fn` and resolves with the longest gap between turns of the event loop meanwhile. */
export async function longestHold(fn) {
  let last = performance.now();
  let longest = 0;
  let running = true;
  const turn = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  last = performance.now();
  await fn();
  running = false;
  turn();
  return longest;
}

function review(itemId, now, i) {
  const at = new Date(now).toISOString();
  return {
    type: 'review',
    at,
    day: at.slice(0, 10),
    item: itemId,
    kind: 'card',
    mode: 'study',
    rating: 3,
    correct: true,
    ms: 4000 + i,
    phaseBefore: 'review',
    elapsedDays: 3,
    after: { due: new Date(now + 5 * 86_400_000).toISOString(), stability: 7.5, difficulty: 5.1, scheduledDays: 5, learningSteps: 0, reps: 4, lapses: 0, phase: 'review', lastReview: at },
    prev: null,
  };
}

export async function bench({ runs, quick = false } = {}) {
  const records = runs ?? (quick ? 50 : 300);
  const flushes = quick ? 4 : 15;
  const { openProgressStore } = await storeModule();
  const fixture = fixtureStore({ questions: 5000, items: 10_000, reviews: 100_000 });
  const dataDir = tempDir();
  cpSync(join(fixture.dataDir, 'progress'), join(dataDir, 'progress'), { recursive: true });
  cpSync(join(fixture.dataDir, 'device-id'), join(dataDir, 'device-id')); // the same device: its log is its own

  const t0 = performance.now();
  const store = await openProgressStore(dataDir, fixture.packId, { autoFlush: false });
  const openMs = performance.now() - t0;
  const items = Object.keys(store.state.items);
  if (items.length !== fixture.items || store.state.totalReviews !== fixture.reviews) throw new Error(`the store holds ${items.length} items and ${store.state.totalReviews} reviews`);
  try {
    log(`durable-answer: ${records} records, ${flushes} flushes`);
    const recordMs = [];
    const base = Date.now();
    for (let i = 0; i < records + 10; i += 1) {
      const event = review(items[(i * 7919) % items.length], base + i * 1000, i);
      const s = performance.now();
      store.record(event);
      if (i >= 10) recordMs.push(performance.now() - s); // the first few warm the code up
    }
    const flushHold = [];
    const flushMs = [];
    for (let i = 0; i < flushes; i += 1) {
      store.record(review(items[i], base + (records + 10 + i) * 1000, i)); // something to write
      const s = performance.now();
      flushHold.push(await longestHold(() => store.flush()));
      flushMs.push(performance.now() - s);
    }
    const snapshotMb = statSync(snapshotPath(dataDir, fixture.packId)).size / 1e6;
    return {
      id: 'durable-answer',
      title: `Durable answer: progress store with ${fixture.items.toLocaleString('en')} items and ${fixture.reviews.toLocaleString('en')} reviews`,
      rows: [
        { name: 'record(): append + fsync + fold', unit: 'ms', values: recordMs, p95: true },
        { name: 'flush(): longest event-loop hold', unit: 'ms', values: flushHold, p95: true },
        { name: 'flush(): total time (not blocking)', unit: 'ms', values: flushMs, p95: true },
      ],
      budgets: [
        { name: 'record(), median', value: summary(recordMs).median, limit: RECORD_BUDGET_MS, unit: 'ms', op: '<' },
        { name: 'flush() longest hold, median of flushes', value: summary(flushHold).median, limit: FLUSH_BUDGET_MS, unit: 'ms', op: '<=' },
      ],
      notes: [`Snapshot ${snapshotMb.toFixed(1)} MB; opening the store took ${openMs.toFixed(0)} ms (not budgeted). The store's folder is on the same file system as the repository.`],
    };
  } finally {
    await store.close();
  }
}

await runIfMain(import.meta.url, bench);
