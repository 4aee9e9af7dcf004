/**
 * Fitting FSRS parameters to one learner: the optimizer's items built from the review log, and
 * the port through which the domain asks for a fit or a score. The optimizer itself (the FSRS
 * reference optimizer, @open-spaced-repetition/binding) lives behind the port, in the store
 * (store/scheduler/optimizer-runner.ts); nothing here imports it.
 */
import type { ProgressEvent, StudyMode } from '../progress/events.js';
import { dayKey, type OffsetFn } from '../time/day.js';
import type { Rating } from './fsrs-adapter.js';

/** Parameters fitted by `examdrill optimize`, as kept in a settings event. */
export interface FittedParameters {
  readonly w: readonly number[];
  /** ISO time of the fit. */
  readonly fittedAt: string;
  /** Reviews (first per item per day) and items the fit was made from. */
  readonly reviews: number;
  readonly items: number;
  readonly logLoss: number;
  readonly rmseBins: number;
}

/** One review as the optimizer reads it: the rating and the days since the item's last review day. */
export interface OptimizerReview {
  readonly rating: Rating;
  readonly deltaT: number;
}

/**
 * One item's daily reviews, oldest first. The optimizer learns from every review after the first,
 * predicted from the ones before it (the adapter turns a sequence into those items).
 */
export type ReviewSequence = readonly OptimizerReview[];

/** How well parameters predict a history: log loss, and RMSE over bins of predicted recall. */
export interface ModelScore {
  readonly logLoss: number;
  readonly rmseBins: number;
}

/** A fit: the parameters found, and the scores of the ones in use and of them on the same history. */
export interface FitResult {
  readonly w: readonly number[];
  readonly before: ModelScore;
  readonly after: ModelScore;
}

/** The optimizer, as the domain sees it. `w` null means FSRS-6's default parameters. */
export interface OptimizerPort {
  /** Fits parameters to the history, and scores `current` and the fitted ones on it. */
  fit(sequences: readonly ReviewSequence[], current: readonly number[] | null, onProgress?: (done: number, total: number) => void): Promise<FitResult>;
  evaluate(sequences: readonly ReviewSequence[], w: readonly number[] | null): Promise<ModelScore>;
}

/** The least history worth fitting: fewer reviews or items and the fit is noise. */
export const MIN_FIT_REVIEWS = 400;
export const MIN_FIT_ITEMS = 100;

/** What the memory model reads of one answer; a ReviewPayload is one. */
export interface ModelAnswer {
  readonly item: string;
  readonly mode: StudyMode;
  readonly rating: Rating;
  /** Null when the answer left the schedule alone (cram). */
  readonly after: object | null;
}

/**
 * What the memory model reads of the log (a ProgressEvent is one): answers, undos and the
 * answers an exam recorded; any other event only by its id and time.
 */
export type ModelEvent =
  | ({ readonly type: 'review'; readonly id: string; readonly at: string; readonly day: string } & ModelAnswer)
  | { readonly type: 'undo'; readonly id: string; readonly at: string; readonly target: string }
  | { readonly type: 'exam-end'; readonly id: string; readonly at: string; readonly day: string; readonly reviews: readonly ModelAnswer[] }
  | { readonly type: Exclude<ProgressEvent['type'], 'review' | 'undo' | 'exam-end'>; readonly id: string; readonly at: string };

/** One scheduled answer of the log that counts for the model. */
export interface ModelReview {
  readonly item: string;
  /** The learner's day (4 a.m. boundary), YYYY-MM-DD. */
  readonly day: string;
  readonly at: string;
  readonly rating: Rating;
}

/**
 * The answers that stand (not undone), cards and questions alike, from study, quiz and exam; cram
 * answers are left out as they are out of the schedule. Sorted by time.
 */
