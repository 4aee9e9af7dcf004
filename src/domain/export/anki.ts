/**
 * A pack as an Anki text file (File > Import in Anki 2.1.55 or later), one note per item:
 *
 *   #separator:tab
 *   #html:true
 *   #tags column:3
 *   #deck:<pack title>
 *   #notetype:Basic
 *   <front>	<back>	<topic id> <tags>
 *
 * A question becomes a note too: its front is the stem and the options as `A) ...`, its back the
 * right letters and options, each option's why, then the explanation. Text is HTML-escaped, line
 * breaks become `<br>` and runs of spaces `&nbsp;`, so Anki shows it as written and `parseAnki`
 * gives back the same text.
 */
import type { Card, Pack, Question } from '../pack/types.js';

/** Option letters, A to H (a question has at most 8 options). */
const LETTERS = 'ABCDEFGH';

export function exportAnki(pack: Pack): string {
  const lines = ['#separator:tab', '#html:true', '#tags column:3', `#deck:${oneLine(pack.title)}`, '#notetype:Basic'];
  for (const card of pack.cards) lines.push(note(card.front, card.back, card));
  for (const question of pack.questions) lines.push(note(questionFront(question), questionBack(question), question));
  return `${lines.join('\n')}\n`;
}

function note(front: string, back: string, item: Card | Question): string {
  const tags = [item.topic, ...item.tags].map((t) => t.trim().replace(/\s+/g, '_')).filter(Boolean);
  return [ankiHtmlField(front), ankiHtmlField(back), quoteField([...new Set(tags)].join(' '))].join('\t');
}

export function questionFront(question: Question): string {
  return `${question.stem.trim()}\n\n${question.options.map((o, i) => `${LETTERS[i]}) ${o.text.trim()}`).join('\n')}`;
}

export function questionBack(question: Question): string {
  const right = question.options.map((o, i) => ({ o, letter: LETTERS[i]! })).filter(({ o }) => o.correct);
  const parts = [`Answer: ${right.map((r) => r.letter).join(', ')}\n${right.map(({ o, letter }) => `${letter}) ${o.text.trim()}`).join('\n')}`];
  const whys = question.options.flatMap((o, i) => (o.why ? [`${LETTERS[i]}) ${o.why.trim()}`] : []));
  if (whys.length > 0) parts.push(`Why:\n${whys.join('\n')}`);
  if (question.explanation) parts.push(question.explanation.trim());
  return parts.join('\n\n');
}

/**
 * Text as an HTML field: `&`, `<` and `>` escaped, leading spaces and runs of spaces as `&nbsp;`
 * (HTML would collapse them), line breaks as `<br>`; quoted when that is needed.
 */
export function ankiHtmlField(text: string): string {
  const html = text
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .split('\n')
    .map((line) => line.replace(/^ +/, (s) => '&nbsp;'.repeat(s.length)).replace(/ {2,}/g, (s) => ` ${'&nbsp;'.repeat(s.length - 1)}`))
    .join('<br>');
  return quoteField(html);
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
