/**
 * The one order of the review log, whatever order writers appended it in: an event's `at` time,
 * then its `id` (ties between events of one millisecond). One process's ids sort in the order it
 * made them (store/progress/event-id.ts), so its own ties keep their order; ties between
 * processes get an arbitrary but fixed one. The progress
 * state is the fold of the log in this order; `progress check` rebuilds it so.
 */
import type { ProgressEvent } from './events.js';
import { applyEvent, emptyProgress, type ProgressState } from './state.js';

/** What places an event in the log's order. */
export interface EventKey {
  readonly at: string;
  readonly id: string;
}

/** Negative when `a` comes first. Times are compared as instants, so any ISO offset sorts right. */
export function compareEvents(a: EventKey, b: EventKey): number {
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  if (ta !== tb) return Number.isNaN(ta) || Number.isNaN(tb) ? (a.at < b.at ? -1 : a.at > b.at ? 1 : 0) : ta - tb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The state of a log: its events folded in the log's order, into a fresh state. */
export function foldInOrder(events: readonly ProgressEvent[]): ProgressState {
  const state = emptyProgress();
  for (const event of [...events].sort(compareEvents)) applyEvent(state, event);
  return state;
}

/** One field where two states disagree: a dotted path and both values (undefined: absent). */
export interface StateDifference {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/**
 * Where `actual` differs from `expected`, field by field: each item, day, misconception, exam and
 * setting by key, the rest as whole values. Key order does not matter; array order does.
 */
export function diffProgress(expected: ProgressState, actual: ProgressState): StateDifference[] {
  const out: StateDifference[] = [];
  const keyed = ['items', 'days', 'misconceptions', 'settings'] as const;
  for (const field of keyed) {
    const e = expected[field] as Record<string, unknown>;
    const a = actual[field] as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(e), ...Object.keys(a)])].sort()) {
      if (!sameValue(e[key], a[key])) out.push({ path: `${field}.${key}`, expected: e[key], actual: a[key] });
    }
  }
  const length = Math.max(expected.exams.length, actual.exams.length);
  for (let i = 0; i < length; i += 1) {
    if (!sameValue(expected.exams[i], actual.exams[i])) out.push({ path: `exams.${i}`, expected: expected.exams[i], actual: actual.exams[i] });
  }
  for (const field of ['activeExam', 'totalReviews', 'known'] as const) {
    if (!sameValue(expected[field], actual[field])) out.push({ path: field, expected: expected[field], actual: actual[field] });
  }
  return out;
}

/** Deep equality of JSON values, ignoring object key order (a snapshot read back keeps none). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameValue(v, bb[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // An absent key and an undefined one are the same once written as JSON.
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameValue(ra[k], rb[k])) return false;
  return true;
}
