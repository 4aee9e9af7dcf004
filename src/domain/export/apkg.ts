/**
 * A pack as the notes of an Anki package (written by src/store/export/apkg-writer.ts), for review
 * on Anki, AnkiDroid or AnkiMobile:
 *
 * - a card is a Basic note (Front, Back);
 * - a question is an "examdrill question" note (Stem, Options, Answer, Why): the options as
 *   `A) ...` lines, the answer as the right letters and options, then each option's why and the
 *   explanation; the other types fill the same fields (question-fields.ts);
 * - one deck per topic, `<pack title>::<topic title>`; each note is tagged with its domain's id
 *   and its own tags;
 * - the note's guid is made from the pack and item ids, so exporting again and importing into
 *   Anki updates the notes instead of adding copies.
 *
 * Markdown-lite becomes HTML: `**bold**` as `<b>`, `*emphasis*` as `<i>`, `` `code` `` as
 * `<code>`, line breaks as `<br>`; everything else is escaped.
 */
import type { ChoiceQuestion, Pack } from '../pack/types.js';
import { choiceFields, questionNoteFields, type NoteFields } from './question-fields.js';
import { shortHash } from '../import/to-pack.js';

/** The note type of exported questions; the apkg import knows it and puts the options on the front. */
export const QUESTION_MODEL = { name: 'examdrill question', fields: ['Stem', 'Options', 'Answer', 'Why'] } as const;
export const BASIC_MODEL = { name: 'Basic', fields: ['Front', 'Back'] } as const;

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

/** The Anki guid of an exported item: the same for the text and the package export, so Anki updates the note. */
export function ankiGuid(packId: string, itemId: string): string {
  return `ed${shortHash(`${packId}\u0000${itemId}`, 10)}`;
}

/**
 * Markdown-lite text as an Anki HTML field, shown in Anki as examdrill shows it: a fenced block as
 * `<pre><code>`, bold, emphasis and code as tags, a hard break (a line ending in `\`), a blank line,
 * or a list line as `<br>`, and a soft line break (joined on screen) as a newline, which HTML joins
 * too. `htmlToMarkdownLite` (domain/import/to-pack.ts) reads it back to the same text.
 */
export function markdownToAnkiHtml(text: string): string {
  const lines = text.trim().split('\n');
  // Lines, with each fenced code block as one `pre` token.
  const tokens: { html: string; kind: 'pre' | 'blank' | 'bullet' | 'line'; hard: boolean }[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const fence = /^\s*```\s*([\w.+-]*)\s*$/.exec(lines[i]!);
    if (fence) {
      const body: string[] = [];
      for (i += 1; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i += 1) body.push(lines[i]!);
      const lang = fence[1] ? ` class="language-${fence[1]}"` : '';
      tokens.push({ html: `<pre><code${lang}>${escapeHtml(body.join('\n'))}</code></pre>`, kind: 'pre', hard: false });
      continue;
    }
    const line = lines[i]!;
    const hard = /(?:^|[^\\])(?:\\\\)*\\$/.test(line);
    const kind = line.trim() === '' ? 'blank' : /^\s*[-*] /.test(line) ? 'bullet' : 'line';
    tokens.push({ html: inlineHtml(hard ? line.slice(0, -1).trimEnd() : line), kind, hard });
  }
  return tokens
    .map((t, k) => {
      if (k === 0) return t.html;
      const prev = tokens[k - 1]!;
      // After a block the line breaks by itself; before one, each newline is a <br> (and the first
      // ends a line of text, so a blank line between two blocks takes two).
      if (t.kind === 'pre' && prev.kind === 'blank' && tokens[k - 2]?.kind === 'pre') return `<br><br>${t.html}`;
      const sep = prev.kind === 'pre' ? '' : t.kind === 'pre' || prev.hard || prev.kind !== 'line' || t.kind !== 'line' ? '<br>' : '\n';
      return sep + t.html;
    })
    .join('');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One line of prose: escaped, inline code, bold and emphasis as tags, runs of spaces kept. */
function inlineHtml(line: string): string {
  return escapeHtml(line)
    .replace(/`([^`\n]+)`/g, (_m, code: string) => `<code>${code.replace(/\*/g, '&#42;')}</code>`)
    .replace(/\*\*([^*\n]+)\*\*/g, '<b>$1</b>')
    .replace(/(^|[^*\w])\*([^*\n]+)\*(?!\w)/g, '$1<i>$2</i>')
    .replace(/^ +/, (sp) => '&nbsp;'.repeat(sp.length))
    .replace(/ {2,}/g, (sp) => ` ${'&nbsp;'.repeat(sp.length - 1)}`);
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
  const guid = (id: string): string => ankiGuid(pack.id, id);
  const notes: ApkgExportNote[] = [];
  for (const card of pack.cards) {
    notes.push({ guid: guid(card.id), model: 'basic', fields: [markdownToAnkiHtml(card.front), markdownToAnkiHtml(card.back)], tags: tagsOf(card.topic, card.tags), deck: deckOf(card.topic) });
  }
  for (const q of pack.questions) {
    notes.push({ guid: guid(q.id), model: 'question', fields: questionNoteFields(q).map(markdownToAnkiHtml), tags: tagsOf(q.topic, q.tags), deck: deckOf(q.topic) });
  }
  return { decks, notes };
}

/** Stem, options, answer, why of a choice question: as Markdown-lite, a line each (hard breaks) so Anki shows them apart. */
export function questionFields(q: ChoiceQuestion): NoteFields {
  return choiceFields(q);
}
