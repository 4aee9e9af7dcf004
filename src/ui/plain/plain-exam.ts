/**
 * The mock exam in plain mode: `resume y/n> ` for an unfinished exam; per question `answer> `
 * (a pick, `f` to flag, `s` to skip, `q` to stop and keep the exam for later); a review list and
 * `submit> ` (empty submits, a number goes back); then the report, first line `result: ...`.
 */
import type { Answer } from '../../domain/pack/types.js';
import { parseLine } from '../../domain/quiz/parse-answer.js';
import { recordExamChange, recordExamDiscard, recordExamEnd, recordExamTime, type ExamContext } from '../../domain/exam/exam-actions.js';
import { answeredCount, examReducer, flaggedIndices, formatClock, startExam, timeLeftMs, unansweredIndices, type ExamAction, type ExamState } from '../../domain/exam/exam-reducer.js';
import { reportMarkdown, reviewEntries, summaryLines } from '../../domain/exam/report.js';
import type { ExamRecord } from '../../domain/progress/events.js';
import { startNewExam } from '../exam-start.js';
import type { SessionDeps } from '../session-deps.js';
import { toPlainText } from '../text/markdown-lite.js';
import type { LinePrompt } from './line-prompt.js';
import { printPart, printQuestion } from './plain-items.js';
import { questionOrders } from '../../domain/study/options.js';

export async function plainExam(p: LinePrompt, deps: SessionDeps): Promise<void> {
  const ctx: ExamContext = { pack: deps.pack, port: deps.port, clock: deps.clock };
  if (deps.options.history) return plainHistory(p, deps);
  let state: ExamState | undefined;
  const active = deps.port.state.activeExam;
  if (active) {
    const left = Math.max(0, active.spec.minutes * 60_000 - active.elapsedMs);
    p.print(`An unfinished exam from ${active.startedAt.slice(0, 16).replace('T', ' ')} UTC: ${active.answers.filter((a) => a !== null).length} of ${active.spec.questionIds.length} answered, ${formatClock(left)} left.`);
    for (;;) {
      const line = await p.ask('resume y/n> ');
      if (line === null || line.trim() === 'q') return;
      const a = line.trim().toLowerCase();
      if (a === 'y' || a === 'yes') {
        state = startExam(active.spec, deps.clock.now().getTime(), active);
        // Carry on from the first question left unanswered.
        const next = state.answers.findIndex((x) => x === null);
        if (next > 0) state = examReducer(state, { type: 'go-to', index: next });
        break;
      }
      if (a === 'n' || a === 'no') {
        recordExamDiscard(ctx, active.spec.examId);
        p.print('The unfinished exam was discarded; a new one starts.');
        break;
      }
      p.print('Type y to resume it or n to discard it and start a new one.');
    }
  }
  if (!state) {
    const started = startNewExam(deps, ctx);
    if (started.notice) p.print(started.notice);
    state = started.state;
  }
  const n = state.spec.questionIds.length;
  p.print(`Mock exam: ${n} questions, ${state.spec.minutes} minutes, passing score ${state.spec.passingScore}. No feedback until the end. At answer>: f flags, s skips, q stops (the exam is kept).`);
  const questions = new Map(deps.pack.questions.map((q) => [q.id, q]));
  const dispatch = (action: ExamAction): void => {
    const before = state!;
    state = examReducer(before, action);
    recordExamChange(ctx, before, state);
  };
  const tick = () => dispatch({ type: 'tick', now: deps.clock.now().getTime() });

  const ask = async (index: number): Promise<'done' | 'quit'> => {
    dispatch({ type: 'go-to', index });
    const q = questions.get(state!.spec.questionIds[index]!);
    const order = state!.spec.optionOrders[index]!;
    p.print('');
    p.print(`Question ${index + 1} of ${n}${state!.flags[index] ? ' (flagged)' : ''}. Time left ${formatClock(timeLeftMs(state!))}.`);
    if (!q) {
      p.print('This question has been removed from the pack since the exam began; it is not scored.');
      return 'done';
    }
    printQuestion(p, q, order, true);
    const orders = questionOrders(q, order, state!.spec.seed);
    const bodies = q.type === 'case-study' ? q.parts : [q];
    const saved = state!.answers[index] ?? null;
    const parts: (Answer | null)[] = q.type === 'case-study' ? bodies.map((_, k) => (saved !== null && typeof saved === 'object' && 'parts' in saved ? (saved.parts[k] ?? null) : null)) : [saved];
    for (const [k, body] of bodies.entries()) {
      if (q.type === 'case-study') {
        p.print('');
        p.print(`Part ${k + 1} of ${bodies.length}${parts[k] !== null ? ' (answered; type a new answer or s to keep it)' : ''}:`);
        printPart(p, body, orders[k] ?? [], true);
      }
      for (;;) {
        const line = await p.ask('answer> ');
        tick();
        if (state!.phase !== 'in-progress') return 'done';
        if (line === null || line.trim() === 'q') return 'quit';
        const t = line.trim();
        if (t === 's' || t === '') break;
        if (t === 'f') {
          dispatch({ type: 'toggle-flag' });
          p.print(state!.flags[index] ? 'Flagged for review.' : 'Flag removed.');
          continue;
        }
        const parsed = parseLine(body, t, orders[k] ?? []);
        if ('error' in parsed) {
          p.print(`${parsed.error} Or f to flag, s to skip.`);
          continue;
        }
        parts[k] = parsed.answer;
        if (q.type !== 'case-study') dispatch({ type: 'set-answer', answer: parsed.answer });
        break;
      }
    }
    if (q.type === 'case-study' && parts.some((a) => a !== null)) dispatch({ type: 'set-answer', answer: { parts } });
    return 'done';
  };

  for (let i = state.current; i < n && state.phase === 'in-progress'; i += 1) {
    if ((await ask(i)) === 'quit') return stopped(p, ctx, state);
  }
  while (state.phase === 'in-progress') {
    p.print('');
    const unanswered = unansweredIndices(state);
    const flagged = flaggedIndices(state);
    p.print(`Review: ${answeredCount(state)} of ${n} answered. Time left ${formatClock(timeLeftMs(state))}.`);
    p.print(`Unanswered: ${unanswered.length ? unanswered.map((i) => i + 1).join(', ') : 'none'}. Flagged: ${flagged.length ? flagged.map((i) => i + 1).join(', ') : 'none'}.`);
    const line = await p.ask('submit> ');
    tick();
    if (state.phase !== 'in-progress') break;
    if (line === null || line.trim() === 'q') return stopped(p, ctx, state);
    if (line.trim() === '') {
      dispatch({ type: 'submit', now: deps.clock.now().getTime() });
      break;
    }
    const k = Number(line.trim());
    if (!Number.isInteger(k) || k < 1 || k > n) {
      p.print(`Press Enter to submit, or type a question number from 1 to ${n} to go back to it.`);
      continue;
    }
    if ((await ask(k - 1)) === 'quit') return stopped(p, ctx, state);
  }
  if (state.phase === 'expired') p.print('Time is up: the exam was submitted with the answers given.');
  const record = recordExamEnd(ctx, state);
  p.print('');
  printReport(p, deps, record);
  if (deps.options.reportFile) {
    deps.writeFile(deps.options.reportFile, reportMarkdown(deps.pack, record));
    p.print(`Report written to ${deps.options.reportFile}.`);
  }
}

