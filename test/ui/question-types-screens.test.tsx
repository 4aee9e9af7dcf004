/**
 * The full-screen UI for every question type: true-false, short answer, numerical, matching,
 * ordering and case study, in study, quiz and the exam, with the keys each takes (key-map.ts).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Pack, Question } from '../../src/domain/pack/types.js';
import { optionOrder } from '../../src/domain/study/options.js';
import { loadPack } from '../../src/store/pack/load-pack.js';
import { footerHints } from '../../src/ui/components/frame.js';
import { bindingsFor } from '../../src/ui/keys/key-map.js';
import { FIXTURES } from '../helpers/run-cli.js';
import { keys, memoryPort, renderScreen } from '../helpers/render-screen.js';

let full: Pack;
beforeAll(async () => {
  const loaded = await loadPack(join(FIXTURES, 'qtypes-packs', 'qtypes'));
  if (!loaded.ok) throw new Error('the qtypes fixture pack does not load');
  full = loaded.pack;
});

/** The fixture pack with only the given questions and no cards. */
const only = (...ids: string[]): Pack => ({ ...full, cards: [], questions: ids.map((id) => full.questions.find((q) => q.id === id)!) });
const quiz = (p: Pack, o: Partial<Parameters<typeof renderScreen>[1]> = {}) => renderScreen({ name: 'study', mode: 'quiz' }, { pack: p, options: { seed: 7 }, ...o });

describe('true-false in the full-screen UI', () => {
  it('shows True and False as two options, picked with b, and the why of each side', async () => {
    const s = quiz(only('tf-visibility'));
    await s.waitFor('True or false?');
    expect(s.frame()).toContain('a) True');
    expect(s.frame()).toContain('b) False');
    await s.press('b');
    await s.press(keys.enter);
    await s.waitFor(' wrong ');
    expect(s.frame()).toContain('You answered false; the statement is true.');
    expect(s.frame()).toContain('Why true: A 200 response tells the daemon');
  });
});

describe('short answer and numerical', () => {
  it('types into the field: q and ? are text there, Backspace erases, Enter submits', async () => {
    const port = memoryPort();
    const s = quiz(only('sa-dockerrun'), { port });
    await s.waitFor('Type your answer.');
    // ? on the empty field shows the field's keys; with text in it, ? is text.
    await s.press('?');
    await s.waitFor('type the answer (any key that prints');
    await s.press(keys.escape);
    await s.waitFor('Type your answer.');
    for (const ch of 'q?') await s.press(ch);
    expect(s.frame()).toContain('Answer: q?');
    await s.press('\u007f');
    await s.press('\u007f');
    expect(s.frame()).not.toContain('Answer: q');
    for (const ch of 'DOCKERRUN.aws.json') await s.press(ch);
    await s.press(keys.enter);
    await s.waitFor(' correct ');
    expect(s.frame()).toContain('You typed: DOCKERRUN.aws.json');
    expect(port.events.filter((e) => e.type === 'review')).toHaveLength(1);
  });

  it('a paste arrives as text; an empty field refuses Enter; the footer names no q-back', async () => {
    const s = quiz(only('num-timeout'));
    await s.waitFor('Type a number');
    expect(s.frame()).not.toContain('q Esc back');
    await s.press(keys.enter);
    expect(s.frame()).toContain('is not a number');
    await s.press('45 seconds');
    expect(s.frame()).toContain('Answer: 45 seconds');
    await s.press(keys.enter);
    await s.waitFor(' wrong ');
    expect(s.frame()).toContain('Accepted: 30');
  });

  it('Esc on the field goes back without recording anything', async () => {
    const port = memoryPort();
    const s = renderScreen({ name: 'home' }, { pack: only('sa-dockerrun'), port, options: { seed: 7 } });
    await s.waitFor('study');
    await s.press('t');
    await s.waitFor('Type your answer.');
    await s.press('x');
    await s.press(keys.escape);
    await s.waitFor(/examdrill|Question types/);
    expect(port.events.filter((e) => e.type === 'review')).toHaveLength(0);
  });
});

describe('study (scheduled) with the other types', () => {
  it('rates a typed answer from its result and schedules it; the next new item follows', async () => {
    const port = memoryPort();
    const s = renderScreen({ name: 'study', mode: 'study' }, { pack: only('num-timeout', 'tf-visibility'), port, options: { seed: 7 } });
    await s.waitFor(/Type a number|True or false\?/);
    if (s.frame().includes('Type a number')) {
      await s.press('3');
      await s.press('0');
    } else await s.press('a');
    await s.press(keys.enter);
    await s.waitFor(' correct ');
    const review = port.events.find((e) => e.type === 'review');
    expect(review).toMatchObject({ mode: 'study', rating: 3, correct: true });
    expect(review && 'after' in review && review.after).toBeTruthy();
    await s.press(keys.enter);
    await s.waitFor(/Type a number|True or false\?/);
    expect(s.frame()).toMatch(/due \d+ · new \d+/);
  });
});

