/**
 * Keys typed ahead: a fast typist presses the next key ~30 ms after the previous one (about the
 * rate of key auto-repeat), before the program has finished handling the previous one. Every
 * key must still count. Each case runs in a few fresh processes, because a key lost this way is
 * lost in most runs but not in every one (a process that has just started is the slowest).
 *
 * Two keys at a time, typed while the program is idle: the first is read alone, so the two never
 * arrive as one chunk (which Ink would take for a paste, not for two keys).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { disposeAll, startPty, waitForExit, type PtySession } from '../helpers/pty.js';

afterEach(disposeAll);

const GAP_MS = 30;
const ATTEMPTS = 4;
/** The learner reads the screen before typing; keeps the first key clear of the program's start-up. */
const READ_MS = 100;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two keys that reach the program in one read (it was busy when the first arrived) are taken by
 * Ink for a paste: "nn" does nothing here. That is another way to lose keys, not the one these
 * tests are about, so such a run proves nothing either way and is run again.
 */
function arrivedTogether(raw: string): boolean {
  return /"(?!Space")[^"]{2,}" does nothing here/.test(raw);
}

async function attempts(run: (t: PtySession) => Promise<void>, start: () => PtySession): Promise<void> {
  let conclusive = 0;
  for (let runs = 1; conclusive < ATTEMPTS; runs += 1) {
    if (runs > ATTEMPTS * 2) throw new Error(`the keys reached the program together in ${runs - 1 - conclusive} of ${runs - 1} runs: the machine is too busy for this test`);
    const t = start();
    try {
      await run(t);
      conclusive += 1;
    } catch (e) {
      if (!arrivedTogether(t.raw())) throw new Error(`attempt ${conclusive + 1} of ${ATTEMPTS}: ${(e as Error).message}`);
    } finally {
      t.dispose();
    }
  }
}

// A tall terminal for the exams, so that the question's header line stays on screen whatever the
// seed picks: the bundled pack's questions (and their lengths) change as content is added.
const TALL = { rows: 48 };

// Up to 2 x ATTEMPTS fresh processes per test.
describe('typing ahead (e2e)', { timeout: 60_000 }, () => {
  it('exam: n, n from the second-to-last question opens the review', async () => {
    await attempts(
      async (t) => {
        await t.waitFor(/^Question 1 · /m);
        await pause(READ_MS);
        await t.typeAhead(['n', 'n'], GAP_MS);
        // Lost, the second n leaves question 2 on the screen and nothing else happens.
        const screen = await t.waitFor(/^Review: 0 of 2 answered\.$/m, 2_000);
        expect(screen).toMatch(/Q 2\/2 · 0 answered/);
      },
      () => startPty(['exam', '--questions', '2', '--minutes', '10', '--seed', '1'], TALL),
    );
  });

  it('study: Space, 3 shows the back, rates the card and moves to the next item', async () => {
    await attempts(
      async (t) => {
        const front = await t.waitFor('Space or Enter shows the answer.');
        const question = front.split('\n').find((l, i) => i > 2 && l.trim() !== '')!;
        await pause(READ_MS);
        await t.typeAhead(['Space', '3'], GAP_MS);
        // Lost, the rating leaves the back of the same card and its ratings on the screen.
        const next = await t.waitFor((s) => !s.includes(question) && /^(Card|Question) · /m.test(s), 2_000);
        expect(next).not.toMatch(/\bAgain\b/);
      },
      () => startPty(['study']),
    );
  });

  it('quiz: a, Enter submits option a', async () => {
    await attempts(
      async (t) => {
        await t.waitFor('Question 1 of 2');
        await pause(READ_MS);
        await t.typeAhead(['a', 'Enter'], GAP_MS);
        const screen = await t.waitFor(/\(your pick\)|Pick an option first/, 2_000);
        expect(screen).not.toContain('Pick an option first');
        expect(screen).toMatch(/^[✓✗] a\).*\(your pick\)$/m);
      },
      () => startPty(['quiz', '--seed', '1', '--count', '2'], TALL),
    );
  });

  it('exam review: Enter, y asks and submits: the confirm dialog takes the y typed right after it opened', async () => {
    await attempts(
      async (t) => {
        await t.waitFor(/^Question 1 · /m);
        t.press('S');
        await t.waitFor(/^Review: 0 of 2 answered\.$/m);
        await pause(READ_MS);
        await t.typeAhead(['Enter', 'y'], GAP_MS);
        // Lost, the y leaves "Submit the exam now?" open.
        const report = await t.waitFor(/^result: (pass|fail) \d+\/1000/m, 2_000);
        expect(report).not.toContain('Submit the exam now?');
      },
      () => startPty(['exam', '--questions', '2', '--minutes', '10', '--seed', '1'], TALL),
    );
  });

  it('exam: Ctrl-C, y exits with 130', async () => {
    await attempts(
      async (t) => {
        await t.waitFor(/^Question 1 · /m);
        await pause(READ_MS);
        await t.typeAhead(['CtrlC', 'y'], GAP_MS);
        // Lost, the y leaves "Quit the exam now?" open and the program running.
        expect(await waitForExit(t, 2_000)).toEqual({ exitCode: 130, signal: 0 });
      },
      () => startPty(['exam', '--questions', '2', '--minutes', '10', '--seed', '1'], TALL),
    );
  });

  it('two keys that arrive together never draw a control character into the frame', async () => {
    const t = startPty(['exam', '--questions', '2', '--minutes', '10', '--seed', '1'], TALL);
    await t.waitFor(/^Question 1 · /m);
    t.press('S');
    await t.waitFor(/^Review: 0 of 2 answered\.$/m);
    // Enter and y in one write: what a busy program reads when both were typed before it looked.
    t.press('\ry');
    const screen = await t.waitFor(/does nothing here|^Confirm|^result: /m);
    // Either both keys act, or the message names what arrived without writing a raw carriage
    // return into the frame (which sends the cursor back and overwrites the line).
    if (screen.includes('does nothing here')) expect(screen).toMatch(/^"[^"]*" does nothing here/m);
    expect(t.raw()).not.toMatch(/\r(?!\n)/);
  });
});