function stopped(p: LinePrompt, ctx: ExamContext, state: ExamState): void {
  recordExamTime(ctx, state);
  p.print(`Stopped with ${formatClock(timeLeftMs(state))} left; your answers are saved. Run examdrill exam to resume.`);
}

export function printReport(p: LinePrompt, deps: SessionDeps, record: ExamRecord): void {
  for (const line of summaryLines(deps.pack, record)) p.print(line);
  p.print('');
  p.print('Question by question:');
  for (const e of reviewEntries(deps.pack, record)) {
    p.print('');
    p.print(`${e.number}. ${e.correct ? 'correct' : e.answered ? 'wrong' : 'unanswered'}${e.flagged ? ' (flagged)' : ''}: ${toPlainText(e.stem)}`);
    for (const o of e.options) p.print(`${o.letter}) ${toPlainText(o.text)}${o.correct ? ' [right]' : ''}${o.chosen ? ' [your pick]' : ''}${o.why ? ` - ${toPlainText(o.why)}` : ''}`);
    for (const l of e.lines) p.print(`${l.depth ? '  ' : ''}${toPlainText(l.text)}`);
    if (e.explanation) p.print(toPlainText(e.explanation));
  }
}

async function plainHistory(p: LinePrompt, deps: SessionDeps): Promise<void> {
  const exams = [...deps.port.state.exams].reverse();
  if (exams.length === 0) {
    p.print('No exams taken yet. Start one with: examdrill exam');
    return;
  }
  exams.forEach((e, i) => p.print(`${i + 1}) ${e.startedAt.slice(0, 16).replace('T', ' ')} UTC  ${e.result.scaled}/1000 ${e.result.passed ? 'pass' : 'fail'}  ${e.result.correct}/${e.result.total}  ${formatClock(e.elapsedMs)}`));
  for (;;) {
    const line = await p.ask('open> ');
    if (line === null || line.trim() === '' || line.trim() === 'q') return;
    const k = Number(line.trim());
    const record = exams[k - 1];
    if (!Number.isInteger(k) || !record) {
      p.print(`Type a number from 1 to ${exams.length} to open that report, or press Enter to leave.`);
      continue;
    }
    p.print('');
    printReport(p, deps, record);
    if (deps.options.reportFile) {
      deps.writeFile(deps.options.reportFile, reportMarkdown(deps.pack, record));
      p.print(`Report written to ${deps.options.reportFile}.`);
    }
  }
}
