/**
 * A learner's results file from their review log: every answer to a question (study, quiz, cram
 * and the reviews an exam's end carries), less those undone, with the version hash of the
 * question as the learner saw it, and each finished mock exam's total. Pure: events in (in the
 * log's order, domain/progress/order.ts), results out.
 *
 * The hash an answer was given to is the one the last `pack-sync` before it named (every session
 * records one when the pack changed); before any, the pack's hash now. An answer's recorded
 * fields other than the ones every review has (a newer question type's typed answer, say) are
 * kept as `response`, so that new question types reach the instructor without a change here.
 */
import type { ProgressEvent, ReviewPayload } from '../progress/events.js';
import { RESULTS_FORMAT, RESULTS_VERSION, type ResultsAnswer, type ResultsExam, type ResultsFile } from './results-format.js';

/** Fields every review has: anything else a review records is the answer itself. */
const REVIEW_FIELDS: ReadonlySet<string> = new Set(['type', 'id', 'at', 'day', 'item', 'kind', 'mode', 'rating', 'correct', 'chosen', 'ms', 'phaseBefore', 'elapsedDays', 'after', 'prev']);

export interface ResultsOptions {
  readonly pack: { readonly id: string; readonly version: string };
  /** Each question's hash in the pack now, for answers given before any pack-sync. */
  readonly currentHashes: ReadonlyMap<string, string>;
  /** The day of the export. */
  readonly today: string;
  readonly name?: string;
}

export function resultsFromLog(events: readonly ProgressEvent[], options: ResultsOptions): ResultsFile {
  const undone = new Set<string>();
  for (const e of events) if (e.type === 'undo') undone.add(e.target);
  let known: Readonly<Record<string, string>> | undefined;
  const starts = new Map<string, { questions: number; passingScore: number }>();
  const ended = new Set<string>();
  const answers: ResultsAnswer[] = [];
  const exams: ResultsExam[] = [];

  const answer = (r: ReviewPayload, day: string, exam?: number): void => {
    if (r.kind !== 'question') return;
    const extra = Object.entries(r).filter(([k]) => !REVIEW_FIELDS.has(k));
    const hash = known?.[r.item] ?? options.currentHashes.get(r.item) ?? '';
    answers.push({
      item: r.item,
      hash,
      mode: r.mode,
      ...(r.chosen ? { chosen: [...r.chosen] } : {}),
      ...(extra.length > 0 ? { response: extra.length === 1 ? extra[0]![1] : Object.fromEntries(extra) } : {}),
      correct: r.correct,
      seconds: Math.round(r.ms / 100) / 10,
      day,
      ...(exam !== undefined ? { exam } : {}),
    });
  };

  for (const e of events) {
    switch (e.type) {
      case 'pack-sync':
        known = e.hashes;
        break;
      case 'review':
        if (!undone.has(e.id)) answer(e, e.day);
        break;
      case 'exam-start':
        starts.set(e.exam.examId, { questions: e.exam.questionIds.length, passingScore: e.exam.passingScore });
        break;
      case 'exam-end': {
        const start = starts.get(e.examId);
        // The fold keeps the first end of a started exam only; so does this.
        if (!start || ended.has(e.examId)) break;
        ended.add(e.examId);
        const number = exams.length + 1;
        exams.push({
          number,
          day: e.day,
          outcome: e.outcome,
          questions: start.questions,
          correct: e.result.correct,
          total: e.result.total,
          scaled: e.result.scaled,
          passingScore: start.passingScore,
          passed: e.result.passed,
          seconds: Math.round(e.elapsedMs / 1000),
        });
        for (const r of e.reviews) answer(r, e.day, number);
        break;
      }
      default:
        break;
    }
  }
  return {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    pack: { id: options.pack.id, version: options.pack.version },
    exported: options.today,
    ...(options.name !== undefined ? { name: options.name } : {}),
    answers,
    exams,
  };
}
