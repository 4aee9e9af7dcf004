/**
 * The progress state: a fold over the review log. `applyEvent` folds in place, because the state
 * of a learner with 10,000 items is too large to copy per answer (a 10k-key spread costs ~5 ms);
 * the store owns the state and is the only caller. Same events in, same state out.
 */
import { checkExhaustive } from '../check-exhaustive.js';
import type { Answer } from '../pack/types.js';
import type { ExamRecord, ExamSpec, ItemProgress, ProgressEvent, ReviewPayload } from './events.js';
import { newIndexOf } from '../pack/option-moves.js';
import { DEFAULT_SETTINGS, type PackSettings } from './settings.js';

export interface DayStats {
  reviews: number;
  correct: number;
  /** Items seen for the first time that day. */
  introduced: number;
  ms: number;
  /** Reviews of items that were in the review phase (not new or learning), and how many were recalled. */
  mature?: number;
  matureCorrect?: number;
}

/** An exam in progress: what resume needs. */
export interface ActiveExam {
  readonly spec: ExamSpec;
  readonly startedAt: string;
  answers: (Answer | null)[];
  flags: boolean[];
  /** Exam time used so far (the clock runs only while the exam is open). */
  elapsedMs: number;
}

export interface ProgressState {
  items: Record<string, ItemProgress>;
  days: Record<string, DayStats>;
  /**
   * `questionId#optionIndex` -> how often that wrong option was chosen; for the other question
   * types, `questionId#key` with the review's misses (`=typed text`, `m0>2` a wrong pair, ...).
   */
  misconceptions: Record<string, number>;
  exams: ExamRecord[];
  activeExam: ActiveExam | null;
  settings: Partial<PackSettings>;
  /** Every rating and every answer ever made, in study, quiz, exam and cram. */
  totalReviews: number;
  /** Item hashes of the pack version last seen, to tell learners what changed. */
  known: { version: string; hashes: Record<string, string>; digest?: string } | null;
}

export function emptyProgress(): ProgressState {
  return { items: {}, days: {}, misconceptions: {}, exams: [], activeExam: null, settings: {}, totalReviews: 0, known: null };
}

export function effectiveSettings(state: ProgressState): PackSettings {
  return { ...DEFAULT_SETTINGS, ...state.settings };
}

/** Weight of the newest answer in an item's recent accuracy. */
export const RECENT_WEIGHT = 0.35;

export function applyEvent(state: ProgressState, event: ProgressEvent): ProgressState {
  switch (event.type) {
    case 'review':
      applyReview(state, event, event.at, event.day, 1);
      return state;
    case 'undo':
      applyReview(state, event.review, event.at, event.day, -1);
      return state;
    case 'settings':
      state.settings = { ...state.settings, [event.key]: event.value };
      return state;
    case 'exam-start':
      state.activeExam = { spec: event.exam, startedAt: event.at, answers: event.exam.questionIds.map(() => null), flags: event.exam.questionIds.map(() => false), elapsedMs: 0 };
      return state;
    case 'exam-answer':
      if (state.activeExam?.spec.examId === event.examId && event.index < state.activeExam.answers.length) {
        state.activeExam.answers[event.index] = event.answer ?? event.chosen;
        state.activeExam.elapsedMs = Math.max(state.activeExam.elapsedMs, event.elapsedMs);
      }
      return state;
    case 'exam-flag':
      if (state.activeExam?.spec.examId === event.examId && event.index < state.activeExam.flags.length) {
        state.activeExam.flags[event.index] = event.flagged;
        state.activeExam.elapsedMs = Math.max(state.activeExam.elapsedMs, event.elapsedMs);
      }
      return state;
    case 'exam-time':
      if (state.activeExam?.spec.examId === event.examId) state.activeExam.elapsedMs = Math.max(state.activeExam.elapsedMs, event.elapsedMs);
      return state;
    case 'exam-end': {
      const active = state.activeExam?.spec.examId === event.examId ? state.activeExam : null;
      if (!active || state.exams.some((e) => e.examId === event.examId)) return state;
      state.exams.push({ ...active.spec, startedAt: active.startedAt, endedAt: event.at, outcome: event.outcome, elapsedMs: event.elapsedMs, answers: [...active.answers], flags: [...active.flags], result: event.result });
      state.activeExam = null;
      for (const review of event.reviews) applyReview(state, review, event.at, event.day, 1);
      return state;
    }
    case 'suspend': {
      const prev = state.items[event.item] ?? { kind: event.kind, card: null, seen: 0, correct: 0, recent: 0 };
      const { suspended: _was, ...rest } = prev;
      state.items[event.item] = event.suspended ? { ...rest, suspended: { reason: event.reason ?? 'manual', at: event.at, ...(event.lapses !== undefined ? { lapses: event.lapses } : {}) } } : rest;
      return state;
    }
    case 'exam-discard':
      if (state.activeExam?.spec.examId === event.examId) state.activeExam = null;
      return state;
    case 'pack-sync':
      state.known = { version: event.version, hashes: { ...event.hashes }, ...(event.digest ? { digest: event.digest } : {}) };
      if (event.moves) renumberOptions(state, event.moves);
      return state;
    default:
      return checkExhaustive(event);
  }
}

