/**
 * A pack as an Anki text file (File > Import in Anki 2.1.55 or later), one note per item:
 *
 *   #separator:tab
 *   #html:true
 *   #guid column:1
 *   #notetype column:2
 *   #deck column:3
 *   #tags column:6
 *   <guid>	Basic	<pack title>::<topic title>	<front>	<back>	<topic id> <tags>
 *
 * The deck column (not `#deck:`, which only picks an existing deck) makes Anki create a deck per
 * topic; the guid, the same one `pack export --to apkg` gives, makes a re-import of an updated
 * export update its notes instead of adding copies. A text import can only fill a note type the
 * collection already has, so every note is Basic: a question's front is the stem and its options
 * in the written order, one line each; its back the right letters and options, each option's why,
 * the explanation and the documentation links. Other types lay out the same way
 * (question-fields.ts): the statement, the items to match or the steps to order on the front,
 * the key and every why on the back. Text goes through `markdownToAnkiHtml`, so Anki
 * shows it as examdrill does and `parseAnki` reads it back.
 */
import { ankiGuid, markdownToAnkiHtml } from './apkg.js';
import { isChoice, type Card, type ChoiceQuestion, type Pack, type Question } from '../pack/types.js';
import { questionNoteFields } from './question-fields.js';

/** Option letters, A to H (a question has at most 8 options). */
const LETTERS = 'ABCDEFGH';

export function exportAnki(pack: Pack): string {
  const lines = ['#separator:tab', '#html:true', '#guid column:1', '#notetype column:2', '#deck column:3', '#tags column:6'];
  const topics = new Map(pack.topics.map((t) => [t.id, t.title]));
  const deck = (topic: string) => `${oneLine(pack.title).replace(/::/g, ':')}::${oneLine(topics.get(topic) ?? topic).replace(/::/g, ':')}`;
  const note = (front: string, back: string, item: Card | Question): string => {
    const tags = [item.topic, ...item.tags].map((t) => t.trim().replace(/\s+/g, '_')).filter(Boolean);
    return [ankiGuid(pack.id, item.id), 'Basic', quoteField(deck(item.topic)), ankiHtmlField(front), ankiHtmlField(withRefs(back, item.refs)), quoteField([...new Set(tags)].join(' '))].join('\t');
  };
  for (const card of pack.cards) lines.push(note(card.front, card.back, card));
  for (const question of pack.questions) {
    if (isChoice(question)) lines.push(note(questionFront(question), questionBack(question), question));
    else {
      // Other types: the stem and what to choose from on the front, the answer and why on the back.
      const [stem, options, answer, why] = questionNoteFields(question);
      lines.push(note([stem, options].filter(Boolean).join('\n\n'), [answer, why].filter(Boolean).join('\n\n'), question));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The stem, a blank line, then the options in the written order, each on a line of its own. */
export function questionFront(question: ChoiceQuestion): string {
  return `${question.stem.trim()}\n\n${question.options.map((o, i) => `${LETTERS[i]}) ${o.text.trim()}`).join('\\\n')}`;
}

export function questionBack(question: ChoiceQuestion): string {
  const right = question.options.map((o, i) => ({ o, letter: LETTERS[i]! })).filter(({ o }) => o.correct);
  const parts = [`Answer: ${right.map((r) => r.letter).join(', ')}\\\n${right.map(({ o, letter }) => `${letter}) ${o.text.trim()}`).join('\\\n')}`];
  const whys = question.options.flatMap((o, i) => (o.why ? [`${LETTERS[i]}) ${o.why.trim()}`] : []));
  if (whys.length > 0) parts.push(`Why:\\\n${whys.join('\\\n')}`);
  if (question.explanation) parts.push(question.explanation.trim());
  return parts.join('\n\n');
}

/** A back with the item's documentation links after it, one line each. */
export function withRefs(back: string, refs: readonly string[]): string {
  return refs.length === 0 ? back : `${back.trim()}\n\nSee:\\\n${refs.join('\\\n')}`;
}

/** Markdown-lite text as an HTML field (see `markdownToAnkiHtml`), quoted when that is needed. */
export function ankiHtmlField(text: string): string {
  return quoteField(markdownToAnkiHtml(text));
}

/**
 * A field quoted, with its quotes doubled, when it holds a tab, a quote or a line break, or starts
 * with `#` (which would make Anki read the line as a comment).
 */
export function quoteField(field: string): string {
  return /[\t"\n\r]/.test(field) || field.startsWith('#') ? `"${field.replace(/"/g, '""')}"` : field;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
