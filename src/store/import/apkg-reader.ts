/**
 * Reads an Anki package (.apkg, .colpkg): a zip holding the collection (an SQLite database named
 * `collection.anki21` or the legacy `collection.anki2`), a `media` JSON map from the zip's
 * numbered entries to file names, and those media files.
 *
 * The zip is streamed from the file (fflate's Unzip), twice at most: once for the collection and
 * the media map, once more for the media the pack keeps, written straight to disk. Every entry's
 * inflated bytes are counted as they come, whatever its header claims, so a zip bomb stops at
 * the cap. The newer `collection.anki21b` (zstd-compressed, with protobuf media) is refused with
 * the Anki export option that writes the older layout.
 */
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import type { Database } from 'sql.js';
import type { AnkiCard, AnkiCollection, AnkiModel, AnkiNote, AnkiReview } from '../../domain/import/apkg.js';
import { loadSqlJs } from './sqlite.js';

/** Bad input, told in two lines: what is wrong, what to do. */
export class ApkgError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'ApkgError';
  }
}

export interface ApkgLimits {
  /** The collection database, inflated. */
  readonly maxCollectionBytes: number;
  /** Everything inflated, media included. */
  readonly maxTotalBytes: number;
}

export const DEFAULT_LIMITS: ApkgLimits = { maxCollectionBytes: 256 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024 };

const MIB = 1024 * 1024;
const OLDER = 'In Anki: File > Export, choose "Anki Deck Package" and tick "Support older Anki versions", then import that file.';

export interface ReadApkg {
  readonly collection: AnkiCollection;
  readonly revlog: readonly AnkiReview[];
  /** Media file name to its entry in the zip. */
  readonly mediaEntries: ReadonlyMap<string, string>;
  /** Which collection file it was. */
  readonly layout: 'collection.anki21' | 'collection.anki2';
}

export interface ReadOptions {
  readonly limits?: ApkgLimits;
  /** Called now and then with what is being done, for a progress line. */
  readonly onProgress?: (message: string) => void;
  /** Read the review log too. */
  readonly revlog?: boolean;
}

class Stop extends Error {}

/**
 * Streams the zip at `path`, handing each entry `want` accepts to `sink` chunk by chunk, and
 * stops with an ApkgError when the inflated bytes pass the caps.
 */
async function streamZip(
  path: string,
  shown: string,
  want: (name: string) => boolean,
  sink: (name: string, chunk: Uint8Array, final: boolean) => void,
  limits: ApkgLimits,
  capFor: (name: string) => number,
): Promise<Set<string>> {
  const names = new Set<string>();
  let total = 0;
  let failure: Error | undefined;
  const unzip = new Unzip((file: UnzipFile) => {
    names.add(file.name);
    if (failure || !want(file.name)) return;
    let size = 0;
    const cap = capFor(file.name);
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = new ApkgError(`${shown} is a damaged zip: ${file.name} cannot be unpacked (${err.message})`, 'Export the deck from Anki again.');
        throw new Stop();
      }
      size += chunk.length;
      total += chunk.length;
      if (size > cap || total > limits.maxTotalBytes) {
        const which = size > cap ? `${file.name} unpacks to more than ${Math.round(cap / MIB)} MB` : `its files unpack to more than ${Math.round(limits.maxTotalBytes / MIB)} MB`;
        failure = new ApkgError(`${shown} is too large to import: ${which} (a damaged file, or a zip bomb)`, 'Import a deck whose collection and media are smaller, or split the deck in Anki.');
        throw new Stop();
      }
      sink(file.name, chunk, final);
    };
    try {
      file.start();
    } catch (e) {
      failure = new ApkgError(`${shown} holds ${file.name} in a form that cannot be unpacked (${(e as Error).message})`, 'Export the deck from Anki again.');
    }
  });
  unzip.register(UnzipInflate);
  let first = true;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        if (chunk.length < 4 || chunk.readUInt32LE(0) !== 0x04034b50) {
          throw new ApkgError(`${shown} is not an Anki package: it is not a zip file`, 'Give an .apkg or .colpkg file exported from Anki (File > Export).');
        }
      }
      unzip.push(chunk);
      if (failure) break;
    }
    if (!failure) unzip.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ApkgError) throw e;
    if (!(e instanceof Stop) && !failure) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : 'permission denied';
        throw new ApkgError(`cannot read ${shown}: ${why}`, 'Give the path of an .apkg or .colpkg file exported from Anki.');
      }
      throw new ApkgError(`${shown} is a damaged zip: ${(e as Error).message}`, 'Export the deck from Anki again.');
    }
  }
  if (failure) throw failure;
  if (first) throw new ApkgError(`${shown} is empty`, 'Give an .apkg or .colpkg file exported from Anki (File > Export).');
  return names;
}

