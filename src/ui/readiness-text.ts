/**
 * How readiness reads, the same on home, in stats and in plain mode: a point ("about 712/1000")
 * until two mock exams have checked it, then a range ("690-760/1000") as wide as its mean error;
 * always "on this pack's topics", since a pack may teach only part of an exam.
 */
import type { Readiness } from '../domain/stats/stats.js';

export function readinessValue(r: Readiness): string {
  return r.check.range ? `${r.check.range[0]}-${r.check.range[1]}/1000` : `about ${r.scaled}/1000`;
}

/** "Predictions were off by 35 on average over 3 mock exams." once one exam has checked it. */
export function readinessCheckText(r: Readiness): string | undefined {
  const { exams, meanAbsoluteError } = r.check;
  if (meanAbsoluteError === null) return undefined;
  return `Readiness predictions were off by ${meanAbsoluteError} on average over ${exams} mock exam${exams === 1 ? '' : 's'}${exams < 2 ? ' (a range shows after two)' : ''}.`;
}
