/**
 * Writes an Anki package: a zip of `collection.anki2` (schema 11, which every Anki, AnkiDroid and
 * AnkiMobile imports) and an empty `media` map. The notes come from src/domain/export/apkg.ts.
 */
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { BASIC_MODEL, QUESTION_MODEL, type ApkgExport } from '../../domain/export/apkg.js';
import { ANKI_SCHEMA_11, DEFAULT_DCONF, deckJson, modelJson } from '../import/anki-schema.js';
import { loadSqlJs } from '../import/sqlite.js';

/** Fixed note type ids, so that exporting again updates the same note types in Anki. */
const BASIC_ID = 1_700_000_000_001;
const QUESTION_ID = 1_700_000_000_002;

/** Anki's sort field: the first field's text without HTML. */
function plain(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** Anki's duplicate check: the first 8 hex digits of the SHA-1 of the sort field, as a number. */
function checksum(text: string): number {
  return Number.parseInt(createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 8), 16);
}

/** The .apkg bytes. `now` (ms) dates the collection and numbers the notes, cards and decks. */
export async function writeApkg(data: ApkgExport, now: number): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.run(ANKI_SCHEMA_11);
    const seconds = Math.floor(now / 1000);
    const decks: Record<string, unknown> = { 1: deckJson(1, 'Default', seconds) };
    // A parent deck exists for every `A::B`, as Anki would make it.
    const names = new Set<string>();
    for (const d of data.decks) {
      const parts = d.split('::');
      for (let i = 1; i <= parts.length; i += 1) names.add(parts.slice(0, i).join('::'));
    }
    const deckIds = new Map<string, number>();
    [...names].forEach((name, i) => {
      const id = now + 1 + i;
      deckIds.set(name, id);
      decks[id] = deckJson(id, name, seconds);
    });
    const models = {
      [BASIC_ID]: modelJson(BASIC_ID, BASIC_MODEL.name, BASIC_MODEL.fields, [{ name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' }], seconds),
      [QUESTION_ID]: modelJson(
        QUESTION_ID,
        QUESTION_MODEL.name,
        QUESTION_MODEL.fields,
        [{ name: 'Question', qfmt: '{{Stem}}<br><br>{{Options}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Answer}}{{#Why}}<br><br>{{Why}}{{/Why}}' }],
        seconds,
      ),
    };
    db.run('INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
      seconds,
      now,
      now,
      JSON.stringify({ nextPos: data.notes.length + 1, curModel: BASIC_ID, activeDecks: [1], curDeck: 1 }),
      JSON.stringify(models),
      JSON.stringify(decks),
      JSON.stringify(DEFAULT_DCONF),
      '{}',
    ]);
    const note = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)');
    const card = db.prepare('INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, ?)');
    db.run('BEGIN');
    data.notes.forEach((n, i) => {
      const id = now + 10_000 + i;
      const sort = plain(n.fields[0] ?? '');
      note.run([id, n.guid, n.model === 'basic' ? BASIC_ID : QUESTION_ID, seconds, n.tags.length > 0 ? ` ${n.tags.join(' ')} ` : '', n.fields.join('\u001f'), sort, checksum(sort), '']);
      card.run([id, id, deckIds.get(data.decks[n.deck]!) ?? 1, seconds, i + 1, '']);
    });
    db.run('COMMIT');
    note.free();
    card.free();
    const collection = db.export();
    return zipSync({ 'collection.anki2': collection, media: new TextEncoder().encode('{}') });
  } finally {
    db.close();
  }
}
