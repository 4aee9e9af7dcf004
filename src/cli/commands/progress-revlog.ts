/**
 * `examdrill progress export --format revlog-csv [--pack ID] [--out FILE]` and
 * `examdrill progress import FILE --format revlog-csv --pack ID`: a learner's history as the FSRS
 * optimizer's CSV (domain/export/revlog-csv.ts), and such a file back in, through the progress
 * log like any answer. Importing replays each row through the scheduler with the learner's
 * settings; a row at or before an item's last answer is already here, so importing twice adds
 * nothing.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { revlogCsv } from '../../domain/export/revlog-csv.js';
import { historyReviews } from '../../domain/import/apkg.js';
import { parseRevlogCsv } from '../../domain/import/revlog-csv.js';
import type { NewEvent } from '../../domain/progress/events.js';
import { schedulerSettings } from '../../domain/progress/settings.js';
import { effectiveSettings } from '../../domain/progress/state.js';
import { stripControlChars } from '../../domain/text/control-chars.js';
import { closestWord } from '../../domain/text/closest-word.js';
import { dayKey } from '../../domain/time/day.js';
import { readPackEvents } from '../../store/scheduler/review-history.js';
import type { CommandContext } from '../command-table.js';
import { choosePack, localOffset, locatePacks, openStore } from '../context.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** Events per write while a history is replayed. */
const BATCH = 5000;

export async function runRevlogExport({ io, args }: CommandContext): Promise<number> {
  const located = await locatePacks(args.options, io, { quiet: true });
  const { pack } = choosePack(located, args.options.pack as string | undefined);
  const store = await openStore(located.dataDir, pack.id, io, { autoFlush: false });
  let out;
  try {
    out = revlogCsv(readPackEvents(store.dir));
  } finally {
    await store.close();
  }
  const outArg = args.options.out as string | undefined;
  if (!outArg) {
    io.stdout.write(out.csv);
    return 0;
  }
  const target = resolve(io.cwd, outArg);
  const temp = `${target}.writing-${process.pid}`;
  try {
    writeFileSync(temp, out.csv);
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new UserError(`cannot write ${outArg} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'Give --out a file in a folder that exists and that you can write to.');
  }
  writeLine(io.stdout, `${pack.id}: wrote ${plural(out.rows, 'review')} of ${plural(out.items, 'item')} to ${outArg} (the FSRS optimizer's revlog CSV, with an item_id column).`);
  writeLine(io.stdout, `Back in with: examdrill progress import ${outArg} --format revlog-csv --pack ${pack.id}`);
  return 0;
}

export async function runRevlogImport({ io, args }: CommandContext): Promise<number> {
  const fileArg = args.positionals[0]!;
  const packId = args.options.pack as string | undefined;
  if (!packId) throw new UserError('progress import --format revlog-csv needs --pack: the pack the item ids belong to', `For example: examdrill progress import ${fileArg} --format revlog-csv --pack aws-dop-c02`);
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, fileArg), 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${fileArg} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'Give the path of a revlog CSV file.');
  }
  const parsed = parseRevlogCsv(text);
  if (!parsed.ok) throw new UserError(`${fileArg}:${parsed.line}: ${stripControlChars(parsed.message)}`, parsed.hint);
  const located = await locatePacks(args.options, io, { quiet: true });
  const { pack } = choosePack(located, packId);
  const kinds = new Map<string, 'card' | 'question'>([...pack.cards.map((c) => [c.id, 'card'] as const), ...pack.questions.map((q) => [q.id, 'question'] as const)]);
  const known = parsed.rows.filter((r) => kinds.has(r.item));
  const unknown = [...new Set(parsed.rows.filter((r) => !kinds.has(r.item)).map((r) => r.item))];
  if (parsed.rows.length > 0 && known.length === 0) {
    const first = parsed.rows[0]!;
    const guess = closestWord(first.item, [...kinds.keys()]);
    throw new UserError(`${fileArg}:${first.line}: no item ${first.item} in pack ${pack.id}${guess ? ` (did you mean ${guess}?)` : ''}, nor any other item of the file`, `Check --pack: the file's item ids belong to another pack; nothing was changed.`);
  }
  // The rows as the Anki revlog rows the replay reads; each item its own card id.
  const cardOf = new Map<string, number>();
  const rows = known.map((r) => {
    let cid = cardOf.get(r.item);
    if (cid === undefined) {
      cid = cardOf.size + 1;
      cardOf.set(r.item, cid);
    }
    return { id: r.at, cid, ease: r.rating, time: r.durationMs, type: 1 };
  });
  const cardItems = new Map([...cardOf].map(([item, cid]) => [cid, item]));
  const store = await openStore(located.dataDir, pack.id, io, { autoFlush: false });
  const done = { added: 0, already: 0 };
  try {
    const scheduler = schedulerSettings(effectiveSettings(store.state));
    const sorted = [...rows].sort((a, b) => a.id - b.id);
    for (let i = 0; i < sorted.length; i += BATCH) {
      const history = historyReviews(sorted.slice(i, i + BATCH), cardItems, store.state.items, (at) => dayKey(at, localOffset), { kindOf: (item) => kinds.get(item) ?? 'card', scheduler });
      store.recordMany(history.reviews.map((r): NewEvent => ({ type: 'review', at: r.at, day: r.day, ...r.review })));
      done.added += history.reviews.length;
      done.already += history.alreadyKnown;
    }
  } finally {
    await store.close();
  }
  if (args.options.json === true) {
    writeLine(io.stdout, JSON.stringify({ file: fileArg, pack: pack.id, added: done.added, alreadyHere: done.already, unknownItems: unknown }, null, 2));
    return 0;
  }
  const skipped = unknown.length ? `; left out ${plural(parsed.rows.length - known.length, 'review')} of ${plural(unknown.length, 'item')} not in ${pack.id} (${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ', ...' : ''})` : '';
  writeLine(io.stdout, `${pack.id}: ${plural(done.added, 'review')} added, ${plural(done.already, 'review')} already here${skipped}.`);
  return 0;
}
