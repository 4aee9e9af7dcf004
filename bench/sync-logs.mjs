// Start-up with progress synced from several machines: the same 100,000 reviews (10,000 items,
// the 5,000-question fixture pack) as one device's log, and dealt over 5 device logs of 20,000
// each (log.<device-id>.jsonl, one of them this machine's), as a sync tool leaves them. Each data
// dir's snapshot is written by a first run; then `stats --json` and the home screen's first frame
// are timed, interleaved. Budget: 5 logs within 10% of 1 log (ratio <= 1.1).
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { homeFooter } from './first-frame.mjs';
import { fixtureStore } from './generate.mjs';
import { childEnv, interleave, log, program, ratioBudget, runIfMain, tempDir, timeExit, timePty, timedRows } from './lib.mjs';

export const BUDGET = 1.1;
const DEVICES = 5;

/** A copy of the fixture store whose review log is dealt round-robin over `devices` logs. */
function dealtStore(store, devices) {
  const dataDir = tempDir();
  cpSync(store.dataDir, dataDir, { recursive: true });
  const dir = join(dataDir, 'progress', store.packId);
  const own = readFileSync(join(dataDir, 'device-id'), 'utf8').trim();
  const logs = readdirSync(dir).filter((n) => /^log(\..+)?\.jsonl$/.test(n));
  const lines = logs.flatMap((n) => readFileSync(join(dir, n), 'utf8').split('\n').filter(Boolean));
  for (const n of readdirSync(dir)) if (n.startsWith('log.') || n.startsWith('state.')) rmSync(join(dir, n), { force: true });
  mkdirSync(dir, { recursive: true });
  const names = [own, ...Array.from({ length: devices - 1 }, (_, i) => `benchdevice${i + 1}`)];
  const parts = names.map(() => []);
  lines.forEach((line, i) => parts[i % devices].push(line));
  names.forEach((name, i) => writeFileSync(join(dir, `log.${name}.jsonl`), `${parts[i].join('\n')}\n`));
  return { dataDir, lines: lines.length };
}

export async function bench({ runs, quick = false } = {}) {
  runs ??= quick ? 5 : 15;
  const prog = program();
  const node = process.execPath;
  const store = fixtureStore({ questions: 5000, items: 10_000, reviews: 100_000 });
  const one = dealtStore(store, 1);
  const five = dealtStore(store, DEVICES);
  const args = (dataDir) => [prog, '--packs-dir', store.pack.dir, '--pack', store.packId, '--data-dir', dataDir];
  const stats = (dataDir) => [prog, 'stats', '--json', '--packs-dir', store.pack.dir, '--pack', store.packId, '--data-dir', dataDir];
  const env = childEnv();
  // First runs: fold the logs and write each data dir's snapshot, and check both count the same.
  const totals = [];
  for (const d of [one, five]) {
    for (let i = 0; i < 2; i += 1) await timePty(node, args(d.dataDir), { env, until: homeFooter, timeoutMs: 120_000 });
    totals.push(JSON.parse((await timeExit(node, stats(d.dataDir), { env })).stdout).reviews.total);
  }
  if (totals[0] !== store.reviews || totals[1] !== store.reviews) throw new Error(`reviews counted: 1 log ${totals[0]}, ${DEVICES} logs ${totals[1]}, expected ${store.reviews}`);

  log(`sync-logs: ${runs} runs each`);
  const samples = await interleave(
    {
      'stats --json, 1 log of 100,000': async () => (await timeExit(node, stats(one.dataDir), { env })).ms,
      [`stats --json, ${DEVICES} logs of 20,000`]: async () => (await timeExit(node, stats(five.dataDir), { env })).ms,
      'home first frame, 1 log of 100,000': async () => (await timePty(node, args(one.dataDir), { env, until: homeFooter })).ms,
      [`home first frame, ${DEVICES} logs of 20,000`]: async () => (await timePty(node, args(five.dataDir), { env, until: homeFooter })).ms,
    },
    { runs, warmup: 1 },
  );
  const result = {
    id: 'sync-logs',
    title: `Start-up with ${DEVICES} device logs of 20,000 reviews against one log of 100,000 (same events, snapshot cached)`,
    rows: timedRows(samples, { [`stats --json, ${DEVICES} logs of 20,000`]: 'stats --json, 1 log of 100,000', [`home first frame, ${DEVICES} logs of 20,000`]: 'home first frame, 1 log of 100,000' }),
    budgets: [],
    notes: [`${store.reviews.toLocaleString('en-US')} reviews over ${store.items.toLocaleString('en-US')} items of the 5,000-question fixture pack; both data dirs count every review.`],
  };
  result.budgets.push(
    ratioBudget(result, `stats --json: ${DEVICES} logs / 1 log`, `stats --json, ${DEVICES} logs of 20,000`, 'stats --json, 1 log of 100,000', BUDGET),
    ratioBudget(result, `home first frame: ${DEVICES} logs / 1 log`, `home first frame, ${DEVICES} logs of 20,000`, 'home first frame, 1 log of 100,000', BUDGET),
  );
  return result;
}

await runIfMain(import.meta.url, bench);
