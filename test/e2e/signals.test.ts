/** A closed terminal (SIGHUP) or a kill (SIGTERM) saves the snapshot and exits; no answer is lost. */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { disposeAll, runPiped, startPty, waitForExit } from '../helpers/pty.js';
import { progressFiles } from '../helpers/progress-files.js';

afterEach(disposeAll);

describe('signals (e2e)', () => {
  it.each([
    ['SIGHUP', 129],
    ['SIGTERM', 143],
  ] as const)('%s during study saves and exits with %i', async (signal, code) => {
    const t = startPty(['study']);
    await t.waitFor('Space or Enter shows the answer.');
    t.press('Space');
    await t.waitFor(/› 3 {2}Good/);
    t.press('3');
    await t.waitFor((s) => !s.includes('› 3  Good'));
    t.kill(signal);
    const exit = await waitForExit(t);
    expect(exit.exitCode).toBe(code);
    const snapshot = progressFiles(t.dataDir, 'aws-dop-c02').snap;
    expect(existsSync(snapshot)).toBe(true);
    expect((JSON.parse(readFileSync(snapshot, 'utf8')) as { progress: { totalReviews: number } }).progress.totalReviews).toBeGreaterThanOrEqual(1);
    const stats = await runPiped(['stats', '--json'], { dataDir: t.dataDir });
    expect((JSON.parse(stats.stdout) as { reviews: { total: number } }).reviews.total).toBe(1);
  });
});
