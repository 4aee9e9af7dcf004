/**
 * How well the memory model in use predicts this learner: for every scheduled answer that had a
 * memory state before it, the recall the model predicted at that moment against whether the
 * learner recalled (Hard, Good, Easy for cards; right for questions). Log loss, RMSE over the ten
 * calibration bins, and the bins themselves, for `stats`. Pure: the events come from the caller.
 */
import type { ProgressEvent, ReviewPayload } from '../progress/events.js';
import { predictedRecall, type CardState } from './fsrs-adapter.js';
import type { FittedParameters } from './optimizer.js';

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
  /** Reviews with a memory state before them: what the numbers are computed from. */
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

/** The predictions of the model with parameters `w` (null: defaults) over the answers that stand. */
export function predictions(events: readonly ProgressEvent[], w: readonly number[] | null): Prediction[] {
  const undone = new Set<string>();
  for (const e of events) if (e.type === 'undo') undone.add(e.target);
  const out: Prediction[] = [];
  // The memory state before an answer: the state the item's previous standing answer left.
  const last = new Map<string, CardState>();
  const add = (r: ReviewPayload, at: string) => {
    if (r.mode === 'cram' || r.after === null) return;
    const before = last.get(r.item) ?? r.prev?.card ?? null;
    last.set(r.item, r.after);
    if (!before || before.phase === 'new') return;
    out.push({ p: predictedRecall(before, new Date(at), w), recalled: r.rating > 1 });
  };
  for (const e of events) {
    if (e.type === 'review' && !undone.has(e.id)) add(e, e.at);
    else if (e.type === 'exam-end') for (const r of e.reviews) add(r, e.at);
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
export function checkModel(events: readonly ProgressEvent[], parameters: FittedParameters | null): ModelCheck {
  return {
    parameters: parameters ? { fittedAt: parameters.fittedAt, reviews: parameters.reviews } : 'default',
    ...scorePredictions(predictions(events, parameters?.w ?? null)),
  };
}
