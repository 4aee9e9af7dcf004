/**
 * What the memory model learns from and is checked on: a pack's review logs, every device's,
 * each event once, in order. Read lean: the model needs the answers, undos and exam answers, and
 * of those only the item, mode, rating, day and time; a full validation of every event (card
 * states, answers, exam results) cost about twice as much as the rest of `stats` on a log of
 * 100,000 reviews (bench/stats-model.mjs). A line that lacks what the model reads is skipped.
 */
import type { ProgressEvent } from '../../domain/progress/events.js';
import { compareEvents } from '../../domain/progress/order.js';
import type { ModelAnswer, ModelEvent } from '../../domain/scheduler/optimizer.js';
import { nodeFs } from '../progress/file-system.js';
import { readLogs, unionEvents } from '../progress/log-lines.js';
import { eventSchema } from '../progress/progress-schema.js';

const MODES = new Set<unknown>(['study', 'quiz', 'exam', 'cram']);
const RATINGS = new Set<unknown>([1, 2, 3, 4]);
const OTHER_TYPES = new Set<unknown>(['settings', 'exam-start', 'exam-answer', 'exam-flag', 'exam-time', 'exam-discard', 'suspend', 'pack-sync']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Stands for a memory state: the model only asks whether an answer left one. */
const SCHEDULED = Object.freeze({});

class NotForTheModel extends Error {}

const record = (v: unknown): Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new NotForTheModel('not an object');
  return v as Record<string, unknown>;
};
const text = (v: unknown, min = 1): string => {
  if (typeof v !== 'string' || v.length < min) throw new NotForTheModel('not a string');
  return v;
};

function answer(v: unknown): ModelAnswer {
  const r = record(v);
  if (!MODES.has(r.mode) || !RATINGS.has(r.rating)) throw new NotForTheModel('not an answer');
  if (r.after !== null) record(r.after);
  return { item: text(r.item), mode: r.mode as ModelAnswer['mode'], rating: r.rating as ModelAnswer['rating'], after: r.after === null ? null : SCHEDULED };
}

/** One log line as the model reads it; throws for a line that is not one. */
export function modelEvent(value: unknown): ModelEvent {
  const e = record(value);
  const id = text(e.id);
  const at = text(e.at, 10);
  if (e.type === 'undo') return { type: 'undo', id, at, target: text(e.target) };
  if (e.type !== 'review' && e.type !== 'exam-end') {
    if (!OTHER_TYPES.has(e.type)) throw new NotForTheModel('no known event');
    return { type: e.type as Exclude<ModelEvent['type'], 'review' | 'undo' | 'exam-end'>, id, at };
  }
  const day = text(e.day);
  if (!DAY.test(day)) throw new NotForTheModel('no day');
  if (e.type === 'review') return { type: 'review', id, at, day, ...answer(e) };
  if (!Array.isArray(e.reviews)) throw new NotForTheModel('no reviews');
  return { type: 'exam-end', id, at, day, reviews: e.reviews.map(answer) };
}

export function readModelEvents(dir: string): ModelEvent[] {
  return unionEvents(readLogs(nodeFs, dir, modelEvent)).sort(compareEvents);
}

/** Every event of the pack's logs, each validated whole (for an export of the history). */
export function readPackEvents(dir: string): ProgressEvent[] {
  return unionEvents(readLogs(nodeFs, dir, (value) => eventSchema.parse(value) as ProgressEvent)).sort(compareEvents);
}
