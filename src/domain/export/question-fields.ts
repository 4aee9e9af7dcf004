/**
 * A question of any type as the four fields of an exported note (Anki's "examdrill question"
 * note type, or the front and back of a Basic note): Stem, Options, Answer, Why, in Markdown-lite
 * with a hard break (`\` + newline) between lines. What a type shows to choose from goes in
 * Options: the statement's two sides, the left and right items of a matching question (the right
 * ones shuffled, so the layout does not give the pairs away), the steps of an ordering question
 * (shuffled, never in order), the parts of a case study.
 */
import { isChoice, rightItems, type ChoiceBody, type PartBody, type Question } from '../pack/types.js';
import { acceptedNumber } from '../scoring/numerical.js';
import { displayOrder } from '../study/options.js';

export type NoteFields = [stem: string, options: string, answer: string, why: string];

const LETTERS = 'ABCDEFGHIJ';
const BR = '\\\n';
/** A fixed seed: an export lays each question out the same way every time. */
const SEED = 0;

/** Choice questions: the options in the written order, lettered. */
export function choiceFields(q: ChoiceBody): NoteFields {
  const options = q.options.map((o, i) => `${LETTERS[i]}) ${o.text.trim()}`).join(BR);
  const right = q.options.flatMap((o, i) => (o.correct ? [`${LETTERS[i]}) ${o.text.trim()}`] : []));
  const letters = q.options.flatMap((o, i) => (o.correct ? [LETTERS[i]!] : []));
  const whys = q.options.flatMap((o, i) => (o.why ? [`${LETTERS[i]}) ${o.why.trim()}`] : []));
  const why = [...(whys.length > 0 ? [whys.join(BR)] : []), ...(q.explanation ? [q.explanation.trim()] : [])].join('\n\n');
  return [q.stem.trim(), options, `Answer: ${letters.join(', ')}${BR}${right.join(BR)}`, why];
}

/** The fields of a question of any type. */
export function questionNoteFields(q: Question): NoteFields {
  if (q.type !== 'case-study') return partFields(q, q.id);
  const parts = q.parts.map((p, k) => partFields(p, `${q.id}/${k}`));
  const label = (k: number) => `**Part ${k + 1}**`;
  return [
    q.stem.trim(),
    parts.map((f, k) => [`${label(k)}: ${f[0]}`, f[1]].filter(Boolean).join(BR)).join('\n\n'),
    parts.map((f, k) => `${label(k)}: ${f[2]}`).join('\n\n'),
    [...parts.flatMap((f, k) => (f[3] ? [`${label(k)}: ${f[3]}`] : [])), ...(q.explanation ? [q.explanation.trim()] : [])].join('\n\n'),
  ];
}

function partFields(q: PartBody, key: string): NoteFields {
  if (isChoice(q)) return choiceFields(q);
  const why = (...texts: (string | undefined)[]) => [...texts, q.explanation].filter((t): t is string => Boolean(t?.trim())).map((t) => t.trim()).join('\n\n');
  switch (q.type) {
    case 'true-false':
      return [q.stem.trim(), 'True or false?', `Answer: ${q.answer ? 'True' : 'False'}`, why(q.whyTrue ? `True: ${q.whyTrue}` : undefined, q.whyFalse ? `False: ${q.whyFalse}` : undefined)];
    case 'short-answer': {
      const full = q.answers.filter((a) => a.weight === 100).map((a) => a.text);
      const partial = q.answers.filter((a) => a.weight > 0 && a.weight < 100).map((a) => `${a.text} (${a.weight}%)`);
      const whys = q.answers.flatMap((a) => (a.why ? [`${a.text}: ${a.why.trim()}`] : []));
      return [q.stem.trim(), 'Type the answer.', [`Answer: ${full.join(' | ')}${q.caseSensitive ? ' (letter case counts)' : ''}`, ...(partial.length ? [`Part credit: ${partial.join(' | ')}`] : [])].join(BR), why(q.why, whys.join(BR) || undefined)];
    }
    case 'numerical':
      return [q.stem.trim(), 'A number.', `Answer: ${acceptedNumber(q)}`, why(q.why)];
    case 'matching': {
      const rights = rightItems(q);
      const order = displayOrder(q, key, SEED);
      const lefts = q.pairs.map((p, i) => `${LETTERS[i]}) ${p.left.trim()}`).join(BR);
      const shown = order.map((k, pos) => `${pos + 1}) ${rights[k]!.trim()}`).join(BR);
      const answer = q.pairs.map((p, i) => `${LETTERS[i]}) ${p.left.trim()} → ${order.indexOf(rights.indexOf(p.right)) + 1}) ${p.right.trim()}`).join(BR);
      return [q.stem.trim(), `Match each left item with a right item:${BR}${lefts}\n\n${shown}`, `Answer:${BR}${answer}`, why(q.why)];
    }
    case 'ordering': {
      const order = displayOrder(q, key, SEED);
      const shown = order.map((k, pos) => `${pos + 1}) ${q.steps[k]!.trim()}`).join(BR);
      const answer = q.steps.map((s, i) => `${i + 1}. ${s.trim()} (${order.indexOf(i) + 1})`).join(BR);
      return [q.stem.trim(), `Put these steps in order:${BR}${shown}`, `Answer: ${q.steps.map((_, i) => order.indexOf(i) + 1).join(', ')}${BR}${answer}`, why(q.why)];
    }
  }
}
