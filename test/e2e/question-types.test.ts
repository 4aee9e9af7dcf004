/**
 * Every question type in the full-screen UI of the real program, in a real terminal: a quiz on
 * a pack holding each type, answered with the keys of each, then the reviews read back.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/run-cli.js';
import { disposeAll, runPiped, startPty, waitForExit } from '../helpers/pty.js';

afterEach(disposeAll);

describe('question types in the full-screen UI (e2e)', () => {
  it('answers true-false, short answer, numerical, matching, ordering and a case study with their keys', async () => {
    const packs = mkdtempSync(join(tmpdir(), 'examdrill-qtypes-'));
    cpSync(join(FIXTURES, 'qtypes-packs', 'qtypes'), join(packs, 'qtypes'), { recursive: true });
    const t = startPty(['quiz', '--packs-dir', packs, '--pack', 'qtypes', '--seed', '7', '--count', '7'], { rows: 40 });
    const seen: string[] = [];
    for (let n = 1; n <= 7; n += 1) {
      const screen = await t.waitFor(`Question ${n} of 7`);
      if (screen.includes('Part 1 of 3')) {
        seen.push('case-study');
        t.press('a');
        t.press('Enter');
        await t.waitFor('Type a number');
        t.press('3');
        t.press('Enter');
        await t.waitFor('▸ Part 3 of 3');
        const line = t.screen().split('\n').find((l) => l.includes('200 OK'))!;
        t.press(/([a-c])\) 200 OK/.exec(line)![1]!);
        t.press('Enter');
        await t.waitFor('3 of 3 parts right.');
      } else if (screen.includes('Type your answer.')) {
        seen.push('short-answer');
        // q and f are letters in the field, not commands.
        for (const ch of 'qf') t.press(ch);
        await t.waitFor('Answer: qf');
        t.press('Backspace');
        t.press('Backspace');
        for (const ch of 'dockerrun.aws.json') t.press(ch);
        await t.waitFor('Answer: dockerrun.aws.json');
        t.press('Enter');
        await t.waitFor('You typed: dockerrun.aws.json');
      } else if (screen.includes('Type a number')) {
        seen.push('numerical');
        t.press('3');
        t.press('0');
        t.press('Enter');
        await t.waitFor('Accepted: 30');
      } else if (screen.includes('Right items:')) {
        seen.push('matching');
        t.press('1');
        t.press('1');
        t.press('1');
        t.press('Enter');
        await t.waitFor(/\d of 3 pairs right\./);
      } else if (screen.includes('Put these steps in order')) {
        seen.push('ordering');
        t.press('Space');
        await t.waitFor('≡');
        t.press('Down');
        t.press('Space');
        await t.waitFor((s) => !s.includes('≡'));
        t.press('Enter');
        await t.waitFor(/Wrong order|Right: every step/);
      } else if (screen.includes('True or false?')) {
        seen.push('true-false');
        t.press('a');
        t.press('Enter');
        await t.waitFor('You answered true; the statement is true.');
      } else {
        seen.push('choice');
        t.press('a');
        t.press('Enter');
        await t.waitFor(/ (correct|wrong) /);
      }
      t.press('Enter');
    }
    expect(seen.sort()).toEqual(['case-study', 'choice', 'matching', 'numerical', 'ordering', 'short-answer', 'true-false']);
    await t.waitFor('Enter or q to go back.');
    t.press('q');
    expect(await waitForExit(t)).toEqual({ exitCode: 0, signal: 0 });
    const stats = await runPiped(['stats', '--json', '--packs-dir', packs, '--pack', 'qtypes'], { dataDir: t.dataDir });
    expect(stats.code).toBe(0);
    expect((JSON.parse(stats.stdout) as { reviews: { total: number } }).reviews.total).toBe(7);
  });
});
