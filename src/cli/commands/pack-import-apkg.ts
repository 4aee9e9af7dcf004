/**
 * `examdrill pack import DECK.apkg --from apkg --out DIR [--id ID] [--with-history]`: an Anki
 * package (.apkg or .colpkg) as a new pack folder (see src/domain/import/apkg.ts for what is
 * kept). The pack is written into a temporary folder beside DIR, checked with the loader, and
 * renamed to DIR only when whole: a failure leaves nothing behind.
 *
 *   Imported 1,204 cards into anki-deck (pack id spanish), 3 media files; 2 notes:
 *     spanish.apkg: note Q}x8$jw!9d: skipped a card with an empty back (note type Basic)
 *   With --with-history: Imported 5,310 reviews from the deck's history (0 already imported).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { apkgToPack, historyReviews } from '../../domain/import/apkg.js';
import { cleanText, slugify } from '../../domain/import/to-pack.js';
import { formatIssue } from '../../domain/pack/issues.js';
import { ID_PATTERN, itemFileSchema, packManifestSchema } from '../../domain/pack/schema.js';
import type { NewEvent } from '../../domain/progress/events.js';
import { dayKey } from '../../domain/time/day.js';
import type { AnkiReview } from '../../domain/import/apkg.js';
import { ApkgError, extractMedia, readApkg, type ReadApkg } from '../../store/import/apkg-reader.js';
import type { ProgressStore } from '../../store/progress/progress-store.js';
import { loadPack } from '../../store/pack/load-pack.js';
import type { CommandContext } from '../command-table.js';
import { localOffset, openStore, resolveDataDir } from '../context.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';
import { count, writeImportedPack } from '../imported-pack-files.js';

/** How much the heap may grow past what was alive at the last full collection (see runApkgImport). */
const HEAP_GROWING_PERCENT = 30;

/** Events per write when a review history is imported. */
const HISTORY_BATCH = 5000;

export async function runApkgImport({ io, args }: CommandContext): Promise<number> {
  // V8 lets the heap grow to about four times what was alive at the last full collection: after
  // reading 50,000 notes that is over 200 MB of mostly garbage, and the import peaked at 310-360
  // MB while under 50 MB was alive (--trace-gc). A 30% growth step keeps it under 300 MB
  // (docs/performance.md) for a few more collections. Set for this one-shot command only.
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const file = args.positionals[0]!;
  const outArg = args.options.out as string | undefined;
  if (!outArg) throw new UserError('pack import needs --out: the new pack folder to write', `For example: examdrill pack import ${file} --from apkg --out my-pack`);
  const id = (args.options.id as string | undefined) ?? (slugify(basename(file).replace(/\.(apkg|colpkg|zip)$/i, '')) || 'anki-deck');
  if (!ID_PATTERN.test(id)) throw new UserError(`"${id}" is not a valid pack id`, 'Use lowercase letters, digits and hyphens, e.g. --id my-pack');
  const out = resolve(io.cwd, outArg);
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new UserError(`${outArg} already exists and is not an empty folder`, 'Choose a new folder for --out; nothing was written.');
  }
  const withHistory = args.options['with-history'] === true;
  const source = resolve(io.cwd, file);
  const progress = (message: string): void => writeLine(io.stderr, message);

  const title = basename(file).replace(/\.(apkg|colpkg)$/i, '');
  // Memory (docs/performance.md, budget < 300 MB for 50,000 notes): each phase keeps only what
  // the next needs. The notes and the pack's files (most of a large deck's memory) live only
  // inside writePack; the review history only inside recordHistory, so that both can be
  // collected before the progress snapshot is written on close, the import's peak.
  const read = await asUserError(() => readApkg(source, file, { revlog: withHistory, onProgress: progress }));
  const written = await writePack(read, { file, source, id, title, outArg, out, io, progress });
  const revlog = { rows: read.revlog };
  (read as { revlog: unknown }).revlog = [];

  const media = written.media > 0 ? `, ${count(written.media, 'media file')}` : '';
  writeLine(io.stdout, `Imported ${count(written.cards, 'card')} into ${outArg} (pack id ${id})${media}${written.warnings.length > 0 ? `; ${count(written.warnings.length, 'note')}:` : '.'}`);
  for (const w of written.warnings) writeLine(io.stdout, w);

  if (withHistory) {
    const dataDir = resolveDataDir(args.options, io);
    const store = await openStore(dataDir, id, io, { autoFlush: false });
    try {
      const done = recordHistory(store, revlog, written.cardItems);
      writeLine(io.stdout, `Imported ${count(done.reviews, 'review')} from the deck's history${done.alreadyKnown > 0 ? ` (${done.alreadyKnown} already imported before)` : ''}${done.ignored > 0 ? `; left out ${done.ignored} (manual reschedules, or cards not imported)` : ''}.`);
    } finally {
      await store.close();
    }
  }
  writeLine(io.stdout, `Next: examdrill pack lint ${outArg}, then examdrill pack add ${outArg}`);
  return 0;
}

interface WriteContext {
  readonly file: string;
  readonly source: string;
  readonly id: string;
  readonly title: string;
  readonly outArg: string;
  readonly out: string;
  readonly io: CommandContext['io'];
  readonly progress: (message: string) => void;
}

