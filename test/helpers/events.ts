/** Builders for review-log events in tests. */
import type { NewEvent } from '../../src/domain/progress/events.js';
import { newCardState, schedule } from '../../src/domain/scheduler/fsrs-adapter.js';

export function reviewEvent(item: string, at: Date, options: { correct?: boolean; chosen?: number[]; kind?: 'card' | 'question'; mode?: 'study' | 'quiz' | 'exam' | 'cram' } = {}): NewEvent {
  const before = newCardState(at);
  const correct = options.correct ?? true;
  const after = schedule(before, at, correct ? 3 : 1).state;
  return {
    type: 'review',
    at: at.toISOString(),
    day: at.toISOString().slice(0, 10),
    item,
    kind: options.kind ?? 'question',
    mode: options.mode ?? 'study',
    rating: correct ? 3 : 1,
    correct,
    ...(options.chosen ? { chosen: options.chosen } : {}),
    ms: 1000,
    phaseBefore: 'new',
    elapsedDays: 0,
    after: options.mode === 'cram' ? null : after,
    prev: null,
  };
}
