import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, domainQuotas } from '../../../src/domain/exam/blueprint.js';
import { createExam } from '../../../src/domain/exam/create-exam.js';
import { answeredCount, crossedWarning, examReducer, flaggedIndices, formatClock, startExam, timeLeftMs, unansweredIndices, type ExamAction, type ExamState } from '../../../src/domain/exam/exam-reducer.js';
import { reportMarkdown } from '../../../src/domain/exam/report.js';
import { scaledScore, scoreExam } from '../../../src/domain/exam/score.js';
import { emptyProgress } from '../../../src/domain/progress/state.js';
import { blueprintPack } from '../../helpers/packs.js';
import { choiceQuestions } from '../../../src/domain/pack/types.js';

const now = new Date('2026-11-20T09:00:00Z');
const pack = blueprintPack();

describe('the blueprint', () => {
  it.each([
    [75, [22, 17, 15, 15, 14, 17], [17, 13, 11, 11, 10, 13]],
    [10, [1, 1, 1], [4, 3, 3]],
    [7, [50, 50], [4, 3]],
    [0, [1, 2], [0, 0]],
    [5, [0, 0], [0, 0]],
  ])('apportion(%i, %j) is %j (largest remainder)', (total, weights, expected) => {
    expect(apportion(total, weights)).toEqual(expected);
  });

  it.each([
    ['a short domain gives its share to the others by weight', 75, [22, 17, 15, 15, 14, 17], [5, 40, 40, 40, 40, 40], [5, 15, 14, 13, 13, 15]],
    ['a pool smaller than asked is used whole', 75, [1, 1], [10, 20], [10, 20]],
    ['zero-weight domains stay out while others have room', 10, [0, 1], [10, 10], [0, 10]],
  ])('%s', (_name, total, weights, capacity, expected) => {
    expect(domainQuotas(total, weights, capacity)).toEqual(expected);
  });
});

describe('createExam', () => {
  it('the same seed and progress always give the same exam', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 100 }), (seed, questions) => {
        const a = createExam(pack, emptyProgress(), { seed, now, questions });
        const b = createExam(pack, emptyProgress(), { seed, now, questions });
        expect(a).toEqual(b);
      }),
      { numRuns: 50 },
    );
  });

  it('domain counts match the weights within one question wherever every domain has enough', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 6, max: 100 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 6, maxLength: 6 }), (seed, total, weights) => {
        const p = blueprintPack([120, 120, 120, 120, 120, 120], weights);
        const { spec } = createExam(p, emptyProgress(), { seed, now, questions: total });
        const sum = weights.reduce((a, b) => a + b, 0);
        const counts = p.domains.map((d) => spec.questionIds.filter((id) => id.startsWith(`${d.id}-`)).length);
        counts.forEach((n, i) => expect(Math.abs(n - (total * weights[i]!) / sum)).toBeLessThan(1));
        expect(new Set(spec.questionIds).size).toBe(total);
      }),
      { numRuns: 60 },
    );
  });

  it('spreads topics within a domain and says when the pool is short', () => {
    const { spec } = createExam(pack, emptyProgress(), { seed: 1, now, questions: 24 });
    const d0 = spec.questionIds.filter((id) => id.startsWith('d0-'));
    const t0 = d0.filter((id) => Number(id.split('-q')[1]) % 2 === 0).length;
    expect(Math.abs(t0 - (d0.length - t0))).toBeLessThanOrEqual(1);
    const short = createExam(blueprintPack([3, 3, 3, 3, 3, 3]), emptyProgress(), { seed: 1, now });
    expect(short.shortfall).toEqual({ asked: 75, available: 18 });
    expect(short.spec.questionIds).toHaveLength(18);
  });

  it('prefers the questions the learner has seen least', () => {
    const state = emptyProgress();
    for (const q of pack.questions.filter((q) => q.id.startsWith('d0-'))) if (Number(q.id.split('-q')[1]) >= 10) state.items[q.id] = { kind: 'question', card: null, seen: 3, correct: 3, recent: 1 };
    const { spec } = createExam(pack, state, { seed: 5, now, questions: 40 });
    const seenPicked = spec.questionIds.filter((id) => id.startsWith('d0-') && Number(id.split('-q')[1]) >= 10);
    expect(seenPicked).toEqual([]);
  });

  it('adds the accommodation to the blueprint time, but not to an override', () => {
    expect(createExam(pack, emptyProgress(), { seed: 1, now, extraMinutes: 30 }).spec.minutes).toBe(210);
    expect(createExam(pack, emptyProgress(), { seed: 1, now, minutes: 60, extraMinutes: 30 }).spec.minutes).toBe(60);
  });
});