/** Reads the collection and the media map (not the media). */
export async function readApkg(path: string, shown: string, options: ReadOptions = {}): Promise<ReadApkg> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const buffers = new Map<string, Uint8Array[]>();
  const wanted = new Set(['collection.anki21', 'collection.anki2', 'media']);
  options.onProgress?.(`Unpacking ${shown}...`);
  const names = await streamZip(
    path,
    shown,
    (name) => wanted.has(name),
    (name, chunk) => {
      const list = buffers.get(name) ?? [];
      buffers.set(name, list);
      if (chunk.length > 0) list.push(chunk);
    },
    limits,
    (name) => (name === 'media' ? 64 * MIB : limits.maxCollectionBytes),
  );
  if (names.has('collection.anki21b')) {
    throw new ApkgError(`${shown} is in the newer Anki format (collection.anki21b, zstd-compressed), which examdrill cannot read`, OLDER);
  }
  const layout = names.has('collection.anki21') ? 'collection.anki21' : names.has('collection.anki2') ? 'collection.anki2' : undefined;
  if (!layout) {
    throw new ApkgError(`${shown} is a zip but not an Anki package: it holds no collection.anki2 or collection.anki21`, 'Give an .apkg or .colpkg file exported from Anki (File > Export).');
  }
  const mediaEntries = readMediaMap(buffers.get('media'), shown);
  let bytes: Uint8Array | undefined = concat(buffers.get(layout) ?? []);
  buffers.clear();
  const SQL = await loadSqlJs();
  let db: Database | undefined;
  try {
    db = new SQL.Database(bytes);
    // sql.js copied the bytes into its own file system: the zip's copy can go now.
    bytes = undefined;
    // A small page cache: the rows are read once, in order, and the WebAssembly heap never shrinks.
    db.run('PRAGMA cache_size = -1024');
    const check = db.exec('PRAGMA quick_check');
    const verdict = check[0]?.values[0]?.[0];
    if (verdict !== 'ok') throw new Error(String(verdict));
    const collection = readCollection(db, new Set(mediaEntries.keys()), options.onProgress);
    const revlog = options.revlog ? readRevlog(db) : [];
    return { collection, revlog, mediaEntries, layout };
  } catch (e) {
    if (e instanceof ApkgError) throw e;
    throw new ApkgError(`${shown} holds a damaged collection: ${layout} is not a readable Anki database (${firstLine((e as Error).message)})`, 'Export the deck from Anki again (File > Export); Tools > Check Database in Anki may repair it first.');
  } finally {
    db?.close();
  }
}

/**
 * Writes the named media files: `targets` maps a media file name to the path to write it to.
 * Streams the zip again; each file goes to disk as it is inflated.
 */
export async function extractMedia(path: string, shown: string, mediaEntries: ReadonlyMap<string, string>, targets: ReadonlyMap<string, string>, limits: ApkgLimits = DEFAULT_LIMITS): Promise<void> {
  const byEntry = new Map<string, string>();
  for (const [name, target] of targets) {
    const entry = mediaEntries.get(name);
    if (entry !== undefined) byEntry.set(entry, target);
  }
  if (byEntry.size === 0) return;
  const open = new Map<string, number>();
  try {
    await streamZip(
      path,
      shown,
      (name) => byEntry.has(name),
      (name, chunk, final) => {
        let fd = open.get(name);
        if (fd === undefined) {
          fd = openSync(byEntry.get(name)!, 'w');
          open.set(name, fd);
        }
        if (chunk.length > 0) writeSync(fd, chunk);
        if (final) {
          closeSync(fd);
          open.delete(name);
        }
      },
      limits,
      () => limits.maxTotalBytes,
    );
  } finally {
    for (const fd of open.values()) closeSync(fd);
  }
}

function readMediaMap(chunks: Uint8Array[] | undefined, shown: string): Map<string, string> {
  const map = new Map<string, string>();
  if (!chunks) return map;
  const text = Buffer.from(concat(chunks)).toString('utf8').trim();
  if (text === '') return map;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Anki 2.1.50+ writes the media map as zstd-compressed protobuf beside collection.anki21b.
    throw new ApkgError(`${shown} has a media list examdrill cannot read (not the older JSON form)`, OLDER);
  }
  if (value && typeof value === 'object') {
    for (const [entry, name] of Object.entries(value as Record<string, unknown>)) if (typeof name === 'string') map.set(name, entry);
  }
  return map;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 200);
}

