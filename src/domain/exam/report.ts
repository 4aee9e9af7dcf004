/**
 * The exam report as lines of plain text (for plain mode and the screen) and as Markdown (for
 * `exam --report FILE.md`): score, pass or fail, each domain, time, then every question.
 */
import { correctIndices, isChoice, questionType, type Pack, type QuestionType } from '../pack/types.js';
import { feedbackLines, type FeedbackLine } from '../quiz/feedback.js';
import { scoreAnswer } from '../scoring/index.js';
import { partOrder } from '../study/options.js';
import type { ExamRecord } from '../progress/events.js';
import { optionLetter } from '../study/options.js';
import { formatClock } from './exam-reducer.js';
import { passingPercent } from './score.js';

export const SCALING_NOTE = 'The scaled score is an estimate: a linear map of the raw percentage onto 100-1000 (AWS does not publish its scaling).';

export interface ReviewEntry {
  readonly number: number;
  readonly id: string;
  readonly retired: boolean;
  readonly stem: string;
  readonly topic: string;
  readonly correct: boolean;
  readonly answered: boolean;
  readonly flagged: boolean;
  readonly type: QuestionType;
  /** Options in the order they were shown (choice questions; empty for the other types). */
  readonly options: readonly { letter: string; text: string; why?: string; correct: boolean; chosen: boolean }[];
  /** The answer against the key, for the other types: pairs, positions, typed text, parts. */
  readonly lines: readonly FeedbackLine[];
  readonly explanation?: string;
  readonly refs: readonly string[];
}

export function resultLine(record: ExamRecord): string {
  return `result: ${record.result.passed ? 'pass' : 'fail'} ${record.result.scaled}/1000 (passing ${record.passingScore})`;
}

export function bar(fraction: number, width: number): string {
  const full = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `${'#'.repeat(full)}${'.'.repeat(width - full)}`;
}

