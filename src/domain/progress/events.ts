/**
 * The review log: every change to a learner's progress is one event, appended as one JSON line.
 * The log is the source of truth; the progress state is a fold over it. Each event has a unique
 * id, so that replaying is idempotent when two processes share a data dir.
 */
import type { CardPhase, CardState, Rating } from '../scheduler/fsrs-adapter.js';
import type { Answer } from '../pack/types.js';
import type { PackSettings } from './settings.js';

export type StudyMode = 'study' | 'quiz' | 'exam' | 'cram';

/** Progress of one item, keyed by item id within its pack. */
export interface ItemProgress {
  readonly kind: 'card' | 'question';
  /** Null until the item is first scheduled (cram and exam-only answers do not schedule). */
  readonly card: CardState | null;
  readonly seen: number;
  readonly correct: number;
  /** Recent accuracy, an exponentially weighted average (recent answers count more). */
  readonly recent: number;
  readonly lastAt?: string;
  readonly lastWrongAt?: string;
  /** Out of study (quiz and exam still ask it): a leech after too many lapses, or by the learner. */
  readonly suspended?: Suspension;
}

export interface Suspension {
  readonly reason: 'leech' | 'manual';
  readonly at: string;
  /** For a leech: the lapse count that made it one (the next leech mark comes half a threshold later). */
  readonly lapses?: number;
}

/** One rating or answer, with what the FSRS optimizer needs (rating, phase, elapsed days, time). */
export interface ReviewPayload {
  readonly item: string;
  readonly kind: 'card' | 'question';
  readonly mode: StudyMode;
  readonly rating: Rating;
  /** For questions: right or wrong. For cards: recalled (Hard, Good, Easy) or not (Again). */
  readonly correct: boolean;
  /** For choice questions: the chosen option indices, in pack order. */
  readonly chosen?: readonly number[];
  /** For the other question types: the learner's answer as given (pack/types.ts `Answer`). */
  readonly answer?: Answer;
  /** The wrong parts of a wrong answer, as misconception keys (scoring/score.ts); absent for choice. */
  readonly misses?: readonly string[];
  /** Time taken, in milliseconds. */
  readonly ms: number;
  readonly phaseBefore: CardPhase;
  readonly elapsedDays: number;
  /** The new memory state; null when the schedule was not touched (cram). */
  readonly after: CardState | null;
  /** The item's progress before this review, for undo. */
  readonly prev: ItemProgress | null;
}

export interface ExamSpec {
  readonly examId: string;
  readonly questionIds: readonly string[];
  /** Per question, the display order of its options (indices into the pack's options). */
  readonly optionOrders: readonly (readonly number[])[];
  readonly minutes: number;
  readonly passingScore: number;
  readonly seed: number;
  /** The pack version the exam was built from. */
  readonly packVersion: string;
  /**
   * The readiness examdrill predicted when the exam started (scaled, on the pack's topics), so the
   * report and `stats` can check it against the score; absent in exams from before it was kept.
   */
  readonly predicted?: { readonly scaled: number; readonly coverage: number };
}

export interface DomainResult {
  readonly id: string;
  readonly correct: number;
  readonly total: number;
}

export interface ExamResult {
  readonly correct: number;
  readonly total: number;
  readonly scaled: number;
  readonly passed: boolean;
  readonly domains: readonly DomainResult[];
}

export type ExamOutcome = 'submitted' | 'expired';

/** A finished exam, as kept in history. */
export interface ExamRecord extends ExamSpec {
  readonly startedAt: string;
  readonly endedAt: string;
  readonly outcome: ExamOutcome;
  readonly elapsedMs: number;
  /** Per question: chosen option indices for a choice question, the type's answer otherwise, or null. */
  readonly answers: readonly (Answer | null)[];
  readonly flags: readonly boolean[];
  readonly result: ExamResult;
}

interface Base {
  readonly id: string;
  /** ISO time the event happened. */
  readonly at: string;
  /** The learner's day (4 a.m. boundary) it counts for. */
  readonly day: string;
}

export type ProgressEvent =
  | (Base & { readonly type: 'review' } & ReviewPayload)
  | (Base & { readonly type: 'undo'; readonly target: string; readonly review: ReviewPayload })
  | (Base & { readonly type: 'settings'; readonly key: keyof PackSettings; readonly value: PackSettings[keyof PackSettings] })
  | (Base & { readonly type: 'exam-start'; readonly exam: ExamSpec })
  /** `chosen` holds a choice answer; any other type's answer is in `answer` (and `chosen` is null). */
  | (Base & { readonly type: 'exam-answer'; readonly examId: string; readonly index: number; readonly chosen: readonly number[] | null; readonly answer?: Answer; readonly elapsedMs: number })
  | (Base & { readonly type: 'exam-flag'; readonly examId: string; readonly index: number; readonly flagged: boolean; readonly elapsedMs: number })
  | (Base & { readonly type: 'exam-time'; readonly examId: string; readonly elapsedMs: number })
  | (Base & { readonly type: 'exam-end'; readonly examId: string; readonly outcome: ExamOutcome; readonly elapsedMs: number; readonly result: ExamResult; readonly reviews: readonly ReviewPayload[] })
  | (Base & { readonly type: 'exam-discard'; readonly examId: string })
  /** An item suspended (a leech, or by the learner) or brought back to study. */
  | (Base & { readonly type: 'suspend'; readonly item: string; readonly kind: 'card' | 'question'; readonly suspended: boolean; readonly reason?: 'leech' | 'manual'; readonly lapses?: number })
  | (Base & {
      readonly type: 'pack-sync';
      readonly version: string;
      readonly hashes: Readonly<Record<string, string>>;
      readonly digest?: string;
      /** Options the author moved since the version last seen: per question, each new option's old index (domain/pack/option-moves.ts). */
      readonly moves?: Readonly<Record<string, readonly (number | null)[]>>;
    });

export type EventType = ProgressEvent['type'];

/** An event before the store stamps it with an id. */
export type NewEvent = ProgressEvent extends infer E ? (E extends ProgressEvent ? Omit<E, 'id'> : never) : never;
