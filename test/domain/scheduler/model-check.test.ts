import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../src/domain/progress/events.js';
import { replayRecall } from '../../../src/domain/scheduler/fsrs-adapter.js';
import { checkModel, predictions, scorePredictions, type Prediction } from '../../../src/domain/scheduler/model-check.js';
import { reviewEvents, simulate } from '../../helpers/simulated-learner.js';

const P = (p: number, recalled: boolean): Prediction => ({ p, recalled });

describe('scorePredictions', () => {
  // Hand-computed: log loss is the mean of -ln(p) when recalled, -ln(1 - p) when not; RMSE(bins)
  // is sqrt(sum over bins of n * (mean predicted - share recalled)^2 / total).
  it.each([
    {
      name: 'two bins',
      list: [P(0.9, true), P(0.9, false), P(0.3, false), P(0.3, false)],
      // (-ln .9 - ln .1 - 2 ln .7) / 4; bins 9: pred .9 obs .5 (n 2); 3: pred .3 obs 0 (n 2)
      logLoss: (-Math.log(0.9) - Math.log(0.1) - 2 * Math.log(0.7)) / 4,
      rmseBins: Math.sqrt((2 * 0.4 ** 2 + 2 * 0.3 ** 2) / 4),
      counts: [0, 0, 0, 2, 0, 0, 0, 0, 0, 2],
    },
    {
      name: 'a perfectly calibrated bin',
      list: [P(0.75, true), P(0.75, true), P(0.75, true), P(0.75, false)],
      logLoss: (-3 * Math.log(0.75) - Math.log(0.25)) / 4,
      rmseBins: 0,
      counts: [0, 0, 0, 0, 0, 0, 0, 4, 0, 0],
    },
    {
      name: 'edges: 1.0 goes in the last bin, 0.1 in the second, 0 in the first (clamped in the log)',
      list: [P(1, true), P(0.1, false), P(0, false)],
      logLoss: (-Math.log(1 - 1e-6) - Math.log(0.9) - Math.log(1 - 1e-6)) / 3,
      rmseBins: Math.sqrt((0 + 0.1 ** 2 + 0) / 3),
      counts: [1, 1, 0, 0, 0, 0, 0, 0, 0, 1],
    },
  ])('$name', ({ list, logLoss, rmseBins, counts }) => {
    const s = scorePredictions(list);
    expect(s.reviews).toBe(list.length);
    expect(s.logLoss).toBeCloseTo(logLoss, 10);
    expect(s.rmseBins).toBeCloseTo(rmseBins, 10);
    expect(s.calibration.map((b) => b.count)).toEqual(counts);
    expect(s.calibration[0]!.from).toBe(0);
    expect(s.calibration[9]!.to).toBe(1);
  });

  it('no predictions: no numbers, ten empty bins', () => {
    const s = scorePredictions([]);
    expect(s).toMatchObject({ reviews: 0, logLoss: null, rmseBins: null });
    expect(s.calibration).toHaveLength(10);
    expect(s.calibration.every((b) => b.count === 0 && b.predicted === null && b.observed === null)).toBe(true);
  });
});

describe('predictions', () => {
  const at = (day: string, h = 10) => `${day}T${String(h).padStart(2, '0')}:00:00.000Z`;
  const events = (reviews: { item: string; day: string; h?: number; rating: 1 | 2 | 3 | 4 }[]): ProgressEvent[] =>
    reviewEvents(reviews.map((r) => ({ item: r.item, day: r.day, at: at(r.day, r.h), rating: r.rating }))).map((e, i) => ({ ...e, id: `e${i}` }) as ProgressEvent);

  it('scores each item’s first answer of a day after its first, replayed with the parameters given', () => {
    const list = predictions(events([
      { item: 'a', day: '2026-01-01', rating: 3 },
      { item: 'a', day: '2026-01-01', h: 11, rating: 1 }, // same day: not scored
      { item: 'a', day: '2026-01-04', rating: 1 },
      { item: 'a', day: '2026-01-05', rating: 3 },
      { item: 'b', day: '2026-01-02', rating: 3 }, // one day only: nothing to predict
    ]), null);
    const expected = replayRecall([{ rating: 3, deltaT: 0 }, { rating: 1, deltaT: 3 }, { rating: 3, deltaT: 1 }], null);
    expect(list).toEqual([{ p: expected[0], recalled: false }, { p: expected[1], recalled: true }]);
    expect(expected[0]).toBeGreaterThan(0.5);
    expect(expected[0]).toBeLessThan(1);
  });

  it('an undone answer and a cram answer do not count', () => {
    const base = events([
      { item: 'a', day: '2026-01-01', rating: 3 },
      { item: 'a', day: '2026-01-03', rating: 1 },
      { item: 'a', day: '2026-01-06', rating: 3 },
    ]);
    expect(predictions(base, null)).toHaveLength(2);
    const undone = [...base, { type: 'undo', id: 'u1', at: at('2026-01-06', 12), day: '2026-01-06', target: 'e2' } as ProgressEvent];
    expect(predictions(undone, null)).toHaveLength(1);
    const cram = base.map((e, i) => (i === 1 ? ({ ...e, mode: 'cram' } as ProgressEvent) : e));
    expect(predictions(cram, null)).toHaveLength(1);
  });

  it('other parameters give other predictions (a fit is checked as the model in use)', () => {
    const ev = reviewEvents(simulate({ items: 20, perItem: 6, seed: 5 })).map((e, i) => ({ ...e, id: `e${i}` }) as ProgressEvent);
    const w = [0.1, 0.4, 0.8, 2, ...default_w.slice(4)];
    const a = checkModel(ev, null);
    const b = checkModel(ev, { w, fittedAt: '2026-03-01T09:00:00.000Z', reviews: 120, items: 20, logLoss: 0.3, rmseBins: 0.05 });
    expect(a.reviews).toBe(20 * 5);
    expect(b.reviews).toBe(a.reviews);
    expect(b.logLoss).not.toBe(a.logLoss);
    expect(a.parameters).toBe('default');
    expect(b.parameters).toEqual({ fittedAt: '2026-03-01T09:00:00.000Z', reviews: 120 });
  });
});
