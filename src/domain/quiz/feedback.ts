/**
 * What to show after an answer of a type other than choice, as plain lines marked right, wrong
 * or neutral: the exam review, the report, quiz feedback and plain mode all draw from these.
 * Pack text goes out as written; the screens sanitise it.
 */
import { correctIndices, isChoice, rightItems, type Answer, type ChoiceBody, type PartBody, type QuestionBody } from '../pack/types.js';
import { scoreAnswer, scorePart } from '../scoring/index.js';
import { pairsRight } from '../scoring/matching.js';
import { acceptedNumber } from '../scoring/numerical.js';
import { positionsRight } from '../scoring/ordering.js';
import { matchAccepted } from '../scoring/short-answer.js';
import { optionLetter } from '../study/options.js';

export type LineMark = 'right' | 'wrong' | 'plain';

export interface FeedbackLine {
  readonly text: string;
  readonly mark: LineMark;
  /** Indent level: 0 for a heading, 1 for a detail. */
  readonly depth: 0 | 1;
}

const line = (text: string, mark: LineMark = 'plain', depth: 0 | 1 = 0): FeedbackLine => ({ text, mark, depth });
const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** "a partial-credit grader would give 50%": for a choice answer that is not exactly right. */
export function partialCreditNote(q: ChoiceBody, chosen: readonly number[]): string | undefined {
  const score = scoreAnswer(q, chosen);
  const weighted = q.options.some((o) => o.weight !== undefined);
  if (score.correct || (correctIndices(q).length < 2 && !weighted)) return undefined;
  return `A partial-credit grader would give ${pct(score.credit)} (an exam gives none: only the exact set scores).`;
}

/** The answer as the learner gave it, in one line: for history and stats. */
export function answerText(q: PartBody, answer: Answer | null, order: readonly number[] = []): string {
  if (answer === null) return '(no answer)';
  if (isChoice(q)) return Array.isArray(answer) ? (answer as number[]).map((i) => optionLetter(order.indexOf(i) >= 0 ? order.indexOf(i) : i)).join(', ') : '?';
  switch (q.type) {
    case 'true-false':
      return String(answer);
    case 'short-answer':
    case 'numerical':
      return typeof answer === 'string' ? answer.trim() : '?';
    case 'matching': {
      const rights = rightItems(q);
      return Array.isArray(answer) ? q.pairs.map((p, i) => `${p.left} -> ${rights[(answer as number[])[i] ?? -1] ?? '?'}`).join('; ') : '?';
    }
    case 'ordering':
      return Array.isArray(answer) ? (answer as number[]).map((i) => q.steps[i] ?? '?').join(' > ') : '?';
  }
}

