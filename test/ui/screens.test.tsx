import { render as inkTestRender } from 'ink-testing-library';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openProgressStore } from '../../src/store/progress/progress-store.js';
import { Frame, footerHints } from '../../src/ui/components/frame.js';
import { makeTheme } from '../../src/ui/theme.js';
import { utcOffset } from '../../src/domain/time/day.js';
import type { NewEvent, ProgressEvent } from '../../src/domain/progress/events.js';
import { nextStudyItem } from '../../src/domain/study/queue.js';
import { blueprintPack, card, question } from '../helpers/packs.js';
import { keys, memoryPort, renderScreen, settle } from '../helpers/render-screen.js';

const pack = blueprintPack([3, 3, 3, 3, 3, 3]);
/** Advances the fake clock a second at a time, letting each render finish. */
async function tick(seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i += 1) {
    await vi.advanceTimersByTimeAsync(1000);
    await settle(3);
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the home screen', () => {
  it('explains itself on a first run and names one next step', async () => {
    const s = renderScreen({ name: 'home' }, { pack });
    await s.waitFor('Due now:');
    expect(s.frame()).toContain('Welcome. examdrill shows each card and question just before you would forget\nit. Study a little every day (s), practise with quizzes (t), and rehearse with');
    expect(s.frame()).toMatch(/Next: Enter study: \d+ new items to learn today/);
    expect(s.lines().at(-1)).toContain('Enter next step');
  });

  it('q on the first screen exits with 0; Ctrl-C with 130', async () => {
    const a = renderScreen({ name: 'home' }, { pack });
    await a.waitFor('Due now:');
    a.press('q').catch(() => undefined);
    await vi.waitFor(() => expect(a.exitCode()).toBe(0));
    const b = renderScreen({ name: 'home' }, { pack });
    await b.waitFor('Due now:');
    b.press(keys.ctrlC).catch(() => undefined);
    await vi.waitFor(() => expect(b.exitCode()).toBe(130));
  });

  it('a key that does nothing says so; ? lists every key of the screen', async () => {
    const s = renderScreen({ name: 'home' }, { pack });
    await s.waitFor('Due now:');
    await s.press('z');
    expect(s.frame()).toContain('"z" does nothing here: press ? for the keys.');
    await s.press('?');
    await s.waitFor('Keys');
    expect(s.frame()).toMatch(/c\s+cram: practise everything, schedule untouched/);
    await s.press(keys.escape);
    await s.waitFor('Due now:');
  });
});

describe('the study screen', () => {
  it('shows a card, reveals it with the four ratings and records the rating', async () => {
    const p = { ...pack, cards: [card('c-one', 'd0-t0')], questions: [] };
    const port = memoryPort();
    const s = renderScreen({ name: 'study', mode: 'study' }, { pack: p, port });
    await s.waitFor('Front c-one');
    expect(s.frame()).not.toContain('Back c-one');
    await s.press(' ');
    await s.waitFor('Back c-one');
    expect(s.frame()).toMatch(/ 1 {2}Again 1m .*› 3 {2}Good 10m/);
    await s.press(keys.left);
    await s.waitFor(/› 2 {2}Hard/);
    await s.press(keys.right);
    await s.waitFor(/› 3 {2}Good/);
    await s.press(keys.enter);
    await s.waitFor('Session done: 1 answered, 1 correct (100%)');
    expect(port.events.map((e) => e.type)).toEqual(['review']);
    expect(port.state.items['c-one']!.card!.phase).toBe('learning');
  });

  it('says to show the answer first when a card is rated on its front', async () => {
    const p = { ...pack, cards: [card('c-one', 'd0-t0')], questions: [] };
    const port = memoryPort();
    const s = renderScreen({ name: 'study', mode: 'study' }, { pack: p, port });
    await s.waitFor('Front c-one');
    await s.press('3');
    await s.waitFor('Show the answer first: Space or Enter.');
    expect(port.events).toEqual([]);
  });

  it('answers a question, shows every why, and undo takes the answer back', async () => {
    const q = question('q-one', 'd0-t0', [1]);
    const p = { ...pack, cards: [], questions: [{ ...q, shuffle: false }] };
    const port = memoryPort();
    const s = renderScreen({ name: 'study', mode: 'quiz' }, { pack: p, port, options: { seed: 1 } });
    await s.waitFor('Stem of q-one');
    await s.press(keys.enter);
    expect(s.frame()).toContain('Pick an option first: 1-4 or a-d.');
    await s.press('c');
    await s.press(keys.enter);
    await s.waitFor(' wrong ');
    for (const why of ['Because 0.', 'Because 1.', 'Because 2.', 'Because 3.']) expect(s.frame()).toContain(why);
    expect(s.frame()).toContain('c) Option 2 of q-one (your pick)');
    expect(port.state.misconceptions).toEqual({ 'q-one#2': 1 });
    await s.press('u');
    await s.waitFor('Undone: the answer of that item.');
    expect(port.state.totalReviews).toBe(0);
    expect(port.state.misconceptions).toEqual({});
  });

  it('a multiple-response question says Choose N and refuses a pick too many', async () => {
    const q = { ...question('q-multi', 'd0-t0', [0, 2], 5), shuffle: false };
    const s = renderScreen({ name: 'study', mode: 'quiz' }, { pack: { ...pack, cards: [], questions: [q] }, options: { seed: 1 } });
    await s.waitFor('Choose 2.');
    await s.press('a');
    await s.press('c');
    await s.press('d');
    expect(s.frame()).toContain('Choose at most 2: unpick one first (Space or its key).');
    await s.press(keys.enter);
    await s.waitFor(' correct ');
  });
});