/**
 * Renumbers what points at option indices (misconceptions, past and active exams) after the
 * author moved options: `moves[question][newIndex]` is the option's old index. An option removed
 * since takes its misconception count and exam choices with it.
 */
function renumberOptions(state: ProgressState, moves: Readonly<Record<string, readonly (number | null)[]>>): void {
  const maps = new Map(Object.entries(moves).map(([id, order]) => [id, newIndexOf(order)]));
  const renumbered: Record<string, number> = {};
  for (const [key, count] of Object.entries(state.misconceptions)) {
    const hash = key.lastIndexOf('#');
    const map = maps.get(key.slice(0, hash));
    if (!map) {
      renumbered[key] = (renumbered[key] ?? 0) + count;
      continue;
    }
    const now = map.get(Number(key.slice(hash + 1)));
    if (now !== undefined) renumbered[`${key.slice(0, hash)}#${now}`] = count;
  }
  state.misconceptions = renumbered;
  const indices = (map: Map<number, number>, list: readonly number[]) => list.flatMap((i) => (map.has(i) ? [map.get(i)!] : []));
  const renumberExam = (spec: ExamSpec, answers: readonly (Answer | null)[]) => {
    const optionOrders = spec.optionOrders.map((order, k) => {
      const map = maps.get(spec.questionIds[k]!);
      return map ? indices(map, order) : order;
    });
    const renumberedAnswers = answers.map((chosen, k) => {
      const map = maps.get(spec.questionIds[k]!);
      return map && Array.isArray(chosen) ? indices(map, chosen as readonly number[]) : chosen;
    });
    return { optionOrders, answers: renumberedAnswers };
  };
  state.exams = state.exams.map((record) => {
    if (!record.questionIds.some((id) => maps.has(id))) return record;
    const { optionOrders, answers } = renumberExam(record, record.answers);
    return { ...record, optionOrders, answers };
  });
  const active = state.activeExam;
  if (active && active.spec.questionIds.some((id) => maps.has(id))) {
    const { optionOrders, answers } = renumberExam(active.spec, active.answers);
    state.activeExam = { ...active, spec: { ...active.spec, optionOrders }, answers: [...answers] };
  }
}

/** Applies a review (sign 1) or takes it back (sign -1, for undo). */
function applyReview(state: ProgressState, r: ReviewPayload, at: string, day: string, sign: 1 | -1): void {
  const stats = (state.days[day] ??= { reviews: 0, correct: 0, introduced: 0, ms: 0 });
  stats.reviews += sign;
  stats.correct += r.correct ? sign : 0;
  stats.introduced += r.prev === null || r.prev.seen === 0 ? sign : 0;
  stats.ms += sign * r.ms;
  if (r.phaseBefore === 'review' && r.mode !== 'cram') {
    stats.mature = (stats.mature ?? 0) + sign;
    stats.matureCorrect = (stats.matureCorrect ?? 0) + (r.correct ? sign : 0);
  }
  state.totalReviews += sign;
  if (r.kind === 'question' && !r.correct && (r.chosen || r.misses)) {
    for (const option of r.misses ?? r.chosen ?? []) {
      const key = `${r.item}#${option}`;
      const n = (state.misconceptions[key] ?? 0) + sign;
      if (n > 0) state.misconceptions[key] = n;
      else delete state.misconceptions[key];
    }
  }
  if (sign === -1) {
    if (stats.reviews === 0 && stats.correct === 0 && stats.introduced === 0 && stats.ms === 0 && !stats.mature) delete state.days[day];
    if (r.prev) state.items[r.item] = r.prev;
    else delete state.items[r.item];
    return;
  }
  const prev = state.items[r.item];
  const score = r.correct ? 1 : 0;
  state.items[r.item] = {
    kind: r.kind,
    card: r.after ?? prev?.card ?? null,
    seen: (prev?.seen ?? 0) + 1,
    correct: (prev?.correct ?? 0) + score,
    recent: prev && prev.seen > 0 ? prev.recent * (1 - RECENT_WEIGHT) + score * RECENT_WEIGHT : score,
    lastAt: at,
    ...(r.correct ? (prev?.lastWrongAt ? { lastWrongAt: prev.lastWrongAt } : {}) : { lastWrongAt: at }),
    ...(prev?.suspended ? { suspended: prev.suspended } : {}),
  };
}
