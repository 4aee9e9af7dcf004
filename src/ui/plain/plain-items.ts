/** How plain mode prints a card, a question and the feedback after an answer. */
import type { Card, Question } from '../../domain/pack/types.js';
import { correctIndices, stemSaysHowMany } from '../../domain/pack/types.js';
import { toPlainText } from '../text/markdown-lite.js';
import type { LinePrompt } from './line-prompt.js';

export function printCardFront(p: LinePrompt, card: Card): void {
  p.print(toPlainText(card.front));
}

export function printCardBack(p: LinePrompt, card: Card): void {
  p.print(toPlainText(card.back));
  if (card.refs.length) p.print(`See: ${card.refs.join(' ')}`);
}

/** Stem, then `1) ...` per option in display order, then "Choose N" for multiple response. */
export function printQuestion(p: LinePrompt, q: Question, order: readonly number[]): void {
  p.print(toPlainText(q.stem));
  order.forEach((k, pos) => p.print(`${pos + 1}) ${toPlainText(q.options[k]!.text)}`));
  const n = correctIndices(q).length;
  if (n > 1 && !stemSaysHowMany(q.stem)) p.print(`Choose ${n}.`);
}

/** `correct` or `wrong`, the right options, each option's why, the explanation and links. */
export function printFeedback(p: LinePrompt, q: Question, order: readonly number[], chosen: readonly number[], correct: boolean): void {
  p.print(correct ? 'correct' : 'wrong');
  const keys = new Set(correctIndices(q));
  const right = order.flatMap((k, pos) => (keys.has(k) ? [`${pos + 1}) ${toPlainText(q.options[k]!.text)}`] : []));
  p.print(`Right answer${right.length > 1 ? 's' : ''}: ${right.join('; ')}`);
  order.forEach((k, pos) => {
    const o = q.options[k]!;
    const marks = [keys.has(k) ? 'right' : 'wrong', chosen.includes(k) ? 'your pick' : ''].filter(Boolean).join(', ');
    p.print(`${pos + 1}) ${marks}: ${o.why ? toPlainText(o.why) : '(no reason given)'}`);
  });
  if (q.explanation) p.print(toPlainText(q.explanation));
  if (q.refs.length) p.print(`See: ${q.refs.join(' ')}`);
}
