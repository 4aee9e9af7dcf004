/**
 * A pack as the notes of an Anki package (written by src/store/export/apkg-writer.ts), for review
 * on Anki, AnkiDroid or AnkiMobile:
 *
 * - a card is a Basic note (Front, Back);
 * - a question is an "examdrill question" note (Stem, Options, Answer, Why): the options as
 *   `A) ...` lines, the answer as the right letters and options, then each option's why and the
 *   explanation;
 * - one deck per topic, `<pack title>::<topic title>`; each note is tagged with its domain's id
 *   and its own tags;
 * - the note's guid is made from the pack and item ids, so exporting again and importing into
 *   Anki updates the notes instead of adding copies.
 *
 * Markdown-lite becomes HTML: `**bold**` as `<b>`, `*emphasis*` as `<i>`, `` `code` `` as
 * `<code>`, line breaks as `<br>`; everything else is escaped.
 */
import type { Pack, Question } from '../pack/types.js';
import { shortHash } from '../import/to-pack.js';

/** The note type of exported questions; the apkg import knows it and puts the options on the front. */
export const QUESTION_MODEL = { name: 'examdrill question', fields: ['Stem', 'Options', 'Answer', 'Why'] } as const;
export const BASIC_MODEL = { name: 'Basic', fields: ['Front', 'Back'] } as const;

const LETTERS = 'ABCDEFGH';

export interface ApkgExportNote {
  readonly guid: string;
  readonly model: 'basic' | 'question';
  /** HTML fields, in the model's order. */
  readonly fields: readonly string[];
  readonly tags: readonly string[];
  /** Index into the decks. */
  readonly deck: number;
}

export interface ApkgExport {
  /** Deck names, `::` between parts. */
  readonly decks: readonly string[];
  readonly notes: readonly ApkgExportNote[];
}

/** Markdown-lite text as an Anki HTML field. */
export function markdownToAnkiHtml(text: string): string {
  return text
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/```([\w+-]*)[^\n]*\n([\s\S]*?)\n?```\n?/g, (_m, lang: string, body: string) => `<pre><code${lang ? ` class="language-${lang}"` : ''}>${body.replace(/\*/g, '&#42;').replace(/`/g, '&#96;')}</code></pre>`)
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*\n]+)\*\*/g, '<b>$1</b>')
    .replace(/(^|[^*\w])\*([^*\n]+)\*(?!\w)/g, '$1<i>$2</i>')
    .split('\n')
    .map((line) => line.replace(/^ +/, (s) => '&nbsp;'.repeat(s.length)).replace(/ {2,}/g, (s) => ` ${'&nbsp;'.repeat(s.length - 1)}`))
    .join('<br>');
}

function tagWord(tag: string): string {
  return tag.trim().replace(/\s+/g, '_');
}

export function packToApkg(pack: Pack): ApkgExport {
  const topics = new Map(pack.topics.map((t) => [t.id, t]));
  const deckIndex = new Map<string, number>();
  const decks: string[] = [];
  const deckOf = (topicId: string): number => {
    const known = deckIndex.get(topicId);
    if (known !== undefined) return known;
    const title = (topics.get(topicId)?.title ?? topicId).replace(/::/g, ':').trim();
    decks.push(`${pack.title.replace(/::/g, ':').trim()}::${title}`);
    deckIndex.set(topicId, decks.length - 1);
    return decks.length - 1;
  };
  const tagsOf = (topicId: string, tags: readonly string[]): string[] => {
    const domain = topics.get(topicId)?.domain;
    return [...new Set([...(domain ? [domain] : []), ...tags].map(tagWord).filter(Boolean))];
  };
  const guid = (id: string): string => `ed${shortHash(`${pack.id}\u0000${id}`, 10)}`;
  const notes: ApkgExportNote[] = [];
  for (const card of pack.cards) {
    notes.push({ guid: guid(card.id), model: 'basic', fields: [markdownToAnkiHtml(card.front), markdownToAnkiHtml(card.back)], tags: tagsOf(card.topic, card.tags), deck: deckOf(card.topic) });
  }
  for (const q of pack.questions) {
    notes.push({ guid: guid(q.id), model: 'question', fields: questionFields(q).map(markdownToAnkiHtml), tags: tagsOf(q.topic, q.tags), deck: deckOf(q.topic) });
  }
  return { decks, notes };
}

/** Stem, options, answer, why: as text. */
export function questionFields(q: Question): [string, string, string, string] {
  const options = q.options.map((o, i) => `${LETTERS[i]}) ${o.text.trim()}`).join('\n');
  const right = q.options.flatMap((o, i) => (o.correct ? [`${LETTERS[i]}) ${o.text.trim()}`] : []));
  const letters = q.options.flatMap((o, i) => (o.correct ? [LETTERS[i]!] : []));
  const whys = q.options.flatMap((o, i) => (o.why ? [`${LETTERS[i]}) ${o.why.trim()}`] : []));
  const why = [...(whys.length > 0 ? [whys.join('\n')] : []), ...(q.explanation ? [q.explanation.trim()] : [])].join('\n\n');
  return [q.stem.trim(), options, `Answer: ${letters.join(', ')}\n${right.join('\n')}`, why];
}
