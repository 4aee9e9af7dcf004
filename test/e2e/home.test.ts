/** The home screen in a real terminal: what a learner sees first, and how it closes. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledPack, disposeAll, freshDataDir, startPty, waitForExit } from '../helpers/pty.js';

afterEach(disposeAll);

describe('home screen (e2e)', () => {
  it('shows the pack, the due count, readiness and the key hints; q exits with 0', async () => {
    const t = startPty([], { cols: 80, rows: 24 });
    const screen = await t.waitFor('Readiness:');
    const lines = screen.split('\n');

    // The title row names the pack (cut with … when it is longer than the row) and its counts.
    const { title, version } = bundledPack();
    const shown = lines[0]!.split(/\s{2,}/)[0]!;
    expect(shown.length).toBeGreaterThan(20);
    expect(`${title} ${version}`.startsWith(shown.replace(/…$/, ''))).toBe(true);
    expect(lines[0]).toMatch(/\d+ due · \d+ new$/);

    expect(screen).toMatch(/^Due now: \d+\. New today: \d+\./m);
    expect(screen).toMatch(/^Readiness: about \d+\/1000 on this pack's topics \(passing \d+\)$/m);
    expect(screen).toMatch(/^Next: Enter /m);

    // The footer is the last row of the frame, one above the spare bottom row.
    const footer = lines[22]!;
    for (const hint of ['Enter next step', 's study', 't quiz', 'e exam', 'g stats', '? help']) expect(footer).toContain(hint);
    expect(lines[23]).toBe('');

    t.press('q');
    expect(await waitForExit(t)).toEqual({ exitCode: 0, signal: 0 });
  });

  it('draws without calling fetch(): yoga reads its WebAssembly in place, and undici is never loaded', async () => {
    // The build patches yoga-layout's loader, which otherwise fetches its own data: URL (45 ms).
    const dir = freshDataDir();
    const spy = join(dir, 'fetch-spy.cjs');
    const called = join(dir, 'fetch-called');
    writeFileSync(spy, `const fs = require('node:fs'); globalThis.fetch = function (url) { fs.writeFileSync(${JSON.stringify(called)}, String(url).slice(0, 40)); throw new Error('fetch is not expected'); };`);
    const t = startPty([], { dataDir: dir, env: { NODE_OPTIONS: `--require ${spy}` } });
    await t.waitFor('Readiness:');
    t.press('q');
    expect(await waitForExit(t)).toEqual({ exitCode: 0, signal: 0 });
    expect(existsSync(called)).toBe(false);
  });
});
