/** `examdrill completion bash|zsh|fish`: the shell's completion script; `--complete`: what the script asks on each Tab. */
import type { CommandContext } from '../command-table.js';
import { complete, completionScript, formatCompletion, SHELLS, type Shell } from '../completion.js';
import { locatePacks } from '../context.js';
import { UserError } from '../errors.js';

export async function runCompletion({ io, args }: CommandContext): Promise<number> {
  if (args.options.complete === true) {
    let located: Awaited<ReturnType<typeof locatePacks>> | undefined;
    const packs = async () => (located ??= await locatePacks(args.options, io, { quiet: true })).discovery.packs.flatMap((p) => (p.pack ? [p.pack] : []));
    const result = await complete(args.positionals, {
      packs: async () => (await packs()).map((p) => p.id),
      topics: async (packId) => (await packs()).filter((p) => !packId || p.id === packId).flatMap((p) => p.topics.map((t) => t.id)),
      items: async (packId) => (await packs()).filter((p) => !packId || p.id === packId).flatMap((p) => [...p.cards, ...p.questions].map((i) => i.id)),
    });
    io.stdout.write(formatCompletion(result));
    return 0;
  }
  const shell = args.positionals[0];
  if (args.positionals.length !== 1 || !SHELLS.includes(shell as Shell)) {
    throw new UserError(shell === undefined ? 'completion needs a shell' : `no completion for ${args.positionals.join(' ')}`, `Usage: examdrill completion ${SHELLS.join('|')}, e.g. source <(examdrill completion bash)`);
  }
  io.stdout.write(completionScript(shell as Shell));
  return 0;
}
