import { describe, expect, it } from 'vitest';
import { lintPack } from '../../../src/domain/pack/lint.js';
import type { Pack, Question } from '../../../src/domain/pack/types.js';
import { formatIssue } from '../../../src/domain/pack/issues.js';
import { stemSaysHowMany } from '../../../src/domain/pack/types.js';
import { blueprintPack, question } from '../../helpers/packs.js';

const base = blueprintPack([3, 3, 3, 3, 3, 3]);
const clean = (qs: Question[], exam = 5): Pack => ({ ...base, exam: { ...base.exam, questions: exam }, topics: base.topics.filter((t) => qs.some((q) => q.topic === t.id)), questions: qs });
const balanced = (n: number, topic = 'd0-t0') =>
  Array.from({ length: n }, (_, i) => {
    const q = question(`q${i}`, topic, [i % 4]);
    // Equal lengths: no option is strictly the longest.
    return { ...q, stem: `A distinct scenario number ${i} about ${['queues', 'tiers', 'cron', 'docker', 'lambda', 'vpc', 'kms', 'logs'][i % 8]} and ${i * 7}.` };
  });
const warnings = (pack: Pack) => lintPack(pack).map((w) => formatIssue(w));

describe('pack lint', () => {
  it('a clean pack has no warning', () => {
    expect(warnings(clean(balanced(8)))).toEqual([]);
  });

  it('an option without a why', () => {
    const qs = balanced(6);
    qs[2] = { ...qs[2]!, options: qs[2]!.options.map((o, i) => (i === 1 ? { text: o.text, correct: o.correct } : o)) };
    expect(warnings(clean(qs))).toEqual(['items.yaml:1:5 questions[0].options[1]: option 2 of q2 has no `why`: say why it is right or wrong']);
  });

  it('a question without a link', () => {
    const qs = balanced(6);
    qs[3] = { ...qs[3]!, refs: [] };
    expect(warnings(clean(qs))).toEqual(['items.yaml:1:5 questions[0]: q3 has no documentation link in `refs`']);
  });

  it('the correct option is the longest too often', () => {
    const qs = balanced(10).map((q, i) => (i < 4 ? { ...q, options: q.options.map((o) => (o.correct ? { ...o, text: `${o.text} with a much longer tail` } : o)) } : q));
    expect(warnings(clean(qs))).toEqual(['pack.yaml:1:1: the correct option is the strictly longest in 4 of 10 single-answer questions (40%, limit 35%): learners learn to pick the longest; lengthen distractors in e.g. q0, q1, q2']);
  });

  it('answer positions unbalanced where shuffle is off', () => {
    const qs = balanced(6).map((q) => ({ ...question(q.id, q.topic, [0]), stem: q.stem, shuffle: false }));
    expect(warnings(clean(qs))).toEqual(['pack.yaml:1:1: answer positions are unbalanced: option 1 is correct in 6 of 6 questions with `shuffle: false`']);
  });

  it('duplicate and near-duplicate stems', () => {
    const qs = balanced(6);
    qs[4] = { ...qs[4]!, stem: qs[1]!.stem };
    const long = 'A worker environment keeps failing long video jobs after five minutes while the queue grows and the team needs the least effort fix.';
    qs[2] = { ...qs[2]!, stem: long };
    qs[5] = { ...qs[5]!, stem: `${long} Choose one.` };
    expect(warnings(clean(qs))).toEqual(expect.arrayContaining([expect.stringMatching(/: duplicate stem: q4 and q1 \(items\.yaml:1\)$/), expect.stringMatching(/: near-duplicate stem \(\d+% alike\): q5 and q2/)]));
  });

  it('"all of the above" in a shuffled question', () => {
    const qs = balanced(6);
    qs[0] = { ...qs[0]!, options: [...qs[0]!.options.slice(0, 3), { text: 'All of the above', correct: false, why: 'No.' }] };
    expect(warnings(clean(qs))).toEqual(['items.yaml:1:5 questions[0].options[3]: "All of the above" in a shuffled question: the option moves, so set `shuffle: false` or reword it']);
  });

  it('a topic with no questions, and a pool smaller than the exam', () => {
    const pack = { ...clean(balanced(6)), topics: [...base.topics] };
    const w = warnings({ ...pack, exam: { ...pack.exam, questions: 75 } });
    expect(w).toContain('pack.yaml:1:1 topics: topic d1-t0 has no questions: quizzes and exams cannot cover it');
    expect(w).toContain('pack.yaml:1:1 exam.questions: the pool holds 6 questions, fewer than the 75 a mock exam asks for');
  });
});

describe('stemSaysHowMany', () => {
  it.each([
    ['Which actions meet both requirements? (Choose two.)', true],
    ['Pick the right ones. (Select THREE)', true],
    ['(choose 2)', true],
    ['Which two services? Choose wisely.', false],
    ['Which service should they choose?', false],
  ])('%j -> %s', (stem, expected) => expect(stemSaysHowMany(stem)).toBe(expected));
});

describe('choose counts', () => {
  it('warns when the stem says choose N but another number of options is correct', () => {
    const qs = balanced(6);
    qs[1] = { ...question('q1', 'd0-t0', [0, 2], 5), stem: 'Which two settings apply? (Choose three.)' };
    expect(warnings(clean(qs))).toEqual(['items.yaml:1:5 questions[0]: the stem says choose 3 but q1 has 2 correct options']);
  });
});
