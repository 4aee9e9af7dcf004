/** The lines that end a study or quiz session, shared by the screen and plain mode. */
import type { ProgressEvent } from '../domain/progress/events.js';
import { formatClock } from '../domain/exam/exam-reducer.js';
import { formatInterval } from '../domain/scheduler/fsrs-adapter.js';
import type { SessionDeps } from './session-deps.js';

export function sessionSummary(deps: SessionDeps, events: readonly ProgressEvent[], started: Date): string[] {
  const reviews = events.filter((e): e is Extract<ProgressEvent, { type: 'review' }> => e.type === 'review');
  const correct = reviews.filter((r) => r.correct).length;
  const now = deps.clock.now();
  const next = Object.values(deps.port.state.items)
    .map((i) => i.card?.due)
    .filter((d): d is string => d !== undefined && Date.parse(d) > now.getTime())
    .sort()[0];
  return [
    `Session done: ${reviews.length} answered, ${correct} correct${reviews.length ? ` (${Math.round((100 * correct) / reviews.length)}%)` : ''}, in ${formatClock(now.getTime() - started.getTime())}.`,
    next ? `Next review due in ${formatInterval(now, next)}.` : 'Nothing is scheduled yet.',
  ];
}
