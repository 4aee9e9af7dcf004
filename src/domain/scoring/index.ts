/**
 * Grading any answer: the type's own pure module scores it. An answer of the wrong shape for
 * its question (an old log, an edited pack) is wrong, never an error.
 */
import { isChoice, type Answer, type PartBody, type QuestionBody } from '../pack/types.js';
import { scoreChoice } from './choice.js';
import { scoreMatching } from './matching.js';
import { scoreNumerical } from './numerical.js';
import { scoreOrdering } from './ordering.js';
import type { Score } from './score.js';
import { scoreShortAnswer } from './short-answer.js';
import { scoreTrueFalse } from './true-false.js';

export type { Score } from './score.js';

const WRONG: Score = { correct: false, credit: 0, misses: [] };

const isNumbers = (a: Answer | null): a is readonly number[] => Array.isArray(a) && a.every((x) => typeof x === 'number');

export function scorePart(q: PartBody, answer: Answer | null): Score {
  if (answer === null) return WRONG;
  if (isChoice(q)) return isNumbers(answer) ? scoreChoice(q, answer) : WRONG;
  switch (q.type) {
    case 'true-false':
      return typeof answer === 'boolean' ? scoreTrueFalse(q, answer) : WRONG;
    case 'short-answer':
      return typeof answer === 'string' ? scoreShortAnswer(q, answer) : WRONG;
    case 'numerical':
      return typeof answer === 'string' ? scoreNumerical(q, answer) : WRONG;
    case 'matching':
      return isNumbers(answer) ? scoreMatching(q, answer) : WRONG;
    case 'ordering':
      return isNumbers(answer) ? scoreOrdering(q, answer) : WRONG;
  }
}

/** Each part of a case study scored on its own. */
export function scoreParts(q: QuestionBody, answer: Answer | null): Score[] {
  if (q.type !== 'case-study') return [scorePart(q, answer)];
  const parts = answer !== null && typeof answer === 'object' && !Array.isArray(answer) ? (answer as { parts: readonly (Answer | null)[] }).parts : [];
  return q.parts.map((p, k) => scorePart(p, parts[k] ?? null));
}

/** The whole question: a case study is right when every part is; its credit is the mean. */
export function scoreAnswer(q: QuestionBody, answer: Answer | null): Score {
  if (q.type !== 'case-study') return scorePart(q, answer);
  const scores = scoreParts(q, answer);
  return {
    correct: scores.every((s) => s.correct),
    credit: scores.reduce((sum, s) => sum + s.credit, 0) / Math.max(1, scores.length),
    misses: scores.flatMap((s, k) => s.misses.map((m) => `p${k}/${m}`)),
  };
}

/** How many points a question is worth in an exam: a case study's parts score on their own. */
export function scoredUnits(q: QuestionBody): number {
  return q.type === 'case-study' ? q.parts.length : 1;
}

/** Points earned in an exam: exact per unit (no partial credit, as the real exam). */
export function unitsCorrect(q: QuestionBody, answer: Answer | null): number {
  return scoreParts(q, answer).filter((s) => s.correct).length;
}

/** An answer given in full: every part answered, every left item paired, every step placed. */
export function isComplete(q: QuestionBody, answer: Answer | null): boolean {
  if (answer === null) return false;
  if (q.type === 'case-study') {
    const parts = typeof answer === 'object' && !Array.isArray(answer) ? (answer as { parts: readonly (Answer | null)[] }).parts : [];
    return q.parts.every((p, k) => isComplete(p, parts[k] ?? null));
  }
  if (q.type === 'matching') return isNumbers(answer) && answer.length === q.pairs.length && answer.every((x) => x >= 0);
  if (typeof answer === 'string') return answer.trim() !== '';
  return true;
}
