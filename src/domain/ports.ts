/**
 * What the domain and the UI need from the outside world, as interfaces. The CLI hands in the
 * real implementations (the lowdb-backed store, the clock); tests hand in their own.
 */
import type { NewEvent, ProgressEvent } from './progress/events.js';
import type { ProgressState } from './progress/state.js';
import type { OffsetFn } from './time/day.js';

/** The learner's progress in one pack. */
export interface ProgressPort {
  readonly state: ProgressState;
  /** Records an event durably, then folds it into `state`. */
  record(event: NewEvent): ProgressEvent;
}

export interface Clock {
  now(): Date;
  /** Minutes east of UTC at an instant. */
  readonly offset: OffsetFn;
}