describe('the suspend key', () => {
  it('! takes the item on screen out of study, in the progress file; u brings it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'examdrill-suspend-'));
    try {
      const p = { ...pack, cards: [card('c-one', 'd0-t0'), card('c-two', 'd0-t0')], questions: [] };
      const store = await openProgressStore(dir, p.id, { autoFlush: false });
      const events: ProgressEvent[] = [];
      const port = { get state() { return store.state; }, events, record: (e: NewEvent) => { const ev = store.record(e); events.push(ev); return ev; } };
      const s = renderScreen({ name: 'study', mode: 'study' }, { pack: p, port });
      await s.waitFor('Front c-one');
      await s.press('!');
      await s.waitFor('Front c-two');
      expect(s.frame()).toContain('Suspended c-one: out of study. u undoes; or: examdrill item unsuspend c-one');
      expect(store.state.items['c-one']?.suspended?.reason).toBe('manual');
      await s.press('u');
      await s.waitFor('Front c-one');
      expect(store.state.items['c-one']?.suspended).toBeUndefined();
      await s.press('!');
      await s.waitFor('Front c-two');
      await s.press('?');
      await s.waitFor('Keys');
      expect(s.frame()).toMatch(/!\s+suspend this item: it leaves study/);
      await store.close();
      // What the file holds, read back by a fresh store: c-one is out of study, c-two is next.
      const again = await openProgressStore(dir, p.id, { autoFlush: false });
      expect(again.state.items['c-one']?.suspended?.reason).toBe('manual');
      expect(nextStudyItem({ pack: p, state: again.state, now: new Date(), offset: utcOffset })?.id).toBe('c-two');
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the exam screen', () => {
  it('counts down, warns, and submits itself at zero with what was answered', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-11-20T09:00:00Z'));
    const port = memoryPort();
    const s = renderScreen({ name: 'exam' }, { pack, port, clock: { now: () => new Date(), offset: utcOffset }, options: { questions: 3, minutes: 2, seed: 4 } });
    await settle();
    expect(s.frame()).toContain('Q 1/3 · 0 answered · ⚑ 0 · 2:00');
    s.type('a');
    await settle();
    expect(s.frame()).toContain('Q 1/3 · 1 answered');
    await tick(61);
    expect(s.frame()).toContain('0:59');
    expect(s.frame()).toContain('1 minute left.');
    s.type('n');
    await settle();
    expect(s.frame()).toContain('Q 2/3');
    expect(s.frame()).not.toContain('1 minute left.'); // a notice clears when the learner moves on
    await tick(60);
    expect(s.frame()).toMatch(/result: (pass|fail) \d+\/1000 \(passing 750\)/);
    expect(s.frame()).toContain('Time is up: the exam was submitted with the answers given.');
    const end = port.events.find((e) => e.type === 'exam-end');
    expect(end).toMatchObject({ outcome: 'expired', result: { total: 3 } });
    expect(port.state.activeExam).toBeNull();
    expect(port.events.filter((e) => e.type === 'exam-answer')).toHaveLength(1);
  });

  it('flags, opens the map, reviews and submits after confirming', async () => {
    const port = memoryPort();
    const s = renderScreen({ name: 'exam' }, { pack, port, options: { questions: 4, minutes: 30, seed: 2 } });
    await s.waitFor('Q 1/4');
    await s.press('b');
    await s.press('f');
    await s.waitFor('⚑ 1');
    await s.press('n');
    await s.waitFor('Q 2/4');
    await s.press('m');
    await s.waitFor('Question map');
    expect(s.frame()).toMatch(/⚑ 1 .*\[□ 2\]/);
    await s.press('4');
    await s.press(keys.enter);
    await s.waitFor('Q 4/4');
    await s.press('S');
    await s.waitFor('Review: 1 of 4 answered.');
    expect(s.frame()).toContain('Unanswered: 2, 3, 4');
    expect(s.frame()).toContain('Flagged: 1');
    await s.press(keys.enter);
    await s.waitFor('Submit the exam now? 1 of 4 answered; 3 unanswered questions score as wrong.');
    await s.press('y');
    await s.waitFor(/result: (pass|fail)/);
    expect(port.events.find((e) => e.type === 'exam-end')).toMatchObject({ outcome: 'submitted' });
  });

  it('offers an unfinished exam and resumes it with its answers and time left', async () => {
    const port = memoryPort();
    const first = renderScreen({ name: 'exam' }, { pack, port, options: { questions: 3, minutes: 30, seed: 5 } });
    await first.waitFor('Q 1/3');
    await first.press('c');
    first.unmount();
    const again = renderScreen({ name: 'exam' }, { pack, port, options: { questions: 3, minutes: 30, seed: 5 } });
    await again.waitFor(/An unfinished exam from .*: 1 of 3 answered, 30:00 left\./);
    await again.press('y');
    await again.waitFor('Q 1/3 · 1 answered');
    expect(again.frame()).toMatch(/\(•\) c\)/);
  });
});

