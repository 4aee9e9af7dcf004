/**
 * `examdrill pack import FILE --from gift|anki --out DIR [--id ID]`: converts a Moodle GIFT file or
 * an Anki text export into a new pack folder, checks the written pack with the loader, and says
 * what it kept and what it skipped, each skipped question at its line:
 *
 *   Imported 14 questions and 3 cards into my-pack (pack id quiz); skipped 2:
 *     quiz.gift:16: skipped a numerical question ({#...}): examdrill has no numerical answers
 *     quiz.gift:55: skipped a matching question (->): examdrill has no matching questions
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseAnki, type ClozeAs } from '../../domain/import/anki.js';
import { safeMediaName } from '../../domain/import/apkg.js';
import { parseGift } from '../../domain/import/gift.js';
import { isSkip, slugify, toPack, type ImportWarning } from '../../domain/import/to-pack.js';
import { formatIssue } from '../../domain/pack/issues.js';
import { ID_PATTERN } from '../../domain/pack/schema.js';
import { loadPack } from '../../store/pack/load-pack.js';
import type { CommandContext } from '../command-table.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';
import { count, writeImportedPack } from '../imported-pack-files.js';

const FORMAT_NAMES = { gift: 'Moodle GIFT', anki: 'Anki text export' } as const;

export async function runPackImport({ io, args }: CommandContext): Promise<number> {
  const file = args.positionals[0]!;
  const from = args.options.from as keyof typeof FORMAT_NAMES | undefined;
  const outArg = args.options.out as string | undefined;
  if ((from as string | undefined) === 'apkg') return (await import('./pack-import-apkg.js')).runApkgImport({ io, args });
  if (args.options['with-history']) throw new UserError('--with-history goes with --from apkg: only an Anki package holds a review history', `For example: examdrill pack import deck.apkg --from apkg --with-history --out my-pack`);
  const cloze = args.options.cloze as ClozeAs | undefined;
  if (cloze && from !== 'anki') throw new UserError('--cloze goes with --from anki: only Anki text exports hold Cloze notes', `For example: examdrill pack import deck.txt --from anki --cloze cards --out my-pack`);
  if (!from) throw new UserError('pack import needs --from: the format of the file (gift, anki or apkg)', `For example: examdrill pack import ${file} --from gift --out my-pack`);
  if (!outArg) throw new UserError('pack import needs --out: the new pack folder to write', `For example: examdrill pack import ${file} --from ${from} --out my-pack`);
  if (outArg === '-') throw new UserError('--out - is not possible here: a pack is a folder of YAML files, not one stream', `Name a new folder, for example: examdrill pack import ${file} --from ${from} --out my-pack`);
  const id = (args.options.id as string | undefined) ?? defaultId(file);
  if (id !== '' && !ID_PATTERN.test(id)) throw new UserError(`"${id}" is not a valid pack id`, 'Use lowercase letters, digits and hyphens, e.g. --id my-pack');
  const out = resolve(io.cwd, outArg);
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new UserError(`${outArg} already exists and is not an empty folder`, 'Choose a new folder for --out; nothing was written.');
  }
  const text = readSource(resolve(io.cwd, file), file);
  if (id === '') throw new UserError(`cannot make a pack id from the file name ${basename(file)}: it has no Latin letters or digits`, `Give one with --id, for example: examdrill pack import ${file} --from ${from} --out ${outArg} --id my-pack`);

  const parsed = from === 'gift' ? parseGift(text) : parseAnki(text, cloze ? { cloze } : {});
  const pack = toPack(parsed.items, { id, title: `Imported from ${basename(file)}`, description: `Imported from ${basename(file)} (${FORMAT_NAMES[from]}) by examdrill pack import.` });
  // Media the texts name: copied into the pack when the file is beside the source, else a warning each.
  const sourceDir = dirname(resolve(io.cwd, file));
  const media = new Map<string, string>();
  const mediaWarnings: ImportWarning[] = [];
  for (const item of parsed.items) {
    for (const name of item.media ?? []) {
      const path = join(sourceDir, name);
      if (safeMediaName(name) && existsSync(path) && statSync(path).isFile()) media.set(name, path);
      else if (/^[a-z][a-z0-9+.-]*:/i.test(name)) mediaWarnings.push({ line: item.line, message: `${name} is a web address, not a file: the text keeps it as a reference, and a learner needs a browser to see it` });
      else mediaWarnings.push({ line: item.line, message: `media file ${name} is not beside ${basename(file)}: the text keeps its name only; copy the file into the pack's media/ folder` });
    }
  }
  const warnings = [...parsed.warnings, ...pack.warnings, ...mediaWarnings].sort((a, b) => a.line - b.line);
  const list = (stream: typeof io.stdout, ws: readonly ImportWarning[]): void => {
    for (const w of ws) writeLine(stream, `  ${file}:${w.line}: ${w.message}`);
  };
  if (pack.questions + pack.cards === 0) {
    list(io.stderr, warnings);
    throw new UserError(`nothing to import from ${file}: no question or card could be read${warnings.length > 0 ? ` (${warnings.length} problems above)` : ''}`, `Check that it is a ${FORMAT_NAMES[from]} file; nothing was written.`);
  }

  const note = `Imported from ${basename(file)} by \`examdrill pack import\`. Edit the text freely, never the ids: progress is keyed by them.`;
  try {
    writeImportedPack(out, pack, note);
    if (media.size > 0) {
      mkdirSync(join(out, 'media'), { recursive: true });
      for (const [name, path] of media) copyFileSync(path, join(out, 'media', name));
    }
  } catch (e) {
    throw new UserError(`cannot write the pack into ${outArg}: ${(e as Error).message}`, 'Choose an --out folder where you can write.');
  }

  // The importer's output must load like any pack; if it does not, that is a bug here.
  const loaded = await loadPack(out);
  if (!loaded.ok) {
    for (const issue of loaded.issues) writeLine(io.stderr, formatIssue(issue, outArg));
    throw new Error(`the imported pack in ${outArg} does not validate (${loaded.issues.length} problems above)`);
  }
  const skipped = warnings.filter(isSkip).length;
  const notes = warnings.length - skipped;
  const parts = [...(skipped > 0 ? [`skipped ${skipped}`] : []), ...(notes > 0 ? [count(notes, 'note')] : [])];
  const tail = parts.length === 0 ? '.' : `; ${parts.join(', ')}:`;
  const copied = media.size > 0 ? `, ${count(media.size, 'media file')}` : '';
  writeLine(io.stdout, `Imported ${count(loaded.pack.questions.length, 'question')} and ${count(loaded.pack.cards.length, 'card')} into ${outArg} (pack id ${id})${copied}${tail}`);
  list(io.stdout, warnings);
  writeLine(io.stdout, blockSummary(parsed.blocks, warnings, from));
  writeLine(io.stdout, `Next: examdrill pack lint ${outArg}, then examdrill pack add ${outArg}`);
  return 0;
}

/**
 * One line that accounts for every block of the source: `13 questions in the file: 10 imported
 * as they are, 1 imported with a change, 2 skipped (each listed above).`
 */
