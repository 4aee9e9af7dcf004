/**
 * `examdrill pack add DIR [--link]` installs a pack for this learner as <data-dir>/packs/<pack id>
 * (a copy, or with --link a symbolic link, so edits show at once); `examdrill pack remove ID`
 * uninstalls it. Progress lives in <data-dir>/progress and is never touched by either.
 */
import { cpSync, lstatSync, mkdirSync, realpathSync, renameSync, rmSync, symlinkSync, type Stats } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { formatIssue } from '../../domain/pack/issues.js';
import { ID_PATTERN } from '../../domain/pack/schema.js';
import { loadPack } from '../../store/pack/load-pack.js';
import { dataPaths } from '../../store/paths.js';
import type { CommandContext } from '../command-table.js';
import { locatePacks, resolveDataDir } from '../context.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';

export async function runPackAdd({ io, args }: CommandContext): Promise<number> {
  const dirArg = args.positionals[0]!;
  const dir = resolve(io.cwd, dirArg);
  const result = await loadPack(dir);
  if (!result.ok) {
    for (const issue of result.issues) writeLine(io.stdout, formatIssue(issue, dirArg));
    const n = result.issues.length;
    io.stderr.write(`examdrill: ${n} error${n === 1 ? '' : 's'} in ${dirArg}: nothing was installed\nFix the lines above (see: examdrill pack validate ${dirArg}) and run pack add again.\n`);
    return 2;
  }
  const { pack } = result;
  const packs = dataPaths(resolveDataDir(args.options, io)).packs;
  const target = join(packs, pack.id);
  const old = entry(target);
  if (old && !old.isSymbolicLink() && realpathSync(target) === realpathSync(dir)) {
    writeLine(io.stdout, `${pack.id} is already installed in ${target}.`);
    return 0;
  }
  // Build the new install next to the old one (a dot name, which pack discovery skips), then swap.
  const staging = join(packs, `.${pack.id}.new-${process.pid}`);
  try {
    mkdirSync(packs, { recursive: true });
    rmSync(staging, { recursive: true, force: true });
    if (args.options.link) symlinkSync(dir, staging, process.platform === 'win32' ? 'junction' : 'dir');
    else cpSync(dir, staging, { recursive: true, dereference: true, filter: (src) => basename(src) !== '.git' });
  } catch (e) {
    if (entry(staging)) rmSync(staging, { recursive: true, force: true });
    throw new UserError(`cannot install ${dirArg} in ${packs}: ${(e as Error).message}`, 'Check that the data dir (--data-dir, EXAMDRILL_DATA_DIR) is writable; nothing was installed.');
  }
  // Swap: the old install moves aside first and comes back if the new one cannot take its place.
  // (On a link, rm removes the link itself, never the folder it points to.)
  const aside = join(packs, `.${pack.id}.old-${process.pid}`);
  try {
    if (old) renameSync(target, aside);
    try {
      renameSync(staging, target);
    } catch (e) {
      if (old) renameSync(aside, target);
      throw e;
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw new UserError(`cannot install ${dirArg} in ${packs}: ${(e as Error).message}`, `Check that the data dir (--data-dir, EXAMDRILL_DATA_DIR) is writable; ${old ? 'the earlier install is kept' : 'nothing was installed'}.`);
  }
  if (old) rmSync(aside, { recursive: true, force: true });
  if (old) writeLine(io.stdout, `Replaced the earlier install of ${pack.id}.`);
  writeLine(io.stdout, args.options.link ? `Linked ${pack.id} (${pack.title}, version ${pack.version}): ${target} -> ${dir}; edits show at once.` : `Installed ${pack.id} (${pack.title}, version ${pack.version}) in ${target}.`);
  writeLine(io.stdout, `Start with: examdrill study --pack ${pack.id}`);
  return 0;
}

export async function runPackRemove({ io, args }: CommandContext): Promise<number> {
  const id = args.positionals[0]!;
  if (!ID_PATTERN.test(id)) throw new UserError(`"${id}" is not a pack id`, 'See the ids of your packs with: examdrill packs');
  const paths = dataPaths(resolveDataDir(args.options, io));
  let target = join(paths.packs, id);
  if (!entry(target)) {
    // Installed under another folder name, or not installed at all: the packs say which.
    const found = (await locatePacks(args.options, io, { quiet: true })).discovery.packs.find((p) => p.pack?.id === id);
    if (found?.origin === 'bundled') throw new UserError(`${id} is bundled with examdrill and cannot be removed`, 'Only packs installed with `examdrill pack add` can be removed; see `examdrill packs`.');
    if (found && found.origin !== 'installed') throw new UserError(`${id} is not installed: it is read from ${found.dir}`, `Take that folder out of ${found.origin === 'env' ? 'EXAMDRILL_PACKS_DIR' : '--packs-dir'} instead.`);
    if (!found) throw new UserError(`no installed pack has the id ${id}`, 'See your packs and their ids with: examdrill packs');
    target = found.dir;
  }
  try {
    rmSync(target, { recursive: true, force: true });
  } catch (e) {
    throw new UserError(`cannot remove ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'Check the permissions of the data dir (--data-dir, EXAMDRILL_DATA_DIR); your progress is untouched.');
  }
  writeLine(io.stdout, `Removed ${id} from ${target}.`);
  writeLine(io.stdout, `Your progress is kept in ${paths.progress(id)}: add the pack again to carry on where you left off.`);
  return 0;
}

/** The file or link at `path`, if there is one; none when the path cannot exist (a file on the way). */
function entry(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
