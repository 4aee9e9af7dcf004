/** `examdrill pack export ID --to anki --out FILE`: a pack's cards and questions (every type) as an Anki text file. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportAnki } from '../../domain/export/anki.js';
import type { CommandContext } from '../command-table.js';
import { choosePack, locatePacks } from '../context.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';

export async function runPackExport({ io, args }: CommandContext): Promise<number> {
  const id = args.positionals[0]!;
  const outArg = args.options.out as string | undefined;
  if (!args.options.to) throw new UserError('pack export needs --to: the format to write (anki)', `For example: examdrill pack export ${id} --to anki --out ${id}.txt`);
  if (!outArg) throw new UserError('pack export needs --out: the file to write', `For example: examdrill pack export ${id} --to anki --out ${id}.txt`);
  const { pack } = choosePack(await locatePacks(args.options, io), id);
  if (args.options.to === 'apkg') return (await import('./pack-export-apkg.js')).runApkgExport(io, pack, outArg);
  try {
    writeFileSync(resolve(io.cwd, outArg), exportAnki(pack));
  } catch (e) {
    throw new UserError(`cannot write ${outArg}: ${(e as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder' : (e as Error).message}`, 'Give --out a file path in a folder you can write to.');
  }
  writeLine(io.stdout, `Exported ${pack.cards.length} cards and ${pack.questions.length} questions of ${pack.id} to ${outArg}.`);
  writeLine(io.stdout, 'In Anki: File > Import, then choose the file; its header sets the deck, the note type (Basic) and the tags column.');
  return 0;
}
