/** How plain mode prints a card, a question and the feedback after an answer. */
import type { Answer, Card, ChoiceBody, PartBody, Question } from '../../domain/pack/types.js';
import { correctIndices, isChoice, rightItems, stemSaysHowMany } from '../../domain/pack/types.js';
import { feedbackLines, partialCreditNote } from '../../domain/quiz/feedback.js';
import { optionLetter } from '../../domain/study/options.js';
import { toPlainText } from '../text/markdown-lite.js';
import type { LinePrompt } from './line-prompt.js';

export function printCardFront(p: LinePrompt, card: Card): void {
  p.print(toPlainText(card.front));
}

export function printCardBack(p: LinePrompt, card: Card): void {
  p.print(toPlainText(card.back));
  if (card.refs.length) p.print(`See: ${card.refs.join(' ')}`);
}

/** A question of any type, with the line syntax its answer takes; a case study prints only its scenario. */
export function printQuestion(p: LinePrompt, q: Question, order: readonly number[], inExam = false): void {
  if (q.type === 'case-study') {
    p.print(`Case study (${q.parts.length} parts, answered in order):`);
    p.print(toPlainText(q.stem));
    return;
  }
  printPart(p, q, order, inExam);
}

/**
 * One question body: stem, then what to choose from and how to answer. In an exam `f` flags,
 * so false is typed as a word (or 2).
 */
export function printPart(p: LinePrompt, q: PartBody, order: readonly number[], inExam = false): void {
  if (isChoice(q)) return printChoice(p, q, order);
  p.print(toPlainText(q.stem));
  switch (q.type) {
    case 'true-false':
      p.print(inExam ? 'True or false? Type t or false (or 1 or 2; f flags the question).' : 'True or false? Type t or f.');
      return;
    case 'short-answer':
      p.print('Type your answer.');
      return;
    case 'numerical':
      p.print('Type a number.');
      return;
    case 'matching': {
      const rights = rightItems(q);
      p.print('Match each left item with a right item:');
      q.pairs.forEach((pair, i) => p.print(`${optionLetter(i)}) ${toPlainText(pair.left)}`));
      order.forEach((k, pos) => p.print(`${pos + 1}) ${toPlainText(rights[k]!)}`));
      p.print(`Type the pairs, such as a-2,b-1 (every letter a to ${optionLetter(q.pairs.length - 1)} once).`);
      return;
    }
    case 'ordering':
      p.print('Put these steps in order:');
      order.forEach((k, pos) => p.print(`${pos + 1}) ${toPlainText(q.steps[k]!)}`));
      p.print(`Type the step numbers from first to last, such as ${order.map((_, i) => i + 1).reverse().join(',')}.`);
      return;
  }
}

/** Stem, then `1) ...` per option in display order, then "Choose N" for multiple response. */
function printChoice(p: LinePrompt, q: ChoiceBody, order: readonly number[]): void {
  p.print(toPlainText(q.stem));
  order.forEach((k, pos) => p.print(`${pos + 1}) ${toPlainText(q.options[k]!.text)}`));
  const n = correctIndices(q).length;
  if (n > 1 && !stemSaysHowMany(q.stem)) p.print(`Choose ${n}.`);
}

/** `correct` or `wrong`, then the answer against the key, the explanation and links; for any type. */
export function printAnswerFeedback(p: LinePrompt, q: Question, orders: readonly (readonly number[])[], answer: Answer, correct: boolean): void {
  if (isChoice(q) && Array.isArray(answer)) return printFeedback(p, q, orders[0] ?? [], answer as readonly number[], correct);
  p.print(correct ? 'correct' : 'wrong');
  for (const l of feedbackLines(q, answer, orders)) p.print(`${l.depth ? '  ' : ''}${toPlainText(l.text)}`);
  if (q.explanation) p.print(toPlainText(q.explanation));
  if (q.refs.length) p.print(`See: ${q.refs.join(' ')}`);
}

/** `correct` or `wrong`, the right options, each option's why, the explanation and links. */
export function printFeedback(p: LinePrompt, q: ChoiceBody & { readonly refs: readonly string[] }, order: readonly number[], chosen: readonly number[], correct: boolean): void {
  p.print(correct ? 'correct' : 'wrong');
  const keys = new Set(correctIndices(q));
  const right = order.flatMap((k, pos) => (keys.has(k) ? [`${pos + 1}) ${toPlainText(q.options[k]!.text)}`] : []));
  p.print(`Right answer${right.length > 1 ? 's' : ''}: ${right.join('; ')}`);
  order.forEach((k, pos) => {
    const o = q.options[k]!;
    const marks = [keys.has(k) ? 'right' : 'wrong', chosen.includes(k) ? 'your pick' : ''].filter(Boolean).join(', ');
    p.print(`${pos + 1}) ${marks}: ${o.why ? toPlainText(o.why) : '(no reason given)'}`);
  });
  const note = partialCreditNote(q, chosen);
  if (note) p.print(note);
  if (q.explanation) p.print(toPlainText(q.explanation));
  if (q.refs.length) p.print(`See: ${q.refs.join(' ')}`);
}
