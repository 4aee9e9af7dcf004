// What the model section costs `stats`: the 100,000-review fixture store (10,000 items, the
// 5,000-question pack), `stats` text and `stats --json` timed against the same program on a copy
// whose review log was emptied after its snapshot was written. That copy shows the same
// statistics (they come from the snapshot) and its model section has nothing to read, so the
// ratio is what reading the whole log and scoring the model adds. Budget: <= 2x.
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureStore } from './generate.mjs';
import { childEnv, interleave, log, program, ratioBudget, runIfMain, tempDir, timeExit, timedRows } from './lib.mjs';

export const BUDGET = 2;

/** A copy of the store's data dir with its review logs emptied (the snapshot kept). */
function emptiedLog(store) {
  const dataDir = tempDir();
  cpSync(store.dataDir, dataDir, { recursive: true });
  const dir = join(dataDir, 'progress', store.packId);
  for (const n of readdirSync(dir)) if (/^log(\..+)?\.jsonl$/.test(n)) writeFileSync(join(dir, n), '');
  return dataDir;
}

export async function bench({ runs, quick = false } = {}) {
  runs ??= quick ? 5 : 15;
  const prog = program();
  const node = process.execPath;
  const store = fixtureStore({ questions: 5000, items: 10_000, reviews: 100_000 });
  const full = tempDir();
  cpSync(store.dataDir, full, { recursive: true });
  const empty = emptiedLog(store);
  const args = (dataDir, json) => [prog, 'stats', ...(json ? ['--json'] : []), '--packs-dir', store.pack.dir, '--pack', store.packId, '--data-dir', dataDir];
  const env = childEnv();
  // Both show the same statistics; only the full log has a model to score.
  const a = JSON.parse((await timeExit(node, args(full, true), { env })).stdout);
  const b = JSON.parse((await timeExit(node, args(empty, true), { env })).stdout);
  if (a.reviews.total !== store.reviews || b.reviews.total !== store.reviews) throw new Error(`reviews counted: ${a.reviews.total} and ${b.reviews.total}, expected ${store.reviews}`);
  if (a.model.reviews === 0 || b.model.reviews !== 0) throw new Error(`model reviews scored: ${a.model.reviews} and ${b.model.reviews}`);

  log(`stats-model: ${runs} runs each`);
  const samples = await interleave(
    {
      'stats, log emptied (no model to score)': async () => (await timeExit(node, args(empty, false), { env })).ms,
      'stats, 100,000 reviews': async () => (await timeExit(node, args(full, false), { env })).ms,
      'stats --json, log emptied': async () => (await timeExit(node, args(empty, true), { env })).ms,
      'stats --json, 100,000 reviews': async () => (await timeExit(node, args(full, true), { env })).ms,
    },
    { runs, warmup: 1 },
  );
  const result = {
    id: 'stats-model',
    title: 'stats with the model section on 100,000 reviews, against the same snapshot with nothing for the model to read',
    rows: timedRows(samples, { 'stats, 100,000 reviews': 'stats, log emptied (no model to score)', 'stats --json, 100,000 reviews': 'stats --json, log emptied' }),
    budgets: [],
    notes: [`${store.reviews.toLocaleString('en-US')} reviews over ${store.items.toLocaleString('en-US')} items; the model scored ${a.model.reviews.toLocaleString('en-US')} of them (first answer per item per day, after the item's first).`],
  };
  result.budgets.push(
    ratioBudget(result, 'stats: 100,000 reviews / log emptied', 'stats, 100,000 reviews', 'stats, log emptied (no model to score)', BUDGET),
    ratioBudget(result, 'stats --json: 100,000 reviews / log emptied', 'stats --json, 100,000 reviews', 'stats --json, log emptied', BUDGET),
  );
  return result;
}

await runIfMain(import.meta.url, bench);
