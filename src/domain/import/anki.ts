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
 * its front, the second its back (a Cloze note's back shows the deletions). The first tag is its
 * topic, the other tags stay tags; a note without tags takes its deck as topic.
 */
import { cleanText, htmlToText, keepItem, type ImportResult, type ImportWarning, type ImportedItem } from './to-pack.js';

const SEPARATORS: Record<string, string> = { tab: '\t', comma: ',', semicolon: ';', pipe: '|', colon: ':', space: ' ' };

/** Tags Anki itself sets, which say nothing about a topic. */
const ANKI_TAGS = new Set(['leech', 'marked']);

const CLOZE = /\{\{c\d+::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;

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

export function parseAnki(text: string): ImportResult {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const warnings: ImportWarning[] = [];
  const { header, offset, line } = readHeader(source, warnings);
  const separator = header.separator ?? guessSeparator(source.slice(offset));
  const tagsColumn = header.tags ?? columnNamed(header.columns, separator, 'tags');
  const special = new Set([tagsColumn, header.guid, header.deckColumn, header.notetypeColumn].filter((c): c is number => c !== undefined));

  const items: ImportedItem[] = [];
  for (const row of readRows(source, offset, line, separator)) {
    if (row.unterminated) {
      warnings.push({ line: row.line, message: 'skipped a note whose quoted field is never closed (a " is missing): it ran to the end of the file' });
      break;
    }
    const fields = row.fields.filter((_, i) => !special.has(i)).map((f) => (header.html ? htmlToText(f) : f));
    const at = (column: number | undefined): string => (column === undefined ? '' : cleanText(row.fields[column] ?? ''));
    const tags = at(tagsColumn).split(/\s+/).filter(Boolean);
    const topicTag = tags.find((t) => !ANKI_TAGS.has(t.toLowerCase()));
    const deck = at(header.deckColumn) || header.deck;
    const topic = topicTag ?? deck;
    const notetype = at(header.notetypeColumn) || header.notetype || '';
    let front = fields[0] ?? '';
    let back = fields[1] ?? '';
    if (/cloze/i.test(notetype)) {
      // A cloze deletion: the front hides each deletion (or shows its hint), the back reveals them.
      back = [front.replace(CLOZE, (_, answer: string) => answer), back].filter((f) => f.trim() !== '').join('\n\n');
      front = front.replace(CLOZE, (_, _answer: string, hint: string | undefined) => (hint ? `[${hint}]` : '[...]'));
    }
    if (fields.length < 2 && !/cloze/i.test(notetype)) {
      warnings.push({ line: row.line, message: `skipped a note with ${fields.length === 1 ? 'one field' : 'no fields'}: a card needs a front and a back` });
      continue;
    }
    const otherTags = tags.filter((t) => t !== topicTag);
    keepItem({ kind: 'card', line: row.line, ...(topic ? { topic } : {}), front, back, ...(otherTags.length > 0 ? { tags: otherTags } : {}) }, items, warnings);
  }
  return { items, warnings };
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
