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
import { apkgToPack, historyReviews } from '../../domain/import/apkg.js';
import { cleanText, slugify } from '../../domain/import/to-pack.js';
import { formatIssue } from '../../domain/pack/issues.js';
import { ID_PATTERN, itemFileSchema, packManifestSchema } from '../../domain/pack/schema.js';
import type { NewEvent } from '../../domain/progress/events.js';
import { dayKey } from '../../domain/time/day.js';
import { ApkgError, extractMedia, readApkg } from '../../store/import/apkg-reader.js';
import { loadPack } from '../../store/pack/load-pack.js';
import type { CommandContext } from '../command-table.js';
import { localOffset, openStore, resolveDataDir } from '../context.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';
import { count, writeImportedPack } from '../imported-pack-files.js';

/** Events per write when a review history is imported. */
const HISTORY_BATCH = 5000;

export async function runApkgImport({ io, args }: CommandContext): Promise<number> {
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
  // Only the pack, the review log and the media map outlive this block: the notes (most of the
  // memory of a large deck) can be collected while the pack is written.
  const { pack, revlog, mediaEntries } = await (async () => {
    const read = await asUserError(() => readApkg(source, file, { revlog: withHistory, onProgress: progress }));
    return { pack: apkgToPack(read.collection, { id, title, description: `Imported from ${basename(file)} (Anki package, ${read.layout}) by examdrill pack import.` }), revlog: read.revlog, mediaEntries: read.mediaEntries };
  })();
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
      await asUserError(() => extractMedia(source, file, mediaEntries, new Map(pack.media.map((m) => [m, join(temp, 'media', m)]))));
    }
    await checkWritten(temp, pack, outArg, io);
    if (existsSync(out)) rmdirSync(out);
    renameSync(temp, out);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    if (e instanceof UserError || !(e as NodeJS.ErrnoException).code) throw e;
    throw new UserError(`cannot write the pack into ${outArg}: ${(e as Error).message}`, 'Choose an --out folder where you can write; nothing was written.');
  }

  const media = pack.media.length > 0 ? `, ${count(pack.media.length, 'media file')}` : '';
  writeLine(io.stdout, `Imported ${count(pack.cards, 'card')} into ${outArg} (pack id ${id})${media}${warnings.length > 0 ? `; ${count(warnings.length, 'note')}:` : '.'}`);
  for (const w of warnings) writeLine(io.stdout, w);

  if (withHistory) {
    const dataDir = resolveDataDir(args.options, io);
    const store = await openStore(dataDir, id, io, { autoFlush: false });
    try {
      const history = historyReviews(revlog, pack.cardItems, store.state.items, (at) => dayKey(at, localOffset));
      for (let i = 0; i < history.reviews.length; i += HISTORY_BATCH) {
        store.recordMany(history.reviews.slice(i, i + HISTORY_BATCH).map((r): NewEvent => ({ type: 'review', at: r.at, day: r.day, ...r.review })));
      }
      writeLine(io.stdout, `Imported ${count(history.reviews.length, 'review')} from the deck's history${history.alreadyKnown > 0 ? ` (${history.alreadyKnown} already imported before)` : ''}${history.ignored > 0 ? `; left out ${history.ignored} (manual reschedules, or cards not imported)` : ''}.`);
    } finally {
      await store.close();
    }
  }
  writeLine(io.stdout, `Next: examdrill pack lint ${outArg}, then examdrill pack add ${outArg}`);
  return 0;
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
