/** Turns one answer into a review: grading, the rating, the new schedule, the exam-date rule. */
import { correctIndices, type Item, type Question } from '../pack/types.js';
import { newCardState, schedule, type Rating, type SchedulerSettings } from '../scheduler/fsrs-adapter.js';
import type { ItemProgress, ReviewPayload, StudyMode } from '../progress/events.js';

const DAY_MS = 86_400_000;

/** Right only when the chosen set is exactly the correct set (no partial credit). */
export function isAnswerCorrect(question: Question, chosen: readonly number[]): boolean {
  const keys = correctIndices(question);
  const set = new Set(chosen);
  return set.size === keys.length && keys.every((k) => set.has(k));
}

/** How long a learner may take before a right answer counts as a hesitation (Hard). */
export function hesitationMs(question: Question): number {
  const words = [question.stem, ...question.options.map((o) => o.text)].join(' ').split(/\s+/).length;
  return 30_000 + (words / 200) * 60_000 * 2;
}

/** Wrong is Again, right is Good, right after a long hesitation is Hard. */
export function ratingForAnswer(question: Question, correct: boolean, ms: number): Rating {
  if (!correct) return 1;
  return ms > hesitationMs(question) ? 2 : 3;
}

/**
 * No interval may jump over the exam: a review that would fall after the exam day is brought
 * back to the eve of the exam (or the exam morning, when the eve has passed), so every item is
 * fresh on the day.
 */
export function capDueForExam(due: Date, now: Date, examStart: Date | null): Date {
  if (!examStart || now >= examStart || due <= examStart) return due;
  const eve = new Date(examStart.getTime() - DAY_MS);
  return eve > now ? eve : examStart;
}

export interface ReviewInput {
  readonly item: Item;
  readonly progress: ItemProgress | undefined;
  readonly now: Date;
  readonly rating: Rating;
  readonly correct: boolean;
  readonly mode: StudyMode;
  readonly ms: number;
  readonly chosen?: readonly number[];
  readonly scheduler: SchedulerSettings;
  /** Start of the exam day, when the learner set one. */
  readonly examStart: Date | null;
}

export function buildReview(input: ReviewInput): ReviewPayload {
  const before = input.progress?.card ?? newCardState(input.now);
  const base = {
    item: input.item.id,
    kind: input.item.kind,
    mode: input.mode,
    rating: input.rating,
    correct: input.correct,
    ...(input.chosen ? { chosen: [...input.chosen] } : {}),
    ms: Math.max(0, Math.round(input.ms)),
    prev: input.progress ?? null,
  };
  if (input.mode === 'cram') {
    return { ...base, phaseBefore: before.phase, elapsedDays: 0, after: null };
  }
  const result = schedule(before, input.now, input.rating, input.scheduler);
  const due = capDueForExam(new Date(result.state.due), input.now, input.examStart);
  const after = due.toISOString() === result.state.due ? result.state : { ...result.state, due: due.toISOString(), scheduledDays: Math.max(0, Math.round((due.getTime() - input.now.getTime()) / DAY_MS)) };
  return { ...base, phaseBefore: result.phaseBefore, elapsedDays: Math.round(result.elapsedDays * 1000) / 1000, after };
}
