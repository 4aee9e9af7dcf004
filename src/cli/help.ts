/** Help text, drawn from the command table. */
import type { OptionSpec } from './args.js';
import { COMMANDS, type CommandSpec } from './command-table.js';

export function programHelp(version: string): string {
  const label = (c: CommandSpec) => (c.name === 'home' ? '(none)' : `${c.name}${c.positionals.names ? ` ${c.positionals.names}` : ''}`);
  const width = Math.max(...COMMANDS.map((c) => label(c).length));
  const lines = [
    `examdrill ${version}: a terminal trainer for certification exams`,
    '',
    'Usage: examdrill [COMMAND] [OPTIONS]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${label(c).padEnd(width)}  ${c.summary}`),
    '',
    'Common options:',
    '  --pack ID          which pack (default: the only one, else the last used)',
    '  --data-dir DIR     where progress lives (env EXAMDRILL_DATA_DIR)',
    '  --packs-dir DIR    an extra folder of packs, repeatable (env EXAMDRILL_PACKS_DIR)',
    '  --plain            line-oriented prompts (automatic without a terminal)',
    '  --no-color         no colour (as does NO_COLOR)',
    '  -h, --help         help for the program or a command (examdrill exam --help)',
    '  -v, --version      the version',
    '',
    'Exit codes: 0 done, 1 unexpected failure, 2 bad usage or invalid input, 130 interrupted.',
  ];
  return `${lines.join('\n')}\n`;
}

export function commandHelp(spec: CommandSpec): string {
  const optionLines = spec.options.map((o) => `  ${optionLabel(o).padEnd(26)}  ${o.description}`);
  const lines = [`Usage: ${spec.usage}${spec.options.length ? ' [OPTIONS]' : ''}`, '', spec.summary[0]!.toUpperCase() + spec.summary.slice(1) + '.'];
  if (spec.details) lines.push('', spec.details);
  if (optionLines.length) lines.push('', 'Options:', ...optionLines);
  return `${lines.join('\n')}\n`;
}

function optionLabel(o: OptionSpec): string {
  const name = `${o.short ? `-${o.short}, ` : ''}--${o.name}`;
  return o.kind === 'boolean' ? name : `${name} ${o.value ?? 'VALUE'}`;
}