describe('matching', () => {
  it('pairs each left item with a number, moves on to the next unpaired, scores per pair', async () => {
    const p = only('match-invocation');
    const q = p.questions[0]! as Extract<Question, { type: 'matching' }>;
    const order = optionOrder(q, 7);
    const rights = [...q.pairs.map((x) => x.right), ...q.distractors];
    const numberOf = (right: string) => String(order.findIndex((k) => rights[k] === right) + 1);
    const s = quiz(p);
    await s.waitFor('Right items:');
    await s.press(keys.enter);
    expect(s.frame()).toContain('Pair every left item: a, b, c have no right item yet');
    await s.press(numberOf('Asynchronous'));
    expect(s.frame()).toMatch(/a\) Amazon S3 event notification +→ \d\) Asynchronous/);
    // The cursor went on to b: pair it wrongly, then c rightly.
    await s.press(numberOf('Synchronous'));
    await s.press(numberOf('Synchronous'));
    await s.press('9');
    expect(s.frame()).toContain('There is no right item 9: 1 to 4.');
    await s.press(keys.enter);
    await s.waitFor(' wrong ');
    expect(s.frame()).toContain('2 of 3 pairs right.');
    expect(s.frame()).toContain('no Amazon SQS queue -> Synchronous (right: Event source mapping (polling))');
  });

  it('Backspace clears the highlighted pair', async () => {
    const s = quiz(only('match-invocation'));
    await s.waitFor('Right items:');
    await s.press('1');
    await s.press(keys.up);
    expect(s.frame()).toMatch(/› a\) Amazon S3 event notification +→ 1\)/);
    await s.press('\u007f');
    expect(s.frame()).toMatch(/› a\) Amazon S3 event notification +→ _/);
  });
});

describe('ordering', () => {
  it('Space picks a step up, ↑↓ carry it, Space puts it down; Enter scores the order', async () => {
    const p = only('order-worker');
    const q = p.questions[0]! as Extract<Question, { type: 'ordering' }>;
    const s = quiz(p);
    await s.waitFor('Put these steps in order');
    // Sort by carrying each right step up to its place (a selection sort by keys).
    const shown = optionOrder(q, 7);
    for (let target = 0; target < shown.length; target += 1) {
      const from = shown.indexOf(target);
      // Go to the step, pick it up, carry it up to `target`, put it down.
      const cursorNow = target === 0 ? 0 : target - 1;
      for (let i = cursorNow; i < from; i += 1) await s.press(keys.down);
      for (let i = cursorNow; i > from; i -= 1) await s.press(keys.up);
      if (from !== target) {
        await s.press(' ');
        expect(s.frame()).toContain('≡');
        for (let i = from; i > target; i -= 1) await s.press(keys.up);
        await s.press(' ');
        shown.splice(from, 1);
        shown.splice(target, 0, target);
      }
    }
    expect(s.frame()).toMatch(/1\. The daemon reads a message from the SQS queue\./);
    await s.press(keys.enter);
    await s.waitFor(' correct ');
    expect(s.frame()).toContain('Right: every step in its place.');
  });

  it('an order left as shown is wrong, with the positions that were right', async () => {
    const s = quiz(only('order-worker'));
    await s.waitFor('Put these steps in order');
    await s.press(keys.enter);
    await s.waitFor(' wrong ');
    expect(s.frame()).toMatch(/Wrong order: \d of 4 positions right/);
  });
});

describe('case study', () => {
  it('shows the scenario and every part; Enter answers them in order; scored per part', async () => {
    const port = memoryPort();
    const s = quiz(only('case-worker'), { port });
    await s.waitFor('Part 1 of 3');
    expect(s.frame()).toContain('Part 2 of 3');
    expect(s.frame()).toContain('Part 3 of 3');
    expect(s.frame()).toContain('A team runs an Elastic Beanstalk worker environment');
    await s.press('a');
    await s.press(keys.enter);
    // Part 2 is a number: its field takes the keys.
    await s.waitFor('Type a number');
    await s.press('3');
    await s.press(keys.enter);
    await s.waitFor('Which response code makes the daemon delete the message?');
    const part3 = full.questions.find((q) => q.id === 'case-worker')!;
    expect(part3.type).toBe('case-study');
    // Pick the wrong option of part 3: whichever letter shows 500.
    const line = s.lines().find((l) => l.includes('500 Internal Server Error'))!;
    await s.press(/([a-c])\) 500/.exec(line)![1]!);
    await s.press(keys.enter);
    await s.waitFor(' wrong ');
    expect(s.frame()).toContain('2 of 3 parts right.');
    const review = port.events.find((e) => e.type === 'review');
    expect(review).toMatchObject({ item: 'case-worker', correct: false });
  });

  it('Tab moves to another part; Enter on the last part goes back to the one still open', async () => {
    const s = quiz(only('case-worker'));
    await s.waitFor('▸ Part 1 of 3');
    await s.press('\t');
    await s.waitFor('▸ Part 2 of 3');
    await s.press('3');
    await s.press(keys.enter);
    await s.waitFor('▸ Part 3 of 3');
    await s.press('a');
    await s.press(keys.enter);
    await s.waitFor('▸ Part 1 of 3');
  });

  it('fits a 60x20 terminal, scrolling to the part being answered', async () => {
    const s = quiz(only('case-worker'), { columns: 60, rows: 20 });
    await s.waitFor('Part 1 of 3');
    await s.press('a');
    await s.press(keys.enter);
    await s.press('3');
    await s.press(keys.enter);
    await s.waitFor('▸ Part 3 of 3');
    const lines = s.lines();
    expect(lines.length).toBeLessThanOrEqual(19);
    expect(lines.every((l) => l.length <= 59)).toBe(true);
    expect(s.frame()).toContain('200 OK');
  });
});

