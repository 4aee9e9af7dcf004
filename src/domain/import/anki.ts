/**
 * An Anki text-export parser ("Notes in Plain Text", Anki 2.1.55 and later, and hand-written
 * CSV). Header lines at the top say how to read the rest:
 *
 *   #separator:tab        tab, comma, semicolon, pipe, colon, space, or one literal character
 *   #html:true            fields are HTML: turned into text (<br> and <div> as line breaks)
 *   #tags column:3        1-based; also #guid column, #deck column, #notetype column
 *   #deck:AWS::Lambda     #notetype:Basic, #columns:Front<sep>Back<sep>Tags; other headers are ignored
 *
 * Fields may be quoted, holding separators, line breaks and doubled quotes (`""`). A line that
 * starts with `#` elsewhere is a comment, as in Anki. Each note becomes a card: the first field is
 * its front, the second its back. A Cloze note becomes a short-answer question per deletion number
 * (the text with that gap shown as `[...]` or its hint, the hidden text the answer, the other
 * fields the explanation), or with `cloze: 'cards'` a card per deletion, as Anki shows them. The first tag is its
 * topic, the other tags stay tags; a note without tags takes its deck as topic.
 */
import { cardKey, cleanText, hardBreaks, htmlToMarkdownLite, keepItem, type ImportResult, type ImportWarning, type ImportedItem } from './to-pack.js';

const SEPARATORS: Record<string, string> = { tab: '\t', comma: ',', semicolon: ';', pipe: '|', colon: ':', space: ' ' };

/** Tags Anki itself sets, which say nothing about a topic. */
const ANKI_TAGS = new Set(['leech', 'marked']);

interface Header {
  separator?: string;
  html: boolean;
  deck?: string;
  notetype?: string;
  columns?: string;
  /** 0-based column indices. */
  tags?: number;
  guid?: number;
  deckColumn?: number;
  notetypeColumn?: number;
}

interface Row {
  readonly line: number;
  readonly fields: string[];
  /** A quoted field ran to the end of the file. */
  readonly unterminated: boolean;
}

/** How Cloze notes are imported: a short-answer question per deletion (the default), or a card per deletion as Anki shows them. */
export type ClozeAs = 'short-answer' | 'cards';

export interface AnkiOptions {
  readonly cloze?: ClozeAs;
}