describe('frames', () => {
  it('fit in rows - 1 and ask for a larger window below 60x20', async () => {
    const s = renderScreen({ name: 'home' }, { pack, columns: 60, rows: 20 });
    await s.waitFor('Due now:');
    expect(s.lines()).toHaveLength(19);
    expect(Math.max(...s.lines().map((l) => [...l].length))).toBeLessThanOrEqual(60);
    s.resize(50, 15);
    await s.waitFor('Make the window larger: examdrill needs 60x20');
    expect(s.frame()).toContain('(now 50x15)');
    s.resize(100, 30);
    await s.waitFor('Due now:');
    expect(s.lines()).toHaveLength(29);
  });

  it('draws the footer hints from the key table (ink-testing-library)', () => {
    const { lastFrame } = inkTestRender(<Frame title="T" body={[[{ text: 'body' }]]} screen="exam" theme={makeTheme('dark', false)} columns={100} rows={20} />);
    const last = lastFrame()!.split('\n').at(-1)!;
    expect(last).toBe('f flag · 1-8 a-h pick · n → Enter next · p ← previous · m map · ? help · q Esc back');
    expect(footerHints('exam', 30)).toBe('f flag · ? help · q Esc back');
    expect(footerHints('exam', 10)).toBe('? help');
  });
});