export function modelReviews(events: readonly ModelEvent[]): ModelReview[] {
  const undone = new Set<string>();
  for (const e of events) if (e.type === 'undo') undone.add(e.target);
  const out: ModelReview[] = [];
  const add = (r: ModelAnswer, day: string, at: string) => {
    if (r.mode === 'cram' || r.after === null) return;
    out.push({ item: r.item, day, at, rating: r.rating });
  };
  for (const e of events) {
    if (e.type === 'review' && !undone.has(e.id)) add(e, e.day, e.at);
    else if (e.type === 'exam-end') for (const r of e.reviews) add(r, e.day, e.at);
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Each item's first review of each day, oldest first (the optimizer models days, not minutes). */
export function dailyHistories(reviews: readonly ModelReview[]): Map<string, ModelReview[]> {
  const out = new Map<string, ModelReview[]>();
  for (const r of reviews) {
    const list = out.get(r.item);
    if (!list) out.set(r.item, [r]);
    else if (list[list.length - 1]!.day !== r.day) list.push(r);
  }
  return out;
}

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);

/** One item's daily reviews as the optimizer reads them: the rating and the days since the previous one. */
export function daySequence(list: readonly ModelReview[]): OptimizerReview[] {
  return list.map((r, i) => ({ rating: r.rating, deltaT: i === 0 ? 0 : dayNumber(r.day) - dayNumber(list[i - 1]!.day) }));
}

/** Every item's daily review sequence. */
export function daySequences(histories: ReadonlyMap<string, readonly ModelReview[]>): ReviewSequence[] {
  return [...histories.values()].map(daySequence);
}

export interface FitHistory {
  readonly sequences: ReviewSequence[];
  /** Reviews counted (first per item per day) and distinct items. */
  readonly reviews: number;
  readonly itemCount: number;
}

export function fitHistory(events: readonly ModelEvent[]): FitHistory {
  const histories = dailyHistories(modelReviews(events));
  let reviews = 0;
  for (const list of histories.values()) reviews += list.length;
  return { sequences: daySequences(histories), reviews, itemCount: histories.size };
}

/** Whether the new score predicts better: lower log loss (RMSE breaks a tie). */
export function predictsBetter(fitted: ModelScore, current: ModelScore): boolean {
  return fitted.logLoss < current.logLoss || (fitted.logLoss === current.logLoss && fitted.rmseBins < current.rmseBins);
}

/** Re-fit once the history has grown this much since the last fit (by either). */
export const REFIT_REVIEWS = 1000;
export const REFIT_DAYS = 30;

/** Why `examdrill optimize` is worth running now; null when it is not. */
export interface OptimizeHint {
  readonly reason: string;
}

/**
 * Whether to suggest `examdrill optimize` (home, the settings screen, `settings`): never fitted
 * and the history is big enough to fit, or 1,000 reviews or 30 days of reviews since the last fit.
 * From the folded state alone (no log read): its per-day review counts and items seen. Before a
 * first fit it counts every answer, where the optimizer counts one per item per day, so it can
 * be early; `optimize` then says how much is missing and changes nothing. Never runs anything.
 */
export function optimizeHint(
  state: { readonly days: Readonly<Record<string, { readonly reviews: number }>>; readonly items: Readonly<Record<string, { readonly seen: number }>> },
  parameters: FittedParameters | null,
  offset: OffsetFn,
): OptimizeHint | null {
  if (!parameters) {
    let reviews = 0;
    for (const d of Object.values(state.days)) reviews += d.reviews;
    let items = 0;
    for (const i of Object.values(state.items)) if (i.seen > 0) items += 1;
    if (reviews < MIN_FIT_REVIEWS || items < MIN_FIT_ITEMS) return null;
    return { reason: `${reviews} reviews of ${items} items: enough to fit the memory model to you` };
  }
  // The fit's own day is left out: its reviews came before the fit, or so few after it as not to matter.
  const fitDay = dayKey(new Date(parameters.fittedAt), offset);
  let since = 0;
  let lastDay: string | null = null;
  for (const [day, d] of Object.entries(state.days)) {
    if (day <= fitDay || d.reviews === 0) continue;
    since += d.reviews;
    if (lastDay === null || day > lastDay) lastDay = day;
  }
  const days = lastDay === null ? 0 : dayNumber(lastDay) - dayNumber(fitDay);
  if (since >= REFIT_REVIEWS) return { reason: `${since} reviews since the last fit (${fitDay})` };
  if (days >= REFIT_DAYS) return { reason: `${days} days of reviews since the last fit (${fitDay})` };
  return null;
}
