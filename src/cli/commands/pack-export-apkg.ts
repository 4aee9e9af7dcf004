/** `examdrill pack export ID --to apkg --out FILE.apkg`: a pack as an Anki package (see src/domain/export/apkg.ts). */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { packToApkg } from '../../domain/export/apkg.js';
import type { Pack } from '../../domain/pack/types.js';
import { writeApkg } from '../../store/export/apkg-writer.js';
import { UserError } from '../errors.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';

export async function runApkgExport(io: Io, pack: Pack, outArg: string): Promise<number> {
  const data = packToApkg(pack);
  const bytes = await writeApkg(data, io.now().getTime());
  const out = resolve(io.cwd, outArg);
  const temp = `${out}.writing-${process.pid}`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, out);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new UserError(`cannot write ${outArg}: ${(e as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder' : (e as Error).message}`, 'Give --out a file path in a folder you can write to.');
  }
  writeLine(io.stdout, `Exported ${pack.cards.length} cards and ${pack.questions.length} questions of ${pack.id} to ${outArg}, in ${data.decks.length} deck${data.decks.length === 1 ? '' : 's'} (one per topic).`);
  writeLine(io.stdout, 'In Anki, AnkiDroid or AnkiMobile: open or import the file; exporting again and importing updates the same notes.');
  return 0;
}
