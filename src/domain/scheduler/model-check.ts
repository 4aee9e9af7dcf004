/**
 * How well the memory model in use predicts this learner: on the reviews `examdrill optimize` fits
 * and scores (each item's first answer of a day, after its first), the recall the model predicts
 * against whether the learner recalled (Hard, Good, Easy for cards; right for questions). Log
 * loss, RMSE over the ten calibration bins, and the bins themselves, for `stats`. Pure: the
 * events come from the caller.
 *
 * The log loss is the optimizer's definition on the optimizer's reviews, computed here with
 * ts-fsrs (so the numbers are close to, not equal to, the binding's). RMSE(bins) here is over the
 * ten bins of predicted recall that `stats` draws; the optimizer's RMSE(bins) groups reviews its
 * own way (fsrs-rs), so the two RMSE figures are not comparable: docs/stats.md says so.
 */
import { replayRecall } from './fsrs-adapter.js';
import { dailyHistories, daySequence, modelReviews, type FittedParameters, type ModelEvent } from './optimizer.js';

/** One bin of predicted recall, [from, to): the mean prediction and the share recalled. */
export interface CalibrationBin {
  readonly from: number;
  readonly to: number;
  /** Null when no review fell in the bin. */
  readonly predicted: number | null;
  readonly observed: number | null;
  readonly count: number;
}

export interface ModelCheck {
  readonly parameters: 'default' | { readonly fittedAt: string; readonly reviews: number };
  /** Reviews scored: each item's first answer of a day, after the item's first one. */
  readonly reviews: number;
  /** Null when there are no such reviews yet. */
  readonly logLoss: number | null;
  readonly rmseBins: number | null;
  readonly calibration: readonly CalibrationBin[];
}

/** One prediction and what happened. */
export interface Prediction {
  readonly p: number;
  readonly recalled: boolean;
}

export const CALIBRATION_BINS = 10;
const EPS = 1e-6;

/**
 * The predictions of the model with parameters `w` (null: defaults) on the reviews the optimizer
 * scores: each item's first answer of each day (cards and questions, study, quiz and exam, not
 * undone, not cram), every one after the item's first, the memory state replayed from its first
 * rating with `w`. So a fit is checked as a whole model, like `examdrill optimize` checks it.
 */
export function predictions(events: readonly ModelEvent[], w: readonly number[] | null): Prediction[] {
  const out: Prediction[] = [];
  for (const list of dailyHistories(modelReviews(events)).values()) {
    if (list.length < 2) continue;
    const seq = daySequence(list);
    const p = replayRecall(seq, w);
    for (let i = 1; i < seq.length; i++) out.push({ p: p[i - 1]!, recalled: seq[i]!.rating > 1 });
  }
  return out;
}

/** Log loss, RMSE(bins) and the calibration bins of a list of predictions. */
export function scorePredictions(list: readonly Prediction[]): Omit<ModelCheck, 'parameters'> {
  const sums = Array.from({ length: CALIBRATION_BINS }, () => ({ p: 0, y: 0, n: 0 }));
  let loss = 0;
  for (const { p, recalled } of list) {
    const q = Math.min(1 - EPS, Math.max(EPS, p));
    loss -= recalled ? Math.log(q) : Math.log(1 - q);
    const bin = sums[Math.min(CALIBRATION_BINS - 1, Math.max(0, Math.floor(p * CALIBRATION_BINS)))]!;
    bin.p += p;
    bin.y += recalled ? 1 : 0;
    bin.n += 1;
  }
  const calibration = sums.map((b, i) => ({
    from: i / CALIBRATION_BINS,
    to: (i + 1) / CALIBRATION_BINS,
    predicted: b.n ? b.p / b.n : null,
    observed: b.n ? b.y / b.n : null,
    count: b.n,
  }));
  if (list.length === 0) return { reviews: 0, logLoss: null, rmseBins: null, calibration };
  let sq = 0;
  for (const b of sums) if (b.n) sq += b.n * (b.p / b.n - b.y / b.n) ** 2;
  return { reviews: list.length, logLoss: loss / list.length, rmseBins: Math.sqrt(sq / list.length), calibration };
}

/** The model check for `stats`, with the parameters in use. */
export function checkModel(events: readonly ModelEvent[], parameters: FittedParameters | null): ModelCheck {
  return {
    parameters: parameters ? { fittedAt: parameters.fittedAt, reviews: parameters.reviews } : 'default',
    ...scorePredictions(predictions(events, parameters?.w ?? null)),
  };
}