describe('the exam reducer', () => {
  const spec = createExam(pack, emptyProgress(), { seed: 9, now, questions: 4, minutes: 10 }).spec;
  const start = (): ExamState => startExam(spec, 0);
  const run = (actions: ExamAction[], s = start()) => actions.reduce(examReducer, s);

  it.each<[string, ExamAction[], (s: ExamState) => unknown, unknown]>([
    ['a pick answers with the option shown there, in pack terms', [{ type: 'select-option', position: 0, multiple: false }], (s) => s.answers[0], [spec.optionOrders[0]![0]]],
    ['a second single pick replaces the first', [{ type: 'select-option', position: 0, multiple: false }, { type: 'select-option', position: 2, multiple: false }], (s) => s.answers[0], [spec.optionOrders[0]![2]]],
    ['multiple-response picks toggle', [{ type: 'select-option', position: 1, multiple: true }, { type: 'select-option', position: 3, multiple: true }, { type: 'select-option', position: 1, multiple: true }], (s) => s.answers[0], [spec.optionOrders[0]![3]]],
    ['clearing leaves it unanswered', [{ type: 'select-option', position: 1, multiple: false }, { type: 'clear-answer' }], (s) => s.answers[0], null],
    ['flags toggle', [{ type: 'toggle-flag' }, { type: 'next' }, { type: 'toggle-flag' }, { type: 'toggle-flag' }], flaggedIndices, [0]],
    ['next and previous stay in range', [{ type: 'previous' }, { type: 'next' }, { type: 'next' }, { type: 'next' }, { type: 'next' }], (s) => s.current, 3],
    ['go-to ignores a number out of range', [{ type: 'go-to', index: 2 }, { type: 'go-to', index: 9 }], (s) => s.current, 2],
    ['ticks use up time', [{ type: 'tick', now: 60_000 }, { type: 'tick', now: 90_000 }], timeLeftMs, 510_000],
    ['paused time does not count', [{ type: 'tick', now: 60_000 }, { type: 'pause', now: 60_000 }, { type: 'resume', now: 500_000 }, { type: 'tick', now: 560_000 }], timeLeftMs, 480_000],
    ['at zero the exam expires', [{ type: 'tick', now: 600_000 }], (s) => s.phase, 'expired'],
    ['submit ends it', [{ type: 'select-option', position: 0, multiple: false }, { type: 'submit', now: 1000 }], (s) => [s.phase, answeredCount(s)], ['submitted', 1]],
  ])('%s', (_name, actions, select, expected) => {
    expect(select(run(actions))).toEqual(expected);
  });

  it('expiry freezes answers and flags', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant<ExamAction>({ type: 'toggle-flag' }), fc.constant<ExamAction>({ type: 'next' }), fc.integer({ min: 0, max: 3 }).map<ExamAction>((position) => ({ type: 'select-option', position, multiple: false }))), { maxLength: 20 }), (after) => {
        const expired = run([{ type: 'select-option', position: 1, multiple: false }, { type: 'tick', now: 700_000 }]);
        const later = run(after, expired);
        expect(later.answers).toEqual(expired.answers);
        expect(later.flags).toEqual(expired.flags);
        expect(later.phase).toBe('expired');
      }),
    );
  });

  it('a resumed exam keeps its answers and time used; one out of time is expired at once', () => {
    const saved = { answers: [[1], null, null, null], flags: [false, true, false, false], elapsedMs: 200_000 };
    const resumed = startExam(spec, 5_000_000, saved);
    expect([resumed.phase, timeLeftMs(resumed), unansweredIndices(resumed), flaggedIndices(resumed)]).toEqual(['in-progress', 400_000, [1, 2, 3], [1]]);
    expect(startExam(spec, 0, { ...saved, elapsedMs: 600_000 }).phase).toBe('expired');
  });

  it.each([
    [31 * 60_000, 29 * 60_000, 30],
    [10 * 60_000 + 1, 10 * 60_000, 10],
    [61_000, 59_000, 1],
    [29 * 60_000, 28 * 60_000, undefined],
  ])('crossing from %i to %i ms left warns at %s minutes', (before, after, expected) => {
    expect(crossedWarning(before, after)).toBe(expected);
  });

  it.each([
    [10_800_000, '3:00:00'],
    [9_061_000, '2:31:01'],
    [245_000, '4:05'],
    [400, '0:01'],
  ])('formatClock(%i) is %s', (ms, text) => expect(formatClock(ms)).toBe(text));
});