/** Lines for one part (or a standalone question of that type) after answering. */
export function partLines(q: PartBody, answer: Answer | null, order: readonly number[]): FeedbackLine[] {
  const score = scorePart(q, answer);
  const verdict = answer === null ? line('Not answered.', 'wrong') : score.correct ? line('Right.', 'right') : line(score.credit > 0 ? `Wrong (partial credit ${pct(score.credit)}).` : 'Wrong.', 'wrong');
  if (isChoice(q)) {
    const chosen = Array.isArray(answer) ? (answer as readonly number[]) : [];
    const shown = order.length === q.options.length ? order : q.options.map((_, i) => i);
    const out = [verdict];
    shown.forEach((k, pos) => {
      const o = q.options[k]!;
      const mine = chosen.includes(k);
      out.push(line(`${mine ? '>' : ' '} ${optionLetter(pos)}) ${o.text}${o.correct ? '  (correct)' : ''}`, o.correct ? 'right' : mine ? 'wrong' : 'plain', 1));
      if (o.why && (mine || o.correct)) out.push(line(`    ${o.why}`, 'plain', 1));
    });
    const note = partialCreditNote(q, chosen);
    if (note && answer !== null) out.push(line(note));
    return out;
  }
  switch (q.type) {
    case 'true-false': {
      const out = [verdict];
      if (typeof answer === 'boolean') out.push(line(`You answered ${answer ? 'true' : 'false'}; the statement is ${q.answer ? 'true' : 'false'}.`, 'plain', 1));
      else out.push(line(`The statement is ${q.answer ? 'true' : 'false'}.`, 'plain', 1));
      const whyRight = q.answer ? q.whyTrue : q.whyFalse;
      const whyOther = q.answer ? q.whyFalse : q.whyTrue;
      if (whyRight) out.push(line(`Why ${q.answer}: ${whyRight}`, 'right', 1));
      if (whyOther && typeof answer === 'boolean' && answer !== q.answer) out.push(line(`Why not ${!q.answer}: ${whyOther}`, 'wrong', 1));
      return out;
    }
    case 'short-answer': {
      const typed = typeof answer === 'string' ? answer.trim() : '';
      const hit = typed ? matchAccepted(q, typed) : undefined;
      const out = [verdict];
      if (answer !== null) out.push(line(`You typed: ${typed || '(nothing)'}`, score.correct ? 'right' : 'wrong', 1));
      out.push(line(`Accepted: ${q.answers.filter((a) => a.weight === 100).map((a) => a.text).join(' | ')}${q.caseSensitive ? ' (letter case counts)' : ''}`, 'right', 1));
      if (hit?.why) out.push(line(hit.why, 'plain', 1));
      if (q.why) out.push(line(q.why, 'plain', 1));
      return out;
    }
    case 'numerical': {
      const out = [verdict];
      if (answer !== null) out.push(line(`You typed: ${typeof answer === 'string' ? answer.trim() : '?'}`, score.correct ? 'right' : 'wrong', 1));
      out.push(line(`Accepted: ${acceptedNumber(q)}`, 'right', 1));
      if (q.why) out.push(line(q.why, 'plain', 1));
      return out;
    }
    case 'matching': {
      const rights = rightItems(q);
      const picks = Array.isArray(answer) ? (answer as readonly number[]) : [];
      const ok = pairsRight(q, picks);
      const out = [answer === null ? verdict : line(`${ok.filter(Boolean).length} of ${ok.length} pairs right.`, score.correct ? 'right' : 'wrong')];
      q.pairs.forEach((p, i) => {
        const pick = rights[picks[i] ?? -1];
        out.push(ok[i] ? line(`ok  ${p.left} -> ${p.right}`, 'right', 1) : line(`no  ${p.left} -> ${pick ?? '(none)'}  (right: ${p.right})`, 'wrong', 1));
      });
      if (q.why) out.push(line(q.why, 'plain', 1));
      return out;
    }
    case 'ordering': {
      const given = Array.isArray(answer) ? (answer as readonly number[]) : [];
      const ok = positionsRight(q, given);
      const right = ok.flatMap((r, i) => (r ? [i + 1] : []));
      const out = [answer === null ? verdict : line(score.correct ? 'Right: every step in its place.' : `Wrong order: ${right.length} of ${ok.length} positions right${right.length ? ` (${right.join(', ')})` : ''}.`, score.correct ? 'right' : 'wrong')];
      q.steps.forEach((step, pos) => {
        const mine = given[pos] !== undefined ? q.steps[given[pos]!] : undefined;
        out.push(ok[pos] ? line(`ok  ${pos + 1}. ${step}`, 'right', 1) : line(`no  ${pos + 1}. ${mine ?? '(none)'}  (right: ${step})`, 'wrong', 1));
      });
      if (q.why) out.push(line(q.why, 'plain', 1));
      return out;
    }
  }
}

/** Lines for any question: a case study lists each part with its own verdict. */
export function feedbackLines(q: QuestionBody, answer: Answer | null, orders: readonly (readonly number[])[]): FeedbackLine[] {
  if (q.type !== 'case-study') return partLines(q, answer, orders[0] ?? []);
  const parts = answer !== null && typeof answer === 'object' && !Array.isArray(answer) ? (answer as { parts: readonly (Answer | null)[] }).parts : [];
  const right = q.parts.filter((p, k) => scorePart(p, parts[k] ?? null).correct).length;
  const out: FeedbackLine[] = [line(`${right} of ${q.parts.length} parts right.`, right === q.parts.length ? 'right' : 'wrong')];
  q.parts.forEach((p, k) => {
    out.push(line(`Part ${k + 1}: ${firstLine(p.stem)}`));
    out.push(...partLines(p, parts[k] ?? null, orders[k] ?? []).map((l) => ({ ...l, depth: 1 as const })));
    if (p.explanation) out.push(line(p.explanation, 'plain', 1));
  });
  return out;
}

function firstLine(text: string): string {
  const t = text.trim().split('\n')[0]!;
  return t.length > 100 ? `${t.slice(0, 99)}…` : t;
}
