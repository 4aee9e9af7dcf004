import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newCardState, type Rating } from '../../../src/domain/scheduler/fsrs-adapter.js';
import { buildReview, capDueForExam, isAnswerCorrect, ratingForAnswer } from '../../../src/domain/study/review.js';
import { question } from '../../helpers/packs.js';

const DAY = 86_400_000;
const scheduler = { retention: 0.9, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500, fuzz: true };

describe('grading', () => {
  const multi = question('m', 't', [1, 3], 5);
  it.each([
    [[1, 3], true],
    [[3, 1], true],
    [[1], false],
    [[1, 3, 4], false],
    [[0, 2], false],
    [[], false],
  ])('a multiple-response answer %j scores %s (only the exact set)', (chosen, expected) => {
    expect(isAnswerCorrect(multi, chosen)).toBe(expected);
  });

  it.each([
    [false, 5_000, 1],
    [true, 5_000, 3],
    [true, 10 * 60_000, 2],
  ])('right=%s after %i ms rates %i (wrong is Again, slow right is Hard)', (correct, ms, rating) => {
    expect(ratingForAnswer(question('q', 't'), correct, ms)).toBe(rating);
  });
});

describe('the exam-date rule', () => {
  it('no interval jumps over the exam day, for any card, rating and time before the exam', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 200 }),
        (rating, priorReviews, examInDays, hoursIn) => {
          const start = new Date('2026-06-01T04:00:00Z');
          let progress;
          let now = start;
          for (let i = 0; i < priorReviews; i += 1) {
            const r = buildReview({ item: question('q', 't'), progress, now, rating: 3, correct: true, mode: 'study', ms: 1000, scheduler, examStart: null });
            progress = { kind: 'question' as const, card: r.after, seen: i + 1, correct: i + 1, recent: 1 };
            now = new Date(Date.parse(r.after!.due) + 60_000);
          }
          const examStart = new Date(now.getTime() + examInDays * DAY + hoursIn * 3_600_000);
          const review = buildReview({ item: question('q', 't'), progress, now, rating: rating as Rating, correct: rating > 1, mode: 'study', ms: 1000, scheduler, examStart });
          const due = Date.parse(review.after!.due);
          expect(due).toBeLessThanOrEqual(examStart.getTime());
          expect(due).toBeGreaterThan(now.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['far before: brought to the eve', '2026-06-01T10:00:00Z', '2026-07-01T10:00:00Z', '2026-06-10T04:00:00Z', '2026-06-09T04:00:00.000Z'],
    ['eve already passed: the exam morning', '2026-06-09T20:00:00Z', '2026-06-20T10:00:00Z', '2026-06-10T04:00:00Z', '2026-06-10T04:00:00.000Z'],
    ['due before the exam: unchanged', '2026-06-01T10:00:00Z', '2026-06-05T10:00:00Z', '2026-06-10T04:00:00Z', '2026-06-05T10:00:00.000Z'],
    ['exam over: unchanged', '2026-06-11T10:00:00Z', '2026-07-01T10:00:00Z', '2026-06-10T04:00:00Z', '2026-07-01T10:00:00.000Z'],
  ])('%s', (_name, now, due, exam, expected) => {
    expect(capDueForExam(new Date(due), new Date(now), new Date(exam)).toISOString()).toBe(expected);
  });

  it('cram answers leave the schedule alone', () => {
    const r = buildReview({ item: question('q', 't'), progress: undefined, now: new Date(), rating: 1, correct: false, mode: 'cram', ms: 1, scheduler, examStart: null });
    expect(r.after).toBeNull();
    expect(newCardState(new Date()).phase).toBe('new');
  });
});
