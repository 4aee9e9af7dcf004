/** Turns one answer into a review: grading, the rating, the new schedule, the exam-date rule. */
import { correctIndices, isChoice, rightItems, type Answer, type ChoiceBody, type Item, type QuestionBody } from '../pack/types.js';
import { scoreAnswer } from '../scoring/index.js';
import { newCardState, schedule, type Rating, type SchedulerSettings } from '../scheduler/fsrs-adapter.js';
import type { ItemProgress, ReviewPayload, StudyMode } from '../progress/events.js';

const DAY_MS = 86_400_000;

/** Right only when the chosen set is exactly the correct set (no partial credit). */
export function isChoiceCorrect(question: ChoiceBody, chosen: readonly number[]): boolean {
  const keys = correctIndices(question);
  const set = new Set(chosen);
  return set.size === keys.length && keys.every((k) => set.has(k));
}

/** Right as an exam scores it, for any question type (choice: the exact set of correct options). */
export function isAnswerCorrect(question: QuestionBody, answer: Answer): boolean {
  return scoreAnswer(question, answer).correct;
}

/** Every text a learner reads to answer a question, for the reading-time allowance. */
export function questionTexts(q: QuestionBody): string[] {
  if (isChoice(q)) return [q.stem, ...q.options.map((o) => o.text)];
  switch (q.type) {
    case 'true-false':
    case 'short-answer':
    case 'numerical':
      return [q.stem];
    case 'matching':
      return [q.stem, ...q.pairs.map((p) => p.left), ...rightItems(q)];
    case 'ordering':
      return [q.stem, ...q.steps];
    case 'case-study':
      return [q.stem, ...q.parts.flatMap(questionTexts)];
  }
}

/** Extra time to type an answer or move steps, on top of reading. */
function workMs(q: QuestionBody): number {
  if (isChoice(q) || q.type === 'true-false') return 0;
  if (q.type === 'case-study') return q.parts.reduce((sum, p) => sum + workMs(p), 0);
  if (q.type === 'matching') return q.pairs.length * 5_000;
  if (q.type === 'ordering') return q.steps.length * 5_000;
  return 15_000;
}

/** How long a learner may take before a right answer counts as a hesitation (Hard). */
export function hesitationMs(question: QuestionBody): number {
  const words = questionTexts(question).join(' ').split(/\s+/).length;
  const parts = question.type === 'case-study' ? question.parts.length : 1;
  return 30_000 * parts + (words / 200) * 60_000 * 2 + workMs(question);
}

/** Wrong is Again, right is Good, right after a long hesitation is Hard. */
export function ratingForAnswer(question: QuestionBody, correct: boolean, ms: number): Rating {
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
  /** For questions other than choice: the answer as given, and its wrong parts (misconception keys). */
  readonly answer?: Answer;
  readonly misses?: readonly string[];
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
    ...(input.answer !== undefined ? { answer: input.answer } : {}),
    ...(input.misses && input.misses.length > 0 ? { misses: [...input.misses] } : {}),
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
