import { describe, expect, it } from 'vitest';
import { compareEvents, diffProgress } from '../../../src/domain/progress/order.js';
import { emptyProgress } from '../../../src/domain/progress/state.js';

describe("the review log's order", () => {
  it.each([
    [{ at: '2026-11-01T08:00:01.000Z', id: 'b' }, { at: '2026-11-01T08:00:02.000Z', id: 'a' }, -1],
    [{ at: '2026-11-01T08:00:02.000Z', id: 'a' }, { at: '2026-11-01T08:00:01.000Z', id: 'b' }, 1],
    [{ at: '2026-11-01T08:00:01.000Z', id: 'a' }, { at: '2026-11-01T08:00:01.000Z', id: 'b' }, -1],
    [{ at: '2026-11-01T08:00:01.000Z', id: 'a' }, { at: '2026-11-01T08:00:01.000Z', id: 'a' }, 0],
    // The same instant written with an offset is the same time; the id decides.
    [{ at: '2026-11-01T09:00:01.000+01:00', id: 'b' }, { at: '2026-11-01T08:00:01.000Z', id: 'a' }, 1],
    [{ at: '2026-11-01T09:00:00.000+01:00', id: 'a' }, { at: '2026-11-01T08:00:01.000Z', id: 'a' }, -1],
  ])('%j against %j: %i', (a, b, sign) => {
    expect(Math.sign(compareEvents(a, b))).toBe(sign);
  });

  it('sorts any shuffle of the same events the same way', () => {
    const events = Array.from({ length: 30 }, (_, i) => ({ at: new Date(Date.UTC(2026, 10, 1, 8, 0, i % 7)).toISOString(), id: `e${(i * 17) % 30}` }));
    const sorted = [...events].sort(compareEvents);
    const reversed = [...events].reverse().sort(compareEvents);
    expect(reversed).toEqual(sorted);
    for (let i = 1; i < sorted.length; i += 1) expect(compareEvents(sorted[i - 1]!, sorted[i]!)).toBeLessThan(0);
  });

  it('diffs two states field by field, ignoring key order', () => {
    const a = emptyProgress();
    const b = emptyProgress();
    a.days['2026-11-01'] = { reviews: 1, correct: 1, introduced: 1, ms: 5 };
    b.days['2026-11-01'] = { ms: 5, introduced: 1, correct: 1, reviews: 1 };
    expect(diffProgress(a, b)).toEqual([]);
    b.misconceptions['q1#2'] = 1;
    b.totalReviews = 4;
    expect(diffProgress(a, b)).toEqual([
      { path: 'misconceptions.q1#2', expected: undefined, actual: 1 },
      { path: 'totalReviews', expected: 0, actual: 4 },
    ]);
  });
});
