/** The timed mock exam in a real terminal: answering, flags, the map, review, submit, resume, quitting. */
import { afterEach, describe, expect, it } from 'vitest';
import { disposeAll, freshDataDir, startPty, waitForExit } from '../helpers/pty.js';

afterEach(disposeAll);

const EXAM = ['exam', '--questions', '5', '--minutes', '10'];
/** The exam's status: question, answered, flags and the clock, at the right of the title row. */
const STATUS = /Q (\d+)\/5 · (\d+) answered · ⚑ (\d+) · (\d+:\d\d)$/m;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mock exam (e2e)', () => {
  it('pick, flag, map, review, confirm and submit: the report shows the result out of 1000', async () => {
    // A tall terminal, so that the drawn question's header stays on screen whatever its length.
    const t = startPty([...EXAM, '--seed', '7'], { rows: 60 });
    const first = await t.waitFor('Question 1');
    expect(first).toMatch(/Q 1\/5 · 0 answered · ⚑ 0 · 10:00$/m);
    // The seed picks from the bundled pack, so it may land on a radio or a checkbox question.
    expect(first).toMatch(/^› (\( \)|\[ \]) a\) /m);

    t.press('b');
    await t.waitFor(/^› (\(•\)|\[x\]) b\) /m);
    expect(t.screen()).toMatch(/Q 1\/5 · 1 answered · ⚑ 0 · /m);

    t.press('f');
    const flagged = await t.waitFor('⚑ 1 ·');
    expect(flagged).toMatch(/^Question 1 ⚑ flagged · /m);

    t.press('m');
    const map = await t.waitFor('Question map');
    expect(map).toMatch(/\[⚑ 1\] +□ 2 +□ 3 +□ 4 +□ 5/);

    t.press('Escape');
    await t.waitFor((s) => /^Question 1 ⚑ flagged/m.test(s) && !s.includes('Question map'));

    t.press('S');
    const review = await t.waitFor('Review:');
    expect(review).toMatch(/^Review: 1 of 5 answered\.$/m);
    expect(review).toMatch(/^Unanswered: 2, 3, 4, 5$/m);
    expect(review).toMatch(/^Flagged: 1$/m);

    t.press('Enter');
    const confirm = await t.waitFor('Submit the exam now?');
    expect(confirm).toContain('1 of 5 answered');

    t.press('y');
    const report = await t.waitFor(/result: (pass|fail)/);
    expect(report).toMatch(/^result: (pass|fail) \d+\/1000 \(passing \d+\)$/m);
    expect(report.split('\n')[0]).toMatch(/\d+\/1000 (pass|fail)$/);
    expect(report).toMatch(/^Time used: \d+:\d\d of 10:00\.$/m);

    t.press('q');
    expect(await waitForExit(t)).toEqual({ exitCode: 0, signal: 0 });
  });

  it('resumes after kill -9 with the answer still picked and the time left', async () => {
    const dataDir = freshDataDir();
    // A tall terminal, so that the drawn question's header stays on screen whatever its length:
    // the seed picks from the bundled pack, whose questions change as content is added.
    const t = startPty([...EXAM, '--seed', '3'], { dataDir, rows: 48 });
    await t.waitFor('Question 1');
    t.press('a');
    // The seed may land on a single-answer (radio) or a multiple-answer (checkbox) question.
    const picked = await t.waitFor(/(\(•\)|\[x\]) a\) /);
    const pickedLine = picked.split('\n').find((l) => /(\(•\)|\[x\]) a\) /.test(l))!;
    const stem = picked.split('\n').find((l) => l.startsWith('Question 1 · '))!;
    // The answer is saved before the frame shows it; the pause only gives the disk a margin.
    await pause(300);
    t.kill('SIGKILL');
    expect((await waitForExit(t)).signal).toBe(9);

    const again = startPty(['exam'], { dataDir, rows: 48 });
    const offer = await again.waitFor('unfinished exam');
    expect(offer).toMatch(/An unfinished exam from .*: 1 of 5\s+answered, \d+:\d\d\s+left\./s);
    expect(offer).toContain('y resume it · n discard it and start a new exam');

    again.press('y');
    const resumed = await again.waitFor(STATUS);
    const [, current, answered, , left] = STATUS.exec(resumed)!;
    expect([current, answered]).toEqual(['1', '1']);
    // Killed within a second of starting: at most a few seconds of the ten minutes are gone.
    expect(left).toMatch(/^(10:00|9:5\d)$/);
    expect(resumed).toContain(stem);
    const line = resumed.split('\n').find((l) => /\(•\)|\[x\]/.test(l));
    expect(line?.replace(/^[› ]+/, '')).toBe(pickedLine.replace(/^[› ]+/, ''));
  });
});

describe('quitting (e2e)', () => {
  it('q in an exam asks first: n stays, y leaves with 0', async () => {
    const t = startPty([...EXAM, '--seed', '5']);
    await t.waitFor('Question 1');

    t.press('q');
    const ask = await t.waitFor('Stop the exam now?');
    expect(ask).toContain('y yes · n no');
    t.press('n');
    await t.waitFor((s) => /^Question 1 · /m.test(s) && !s.includes('Stop the exam'));

    t.press('q');
    await t.waitFor('Stop the exam now?');
    t.press('y');
    expect(await waitForExit(t)).toEqual({ exitCode: 0, signal: 0 });
  });

  it('Ctrl-C in an exam asks first; y exits with 130 after saving', async () => {
    const t = startPty([...EXAM, '--seed', '5']);
    await t.waitFor('Question 1');
    t.press('CtrlC');
    const ask = await t.waitFor('Quit the exam now?');
    expect(ask).toMatch(/are saved: examdrill exam\s+resumes it/);
    t.press('y');
    expect(await waitForExit(t)).toEqual({ exitCode: 130, signal: 0 });
    expect(t.screen()).toContain('Stopped; everything you answered is saved.');
  });

  it('Ctrl-C on the home screen exits with 130 without asking', async () => {
    const t = startPty([]);
    await t.waitFor('Readiness:');
    t.press('CtrlC');
    expect(await waitForExit(t)).toEqual({ exitCode: 130, signal: 0 });
    const screen = t.screen();
    expect(screen).toContain('Stopped; everything you answered is saved.');
    expect(screen).not.toMatch(/Confirm|y yes · n no/);
  });
});
