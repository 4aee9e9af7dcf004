// Interactive start: from spawning `examdrill` in a pseudo-terminal (100x30, CI unset, since Ink
// draws only the last frame when CI is set) to the first full frame of the home screen (its
// footer of key hints, the frame's last line), against a minimal bundled Ink app (one <Text>,
// bundled as anyone would bundle it: scripts/esbuild-options.mjs plainInkOptions) measured the
// same way, and `node -e 0` (spawn to exit, same pty). Budget: home first frame <= 1.3x the
// minimal Ink app. Reported too: the minimal app bundled with the program's own build options
// (yoga without fetch, the fast string-width), to show what those alone are worth.
import { join } from 'node:path';
import { bundleLikeProgram, childEnv, interleave, log, program, ratioBudget, ROOT, runIfMain, tempDir, timePty, timedRows } from './lib.mjs';

export const BUDGET = 1.3;

/** The home screen's footer of key hints (`... · ? help · q Esc back`), the last line of its frame. */
export const homeFooter = (text) => /· \? help\b/.test(text);

export async function minimalInkApp() {
  return bundleLikeProgram(join(ROOT, 'bench', 'fixtures', 'minimal-ink.tsx'), 'minimal-ink', { plain: true });
}

export async function bench({ runs, quick = false } = {}) {
  runs ??= quick ? 5 : 20;
  const prog = program();
  const minimal = await minimalInkApp();
  const minimalTuned = await bundleLikeProgram(join(ROOT, 'bench', 'fixtures', 'minimal-ink.tsx'), 'minimal-ink-tuned');
  const minimalReady = (t) => t.includes('minimal ink app ready');
  const env = childEnv({ EXAMDRILL_DATA_DIR: tempDir() });
  const node = process.execPath;
  // Warm the compiled-pack cache and write the first pack-sync, so every measured start is alike.
  await timePty(node, [prog], { env, until: homeFooter });
  log(`first-frame: ${runs} runs each`);
  const samples = await interleave(
    {
      'node -e 0': async () => (await timePty(node, ['-e', '0'], { env })).ms,
      'minimal Ink app, first frame': async () => (await timePty(node, [minimal], { env, until: minimalReady })).ms,
      'examdrill home, first full frame': async () => (await timePty(node, [prog], { env, until: homeFooter })).ms,
      "minimal Ink app, the program's build options": async () => (await timePty(node, [minimalTuned], { env, until: minimalReady })).ms,
    },
    { runs, warmup: quick ? 1 : 2 },
  );
  const result = {
    id: 'first-frame',
    title: 'First frame: interactive start in a pseudo-terminal (bundled pack, cached)',
    rows: timedRows(samples, {
      'minimal Ink app, first frame': 'node -e 0',
      'examdrill home, first full frame': 'minimal Ink app, first frame',
      "minimal Ink app, the program's build options": 'minimal Ink app, first frame',
    }),
    budgets: [],
    notes: ['node -e 0 is timed from spawn to exit; the apps from spawn to the first byte stream that holds their whole first frame (for home: its footer line).'],
  };
  const homeVsNode = ratioBudget(result, 'home first frame / node -e 0 (reported, no budget)', 'examdrill home, first full frame', 'node -e 0', Infinity);
  const minimalVsNode = ratioBudget(result, 'minimal Ink first frame / node -e 0 (reported, no budget)', 'minimal Ink app, first frame', 'node -e 0', Infinity);
  result.budgets.push(ratioBudget(result, 'home first frame / minimal Ink app', 'examdrill home, first full frame', 'minimal Ink app, first frame', BUDGET));
  result.notes.push(`Ratios to node -e 0: minimal Ink app ${minimalVsNode.value.toFixed(2)}x, home ${homeVsNode.value.toFixed(2)}x.`);
  return result;
}

await runIfMain(import.meta.url, bench);
