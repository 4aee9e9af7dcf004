/**
 * Scoring a typed number: right when it lies within [min, max]. The number may carry spaces,
 * a leading +, thousands written with `_` or `,` before three digits (1,500), an exponent; a unit
 * typed after it is ignored when the number itself reads clean (`30 s` is 30).
 */
import type { NumericalBody } from '../pack/types.js';
import type { Score } from './score.js';

export function parseNumber(typed: string): number | undefined {
  const m = /^\s*([+-]?(?:\d{1,3}(?:[,_]\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?|[+-]?\.\d+)\s*(?:[a-z%µ/]+[a-z0-9%/^]*)?\s*$/i.exec(typed);
  if (!m) return undefined;
  const n = Number(m[1]!.replace(/[,_]/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

export function scoreNumerical(q: NumericalBody, typed: string): Score {
  const n = parseNumber(typed);
  const correct = n !== undefined && n >= q.min - 1e-9 * Math.max(1, Math.abs(q.min)) && n <= q.max + 1e-9 * Math.max(1, Math.abs(q.max));
  return { correct, credit: correct ? 1 : 0, misses: correct ? [] : [`=${n !== undefined ? String(n) : typed.trim().slice(0, 40)}`] };
}

/** `30`, `25 to 35` or `30 ± 5`: the accepted answer, for feedback. */
export function acceptedNumber(q: NumericalBody): string {
  if (q.answer !== undefined) return q.min === q.max ? String(q.answer) : `${q.answer} ± ${round(q.answer - q.min)}`;
  return `${q.min} to ${q.max}`;
}

function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
