// `pack import --from apkg` of a 50,000-note Anki deck (Basic notes with some HTML, 20 subdecks,
// tags, one review-log row per note), built here with sql.js and fflate in Anki's schema 11:
// - wall time of the import, with and without --with-history (50,000 reviews replayed);
// - peak resident memory (GNU time %M), budget < 300 MB.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { childEnv, log, maxRssMb, program, runIfMain, tempDir, timeExit } from './lib.mjs';

export const RSS_BUDGET_MB = 300;
const NOTES = 50_000;

/** Writes the deck and returns its path. */
export async function fixtureDeck(notes = NOTES) {
  const require = createRequire(import.meta.url);
  const init = (await import('sql.js')).default;
  const SQL = await init({ locateFile: () => require.resolve('sql.js/dist/sql-wasm.wasm') });
  const db = new SQL.Database();
  db.run(`CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);`);
  const decks = { 1: { id: 1, name: 'Default' } };
  for (let d = 0; d < 20; d += 1) decks[1000 + d] = { id: 1000 + d, name: `Bench Deck::Part ${d + 1}` };
  decks[999] = { id: 999, name: 'Bench Deck' };
  const models = { 1: { id: 1, name: 'Basic', type: 0, flds: [{ name: 'Front', ord: 0 }, { name: 'Back', ord: 1 }], tmpls: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{Back}}' }] } };
  db.run('INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, ?, ?, ?, ?, ?)', ['{}', JSON.stringify(models), JSON.stringify(decks), '{}', '{}']);
  const note = db.prepare('INSERT INTO notes VALUES (?, ?, 1, 0, -1, ?, ?, ?, 0, 0, ?)');
  const card = db.prepare('INSERT INTO cards VALUES (?, ?, ?, 0, 0, -1, 2, 2, 0, 1, 2500, 1, 0, 0, 0, 0, 0, ?)');
  const rev = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, 1, 0, 2500, 6000, 0)');
  db.run('BEGIN');
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < notes; i += 1) {
    const id = 1_400_000_000_000 + i;
    const front = `Question number <b>${i}</b>: what does service ${i % 977} do with&nbsp;its <i>input</i>?`;
    const back = `<div>It stores it.</div><ul><li>durably</li><li>in ${i % 13} regions</li></ul><code>aws s3 cp x${i} y</code>`;
    note.run([id, `g${i.toString(36)}x`, ` tag${i % 50} bench `, `${front}\u001f${back}`, front, '']);
    card.run([id, id, 1000 + (i % 20), '']);
    rev.run([start + i * 60_000, id, 1 + (i % 4)]);
  }
  db.run('COMMIT');
  note.free();
  card.free();
  rev.free();
  const bytes = db.export();
  db.close();
  const path = join(tempDir('examdrill-bench-apkg-'), 'bench.apkg');
  writeFileSync(path, zipSync({ 'collection.anki2': bytes, media: strToU8('{}') }, { level: 6 }));
  return { path, collectionBytes: bytes.length };
}

export async function bench({ runs, quick = false } = {}) {
  runs ??= quick ? 1 : 3;
  const prog = program();
  const node = process.execPath;
  log(`apkg-import: building a ${NOTES}-note deck`);
  const deck = await fixtureDeck();
  const args = (out, history) => [prog, 'pack', 'import', deck.path, '--from', 'apkg', '--out', out, ...(history ? ['--with-history'] : [])];
  const times = { 'import 50,000 notes': [], 'import 50,000 notes --with-history': [] };
  const rss = { 'max RSS: import': [], 'max RSS: import --with-history': [] };
  for (let i = 0; i < runs; i += 1) {
    for (const history of [false, true]) {
      const env = childEnv({ EXAMDRILL_DATA_DIR: tempDir() });
      const r = await timeExit(node, args(join(tempDir(), 'out'), history), { env });
      if (!r.stdout.includes(`Imported ${NOTES.toLocaleString('en-US')} cards`)) throw new Error(`the import did not keep every note: ${r.stdout.slice(0, 300)}`);
      times[history ? 'import 50,000 notes --with-history' : 'import 50,000 notes'].push(r.ms);
      rss[history ? 'max RSS: import --with-history' : 'max RSS: import'].push(maxRssMb(node, args(join(tempDir(), 'out'), history), { env: childEnv({ EXAMDRILL_DATA_DIR: tempDir() }) }));
    }
  }
  return {
    id: 'apkg-import',
    title: `Anki package import: ${NOTES.toLocaleString('en-US')} notes, 20 subdecks, a ${(deck.collectionBytes / 1e6).toFixed(1)} MB collection`,
    rows: [...Object.entries(times).map(([name, values]) => ({ name, unit: 'ms', values })), ...Object.entries(rss).map(([name, values]) => ({ name, unit: 'MB', values }))],
    budgets: Object.entries(rss).map(([name, values]) => ({ name: name.replace('max RSS: ', 'max RSS, '), value: Math.max(...values), limit: RSS_BUDGET_MB, unit: 'MB', op: '<' })),
    notes: ['--with-history replays one review-log row per note through the scheduler and appends 50,000 review events in batches of 5,000 (one fsync each).'],
  };
}

await runIfMain(import.meta.url, bench);
