/**
 * The mock exam as a reducer over a state tagged by phase. Time arrives inside actions; the
 * clock only runs between ticks while the exam is open, so a resumed exam keeps the time that
 * was left. Derived values (time left, counts) are selectors, not stored fields.
 */
import { checkExhaustive } from '../check-exhaustive.js';
import type { Answer } from '../pack/types.js';
import type { ExamSpec } from '../progress/events.js';

export type ExamPhase = 'in-progress' | 'submitted' | 'expired';

export interface ExamState {
  readonly phase: ExamPhase;
  readonly spec: ExamSpec;
  /** Per question, the chosen options as pack indices (choice) or the type's answer, or null. */
  readonly answers: readonly (Answer | null)[];
  readonly flags: readonly boolean[];
  readonly current: number;
  /** Exam time used, in milliseconds. */
  readonly elapsedMs: number;
  /** When the clock last advanced (epoch ms); null while paused. */
  readonly lastTick: number | null;
}

export type ExamAction =
  /** Pick (single-answer) or toggle (multiple-response) the option shown at `position`. */
  | { readonly type: 'select-option'; readonly position: number; readonly multiple: boolean }
  /** Sets the current question's answer (types other than choice: typed text, pairs, an order, parts). */
  | { readonly type: 'set-answer'; readonly answer: Answer | null }
  | { readonly type: 'clear-answer' }
  | { readonly type: 'toggle-flag' }
  | { readonly type: 'go-to'; readonly index: number }
  | { readonly type: 'next' }
  | { readonly type: 'previous' }
  | { readonly type: 'tick'; readonly now: number }
  | { readonly type: 'pause'; readonly now: number }
  | { readonly type: 'resume'; readonly now: number }
  | { readonly type: 'submit'; readonly now: number };

export function startExam(spec: ExamSpec, now: number, saved?: { answers: readonly (Answer | null)[]; flags: readonly boolean[]; elapsedMs: number }): ExamState {
  const n = spec.questionIds.length;
  const state: ExamState = {
    phase: 'in-progress',
    spec,
    answers: saved?.answers.slice(0, n) ?? Array.from({ length: n }, () => null),
    flags: saved?.flags.slice(0, n) ?? Array.from({ length: n }, () => false),
    current: 0,
    elapsedMs: saved?.elapsedMs ?? 0,
    lastTick: now,
  };
  return limitMs(state) - state.elapsedMs <= 0 ? { ...state, phase: 'expired', elapsedMs: limitMs(state), lastTick: null } : state;
}

export function limitMs(state: Pick<ExamState, 'spec'>): number {
  return state.spec.minutes * 60_000;
}

function advance(state: ExamState, now: number): ExamState {
  if (state.phase !== 'in-progress' || state.lastTick === null) return state;
  const elapsedMs = Math.min(limitMs(state), state.elapsedMs + Math.max(0, now - state.lastTick));
  if (elapsedMs >= limitMs(state)) return { ...state, elapsedMs, lastTick: null, phase: 'expired' };
  return { ...state, elapsedMs, lastTick: now };
}

export function examReducer(state: ExamState, action: ExamAction): ExamState {
  const n = state.spec.questionIds.length;
  switch (action.type) {
    case 'select-option': {
      if (state.phase !== 'in-progress') return state;
      const order = state.spec.optionOrders[state.current]!;
      const index = order[action.position];
      if (index === undefined) return state;
      const current = state.answers[state.current];
      const prev = Array.isArray(current) ? (current as readonly number[]) : [];
      const next = action.multiple ? (prev.includes(index) ? prev.filter((i) => i !== index) : [...prev, index].sort((a, b) => a - b)) : [index];
      return { ...state, answers: replace(state.answers, state.current, next.length ? next : null) };
    }
    case 'set-answer':
      return state.phase === 'in-progress' ? { ...state, answers: replace(state.answers, state.current, action.answer) } : state;
    case 'clear-answer':
      return state.phase === 'in-progress' ? { ...state, answers: replace(state.answers, state.current, null) } : state;
    case 'toggle-flag':
      return state.phase === 'in-progress' ? { ...state, flags: replace(state.flags, state.current, !state.flags[state.current]) } : state;
    case 'go-to':
      return action.index >= 0 && action.index < n ? { ...state, current: action.index } : state;
    case 'next':
      return { ...state, current: Math.min(n - 1, state.current + 1) };
    case 'previous':
      return { ...state, current: Math.max(0, state.current - 1) };
    case 'tick':
      return advance(state, action.now);
    case 'pause': {
      const s = advance(state, action.now);
      return s.phase === 'in-progress' ? { ...s, lastTick: null } : s;
    }
    case 'resume':
      return state.phase === 'in-progress' && state.lastTick === null ? { ...state, lastTick: action.now } : state;
    case 'submit': {
      const s = advance(state, action.now);
      return s.phase === 'in-progress' ? { ...s, phase: 'submitted', lastTick: null } : s;
    }
    default:
      return checkExhaustive(action);
  }
}

function replace<T>(list: readonly T[], index: number, value: T): T[] {
  const out = [...list];
  out[index] = value;
  return out;
}

/** Selectors. */
export const timeLeftMs = (s: ExamState): number => Math.max(0, limitMs(s) - s.elapsedMs);
export const answeredCount = (s: ExamState): number => s.answers.filter((a) => a !== null).length;
export const unansweredIndices = (s: ExamState): number[] => s.answers.flatMap((a, i) => (a === null ? [i] : []));
export const flaggedIndices = (s: ExamState): number[] => s.flags.flatMap((f, i) => (f ? [i] : []));

/** Warnings sound as the clock passes these minutes left. */
export const WARNING_MINUTES = [30, 10, 1] as const;

/** The warning due between two readings of time left, if one was crossed. */
export function crossedWarning(beforeMs: number, afterMs: number): number | undefined {
  return WARNING_MINUTES.find((m) => beforeMs > m * 60_000 && afterMs <= m * 60_000);
}

/** "2:59:58" or "4:05". */
export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}
