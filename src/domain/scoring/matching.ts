/**
 * Scoring a matching question per pair: each left item's pick is right or wrong on its own; the
 * credit is the share of pairs right; the question counts as right when every pair is.
 */
import { rightItems, type MatchingBody } from '../pack/types.js';
import type { Score } from './score.js';

/** Per left item (pack order), the index into `rightItems` that is its match. */
export function matchKey(q: MatchingBody): number[] {
  const rights = rightItems(q);
  return q.pairs.map((p) => rights.indexOf(p.right));
}

/** Per left item, whether the pick is its right item (a right item may match several lefts). */
export function pairsRight(q: MatchingBody, picks: readonly number[]): boolean[] {
  const key = matchKey(q);
  return key.map((k, i) => picks[i] === k);
}

export function scoreMatching(q: MatchingBody, picks: readonly number[]): Score {
  const right = pairsRight(q, picks);
  const n = right.filter(Boolean).length;
  const misses = right.flatMap((ok, i) => (ok || picks[i] === undefined || picks[i]! < 0 ? [] : [`m${i}>${picks[i]}`]));
  return { correct: n === right.length, credit: n / Math.max(1, right.length), misses };
}
