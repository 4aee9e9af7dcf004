import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInterval, newCardState, previewIntervals, recallProbability, rollback, schedule, type Rating } from '../../../src/domain/scheduler/fsrs-adapter.js';

const t0 = new Date('2026-11-01T10:00:00.000Z');
const noFuzz = { retention: 0.9, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500, fuzz: false };

describe('the FSRS adapter', () => {
  it.each([
    [1, 'learning', '2026-11-01T10:01:00.000Z'],
    [2, 'learning', '2026-11-01T10:06:00.000Z'],
    [3, 'learning', '2026-11-01T10:10:00.000Z'],
  ] as const)('a new card rated %i goes to %s, due %s (the learning steps)', (rating, phase, due) => {
    const { state } = schedule(newCardState(t0), t0, rating as Rating, noFuzz);
    expect(state.phase).toBe(phase);
    expect(state.due).toBe(due);
    expect(state.reps).toBe(1);
  });

  it('Easy graduates a new card to review at once; Again on a review card is a lapse', () => {
    const easy = schedule(newCardState(t0), t0, 4, noFuzz).state;
    expect(easy.phase).toBe('review');
    expect(Date.parse(easy.due) - t0.getTime()).toBeGreaterThanOrEqual(86_400_000);
    const later = new Date(easy.due);
    const lapsed = schedule(easy, later, 1, noFuzz);
    expect(lapsed.state.phase).toBe('relearning');
    expect(lapsed.state.lapses).toBe(1);
    expect(lapsed.phaseBefore).toBe('review');
    expect(lapsed.elapsedDays).toBeCloseTo((later.getTime() - t0.getTime()) / 86_400_000, 5);
  });

  it('a higher retention target brings reviews back sooner', () => {
    const card = schedule(newCardState(t0), t0, 4, noFuzz).state;
    const at = new Date(card.due);
    const low = schedule(card, at, 3, { ...noFuzz, retention: 0.8 }).state;
    const high = schedule(card, at, 3, { ...noFuzz, retention: 0.97 }).state;
    expect(Date.parse(high.due)).toBeLessThan(Date.parse(low.due));
  });

  it('previews one due per rating, in rating order', () => {
    const preview = previewIntervals(newCardState(t0), t0, noFuzz);
    const dues = ([1, 2, 3, 4] as Rating[]).map((r) => Date.parse(preview[r]));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('rollback(next(card)) gives the card back, for any sequence of ratings', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 30 * 24 * 60 }), (ratings, gapMinutes) => {
        let card = newCardState(t0);
        let at = t0;
        for (const r of ratings) {
          at = new Date(Math.max(at.getTime(), Date.parse(card.due)) + gapMinutes * 60_000);
          const before = card;
          const next = schedule(before, at, r as Rating, noFuzz);
          card = next.state;
          expect(rollback(card, next.log, noFuzz)).toEqual(before);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('recall probability is 0 for a new card and falls with time', () => {
    expect(recallProbability(newCardState(t0), t0)).toBe(0);
    const card = schedule(newCardState(t0), t0, 4, noFuzz).state;
    const r1 = recallProbability(card, new Date(t0.getTime() + 86_400_000));
    const r2 = recallProbability(card, new Date(t0.getTime() + 30 * 86_400_000));
    expect(r1).toBeGreaterThan(r2);
    expect(r1).toBeLessThanOrEqual(1);
  });

  it.each([
    ['2026-11-01T10:00:00Z', '2026-11-01T10:00:20Z', '1m'],
    ['2026-11-01T10:00:00Z', '2026-11-01T10:10:00Z', '10m'],
    ['2026-11-01T10:00:00Z', '2026-11-01T13:00:00Z', '3h'],
    ['2026-11-01T10:00:00Z', '2026-11-05T10:00:00Z', '4d'],
    ['2026-11-01T10:00:00Z', '2027-01-15T10:00:00Z', '2.5mo'],
    ['2026-11-01T10:00:00Z', '2028-05-01T10:00:00Z', '1.5y'],
  ])('formatInterval(%s, %s) is %s', (a, b, expected) => {
    expect(formatInterval(a, b)).toBe(expected);
  });
});
