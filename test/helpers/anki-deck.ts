/**
 * Builds Anki packages for tests, as Anki writes them: an SQLite collection in Anki's schema 11
 * (col with models and decks JSON, notes, cards, revlog, graves), made with sql.js, zipped with
 * fflate beside a `media` map and the numbered media files. There is no Anki binary here.
 */
import { writeFileSync } from 'node:fs';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { ANKI_SCHEMA_11, DEFAULT_DCONF, deckJson, modelJson } from '../../src/store/import/anki-schema.js';
import { loadSqlJs } from '../../src/store/import/sqlite.js';

export const MODELS = {
  basic: { id: 1001, name: 'Basic', type: 0 as const, fields: ['Front', 'Back'], tmpls: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' }] },
  reversed: {
    id: 1002,
    name: 'Basic (and reversed card)',
    type: 0 as const,
    fields: ['Front', 'Back'],
    tmpls: [
      { name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' },
      { name: 'Card 2', qfmt: '{{Back}}', afmt: '{{FrontSide}}<hr id=answer>{{Front}}' },
    ],
  },
  cloze: { id: 1003, name: 'Cloze', type: 1 as const, fields: ['Text', 'Back Extra'], tmpls: [{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>{{Back Extra}}' }] },
  custom: { id: 1004, name: 'Vocabulary', type: 0 as const, fields: ['Word', 'Meaning', 'Example'], tmpls: [{ name: 'Recognition', qfmt: '{{Word}}', afmt: '{{FrontSide}}<hr id=answer>{{Meaning}}<br>{{Example}}' }] },
};

export interface DeckNote {
  readonly guid: string;
  readonly model: keyof typeof MODELS;
  readonly fields: readonly string[];
  readonly tags?: readonly string[];
  /** Full deck name, `::` between parts; default `Default`. */
  readonly deck?: string;
  /** Card ords to create; default: 0 (and 1 for reversed, one per cloze number). */
  readonly ords?: readonly number[];
}

export interface DeckRevlog {
  /** Index into the notes, and the card's ord. */
  readonly note: number;
  readonly ord?: number;
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly ease: number;
  readonly time?: number;
  readonly type?: number;
}

export interface DeckSpec {
  readonly notes: readonly DeckNote[];
  readonly revlog?: readonly DeckRevlog[];
  readonly media?: Readonly<Record<string, Uint8Array>>;
  /** The collection's name in the zip. */
  readonly layout?: 'collection.anki2' | 'collection.anki21';
  /** Extra zip entries (e.g. a `collection.anki21b`). */
  readonly extra?: Readonly<Record<string, Uint8Array>>;
}

/** Card id of a note's card: what the revlog refers to. */
export function cardId(note: number, ord: number): number {
  return 1_600_000_000_000 + note * 100 + ord;
}

export async function buildCollection(spec: DeckSpec): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.run(ANKI_SCHEMA_11);
  const deckNames = new Set(['Default']);
  for (const n of spec.notes) {
    const parts = (n.deck ?? 'Default').split('::');
    for (let i = 1; i <= parts.length; i += 1) deckNames.add(parts.slice(0, i).join('::'));
  }
  const deckIds = new Map<string, number>();
  const decks: Record<string, unknown> = {};
  [...deckNames].forEach((name, i) => {
    const id = name === 'Default' ? 1 : 1_500_000_000_000 + i;
    deckIds.set(name, id);
    decks[id] = deckJson(id, name, 0);
  });
  const models: Record<string, unknown> = {};
  for (const m of Object.values(MODELS)) models[m.id] = modelJson(m.id, m.name, m.fields, m.tmpls, 0, m.type);
  db.run('INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, ?, ?, ?, ?, ?)', ['{}', JSON.stringify(models), JSON.stringify(decks), JSON.stringify(DEFAULT_DCONF), '{}']);
  const note = db.prepare('INSERT INTO notes VALUES (?, ?, ?, 0, -1, ?, ?, ?, 0, 0, ?)');
  const card = db.prepare('INSERT INTO cards VALUES (?, ?, ?, ?, 0, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, ?)');
  db.run('BEGIN');
  spec.notes.forEach((n, i) => {
    const nid = 1_400_000_000_000 + i;
    note.run([nid, n.guid, MODELS[n.model].id, n.tags && n.tags.length > 0 ? ` ${n.tags.join(' ')} ` : '', n.fields.join('\u001f'), n.fields[0] ?? '', '']);
    const clozes = [...new Set([...(n.fields[0] ?? '').matchAll(/\{\{c(\d+)::/g)].map((m) => Number(m[1]) - 1))];
    const ords = n.ords ?? (n.model === 'reversed' ? [0, 1] : n.model === 'cloze' ? clozes : [0]);
    for (const ord of ords) card.run([cardId(i, ord), nid, deckIds.get(n.deck ?? 'Default')!, ord, i, '']);
  });
  note.free();
  card.free();
  const rev = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, 1, 0, 2500, ?, ?)');
  for (const r of spec.revlog ?? []) rev.run([r.at, cardId(r.note, r.ord ?? 0), r.ease, r.time ?? 8000, r.type ?? 1]);
  rev.free();
  db.run('COMMIT');
  const bytes = db.export();
  db.close();
  return bytes;
}

/** Writes the package to `path`. */
export async function writeDeck(path: string, spec: DeckSpec): Promise<void> {
  const entries: Zippable = { [spec.layout ?? 'collection.anki2']: await buildCollection(spec) };
  const map: Record<string, string> = {};
  Object.entries(spec.media ?? {}).forEach(([name, bytes], i) => {
    map[String(i)] = name;
    entries[String(i)] = bytes;
  });
  entries.media = strToU8(JSON.stringify(map));
  Object.assign(entries, spec.extra ?? {});
  writeFileSync(path, zipSync(entries));
}
