import { describe, expect, it } from 'vitest';
import { lintPack } from '../../../src/domain/pack/lint.js';
import type { ChoiceQuestion as Question, Pack } from '../../../src/domain/pack/types.js';
import { formatIssue } from '../../../src/domain/pack/issues.js';
import { stemSaysHowMany } from '../../../src/domain/pack/types.js';
import { blueprintPack, question } from '../../helpers/packs.js';
import { formatRealism, hedges, isStatementItem, realismMeasures, realismWarnings } from '../../../src/domain/pack/realism.js';

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

describe('realism measures', () => {
  // A scenario stem of 75 words with a requirement phrase, varied by n so no two are alike.
  const scenario = (n: number) =>
    `Company ${n} runs ${['an order', 'a billing', 'a media', 'a search', 'a reporting'][n % 5]} service number ${n * 13} on Elastic Beanstalk with ${n + 2} instances behind a load balancer in ${n % 3 === 0 ? 'two' : 'three'} Availability Zones. ` +
    `Deployments of version ${n}.${n * 3} take the site down for ${n + 4} minutes each week, and customers in region ${n * 7} complain about failed checkouts during ${n % 2 ? 'the morning' : 'the evening'} release. ` +
    `The auditors record every release in a change log. The team wants releases that keep the site up and with the LEAST operational overhead for ticket ${n * 17}. What should a DevOps engineer do?`;
  const realistic = (n: number): Question[] =>
    Array.from({ length: n }, (_, i) => ({ ...question(`r${i}`, `d${i % 6}-t0`, [i % 4]), stem: scenario(i), source: { file: 'items.yaml', line: 10 * i + 1, column: 5, path: `questions[${i}]` } }));
  const packOf = (qs: Question[]): Pack => ({ ...base, exam: { ...base.exam, questions: 5 }, topics: base.topics.filter((t) => qs.some((q) => q.topic === t.id)), questions: qs });
  const weighted = (qs: Question[]): Pack => ({ ...packOf(qs), domains: base.domains.map((d) => ({ ...d, weight: 1 })) });

  it('measures a realistic pack and finds nothing to warn about', () => {
    const pack = weighted(realistic(24));
    const m = realismMeasures(pack);
    expect(m.medianStemWords).toBeGreaterThanOrEqual(70);
    expect(m.shortShare).toBe(0);
    expect(m.requirementShare).toBe(1);
    expect(m.positionShares).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(realismWarnings(pack)).toEqual([]);
    expect(warnings(pack)).toEqual([]);
  });

  it('short stems are warned at their own line once they pass 10%', () => {
    const qs = realistic(24);
    qs[3] = { ...qs[3]!, stem: 'Which deployment policy keeps full capacity with the LEAST cost?' };
    qs[9] = { ...qs[9]!, stem: 'Which deployment policy replaces instances with the LEAST risk?' };
    expect(realismWarnings(weighted(qs))).toEqual([]);
    qs[15] = { ...qs[15]!, stem: 'Which deployment policy shifts traffic with the LEAST effort?' };
    expect(realismWarnings(weighted(qs)).map((w) => formatIssue(w))).toEqual([
      'items.yaml:31:5 questions[3]: r3: stem of 10 words, and 13% of stems are under 40 (limit 10%): write it as a scenario',
      'items.yaml:91:5 questions[9]: r9: stem of 9 words, and 13% of stems are under 40 (limit 10%): write it as a scenario',
      'items.yaml:151:5 questions[15]: r15: stem of 9 words, and 13% of stems are under 40 (limit 10%): write it as a scenario',
    ]);
  });

  it('a missing requirement phrase, too many statement items, a median too short', () => {
    const qs = realistic(24).map((q, i) => ({ ...q, stem: q.stem.replace('with the LEAST operational overhead', i < 10 ? 'at last' : 'with the fewest changes') }));
    expect(realismMeasures(weighted(qs)).requirementShare).toBeCloseTo(14 / 24);
    expect(warnings(weighted(qs))).toEqual([expect.stringMatching(/^pack\.yaml:1:1: 58% of stems state a requirement .*none in e\.g\. r0, r1, r2$/)]);
    const statements = realistic(24).map((q, i) => (i < 9 ? { ...q, stem: `${q.stem} Which statements about it are correct?` } : q));
    const w = warnings(weighted(statements));
    expect(w).toHaveLength(9);
    expect(w[0]).toBe('items.yaml:1:5 questions[0]: r0 asks which statements are correct; the pack has 9 such items (limit 8): turn it into a scenario');
    expect(isStatementItem('Which of the following is true?')).toBe(true);
    expect(isStatementItem('Which deployment policy is correct for this team?')).toBe(false);
  });

  it('written-position bias in single-answer and two-answer items', () => {
    const qs = realistic(24).map((q, i) => (i < 4 ? { ...question(q.id, q.topic, [0]), stem: q.stem, source: q.source } : q));
    const w = warnings(weighted(qs));
    expect(w).toContain('pack.yaml:1:1: option A is the written key of 38% of single-answer questions (target 20%-30%): exports keep the written order, so move keys to other positions');
    const twos = realistic(24).map((q, i) => (i < 6 ? { ...question(q.id, q.topic, i < 2 ? [0, 1] : [1, 3]), stem: q.stem.replace('What should', 'Which two actions should') } : q));
    expect(realismMeasures(weighted(twos))).toMatchObject({ firstTwo: 2, twoAnswer: 6 });
    expect(warnings(weighted(twos)).some((x) => x.includes('keyed exactly A and B'))).toBe(true);
    const fewer = realistic(24).map((q, i) => (i < 6 ? { ...question(q.id, q.topic, i < 1 ? [0, 1] : [1, 3]), stem: q.stem } : q));
    expect(warnings(weighted(fewer)).some((x) => x.includes('keyed exactly A and B'))).toBe(false);
  });

  it('hedges on correct options much more often than on wrong ones', () => {
    const hedge = (q: Question, k: number): Question => ({ ...q, options: q.options.map((o) => (o.correct && k < 6 ? { ...o, text: `${o.text}, for example a queue` } : o)) });
    const qs = realistic(24).map(hedge);
    const m = realismMeasures(weighted(qs));
    expect(m.hedgeCorrect).toBe(0.25);
    expect(m.hedgeRatio).toBe(Infinity);
    expect(warnings(weighted(qs))).toEqual([expect.stringMatching(/^pack\.yaml:1:1: 25% of correct options hedge .*ratio infinite/)]);
    expect(hedges('Use a cron.yaml, or an EventBridge rule')).toBe(true);
    expect(hedges('Use the worker tier or a Lambda function')).toBe(false);
  });

  it('domain balance against the weights, and no realism warning on a small pack', () => {
    const qs = realistic(24).map((q, i) => (i % 6 === 5 ? { ...q, topic: 'd0-t0' } : q));
    const w = warnings(weighted(qs));
    expect(w).toContain('pack.yaml:1:1 domains: domain d0 holds 33% of the questions against an exam weight of 17% (target within 2 points)');
    expect(w).toContain('pack.yaml:1:1 domains: domain d5 holds 0% of the questions against an exam weight of 17% (target within 2 points)');
    expect(realismWarnings(clean(balanced(8)))).toEqual([]);
    expect(formatRealism(realismMeasures(weighted(realistic(24))))[1]).toMatch(/^ {2}stem words: median \d+ \(target >= 70\), under 40: 0% \(target <= 10%\)$/);
  });
});
