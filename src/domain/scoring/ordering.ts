/**
 * Scoring an ordering question: right only in the exact order. Which positions hold their
 * right step is shown, and that share is the partial-credit figure.
 */
import type { OrderingBody } from '../pack/types.js';
import type { Score } from './score.js';

/** Per position, whether the learner's step there is the step written there. */
export function positionsRight(q: OrderingBody, order: readonly number[]): boolean[] {
  return q.steps.map((_, pos) => order[pos] === pos);
}

export function scoreOrdering(q: OrderingBody, order: readonly number[]): Score {
  const right = positionsRight(q, order);
  const correct = order.length === q.steps.length && right.every(Boolean);
  return { correct, credit: right.filter(Boolean).length / q.steps.length, misses: correct ? [] : [`o${order.map((i) => i + 1).join('-')}`] };
}