describe('the settings screen', () => {
  it('changes a setting from the UI, refusing a bad value', async () => {
    const port = memoryPort();
    const s = renderScreen({ name: 'home' }, { pack, port });
    await s.waitFor('Due now:');
    await s.press('o');
    await s.waitFor('retention');
    await s.press(keys.down);
    await s.press(keys.down);
    await s.press(keys.down);
    await s.waitFor(/› exam-date/);
    await s.press(keys.enter);
    for (const ch of '2027-02-30') s.type(ch);
    await s.press(keys.enter);
    await s.waitFor('exam-date must be a date as YYYY-MM-DD, or none');
    for (let i = 0; i < 2; i += 1) await s.press('\u007f');
    for (const ch of '15') s.type(ch);
    await s.press(keys.enter);
    await s.waitFor('Saved: exam-date = 2027-02-15.');
    expect(port.state.settings.examDate).toBe('2027-02-15');
    await s.press(keys.escape);
    await s.waitFor(/Exam on 2027-02-15: \d+ days left/);
  });

  it('shows parameters as "default" (FSRS-6) until a fit, never "none"', async () => {
    const s = renderScreen({ name: 'settings' }, { pack });
    await s.waitFor('retention');
    expect(s.frame()).toMatch(/^ *parameters +default /m);
    expect(s.frame()).not.toMatch(/parameters +none/);
  });

  it('home and settings suggest optimize after 1,000 reviews since the last fit; never on a fresh start', async () => {
    const fresh = renderScreen({ name: 'home' }, { pack });
    await fresh.waitFor('Due now:');
    expect(fresh.frame()).not.toContain('Run examdrill optimize');
    const port = memoryPort();
    port.record({ type: 'settings', at: '2026-01-01T12:00:00.000Z', day: '2026-01-01', key: 'parameters', value: { w: Array(21).fill(1), fittedAt: '2026-01-01T12:00:00.000Z', reviews: 900, items: 120, logLoss: 0.3, rmseBins: 0.03 } });
    port.state.days['2026-01-05'] = { reviews: 1000, correct: 900, introduced: 0, ms: 0 };
    const s = renderScreen({ name: 'home' }, { pack, port, rows: 60 });
    await s.waitFor('Due now:');
    expect(s.frame().replace(/\s+/g, ' ')).toContain('Memory model: 1000 reviews since the last fit (2026-01-01). Run examdrill optimize to fit it.');
    await s.press('o');
    await s.waitFor('retention');
    expect(s.frame().replace(/\s+/g, ' ')).toContain('Hint: 1000 reviews since the last fit (2026-01-01). Run examdrill optimize to fit it (it never runs by itself).');
  });

  it('Ctrl-C quits while a value is being typed, as on every screen', async () => {
    const s = renderScreen({ name: 'settings' }, { pack });
    await s.waitFor('retention');
    await s.press(keys.enter);
    await s.waitFor('Enter saves, Esc cancels.');
    s.type('0.8');
    s.press(keys.ctrlC).catch(() => undefined);
    await vi.waitFor(() => expect(s.exitCode()).toBe(130));
  });
});

describe('the stats screen', () => {
  it('shows the retention what-if after the first frame, one row at a time, the learner’s own marked', async () => {
    const s = renderScreen({ name: 'stats' }, { pack, rows: 80 });
    await s.waitFor('Readiness');
    await s.waitFor(/^0\.95 /m);
    const done = s.frame();
    expect(done).toContain('What if: the next 90 days at each desired retention');
    expect(done).toMatch(/^0\.90 .*\(yours\)$/m);
    expect(done).not.toContain('simulating retention');
  });
  it('shows the memory model section: parameters in use, and not enough reviews yet without history', async () => {
    const s = renderScreen({ name: 'stats' }, { pack, rows: 80 });
    await s.waitFor('Memory model: how well it predicts you');
    expect(s.frame()).toContain('Parameters: default (FSRS-6).');
    expect(s.frame()).toContain('Not enough reviews yet (0)');
  });
});

describe('scrolling', () => {
  const bodyOf = (s: { lines(): string[] }) => s.lines().slice(2, -2).join('\n');

  it('PgDn moves a page, and the position stays within the body: one ↑ at the end moves at once', async () => {
    const s = renderScreen({ name: 'stats' }, { pack, rows: 20 });
    await s.waitFor('Readiness');
    const top = bodyOf(s);
    await s.press('\u001b[6~');
    const paged = bodyOf(s);
    expect(paged).not.toBe(top);
    await s.press(keys.up);
    const oneUp = bodyOf(s);
    expect(oneUp.split('\n').slice(1)).toEqual(paged.split('\n').slice(0, -1)); // a page is more than a line
    for (let i = 0; i < 200; i += 1) s.type(keys.down);
    await settle();
    const end = bodyOf(s);
    await s.press(keys.up);
    expect(bodyOf(s)).not.toBe(end);
  });
});

describe('keys that arrive in one read', () => {
  it('are taken apart into single keys', async () => {
    const { splitKeys } = await import('../../src/ui/input-router.js');
    const none = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false };
    const keys = splitKeys('\ryA\u0003', none).map(([i, k]) => [i, k.return, k.ctrl, k.shift]);
    expect(keys).toEqual([['', true, false, false], ['y', false, false, false], ['A', false, false, true], ['c', false, true, false]]);
    expect(splitKeys('y', none)).toEqual([['y', none]]);
  });

  it('a pasted Enter and y submit the exam from the review', async () => {
    const port = memoryPort();
    const s = renderScreen({ name: 'exam' }, { pack, port, options: { questions: 2, minutes: 30, seed: 2 } });
    await s.waitFor('Q 1/2');
    await s.press('S');
    await s.waitFor('Review: 0 of 2 answered.');
    s.type('\ry');
    await s.waitFor(/result: (pass|fail)/);
    expect(s.frame()).not.toContain('does nothing');
  });
});
