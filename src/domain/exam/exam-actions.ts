/** Records a mock exam's progress through the port, so an interrupted exam can be resumed. */
import { isChoice, type Pack } from '../pack/types.js';
import { scoreAnswer } from '../scoring/index.js';
import type { Clock, ProgressPort } from '../ports.js';
import type { ExamRecord, ExamSpec, ReviewPayload } from '../progress/events.js';
import { schedulerSettings } from '../progress/settings.js';
import { effectiveSettings } from '../progress/state.js';
import { dayKey } from '../time/day.js';
import { examStart } from '../study/actions.js';
import { buildReview } from '../study/review.js';
import type { ExamState } from './exam-reducer.js';
import { scoreExam } from './score.js';

export interface ExamContext {
  readonly pack: Pack;
  readonly port: ProgressPort;
  readonly clock: Clock;
}

function stamp(ctx: ExamContext) {
  const now = ctx.clock.now();
  return { at: now.toISOString(), day: dayKey(now, ctx.clock.offset) };
}

export function recordExamStart(ctx: ExamContext, spec: ExamSpec): void {
  ctx.port.record({ type: 'exam-start', ...stamp(ctx), exam: spec });
}

/** Records what changed between two exam states: an answer, a flag. Answers are durable at once. */
export function recordExamChange(ctx: ExamContext, before: ExamState, after: ExamState): void {
  const examId = after.spec.examId;
  const byId = new Map(ctx.pack.questions.map((q) => [q.id, q]));
  after.answers.forEach((a, i) => {
    if (a === before.answers[i]) return;
    const q = byId.get(after.spec.questionIds[i]!);
    // A choice answer is logged as `chosen`, as before; any other type's in `answer`.
    const given = a === null ? { chosen: null } : q && isChoice(q) && Array.isArray(a) ? { chosen: [...(a as readonly number[])] } : { chosen: null, answer: a };
    ctx.port.record({ type: 'exam-answer', ...stamp(ctx), examId, index: i, ...given, elapsedMs: Math.round(after.elapsedMs) });
  });
  after.flags.forEach((f, i) => {
    if (f !== before.flags[i]) ctx.port.record({ type: 'exam-flag', ...stamp(ctx), examId, index: i, flagged: f, elapsedMs: Math.round(after.elapsedMs) });
  });
}

/** A checkpoint of the time used, so a crash loses at most the time since the last one. */
export function recordExamTime(ctx: ExamContext, state: ExamState): void {
  ctx.port.record({ type: 'exam-time', ...stamp(ctx), examId: state.spec.examId, elapsedMs: Math.round(state.elapsedMs) });
}

/** Scores the exam, schedules its answered questions (wrong ones come back soon) and saves it to history. */
export function recordExamEnd(ctx: ExamContext, state: ExamState): ExamRecord {
  const now = ctx.clock.now();
  const result = scoreExam(ctx.pack, state.spec, state.answers);
  const questions = new Map(ctx.pack.questions.map((q) => [q.id, q]));
  const scheduler = schedulerSettings(effectiveSettings(ctx.port.state));
  const start = examStart(ctx);
  const reviews: ReviewPayload[] = [];
  state.spec.questionIds.forEach((id, i) => {
    const q = questions.get(id);
    const answer = state.answers[i];
    if (!q || answer === null || answer === undefined) return;
    const score = scoreAnswer(q, answer);
    const { correct } = score;
    const given = isChoice(q) && Array.isArray(answer) ? { chosen: answer as readonly number[] } : { answer, misses: score.misses };
    const review = buildReview({ item: q, progress: ctx.port.state.items[id], now, rating: correct ? 3 : 1, correct, mode: 'exam', ms: 0, ...given, scheduler, examStart: start });
    reviews.push(review);
  });
  ctx.port.record({ type: 'exam-end', ...stamp(ctx), examId: state.spec.examId, outcome: state.phase === 'expired' ? 'expired' : 'submitted', elapsedMs: Math.round(state.elapsedMs), result, reviews });
  const record = ctx.port.state.exams.find((e) => e.examId === state.spec.examId);
  if (!record) throw new Error('the finished exam was not saved to history');
  return record;
}

export function recordExamDiscard(ctx: ExamContext, examId: string): void {
  ctx.port.record({ type: 'exam-discard', ...stamp(ctx), examId });
}