export function parseAnki(text: string, options: AnkiOptions = {}): ImportResult {
  const clozeAs = options.cloze ?? 'short-answer';
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const warnings: ImportWarning[] = [];
  const { header, offset, line } = readHeader(source, warnings);
  const separator = header.separator ?? guessSeparator(source.slice(offset));
  const tagsColumn = header.tags ?? columnNamed(header.columns, separator, 'tags');
  const special = new Set([tagsColumn, header.guid, header.deckColumn, header.notetypeColumn].filter((c): c is number => c !== undefined));

  const items: ImportedItem[] = [];
  const readAs = new Map<string, number>();
  let count = 0;
  for (const row of readRows(source, offset, line, separator)) {
    count += 1;
    if (row.unterminated) {
      warnings.push({ line: row.line, message: 'skipped a note whose quoted field is never closed (a " is missing): it ran to the end of the file' });
      break;
    }
    const media = new Set<string>();
    const raw = row.fields.filter((_, i) => !special.has(i));
    const field = (f: string): string =>
      header.html
        ? htmlToMarkdownLite(f, media)
        : hardBreaks(f).replace(/\[sound:([^\]]+)\]/g, (_m, name: string) => {
            media.add(name.trim());
            return `(audio: ${name.trim().replace(/[()]/g, '')})`;
          });
    const at = (column: number | undefined): string => (column === undefined ? '' : cleanText(row.fields[column] ?? ''));
    const tags = at(tagsColumn).split(/\s+/).filter(Boolean);
    const topicTag = tags.find((t) => !ANKI_TAGS.has(t.toLowerCase()));
    const deck = at(header.deckColumn) || header.deck;
    const topic = topicTag ?? deck;
    const notetype = at(header.notetypeColumn) || header.notetype || '';
    const guid = at(header.guid);
    const otherTags = tags.filter((t) => t !== topicTag);
    const base = { line: row.line, ...(topic ? { topic } : {}), ...(otherTags.length > 0 ? { tags: otherTags } : {}) };
    const made: { front: string; back: string; n: number; answers?: string[]; extra?: string }[] = [];
    const numbers = clozeNumbers(raw[0] ?? '');
    if (numbers.length > 0 || CLOZE_NAMES.test(notetype)) {
      // One card per deletion number, as Anki makes them: the front hides that deletion (or shows
      // its hint) and shows the others; the back reveals it in bold, then the extra fields.
      const extra = raw.slice(1).map(field).filter((f) => f.trim() !== '').join('\n\n');
      for (const n of numbers) {
        const front = field(clozeSide(raw[0]!, n, 'front', header.html));
        const revealed = field(clozeSide(raw[0]!, n, 'back', header.html));
        // As a question: the gap shown as Anki shows it ([...] or the hint), each deletion of that number an answer.
        const answers = [...new Set(clozeAnswers(raw[0]!, n).map((a) => cleanText(field(a).replace(/\*\*/g, ''))).filter(Boolean))];
        made.push({ front, back: [revealed, extra].filter(Boolean).join('\n\n'), n, answers, extra });
      }
      if (numbers.length === 0) warnings.push({ line: row.line, message: 'skipped a Cloze note with no deletion ({{c1::...}}): Anki makes no card of it' });
    } else if (raw.length < 2) {
      warnings.push({ line: row.line, message: `skipped a note with ${raw.length === 1 ? 'one field' : 'no fields'}: a card needs a front and a back` });
      continue;
    } else {
      const front = field(raw[0]!);
      const reversed = REVERSED_NAMES.test(notetype);
      const optional = reversed && OPTIONAL_NAMES.test(notetype);
      // Basic and custom note types: the first field asks, the others answer. A reversed type asks both ways.
      const back = (reversed ? raw.slice(1, 2) : raw.slice(1)).map(field).filter((f) => f.trim() !== '').join('\n\n');
      made.push({ front, back, n: 1 });
      if (reversed && (!optional || cleanText(raw[2] ?? '') !== '')) made.push({ front: back, back: front, n: 2 });
      if (notetype && !reversed && !KNOWN_BASIC.test(notetype)) readAs.set(notetype, readAs.get(notetype) ?? row.line);
    }
    for (const card of made) {
      const key = guid ? { key: cardKey(guid, card.n) } : {};
      const mediaList = media.size > 0 ? { media: [...media] } : {};
      if (card.answers && clozeAs === 'short-answer') {
        if (card.answers.length > 1) {
          // `{{c1::a}} ... {{c1::b}}` hides both at once: one typed answer cannot hold two texts.
          warnings.push({ line: row.line, message: `Cloze deletion c${card.n} hides ${card.answers.length} texts at once: imported as a card (a short answer takes one typed answer)` });
          keepItem({ kind: 'card', ...base, front: card.front, back: card.back, ...key, ...mediaList }, items, warnings);
        } else {
          // Answers are matched literally: a `*` in the text would act as a wildcard, so it is escaped.
          const answers = card.answers.map((text) => ({ text: text.replace(/\*/g, '\\*') }));
          keepItem({ kind: 'short-answer', ...base, stem: card.front, answers, ...(card.extra ? { explanation: card.extra } : {}), ...key, ...mediaList }, items, warnings);
        }
      } else {
        keepItem({ kind: 'card', ...base, front: card.front, back: card.back, ...key, ...mediaList }, items, warnings);
      }
    }
  }
  for (const [name, at] of readAs) {
    warnings.push({ line: at, message: `note type "${name}" is read as Basic: its first field is the front and its other fields the back (a Cloze note is found by its {{c1::...}} deletions)` });
  }
  return { items, warnings, blocks: count };
}

/** Note type names (Anki's own, in its languages) that make a reverse card, and those that make it only when the third field is filled. */
const REVERSED_NAMES = /revers|umgekehrt|invers|invertid|omgekeerd|odwrotn|обратн|反転|逆/i;
const OPTIONAL_NAMES = /optional|opcional|facultati|optionnel|wahlweise|opzional/i;
const CLOZE_NAMES = /cloze|lückentext|texte à trous|huecos/i;
const KNOWN_BASIC = /^(basic|basique|básico|einfach|basis|base|基本)\b/i;

/** The deletion numbers of a Cloze field, in order. */
function clozeNumbers(text: string): number[] {
  return [...new Set([...text.matchAll(CLOZE_NUMBERED)].map((m) => Number(m[1])))].sort((a, b) => a - b);
}

const CLOZE_NUMBERED = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;

/** The texts deletion `n` hides. */
function clozeAnswers(text: string, n: number): string[] {
  return [...text.matchAll(CLOZE_NUMBERED)].filter((m) => Number(m[1]) === n).map((m) => m[2]!);
}

