import { describe, expect, it } from 'vitest';
import { optimizeHint, type FittedParameters } from '../../../src/domain/scheduler/optimizer.js';

const utc = () => 0;
const fit = (fittedAt: string): FittedParameters => ({ w: Array(21).fill(1), fittedAt, reviews: 2000, items: 300, logLoss: 0.3, rmseBins: 0.03 });
/** A state with `reviews` answers on each of the given days and `items` items seen. */
const state = (days: Record<string, number>, items = 300) => ({
  days: Object.fromEntries(Object.entries(days).map(([d, reviews]) => [d, { reviews }])),
  items: Object.fromEntries(Array.from({ length: items }, (_, i) => [`q${i}`, { seen: 1 }])),
});

describe('optimizeHint', () => {
  it.each([
    { name: 'never fitted, below the minimum reviews', s: state({ '2026-01-01': 399 }, 150), hint: null },
    { name: 'never fitted, below the minimum items', s: state({ '2026-01-01': 900 }, 99), hint: null },
    { name: 'never fitted, at the optimizer’s minimum', s: state({ '2026-01-01': 250, '2026-01-02': 150 }, 100), hint: '400 reviews of 100 items: enough to fit the memory model to you' },
  ])('$name', ({ s, hint }) => {
    const h = optimizeHint(s, null, utc);
    if (hint === null) expect(h).toBeNull();
    else expect(h?.reason).toBe(hint);
  });

  const fitted = fit('2026-03-10T12:00:00.000Z');
  it('right after a fit: no hint, however big the history before it', () => {
    expect(optimizeHint(state({ '2026-02-01': 5000, '2026-03-10': 300 }), fitted, utc)).toBeNull();
  });
  it('999 reviews since the fit, 29 days on: no hint', () => {
    expect(optimizeHint(state({ '2026-03-10': 50, '2026-03-11': 500, '2026-04-08': 499 }), fitted, utc)).toBeNull();
  });
  it('1,000 reviews since the fit: the hint', () => {
    expect(optimizeHint(state({ '2026-03-11': 500, '2026-03-12': 500 }), fitted, utc)?.reason).toBe('1000 reviews since the last fit (2026-03-10)');
  });
  it('reviews 30 days after the fit: the hint, with few reviews', () => {
    expect(optimizeHint(state({ '2026-03-11': 10, '2026-04-09': 5 }), fitted, utc)?.reason).toBe('30 days of reviews since the last fit (2026-03-10)');
  });
  it('30 days passed without reviews: no hint (the history has not grown)', () => {
    expect(optimizeHint(state({ '2026-03-11': 10 }), fitted, utc)).toBeNull();
  });
  it('the fit day is the learner’s (4 a.m. boundary, local offset)', () => {
    // 02:30 UTC on 03-11 is still 03-10 for a learner at UTC (before 4 a.m.); at UTC+3 it is 03-11.
    const early = fit('2026-03-11T02:30:00.000Z');
    const s = state({ '2026-03-11': 1000 });
    expect(optimizeHint(s, early, utc)?.reason).toBe('1000 reviews since the last fit (2026-03-10)');
    expect(optimizeHint(s, early, () => 180)).toBeNull();
  });
});