function hasTable(db: Database, name: string): boolean {
  const r = db.exec('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?', ['table', name]);
  return r.length > 0;
}

/** Rows of a query, one at a time. */
function* rows(db: Database, sql: string): Generator<unknown[]> {
  const stmt = db.prepare(sql);
  try {
    while (stmt.step()) yield stmt.get();
  } finally {
    stmt.free();
  }
}

function readCollection(db: Database, media: ReadonlySet<string>, onProgress?: (message: string) => void): AnkiCollection {
  for (const table of ['col', 'notes', 'cards']) {
    if (!hasTable(db, table)) throw new ApkgError(`the collection has no ${table} table: it is not an Anki collection`, 'Give an .apkg or .colpkg file exported from Anki (File > Export).');
  }
  const models = new Map<number, AnkiModel>();
  const decks = new Map<number, string>();
  const [colModels, colDecks] = (db.exec('SELECT models, decks FROM col LIMIT 1')[0]?.values[0] ?? ['', '']) as [string, string];
  for (const m of Object.values(parseJson(colModels))) {
    const model = m as { id?: unknown; name?: unknown; type?: unknown; flds?: { name?: unknown; ord?: unknown }[]; tmpls?: { qfmt?: unknown; ord?: unknown }[] };
    const id = Number(model.id);
    if (!Number.isFinite(id)) continue;
    const byOrd = <T extends { ord?: unknown }>(list: T[] | undefined): T[] => [...(list ?? [])].sort((a, b) => Number(a.ord) - Number(b.ord));
    models.set(id, {
      name: String(model.name ?? ''),
      type: Number(model.type) === 1 ? 1 : 0,
      fields: byOrd(model.flds).map((f) => String(f.name ?? '')),
      templates: byOrd(model.tmpls).map((t) => String(t.qfmt ?? '')),
    });
  }
  for (const d of Object.values(parseJson(colDecks))) {
    const deck = d as { id?: unknown; name?: unknown };
    if (Number.isFinite(Number(deck.id))) decks.set(Number(deck.id), String(deck.name ?? ''));
  }
  // Schema 18 collections (a .colpkg of Anki 2.1.28+) keep note types and decks in tables.
  if (models.size === 0 && hasTable(db, 'notetypes')) {
    for (const [id, name] of rows(db, 'SELECT id, name FROM notetypes')) {
      const fields = [...rows(db, `SELECT name FROM fields WHERE ntid = ${Number(id)} ORDER BY ord`)].map((r) => String(r[0]));
      const templates = [...rows(db, `SELECT name FROM templates WHERE ntid = ${Number(id)} ORDER BY ord`)].map(() => '');
      // The cloze kind and the templates' text sit in protobuf blobs; a "Cloze" name tells the kind.
      models.set(Number(id), { name: String(name), type: /cloze/i.test(String(name)) ? 1 : 0, fields, templates });
    }
  }
  if (decks.size === 0 && hasTable(db, 'decks')) {
    for (const [id, name] of rows(db, 'SELECT id, name FROM decks')) decks.set(Number(id), String(name).split('\u001f').join('::'));
  }

  const total = Number(db.exec('SELECT count(*) FROM notes')[0]?.values[0]?.[0] ?? 0);
  const notes: AnkiNote[] = [];
  for (const [id, guid, mid, tags, flds] of rows(db, 'SELECT id, guid, mid, tags, flds FROM notes ORDER BY id')) {
    notes.push({ id: Number(id), guid: String(guid), mid: Number(mid), tags: String(tags ?? ''), fields: String(flds ?? '').split('\u001f') });
    if (notes.length % 10_000 === 0) onProgress?.(`Read ${notes.length} of ${total} notes...`);
  }
  const cards: AnkiCard[] = [];
  for (const [id, nid, did, ord] of rows(db, 'SELECT id, nid, did, ord FROM cards ORDER BY id')) cards.push({ id: Number(id), nid: Number(nid), did: Number(did), ord: Number(ord) });
  return { models, decks, notes, cards, media };
}

function readRevlog(db: Database): AnkiReview[] {
  if (!hasTable(db, 'revlog')) return [];
  const out: AnkiReview[] = [];
  for (const [id, cid, ease, time, type] of rows(db, 'SELECT id, cid, ease, time, type FROM revlog ORDER BY id')) {
    out.push({ id: Number(id), cid: Number(cid), ease: Number(ease), time: Number(time), type: Number(type) });
  }
  return out;
}

function parseJson(text: string): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    throw new ApkgError('the collection\'s note types or decks are not readable JSON: a damaged collection', 'Export the deck from Anki again.');
  }
}
