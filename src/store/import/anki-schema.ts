/**
 * The tables of an Anki collection in the layout every Anki version imports (schema 11, the
 * `collection.anki2` of "Support older Anki versions"), as Anki's own schema11.sql creates them.
 * The apkg export writes it; the tests build their fixture decks with it.
 */
export const ANKI_SCHEMA_11 = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`;

/** A deck's JSON in `col.decks`. */
export function deckJson(id: number, name: string, mod: number): Record<string, unknown> {
  return {
    id,
    name,
    mod,
    usn: -1,
    desc: '',
    dyn: 0,
    conf: 1,
    collapsed: false,
    browserCollapsed: false,
    newToday: [0, 0],
    revToday: [0, 0],
    lrnToday: [0, 0],
    timeToday: [0, 0],
    extendNew: 10,
    extendRev: 50,
  };
}

/** A note type's JSON in `col.models`. */
export function modelJson(
  id: number,
  name: string,
  fields: readonly string[],
  templates: readonly { name: string; qfmt: string; afmt: string }[],
  mod: number,
  type: 0 | 1 = 0,
): Record<string, unknown> {
  return {
    id,
    name,
    type,
    mod,
    usn: -1,
    sortf: 0,
    did: 1,
    tmpls: templates.map((t, ord) => ({ name: t.name, ord, qfmt: t.qfmt, afmt: t.afmt, did: null, bqfmt: '', bafmt: '' })),
    flds: fields.map((f, ord) => ({ name: f, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] })),
    css: '.card { font-family: arial; font-size: 20px; text-align: left; color: black; background-color: white; }',
    latexPre: '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
    latexPost: '\\end{document}',
    tags: [],
    vers: [],
    req: templates.map((_, ord) => [ord, 'any', [ord === 0 ? 0 : Math.min(ord, fields.length - 1)]]),
  };
}

/** The default deck options (`col.dconf`), as a new collection has them. */
export const DEFAULT_DCONF = {
  1: {
    id: 1,
    name: 'Default',
    mod: 0,
    usn: 0,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
    rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
    lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
  },
};
