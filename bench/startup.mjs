// Start-up of the non-interactive commands (`packs --json`, `stats --json`) against `node -e 0`,
// with the bundled pack's compiled copy cached in a temporary data dir (EXAMDRILL_DATA_DIR).
// Budget: each command's median <= 2.5x the median of `node -e 0`.
import { childEnv, interleave, log, program, ratioBudget, runIfMain, tempDir, timeExit, timedRows } from './lib.mjs';

export const BUDGET = 2.5;

export async function bench({ runs, quick = false } = {}) {
  runs ??= quick ? 5 : 25;
  const prog = program();
  const env = childEnv({ EXAMDRILL_DATA_DIR: tempDir() });
  const node = process.execPath;
  // Warm the compiled-pack cache (and the OS file cache) once.
  const first = await timeExit(node, [prog, 'packs', '--json'], { env });
  JSON.parse(first.stdout);
  await timeExit(node, [prog, 'stats', '--json'], { env });
  log(`startup: ${runs} runs each`);
  const samples = await interleave(
    {
      'node -e 0': async () => (await timeExit(node, ['-e', '0'], { env })).ms,
      'examdrill packs --json': async () => (await timeExit(node, [prog, 'packs', '--json'], { env })).ms,
      'examdrill stats --json': async () => (await timeExit(node, [prog, 'stats', '--json'], { env })).ms,
    },
    { runs, warmup: quick ? 1 : 3 },
  );
  const result = {
    id: 'startup',
    title: 'Start-up: non-interactive commands (bundled pack, compiled copy cached)',
    rows: timedRows(samples, { 'examdrill packs --json': 'node -e 0', 'examdrill stats --json': 'node -e 0' }),
    budgets: [],
    notes: ['Time from spawn to exit (stdout read through a pipe), runs interleaved in rotating order.'],
  };
  result.budgets.push(
    ratioBudget(result, 'packs --json / node -e 0', 'examdrill packs --json', 'node -e 0', BUDGET),
    ratioBudget(result, 'stats --json / node -e 0', 'examdrill stats --json', 'node -e 0', BUDGET),
  );
  return result;
}

await runIfMain(import.meta.url, bench);
