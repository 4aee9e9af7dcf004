/**
 * The one place that talks to ts-fsrs. It converts to and from our own CardState (ISO strings,
 * our names), so the library's snake_case fields and Date objects stay here.
 */
import type { Rating as FsrsRating} from 'ts-fsrs';
import { createEmptyCard, default_w, forgetting_curve, fsrs, FSRSAlgorithm, generatorParameters, State, type Card as FsrsCard, type FSRS, type Grade, type StepUnit } from 'ts-fsrs';

/** 1 Again, 2 Hard, 3 Good, 4 Easy. */
export type Rating = 1 | 2 | 3 | 4;
export const RATINGS: readonly Rating[] = [1, 2, 3, 4];
export const RATING_NAMES: Record<Rating, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

export type CardPhase = 'new' | 'learning' | 'review' | 'relearning';

/** The memory state of one item, as stored in progress files. */
export interface CardState {
  readonly due: string;
  readonly stability: number;
  readonly difficulty: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  readonly phase: CardPhase;
  readonly lastReview?: string;
}

export interface SchedulerSettings {
  /** Desired retention, 0.7-0.99. */
  readonly retention: number;
  readonly learningSteps: readonly string[];
  readonly relearningSteps: readonly string[];
  readonly maximumInterval: number;
  readonly fuzz: boolean;
  /** FSRS parameters fitted to the learner (`examdrill optimize`); absent for the defaults. */
  readonly parameters?: readonly number[];
}

export const DEFAULT_SCHEDULER: SchedulerSettings = { retention: 0.9, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500, fuzz: true };

/**
 * One review as the FSRS optimizer reads it (card, rating, phase, review time, elapsed days),
 * plus the memory state before it, which is what rollback needs.
 */
export interface ReviewLogRecord {
  readonly rating: Rating;
  readonly at: string;
  readonly phaseBefore: CardPhase;
  /** Days since the previous review (0 for a new card). */
  readonly elapsedDays: number;
  readonly dueBefore: string;
  readonly lastReviewBefore?: string;
  readonly stabilityBefore: number;
  readonly difficultyBefore: number;
  readonly scheduledDaysBefore: number;
  readonly learningStepsBefore: number;
}

/** What one rating did: the new state, and its log record. */
export interface Scheduled {
  readonly state: CardState;
  readonly log: ReviewLogRecord;
  readonly rating: Rating;
  readonly phaseBefore: CardPhase;
  readonly elapsedDays: number;
}

const PHASES: Record<State, CardPhase> = { [State.New]: 'new', [State.Learning]: 'learning', [State.Review]: 'review', [State.Relearning]: 'relearning' };
const STATES: Record<CardPhase, State> = { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning };

const cache = new Map<string, FSRS>();
/** The last settings object asked for: stats ask once per item with the same one. */
let last: { readonly settings: SchedulerSettings; readonly fsrs: FSRS } | undefined;
function scheduler(settings: SchedulerSettings): FSRS {
  if (last?.settings === settings) return last.fsrs;
  const key = JSON.stringify(settings);
  let f = cache.get(key);
  if (!f) {
    f = fsrs(
      generatorParameters({
        request_retention: settings.retention,
        maximum_interval: settings.maximumInterval,
        enable_fuzz: settings.fuzz,
        enable_short_term: true,
        learning_steps: settings.learningSteps as StepUnit[],
        relearning_steps: settings.relearningSteps as StepUnit[],
        ...(settings.parameters ? { w: [...settings.parameters] } : {}),
      }),
    );
    cache.set(key, f);
  }
  last = { settings, fsrs: f };
  return f;
}

function toFsrs(s: CardState): FsrsCard {
  return {
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: 0,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: STATES[s.phase],
    ...(s.lastReview ? { last_review: new Date(s.lastReview) } : {}),
  };
}

function fromFsrs(c: FsrsCard): CardState {
  return {
    due: c.due.toISOString(),
    stability: c.stability,
    difficulty: c.difficulty,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    phase: PHASES[c.state],
    ...(c.last_review ? { lastReview: c.last_review.toISOString() } : {}),
  };
}

export function newCardState(now: Date): CardState {
  return fromFsrs(createEmptyCard(now));
}