function blockSummary(blocks: number, warnings: readonly ImportWarning[], from: keyof typeof FORMAT_NAMES): string {
  const skippedLines = new Set(warnings.filter(isSkip).map((w) => w.line));
  const changedLines = new Set(warnings.filter((w) => !isSkip(w) && !skippedLines.has(w.line)).map((w) => w.line));
  const skipped = skippedLines.size;
  const changed = Math.min(changedLines.size, blocks - skipped);
  const unchanged = blocks - skipped - changed;
  const noun = from === 'gift' ? 'question' : 'note';
  const parts = [`${unchanged.toLocaleString('en-US')} imported as written`, ...(changed > 0 ? [`${changed.toLocaleString('en-US')} imported with a change`] : []), ...(skipped > 0 ? [`${skipped.toLocaleString('en-US')} skipped`] : [])];
  return `${count(blocks, noun)} in the file: ${parts.join(', ')}${skipped + changed > 0 ? ' (each listed above with its reason)' : ''}.`;
}

/** `moodle-examples.gift.txt` → `moodle-examples`, `Übungen.gift` → `ubungen`; '' when nothing Latin is left. */
function defaultId(file: string): string {
  return slugify(basename(file).replace(/(\.(txt|gift|csv|tsv))+$/i, ''));
}

function readSource(path: string, shown: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UserError(`cannot read ${shown}: ${why}`, 'Give the path of a GIFT (.gift, .txt) or Anki text export (.txt) file.');
  }
  if (bytes.includes(0)) {
    throw new UserError(`${shown} is a binary file, not text`, 'Export as text first: in Anki, File > Export > Notes in Plain Text; in Moodle, the question bank export in GIFT format.');
  }
  return bytes.toString('utf8');
}
