/** `examdrill item suspend|unsuspend ID`: take an item out of study, or bring it back. */
import { setSuspended } from '../../domain/study/actions.js';
import { closestWord } from '../../domain/text/closest-word.js';
import { stripControlChars } from '../../domain/text/control-chars.js';
import type { CommandContext } from '../command-table.js';
import { choosePack, localOffset, locatePacks, openStore } from '../context.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';

export async function runItemSuspend({ io, args }: CommandContext, suspended: boolean): Promise<number> {
  const located = await locatePacks(args.options, io);
  const { pack } = choosePack(located, args.options.pack as string | undefined);
  const id = args.positionals[0]!;
  const item = [...pack.cards, ...pack.questions].find((i) => i.id === id);
  if (!item) {
    const guess = closestWord(id, [...pack.cards, ...pack.questions].map((i) => i.id));
    throw new UserError(`no item ${stripControlChars(id)} in pack ${pack.id}${guess ? ` (did you mean ${guess}?)` : ''}`, 'Item ids are in the pack\'s YAML files; `examdrill stats` lists the leeches.');
  }
  const store = await openStore(located.dataDir, pack.id, io);
  try {
    const was = store.state.items[id]?.suspended;
    if (Boolean(was) === suspended) {
      writeLine(io.stdout, `${id} is already ${suspended ? `suspended${was?.reason === 'leech' ? ' (a leech)' : ''}` : 'in study'}; nothing changed.`);
      return 0;
    }
    setSuspended({ pack, port: store, clock: { now: () => io.now(), offset: localOffset } }, item, suspended);
    await store.flush();
    writeLine(io.stdout, suspended ? `${id} suspended: it leaves study, quiz and exam still ask it. Undo with: examdrill item unsuspend ${id}` : `${id} is back in study${was?.reason === 'leech' ? ` (a leech: it is suspended again after ${Math.ceil((store.state.settings.leechThreshold ?? 8) / 2)} more lapses)` : ''}.`);
    return 0;
  } finally {
    await store.close();
  }
}