/** Rates a card at `now`. */
export function schedule(state: CardState, now: Date, rating: Rating, settings: SchedulerSettings = DEFAULT_SCHEDULER): Scheduled {
  const { card } = scheduler(settings).next(toFsrs(state), now, rating as Grade);
  const elapsedDays = state.lastReview ? Math.max(0, (now.getTime() - Date.parse(state.lastReview)) / 86_400_000) : 0;
  const log: ReviewLogRecord = {
    rating,
    at: now.toISOString(),
    phaseBefore: state.phase,
    elapsedDays,
    dueBefore: state.due,
    ...(state.lastReview ? { lastReviewBefore: state.lastReview } : {}),
    stabilityBefore: state.stability,
    difficultyBefore: state.difficulty,
    scheduledDaysBefore: state.scheduledDays,
    learningStepsBefore: state.learningSteps,
  };
  return { state: fromFsrs(card), log, rating, phaseBefore: state.phase, elapsedDays };
}

/**
 * The card before a review, from the card after it and the review's log record. ts-fsrs's own
 * rollback restores the memory state and counters; it sets `due` to the review time, so the
 * original due and last review come from the record.
 */
export function rollback(after: CardState, log: ReviewLogRecord, settings: SchedulerSettings = DEFAULT_SCHEDULER): CardState {
  const fsrsLog = {
    rating: log.rating as FsrsRating,
    state: STATES[log.phaseBefore],
    due: new Date(log.lastReviewBefore ?? log.dueBefore),
    stability: log.stabilityBefore,
    difficulty: log.difficultyBefore,
    elapsed_days: 0,
    last_elapsed_days: 0,
    scheduled_days: log.scheduledDaysBefore,
    learning_steps: log.learningStepsBefore,
    review: new Date(log.at),
  };
  const back = fromFsrs(scheduler(settings).rollback(toFsrs(after), fsrsLog));
  const { lastReview: _ignored, ...rest } = back;
  return { ...rest, due: log.dueBefore, ...(log.lastReviewBefore ? { lastReview: log.lastReviewBefore } : {}) };
}

/** When each rating would bring the card back, for the rating buttons. */
export function previewIntervals(state: CardState, now: Date, settings: SchedulerSettings = DEFAULT_SCHEDULER): Record<Rating, string> {
  const preview = scheduler(settings).repeat(toFsrs(state), now);
  const out = {} as Record<Rating, string>;
  for (const r of RATINGS) out[r] = preview[r as Grade].card.due.toISOString();
  return out;
}

/** The probability of recalling the item at `now` (1 for a card never seen is meaningless: 0). */
export function recallProbability(state: CardState, now: Date): number {
  if (state.phase === 'new') return 0;
  return scheduler(DEFAULT_SCHEDULER).get_retrievability(toFsrs(state), now, false);
}

/**
 * The recall FSRS-6 with parameters `w` (null: the defaults) predicts for each review of one
 * item's day-by-day history after its first, replaying the history from the first rating: what
 * the optimizer scores (`deltaT` is the days since the previous review day, 0 for the first).
 */
export function replayRecall(reviews: readonly { readonly rating: Rating; readonly deltaT: number }[], w: readonly number[] | null): number[] {
  const params = w ?? default_w;
  const algorithm = algorithmFor(w);
  const out: number[] = [];
  let memory: { stability: number; difficulty: number } | null = null;
  for (const r of reviews) {
    if (memory) out.push(forgetting_curve(params, r.deltaT, memory.stability));
    memory = algorithm.next_state(memory, r.deltaT, r.rating);
  }
  return out;
}

let lastAlgorithm: { w: readonly number[] | null; algorithm: FSRSAlgorithm } | undefined;
function algorithmFor(w: readonly number[] | null): FSRSAlgorithm {
  if (lastAlgorithm?.w === w) return lastAlgorithm.algorithm;
  const algorithm = new FSRSAlgorithm(generatorParameters({ w: w ? [...w] : [...default_w], enable_short_term: true }));
  lastAlgorithm = { w, algorithm };
  return algorithm;
}

/** "1m", "10m", "3h", "4d", "2.5mo", "1.2y": the time until `due`. */
export function formatInterval(fromIso: string | Date, toIso: string | Date): string {
  const ms = new Date(toIso).getTime() - new Date(fromIso).getTime();
  const min = Math.max(1, Math.round(ms / 60_000));
  if (min < 60) return `${min}m`;
  const h = min / 60;
  if (h < 24) return `${Math.round(h)}h`;
  const d = h / 24;
  if (d < 30) return `${Math.round(d)}d`;
  if (d < 365) return `${(d / 30).toFixed(1).replace(/\.0$/, '')}mo`;
  return `${(d / 365).toFixed(1).replace(/\.0$/, '')}y`;
}
