/**
 * `examdrill progress export --out FILE.tar.gz` and `examdrill progress import FILE`: a learner's
 * review logs in one file, to move to a new machine without a sync tool. Importing adds only the
 * events this machine lacks, so it can be run again (store/progress/progress-archive.ts).
 */
import { resolve } from 'node:path';
import { stripControlChars } from '../../domain/text/control-chars.js';
import { ArchiveError, exportProgress, importProgress, packsWithProgress } from '../../store/progress/progress-archive.js';
import type { CommandContext } from '../command-table.js';
import { resolveDataDir } from '../context.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

export async function runProgressExport(ctx: CommandContext): Promise<number> {
  if (ctx.args.options.format === 'revlog-csv') return (await import('./progress-revlog.js')).runRevlogExport(ctx);
  const { io, args } = ctx;
  const out = args.options.out as string | undefined;
  if (!out) throw new UserError('progress export needs --out FILE', 'For example: examdrill progress export --out progress.tar.gz');
  const dataDir = resolveDataDir(args.options, io);
  const withProgress = packsWithProgress(dataDir);
  const only = args.options.pack as string | undefined;
  if (only && !withProgress.includes(only)) throw new UserError(`no progress of the pack ${only} in ${dataDir}`, withProgress.length ? `Packs with progress here: ${withProgress.join(', ')}.` : 'Nothing has been answered with this data dir yet (see --data-dir).');
  if (withProgress.length === 0) throw new UserError(`no progress to export in ${dataDir}`, 'Nothing has been answered with this data dir yet; give the right one with --data-dir.');
  const target = resolve(io.cwd, out);
  let result;
  try {
    result = await exportProgress(dataDir, only ? [only] : withProgress, target, new Date(io.now()));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EROFS') throw new UserError(`cannot write ${target} (${code})`, 'Give a file in a folder that exists and that you can write to.');
    throw e;
  }
  if (args.options.json === true) {
    writeLine(io.stdout, JSON.stringify({ file: target, bytes: result.bytes, packs: result.packs }, null, 2));
    return 0;
  }
  for (const p of result.packs) writeLine(io.stdout, `${p.id}: ${plural(p.events, 'event')} from ${plural(p.logs, 'log')}`);
  writeLine(io.stdout, `wrote ${target} (${(result.bytes / 1024).toFixed(1)} KiB). On the new machine: examdrill progress import ${out}`);
  return 0;
}

export async function runProgressImport(ctx: CommandContext): Promise<number> {
  if (ctx.args.options.format === 'revlog-csv') return (await import('./progress-revlog.js')).runRevlogImport(ctx);
  const { io, args } = ctx;
  const file = resolve(io.cwd, args.positionals[0]!);
  const dataDir = resolveDataDir(args.options, io);
  let result;
  try {
    result = await importProgress(dataDir, file, args.options.pack as string | undefined);
  } catch (e) {
    if (e instanceof ArchiveError) throw new UserError(stripControlChars(e.message), 'Nothing was changed. Give a file made by `examdrill progress export` (with this examdrill or an older one).');
    throw e;
  }
  if (args.options.json === true) {
    writeLine(io.stdout, JSON.stringify({ file, dataDir, packs: result }, null, 2));
    return 0;
  }
  for (const p of result) {
    const skipped = p.skippedLines ? `; ${plural(p.skippedLines, 'unreadable line')} skipped` : '';
    writeLine(io.stdout, `${p.id}: ${plural(p.added, 'event')} added, ${plural(p.events - p.added, 'event')} already here${skipped}`);
  }
  const added = result.reduce((n, p) => n + p.added, 0);
  writeLine(io.stdout, added ? `imported into ${dataDir}; the schedule and stats include them from now on` : `nothing to add: ${dataDir} already had every event of ${file}`);
  return 0;
}