/** The same bar in blocks, the filled share as █ and the rest as ░, for terminals. */
export function blockBar(fraction: number, width: number): string {
  return bar(fraction, width).replace(/#/g, '█').replace(/\./g, '░');
}

/** One line per domain: its title, a bar (drawn by `drawBar`, `#` and `.` by default) and n/m. */
export function domainLines(pack: Pack, record: ExamRecord, width = 20, drawBar: (fraction: number, width: number) => string = bar): string[] {
  const titles = new Map(pack.domains.map((d) => [d.id, d.title]));
  const label = Math.max(...record.result.domains.map((d) => (titles.get(d.id) ?? d.id).length), 6);
  return record.result.domains.map((d) => `${(titles.get(d.id) ?? d.id).padEnd(label)}  ${drawBar(d.total ? d.correct / d.total : 0, width)}  ${d.correct}/${d.total}`);
}

export function reviewEntries(pack: Pack, record: ExamRecord): ReviewEntry[] {
  const questions = new Map(pack.questions.map((q) => [q.id, q]));
  return record.questionIds.map((id, i) => {
    const q = questions.get(id);
    const chosen = record.answers[i] ?? null;
    if (!q) return { number: i + 1, id, retired: true, stem: '(this question has since been removed from the pack)', topic: '', type: 'choice', correct: false, answered: chosen !== null, flagged: record.flags[i] ?? false, options: [], lines: [], refs: [] };
    if (!isChoice(q)) {
      const orders = q.type === 'case-study' ? q.parts.map((_, k) => partOrder(q, k, record.seed)) : [record.optionOrders[i] ?? []];
      return { number: i + 1, id, retired: false, stem: q.stem, topic: q.topic, type: questionType(q), correct: chosen !== null && scoreAnswer(q, chosen).correct, answered: chosen !== null, flagged: record.flags[i] ?? false, options: [], lines: chosen === null ? feedbackLines(q, null, orders).slice(0) : feedbackLines(q, chosen, orders), ...(q.explanation ? { explanation: q.explanation } : {}), refs: q.refs };
    }
    const keys = new Set(correctIndices(q));
    const order = record.optionOrders[i] ?? q.options.map((_, k) => k);
    const picked = Array.isArray(chosen) ? (chosen as readonly number[]) : null;
    return {
      type: 'choice',
      lines: [],
      number: i + 1,
      id,
      retired: false,
      stem: q.stem,
      topic: q.topic,
      correct: picked !== null && scoreAnswer(q, picked).correct,
      answered: chosen !== null,
      flagged: record.flags[i] ?? false,
      options: order.map((k, pos) => ({ letter: optionLetter(pos), text: q.options[k]!.text, ...(q.options[k]!.why ? { why: q.options[k]!.why } : {}), correct: keys.has(k), chosen: picked?.includes(k) ?? false })),
      ...(q.explanation ? { explanation: q.explanation } : {}),
      refs: q.refs,
    };
  });
}

export function summaryLines(pack: Pack, record: ExamRecord): string[] {
  const { result } = record;
  const prediction = predictionLine(record);
  return [
    resultLine(record),
    `${result.correct} of ${result.total} correct (${Math.round((100 * result.correct) / Math.max(1, result.total))}%); passing needs about ${Math.ceil(passingPercent(record.passingScore))}%.`,
    `Time used: ${formatClock(record.elapsedMs)} of ${formatClock(record.minutes * 60_000)}${record.outcome === 'expired' ? ' (time ran out; submitted automatically)' : ''}.`,
    ...(prediction ? [prediction] : []),
    ...domainLines(pack, record),
    SCALING_NOTE,
  ];
}

/** "Predicted at the start: 712/1000; scored 690 (22 below)." when the exam kept its prediction. */
export function predictionLine(record: ExamRecord): string | undefined {
  if (!record.predicted) return undefined;
  const diff = record.result.scaled - record.predicted.scaled;
  const how = diff === 0 ? 'as predicted' : `${Math.abs(diff)} ${diff > 0 ? 'above' : 'below'} the prediction`;
  return `Readiness predicted at the start: ${record.predicted.scaled}/1000 on this pack's topics; scored ${record.result.scaled} (${how}).`;
}

export function reportMarkdown(pack: Pack, record: ExamRecord): string {
  const out: string[] = [`# Mock exam report: ${pack.title}`, '', `Taken ${record.startedAt.slice(0, 16).replace('T', ' ')} UTC, pack version ${record.packVersion}.`, ''];
  const [first, ...rest] = summaryLines(pack, record);
  out.push(`**${first}**`, '');
  out.push(rest[0]!, '', rest[1]!, '');
  const prediction = predictionLine(record);
  if (prediction) out.push(prediction, '');
  out.push('| Domain | Result |', '| --- | --- |');
  const titles = new Map(pack.domains.map((d) => [d.id, d.title]));
  for (const d of record.result.domains) out.push(`| ${titles.get(d.id) ?? d.id} | \`${bar(d.total ? d.correct / d.total : 0, 20)}\` ${d.correct}/${d.total} |`);
  out.push('', `_${SCALING_NOTE}_`, '', '## Questions', '');
  for (const e of reviewEntries(pack, record)) {
    out.push(`### ${e.number}. ${e.correct ? 'Correct' : e.answered ? 'Wrong' : 'Unanswered'}${e.flagged ? ' (flagged)' : ''}`, '', e.stem.trim(), '');
    for (const o of e.options) out.push(`- ${o.chosen ? '**you chose** ' : ''}${o.correct ? '(correct) ' : ''}${o.letter}) ${o.text}${o.why ? `  \n  _${o.why}_` : ''}`);
    for (const l of e.lines) out.push(`${l.depth ? '  ' : ''}- ${l.mark === 'right' ? '(right) ' : l.mark === 'wrong' ? '**(wrong)** ' : ''}${l.text.trim().replace(/\n+/g, ' ')}`);
    if (e.explanation) out.push('', e.explanation.trim());
    if (e.refs.length) out.push('', ...e.refs.map((r) => `- <${r}>`));
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
