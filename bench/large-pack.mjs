// A 5,000-question pack (2,500 cards, 30 topics, about 2.7 MB of YAML; bench/generate.mjs),
// installed beside the bundled one with --packs-dir:
// - `packs --json` and the home screen's first full frame once the compiled copy is cached,
//   against `node -e 0` (budget: <= 4x), also with a 10,000-item, 100,000-review progress store;
// - the first, uncached load (YAML parsed and validated, compiled copy written);
// - peak resident memory (GNU time %M), budget < 150 MB.
import { cpSync } from 'node:fs';
import { homeFooter } from './first-frame.mjs';
import { fixturePack, fixtureStore } from './generate.mjs';
import { childEnv, interleave, log, maxRssMb, median, program, ptyMaxRssMb, ratioBudget, runIfMain, tempDir, timeExit, timePty, timedRows } from './lib.mjs';

export const BUDGET = 4;
export const RSS_BUDGET_MB = 150;

export async function bench({ runs, quick = false } = {}) {
  runs ??= quick ? 4 : 15;
  const coldRuns = quick ? 1 : 5;
  const rssRuns = quick ? 1 : 3;
  const prog = program();
  const node = process.execPath;
  const pack = fixturePack(5000);
  const store = fixtureStore({ questions: 5000, items: 10_000, reviews: 100_000 });
  const args = ['--packs-dir', pack.dir, '--pack', pack.id];
  const packsArgs = [prog, 'packs', '--json', '--packs-dir', pack.dir];

  // A data dir with the compiled copy cached, and one holding the big progress store as well.
  const warm = childEnv({ EXAMDRILL_DATA_DIR: tempDir() });
  const listed = JSON.parse((await timeExit(node, packsArgs, { env: warm })).stdout);
  const entry = listed.find((p) => p.id === pack.id);
  if (!entry || entry.questions !== 5000 || entry.cards !== 2500) throw new Error(`the program did not load the 5,000-question pack: ${JSON.stringify(listed)}`);
  await timePty(node, [prog, ...args], { env: warm, until: homeFooter });
  const bigDir = tempDir();
  cpSync(store.dataDir, bigDir, { recursive: true });
  const big = childEnv({ EXAMDRILL_DATA_DIR: bigDir });
  await timePty(node, [prog, ...args], { env: big, until: homeFooter, timeoutMs: 60_000 }); // records the pack-sync, writes the snapshot
  await timePty(node, [prog, ...args], { env: big, until: homeFooter, timeoutMs: 60_000 });

  log(`large-pack: ${runs} cached runs each`);
  const hot = await interleave(
    {
      'node -e 0 (pipe)': async () => (await timeExit(node, ['-e', '0'], { env: warm })).ms,
      'node -e 0 (pty)': async () => (await timePty(node, ['-e', '0'], { env: warm })).ms,
      'packs --json, cached': async () => (await timeExit(node, packsArgs, { env: warm })).ms,
      'home first frame, cached': async () => (await timePty(node, [prog, ...args], { env: warm, until: homeFooter })).ms,
      'home first frame, cached, 10k-item store': async () => (await timePty(node, [prog, ...args], { env: big, until: homeFooter })).ms,
    },
    { runs, warmup: 1 },
  );

  log(`large-pack: ${coldRuns} uncached runs each`);
  const cold = await interleave(
    {
      'packs --json, uncached (first load)': async () => (await timeExit(node, packsArgs, { env: childEnv({ EXAMDRILL_DATA_DIR: tempDir() }) })).ms,
      'home first frame, uncached (first load)': async () => (await timePty(node, [prog, ...args], { env: childEnv({ EXAMDRILL_DATA_DIR: tempDir() }), until: homeFooter, timeoutMs: 60_000 })).ms,
    },
    { runs: coldRuns, warmup: 0 },
  );

  log(`large-pack: ${rssRuns} memory runs each`);
  const rss = { 'max RSS: packs --json, cached': [], 'max RSS: home, cached': [], 'max RSS: home, cached, 10k-item store': [], 'max RSS: packs --json, uncached': [] };
  for (let i = 0; i < rssRuns; i += 1) {
    rss['max RSS: packs --json, cached'].push(maxRssMb(node, packsArgs, { env: warm }));
    rss['max RSS: home, cached'].push(await ptyMaxRssMb(node, [prog, ...args], { env: warm, until: homeFooter }));
    rss['max RSS: home, cached, 10k-item store'].push(await ptyMaxRssMb(node, [prog, ...args], { env: big, until: homeFooter }));
    rss['max RSS: packs --json, uncached'].push(maxRssMb(node, packsArgs, { env: childEnv({ EXAMDRILL_DATA_DIR: tempDir() }) }));
  }

  const result = {
    id: 'large-pack',
    title: `Large pack: ${pack.questions} questions, ${pack.cards} cards, ${(pack.bytes / 1e6).toFixed(1)} MB of YAML (plus the bundled pack)`,
    rows: [
      ...timedRows({ ...hot, ...cold }, {
        'packs --json, cached': 'node -e 0 (pipe)',
        'home first frame, cached': 'node -e 0 (pty)',
        'home first frame, cached, 10k-item store': 'node -e 0 (pty)',
        'packs --json, uncached (first load)': 'node -e 0 (pipe)',
        'home first frame, uncached (first load)': 'node -e 0 (pty)',
      }),
      ...Object.entries(rss).map(([name, values]) => ({ name, unit: 'MB', values })),
    ],
    budgets: [],
    notes: [
      `The 10k-item store: ${store.items} items (${store.items - pack.questions - pack.cards} of them retired from the pack), ${store.reviews} reviews, a ${(store.logBytes / 1e6).toFixed(0)} MB log and a ${(store.snapshotBytes / 1e6).toFixed(1)} MB snapshot written by the program.`,
      'Uncached: a fresh data dir per run, so the YAML is parsed and validated and the compiled copy written (the bundled pack too).',
    ],
  };
  result.budgets.push(
    ratioBudget(result, 'packs --json, cached / node -e 0', 'packs --json, cached', 'node -e 0 (pipe)', BUDGET),
    ratioBudget(result, 'home first frame, cached / node -e 0', 'home first frame, cached', 'node -e 0 (pty)', BUDGET),
    ...Object.entries(rss).map(([name, values]) => ({ name: name.replace('max RSS: ', 'max RSS, '), value: Math.max(...values), limit: RSS_BUDGET_MB, unit: 'MB', op: '<' })),
  );
  result.notes.push(`Reported, no budget: home with the 10k-item store ${(median(hot['home first frame, cached, 10k-item store']) / median(hot['node -e 0 (pty)'])).toFixed(2)}x node -e 0; the uncached first load ${(median(cold['packs --json, uncached (first load)']) / 1000).toFixed(2)} s (packs --json).`);
  return result;
}

await runIfMain(import.meta.url, bench);
