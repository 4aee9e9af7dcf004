/** The home screen in a real terminal: what a learner sees first, and how it closes. */
import { afterEach, describe, expect, it } from 'vitest';
import { bundledPack, disposeAll, startPty, waitForExit } from '../helpers/pty.js';

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
    expect(screen).toMatch(/^Readiness: about \d+\/1000 if the exam were today \(passing \d+\)$/m);
    expect(screen).toMatch(/^Next: Enter /m);

    // The footer is the last row of the frame, one above the spare bottom row.
    const footer = lines[22]!;
    for (const hint of ['Enter next step', 's study', 't quiz', 'e exam', 'g stats', '? help']) expect(footer).toContain(hint);
    expect(lines[23]).toBe('');

    t.press('q');
    expect(await waitForExit(t)).toEqual({ exitCode: 0, signal: 0 });
  });
});