/** A Cloze field as card `n` shows it: the front hides deletion n, the back shows it in bold. */
function clozeSide(text: string, n: number, side: 'front' | 'back', html: boolean): string {
  return text.replace(CLOZE_NUMBERED, (_m, num: string, answer: string, hint: string | undefined) => {
    if (Number(num) !== n) return answer;
    if (side === 'front') return hint ? `[${hint}]` : '[...]';
    return html ? `<b>${answer}</b>` : `**${answer}**`;
  });
}

/** Reads the `#key:value` lines at the top; returns where the notes start. */
function readHeader(source: string, warnings: ImportWarning[]): { header: Header; offset: number; line: number } {
  const header: Header = { html: false };
  let offset = 0;
  let line = 1;
  const column = (value: string, key: string, at: number): number | undefined => {
    const n = Number(value.trim());
    if (Number.isInteger(n) && n >= 1) return n - 1;
    warnings.push({ line: at, message: `#${key}:${value} is not a column number (1, 2, ...): ignored` });
    return undefined;
  };
  while (offset < source.length && source[offset] === '#') {
    const end = source.indexOf('\n', offset);
    const raw = source.slice(offset + 1, end < 0 ? source.length : end);
    const colon = raw.indexOf(':');
    if (colon > 0) {
      const key = raw.slice(0, colon).trim().toLowerCase();
      const value = raw.slice(colon + 1);
      if (key === 'separator') {
        const named = SEPARATORS[value.trim().toLowerCase()];
        if (named) header.separator = named;
        else if (value.length === 1) header.separator = value;
        else warnings.push({ line, message: `#separator:${value} is not a separator (tab, comma, semicolon, pipe, colon, space or one character): guessing it` });
      } else if (key === 'html') {
        const v = value.trim().toLowerCase();
        if (v === 'true' || v === 'false') header.html = v === 'true';
        else warnings.push({ line, message: `#html:${value} is neither true nor false: reading the fields as plain text` });
      } else if (key === 'deck') header.deck = cleanText(value) || undefined;
      else if (key === 'notetype') header.notetype = cleanText(value);
      else if (key === 'columns') header.columns = value;
      else if (key === 'tags column') header.tags = column(value, key, line);
      else if (key === 'guid column') header.guid = column(value, key, line);
      else if (key === 'deck column') header.deckColumn = column(value, key, line);
      else if (key === 'notetype column') header.notetypeColumn = column(value, key, line);
    }
    if (end < 0) return { header, offset: source.length, line };
    offset = end + 1;
    line += 1;
  }
  return { header, offset, line };
}

/** Without a #separator header: a tab if the first note has one, else a semicolon, else a comma. */
function guessSeparator(body: string): string {
  const first = body.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  return ['\t', ';', ','].find((s) => first.includes(s)) ?? '\t';
}

/** The index of a column named `name` in a #columns header, if any. */
function columnNamed(columns: string | undefined, separator: string, name: string): number | undefined {
  if (columns === undefined) return undefined;
  const index = columns.split(separator).findIndex((c) => c.trim().toLowerCase() === name);
  return index >= 0 ? index : undefined;
}

/** CSV rows: quoted fields hold separators, line breaks and `""`; blank and `#` lines are skipped. */
function* readRows(source: string, start: number, startLine: number, separator: string): Generator<Row> {
  let i = start;
  let line = startLine;
  while (i < source.length) {
    if (source[i] === '\n' || source[i] === '#') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end + 1;
      line += 1;
      continue;
    }
    const rowLine = line;
    const fields: string[] = [];
    let field = '';
    let unterminated = false;
    for (;;) {
      if (source[i] === '"' && field === '') {
        // A quoted field: up to the quote that is not doubled.
        i += 1;
        let closed = false;
        while (i < source.length) {
          const ch = source[i]!;
          if (ch === '"') {
            if (source[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i += 1;
            closed = true;
            break;
          }
          if (ch === '\n') line += 1;
          field += ch;
          i += 1;
        }
        if (!closed) {
          unterminated = true;
          break;
        }
      }
      // Unquoted text, or stray text after a closing quote: up to the separator or the line's end.
      while (i < source.length && source[i] !== separator && source[i] !== '\n') field += source[i++];
      fields.push(field);
      field = '';
      if (source[i] === separator) {
        i += 1;
        continue;
      }
      if (source[i] === '\n') {
        i += 1;
        line += 1;
      }
      break;
    }
    yield { line: rowLine, fields, unterminated };
  }
}
