/** Scoring a true-false statement: the truth value, nothing else. */
import type { TrueFalseBody } from '../pack/types.js';
import type { Score } from './score.js';

export function scoreTrueFalse(q: TrueFalseBody, answer: boolean): Score {
  const correct = answer === q.answer;
  return { correct, credit: correct ? 1 : 0, misses: correct ? [] : [`=${answer}`] };
}