describe('scoring', () => {
  it.each([
    [0, 75, 100],
    [75, 75, 1000],
    [54, 75, 748],
    [55, 75, 760],
  ])('%i of %i correct scales to %i', (c, t, s) => expect(scaledScore(c, t)).toBe(s));

  it('an unanswered question never scores, whatever else is answered', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), (seed, answerMask) => {
        const { spec } = createExam(pack, emptyProgress(), { seed, now, questions: 10 });
        const key = (id: string) => choiceQuestions(pack).find((q) => q.id === id)!.options.flatMap((o, i) => (o.correct ? [i] : []));
        const answers = spec.questionIds.map((id, i) => (answerMask[i] ? key(id) : null));
        const result = scoreExam(pack, spec, answers);
        expect(result.correct).toBe(answerMask.filter(Boolean).length);
        expect(result.domains.reduce((s, d) => s + d.correct, 0)).toBe(result.correct);
        expect(result.total).toBe(10);
      }),
      { numRuns: 50 },
    );
  });

  it('draws a bar for every domain in the Markdown report, whatever the lengths of the titles', () => {
    const titled = { ...pack, domains: pack.domains.map((d, i) => ({ ...d, title: i === 0 ? 'A rather long domain title' : `D${i}` })) };
    const { spec } = createExam(titled, emptyProgress(), { seed: 3, now, questions: 12 });
    const answers = spec.questionIds.map(() => null);
    const record = { ...spec, startedAt: now.toISOString(), endedAt: now.toISOString(), outcome: 'submitted' as const, elapsedMs: 60_000, answers, flags: answers.map(() => false), result: scoreExam(titled, spec, answers) };
    const rows = reportMarkdown(titled, record).split('\n').filter((l) => /^\| (A rather|D\d)/.test(l));
    expect(rows).toHaveLength(titled.domains.length);
    for (const row of rows) expect(row).toMatch(/^\| [^|]+ \| `\.{20}` 0\/\d+ \|$/);
  });

  it('passes at the passing score and only the exact set scores', () => {
    const { spec } = createExam(pack, emptyProgress(), { seed: 2, now, questions: 4 });
    const keys = spec.questionIds.map((id) => choiceQuestions(pack).find((q) => q.id === id)!.options.flatMap((o, i) => (o.correct ? [i] : [])));
    expect(scoreExam(pack, spec, keys)).toMatchObject({ correct: 4, scaled: 1000, passed: true });
    const partial = keys.map((k) => (k.length > 1 ? k.slice(0, 1) : k));
    const multi = keys.filter((k) => k.length > 1).length;
    expect(scoreExam(pack, spec, partial).correct).toBe(4 - multi);
  });
});
