// `examdrill optimize` on a history of 100,000 reviews over 10,000 items (bench/generate.mjs's
// store: a year of answers, 80% right), with the FSRS reference optimizer of
// @open-spaced-repetition/binding.
// - wall time of the whole command (read the log, build the optimizer's items, fit in a worker,
//   score the old and new parameters, record the settings event). Budget: under 60 s on 2 cores.
// - peak resident memory of the command (GNU time), reported.
// - the longest event-loop stall of the process that asked for the fit while the worker fits:
//   the optimizer port (bundled alone into bench/.out/optimizer.mjs) fits the same items here,
//   with a progress callback like the command's, while perf_hooks' monitorEventLoopDelay and a
//   setImmediate chain watch the loop. Everything `fit` does on this thread counts (copying the
//   items to the worker included). Budget: <= 16 ms, a frame at 60 Hz.
import { cpSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { longestHold } from './durable-answer.mjs';
import { fixtureStore } from './generate.mjs';
import { bundleLikeProgram, childEnv, log, maxRssMb, program, ROOT, runIfMain, summary, tempDir, timeExit } from './lib.mjs';

export const WALL_BUDGET_S = 60;
export const STALL_BUDGET_MS = 16;

async function optimizerModule() {
  const out = await bundleLikeProgram(join(ROOT, 'bench', 'fixtures', 'optimizer-entry.ts'), 'optimizer', { ext: '.mjs' });
  return import(`${pathToFileURL(out).href}?t=${statSync(out).mtimeMs}`);
}

/** A copy of the fixture's data dir, so a kept fit does not change the next run's history. */
function copyStore(fixture) {
  const dataDir = tempDir('examdrill-bench-optimize-');
  cpSync(join(fixture.dataDir, 'progress'), join(dataDir, 'progress'), { recursive: true });
  cpSync(join(fixture.dataDir, 'device-id'), join(dataDir, 'device-id'));
  return dataDir;
}

export async function bench({ runs, quick = false } = {}) {
  runs ??= quick ? 1 : 3;
  const prog = program();
  const fixture = fixtureStore({ questions: 5000, items: 10_000, reviews: 100_000 });
  const args = (dataDir) => [prog, 'optimize', '--pack', fixture.packId, '--packs-dir', dirname(fixture.pack.dir), '--data-dir', dataDir, '--json'];
  const wall = [];
  let fitted;
  for (let i = 0; i < runs; i += 1) {
    log(`optimize: command run ${i + 1} of ${runs}`);
    const r = await timeExit(process.execPath, args(copyStore(fixture)), { env: childEnv() });
    wall.push(r.ms / 1000);
    fitted = JSON.parse(r.stdout);
  }
  log('optimize: peak memory');
  const rss = maxRssMb(process.execPath, args(copyStore(fixture)), { env: childEnv() });

  log('optimize: event-loop stall during a fit');
  const { fitHistory, bindingOptimizer, readModelEvents } = await optimizerModule();
  // As the command reads it (a lean parse of the log), then the fit as the command asks for it.
  const history = fitHistory(readModelEvents(join(fixture.dataDir, 'progress', fixture.packId)));
  const stalls = [];
  const p99 = [];
  for (let i = 0; i < runs; i += 1) {
    const delay = monitorEventLoopDelay({ resolution: 1 });
    let updates = 0;
    delay.enable();
    stalls.push(await longestHold(() => bindingOptimizer.fit(history.sequences, null, () => (updates += 1))));
    delay.disable();
    p99.push(delay.percentile(99) / 1e6);
    if (updates === 0) throw new Error('the fit sent no progress');
  }
  return {
    id: 'optimize',
    title: `optimize: ${fixture.reviews.toLocaleString('en')} reviews over ${fixture.items.toLocaleString('en')} items`,
    rows: [
      { name: '`examdrill optimize --json`, wall time', unit: 's', values: wall },
      { name: 'fit: longest event-loop stall of the asking process', unit: 'ms', values: stalls },
      { name: 'fit: 99th percentile event-loop delay', unit: 'ms', values: p99 },
    ],
    budgets: [
      { name: 'wall time, median', value: summary(wall).median, limit: WALL_BUDGET_S, unit: 's', op: '<' },
      { name: 'longest stall while fitting, median', value: summary(stalls).median, limit: STALL_BUDGET_MS, unit: 'ms', op: '<=' },
    ],
    notes: [
      `Peak resident memory of the command: ${rss.toFixed(0)} MB.`,
      `The fit counted ${fitted.reviews.toLocaleString('en')} reviews (first per item per day) of ${fitted.items.toLocaleString('en')} items, ${history.sequences.reduce((n, s) => n + Math.max(0, s.length - 1), 0).toLocaleString('en')} optimizer items; log loss ${fitted.before.logLoss.toFixed(4)} with the defaults, ${fitted.fitted.logLoss.toFixed(4)} fitted (${fitted.kept ? 'kept' : 'not kept'}).`,
    ],
  };
}

await runIfMain(import.meta.url, bench);