describe('the exam with every type', () => {
  it('answers each type with its keys, keeps typed text across questions, and reports them', async () => {
    const port = memoryPort();
    const s = renderScreen({ name: 'exam' }, { pack: full, port, options: { seed: 3 } });
    await s.waitFor('Question 1');
    const seen = new Set<string>();
    for (let i = 0; i < full.questions.length; i += 1) {
      const f = s.frame();
      if (f.includes('Type your answer.')) {
        seen.add('short');
        for (const ch of 'Dockerrun.aws.json') await s.press(ch);
        // f is text here, not a flag.
        expect(s.frame()).toContain('Answer: Dockerrun.aws.json');
      } else if (f.includes('Part 1 of 3')) {
        seen.add('case');
        await s.press('a');
        await s.press('\t');
        await s.press('3');
        await s.press(keys.escape);
        await s.waitFor('i Space edit answer');
        await s.press('f');
        await s.waitFor('⚑ flagged');
      } else if (f.includes('Put these steps in order')) {
        seen.add('order');
        await s.press(' ');
        await s.press(keys.down);
        await s.press(' ');
      } else if (f.includes('Right items:')) {
        seen.add('match');
        await s.press('1');
      } else if (f.includes('Type a number')) {
        seen.add('number');
        await s.press('3');
        await s.press('0');
      } else if (f.includes('True or false?')) {
        seen.add('tf');
        await s.press('a');
      } else {
        seen.add('choice');
        await s.press('a');
      }
      if (i < full.questions.length - 1) await s.press(keys.enter);
    }
    expect([...seen].sort()).toEqual(['case', 'choice', 'match', 'number', 'order', 'short', 'tf']);
    // Back to the short answer through the map: the text typed is in its field.
    const ids = port.state.activeExam!.spec.questionIds;
    // In a text field m is a letter: Esc leaves the field first.
    if (s.frame().includes('█')) await s.press(keys.escape);
    await s.press('m');
    for (const ch of String(ids.indexOf('sa-dockerrun') + 1)) await s.press(ch);
    await s.press(keys.enter);
    await s.waitFor('Answer: Dockerrun.aws.json█');
    await s.press(keys.escape);
    await s.waitFor('i Space edit answer');
    await s.press('S');
    await s.waitFor('Review:');
    expect(s.frame()).toContain('Unanswered: none');
    expect(s.frame()).toMatch(/Flagged: \d/);
    await s.press(keys.enter);
    await s.press('y');
    await s.waitFor(/\d+\/1000/);
    expect(port.state.exams).toHaveLength(1);
    const record = port.state.exams[0]!;
    const answers = record.answers as readonly unknown[];
    expect(answers.every((a) => a !== null)).toBe(true);
    const byId = new Map(full.questions.map((q) => [q.id, q]));
    const at = (id: string) => answers[record.questionIds.indexOf(id)];
    expect(at('sa-dockerrun')).toBe('Dockerrun.aws.json');
    expect(at('num-timeout')).toBe('30');
    expect(at('case-worker')).toMatchObject({ parts: [true, '3', null] });
    expect(byId.size).toBe(7);
    expect(s.frame()).toMatch(/Deployments|Serverless/);
  });
});

describe('the key table', () => {
  it('each new kind of screen lists its own keys in ? help and in the footer', () => {
    const described = (kind: Parameters<typeof bindingsFor>[0]) => bindingsFor(kind, false).map((b) => `${b.keys} ${b.description}`).join('\n');
    expect(described('typing')).toContain('letters type the answer');
    expect(described('typing')).not.toMatch(/^\? /m);
    expect(described('exam-typing')).toContain('Esc leave the field');
    expect(described('exam-typed')).toContain('i Space type the answer again');
    expect(described('matching')).toContain('1-9 0 the number of the right item');
    expect(described('ordering')).toContain('Space pick up the highlighted step');
    expect(described('exam-ordering')).toContain('f flag for review');
    expect(footerHints('exam-matching', 200)).toContain('1-9 0 pair');
    expect(footerHints('ordering', 200)).toContain('Space pick up/put down');
  });
});