/**
 * Converts the collection and writes the pack (media included) into a temporary folder beside
 * DIR, then renames it to DIR. Returns only what the rest of the import needs; the collection
 * is dropped from `read` as soon as the pack is made.
 */
async function writePack(read: ReadApkg, { file, source, id, title, outArg, out, io, progress }: WriteContext): Promise<{ cards: number; media: number; warnings: string[]; cardItems: ReadonlyMap<number, string> }> {
  const pack = apkgToPack(read.collection, { id, title, description: `Imported from ${basename(file)} (Anki package, ${read.layout}) by examdrill pack import.` });
  (read as { collection: unknown }).collection = undefined;
  const warnings = pack.apkgWarnings.map((w) => `  ${file}: note ${cleanText(w.note)}: ${w.message}`);
  if (pack.cards === 0) {
    for (const w of warnings) writeLine(io.stderr, w);
    throw new UserError(`nothing to import from ${file}: it holds no note that makes a card${warnings.length > 0 ? ` (${warnings.length} problems above)` : ''}`, 'Check that the deck has notes with a front and a back; nothing was written.');
  }
  // Beside DIR, so that the rename stays on one file system.
  const temp = join(dirname(out), `.${basename(out)}.importing-${process.pid}`);
  try {
    rmSync(temp, { recursive: true, force: true });
    writeImportedPack(temp, pack, `Imported from ${basename(file)} by \`examdrill pack import\`. Edit the text freely, never the ids: progress is keyed by them (they come from the notes' guids).`);
    if (pack.media.length > 0) {
      mkdirSync(join(temp, 'media'));
      progress(`Copying ${pack.media.length} media file${pack.media.length === 1 ? '' : 's'}...`);
      await asUserError(() => extractMedia(source, file, read.mediaEntries, new Map(pack.media.map((m) => [m, join(temp, 'media', m)]))));
    }
    await checkWritten(temp, pack, outArg, io);
    if (existsSync(out)) rmdirSync(out);
    renameSync(temp, out);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    if (e instanceof UserError || !(e as NodeJS.ErrnoException).code) throw e;
    throw new UserError(`cannot write the pack into ${outArg}: ${(e as Error).message}`, 'Choose an --out folder where you can write; nothing was written.');
  }
  return { cards: pack.cards, media: pack.media.length, warnings, cardItems: pack.cardItems };
}

/**
 * Replays the review log into the store, HISTORY_BATCH rows at a time in time order. Each batch
 * starts from the store's state after the previous one, which is what one replay of the whole
 * log would have reached there, so the reviews are the same; but only one batch of replayed
 * reviews is alive at a time (the whole history at once left 100 MB of garbage for the snapshot
 * write on close to grow the heap past).
 */
function recordHistory(store: ProgressStore, revlog: { rows: readonly AnkiReview[] }, cardItems: ReadonlyMap<number, string>): { reviews: number; alreadyKnown: number; ignored: number } {
  const rows = [...revlog.rows].sort((a, b) => a.id - b.id);
  revlog.rows = [];
  const done = { reviews: 0, alreadyKnown: 0, ignored: 0 };
  for (let i = 0; i < rows.length; i += HISTORY_BATCH) {
    const history = historyReviews(rows.slice(i, i + HISTORY_BATCH), cardItems, store.state.items, (at) => dayKey(at, localOffset));
    store.recordMany(history.reviews.map((r): NewEvent => ({ type: 'review', at: r.at, day: r.day, ...r.review })));
    done.reviews += history.reviews.length;
    done.alreadyKnown += history.alreadyKnown;
    done.ignored += history.ignored;
  }
  return done;
}

/** Above this many cards the written pack is checked in memory, not loaded again (see below). */
const LOAD_CHECK_MAX_CARDS = 5000;

/**
 * The importer's output must load like any pack; if it does not, that is a bug here. A small
 * pack is loaded from DIR as `pack add` will load it. A large one is checked against the same
 * schemas in memory: loading 50,000 cards again took 10 s and 250 MB, past the import's memory
 * budget (docs/performance.md), and ids, topics and text are already unique, known and clean by
 * construction.
 */
async function checkWritten(temp: string, pack: ReturnType<typeof apkgToPack>, outArg: string, io: CommandContext['io']): Promise<void> {
  if (pack.cards <= LOAD_CHECK_MAX_CARDS) {
    const loaded = await loadPack(temp);
    if (loaded.ok) return;
    for (const issue of loaded.issues.slice(0, 20)) writeLine(io.stderr, formatIssue(issue, outArg));
    throw new Error(`the imported pack does not validate (${loaded.issues.length} problems)`);
  }
  const problems = [packManifestSchema.safeParse(pack.manifest), ...pack.files.map((f) => itemFileSchema.safeParse(f.data))].filter((r) => !r.success);
  if (problems.length > 0) throw new Error(`the imported pack does not validate: ${problems[0]!.error!.message.slice(0, 500)}`);
}

async function asUserError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ApkgError) throw new UserError(e.message, e.hint);
    throw e;
  }
}
