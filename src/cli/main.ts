/**
 * The composition root: argv in, exit code out. Commands are found in the command table and
 * loaded lazily; user errors become two lines on stderr and exit 2; bugs exit 1.
 */
import pkg from '../../package.json' with { type: 'json' };
import { closestWord } from '../domain/text/closest-word.js';
import { parseArgs } from './args.js';
import { COMMAND_GROUPS, COMMANDS, findCommand } from './command-table.js';
import { isUserError, UserError } from './errors.js';
import { commandHelp, programHelp } from './help.js';
import type { Io } from './io.js';

export const VERSION: string = pkg.version;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    return reportError(e, io);
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  if (argv[0] === '-v' || argv[0] === '--version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (argv[0] === 'help' || ((argv[0] === '--help' || argv[0] === '-h') && argv.length === 1)) {
    const target = argv[0] === 'help' && argv.length > 1 ? findCommand(argv.slice(1)) : undefined;
    io.stdout.write(target ? commandHelp(target.spec) : programHelp(VERSION));
    return 0;
  }
  const first = argv[0];
  let found = first === undefined || first.startsWith('-') ? { spec: COMMANDS[0]!, rest: argv } : findCommand(argv);
  if (!found) {
    if (first !== undefined && COMMAND_GROUPS.has(first)) {
      const group = COMMANDS.filter((c) => c.name.startsWith(`${first} `));
      const subs = group.map((c) => c.name.slice(first.length + 1));
      const sub = argv[1];
      if (sub === undefined || sub === '--help' || sub === '-h') {
        io.stdout.write(`Usage: examdrill ${first} ${subs.join('|')} ...\n\n${group.map((c) => `  ${c.usage}\n      ${c.summary}`).join('\n')}\n`);
        return sub === undefined ? 2 : 0;
      }
      const guess = closestWord(sub, subs);
      const title = `${first[0]!.toUpperCase()}${first.slice(1)}`;
      throw new UserError(`unknown command ${first} ${sub}${guess ? ` (did you mean ${first} ${guess}?)` : ''}`, `${title} commands: ${subs.join(', ')}. See: examdrill ${first} --help`);
    }
    const names = [...new Set(COMMANDS.filter((c) => c.name !== 'home').map((c) => c.name.split(' ')[0]!))];
    const guess = closestWord(first!, names);
    throw new UserError(`unknown command ${first}${guess ? ` (did you mean ${guess}?)` : ''}`, `Commands: ${names.join(', ')}. See: examdrill --help`);
  }
  const { spec, rest } = found;
  found = undefined;
  const args = parseArgs(rest, spec.options, spec.usage.split(' [')[0]!.split(' --')[0]!);
  if (args.options.help) {
    io.stdout.write(spec.name === 'home' ? programHelp(VERSION) : commandHelp(spec));
    return 0;
  }
  if (args.options.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const { min, max, names } = spec.positionals;
  if (args.positionals.length < min) throw new UserError(`${spec.name} needs ${names}`, `Usage: ${spec.usage}`);
  if (args.positionals.length > max) {
    const extra = args.positionals[max]!;
    throw new UserError(`unexpected argument ${extra}${max === 0 ? ` (${spec.name === 'home' ? 'examdrill' : `examdrill ${spec.name}`} takes none)` : ''}`, `Usage: ${spec.usage}`);
  }
  return spec.run({ io, args });
}

export function reportError(e: unknown, io: Io): number {
  if (isUserError(e)) {
    io.stderr.write(`examdrill: ${e.message}\n${e.hint}\n`);
    return e.exitCode ?? 2;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.stderr.write(`examdrill: unexpected error: ${message.split('\n')[0]}\n`);
  if ((io.env.DEBUG ?? '').split(',').some((d) => d.trim() === 'examdrill' || d.trim() === '*')) {
    io.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  } else {
    io.stderr.write('This is a bug in examdrill. Run again with DEBUG=examdrill for the details, and report them.\n');
  }
  return 1;
}
