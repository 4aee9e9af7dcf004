/** Starting a new mock exam from a session's options: the same in the full-screen UI and plain mode. */
import { createExam, seedFrom } from '../domain/exam/create-exam.js';
import { recordExamStart, type ExamContext } from '../domain/exam/exam-actions.js';
import { startExam, type ExamState } from '../domain/exam/exam-reducer.js';
import { effectiveSettings } from '../domain/progress/state.js';
import { computeStats } from '../domain/stats/stats.js';
import type { SessionDeps } from './session-deps.js';

/** The new exam, its start recorded, and a notice when the pack holds fewer questions than asked. */
export function startNewExam(deps: SessionDeps, ctx: ExamContext): { readonly state: ExamState; readonly notice?: string } {
  const now = deps.clock.now();
  const created = createExam(deps.pack, deps.port.state, {
    seed: deps.options.seed ?? seedFrom(now),
    now,
    ...(deps.options.questions ? { questions: deps.options.questions } : {}),
    ...(deps.options.minutes ? { minutes: deps.options.minutes } : {}),
    extraMinutes: effectiveSettings(deps.port.state).extraMinutes,
  });
  // The readiness predicted for this exam, kept with it so the report and stats can check it.
  const { readiness } = computeStats(deps.pack, deps.port.state, now, deps.clock.offset);
  const spec = { ...created.spec, predicted: { scaled: readiness.scaled, coverage: Number(readiness.coverage.toFixed(4)) } };
  recordExamStart(ctx, spec);
  const state = startExam(spec, now.getTime());
  const short = created.shortfall;
  return short ? { state, notice: `The pack holds ${short.available} questions, fewer than the ${short.asked} asked for: this exam uses all ${short.available}.` } : { state };
}
