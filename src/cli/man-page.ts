/**
 * The man page (man/examdrill.1, troff), drawn from the command table like `--help` and the
 * shell completions, so the three cannot disagree. scripts/build.mjs writes it.
 */
import type { OptionSpec } from './args.js';
import { COMMANDS, type CommandSpec } from './command-table.js';

/** Text made safe for troff: backslashes, hyphens, and a leading dot or quote. */
function roff(text: string): string {
  return text
    .replaceAll('\\', '\\e')
    .replaceAll('-', '\\-')
    .split('\n')
    .map((line) => (/^[.']/.test(line) ? `\\&${line}` : line))
    .join('\n');
}

function optionItem(o: OptionSpec): string {
  const name = `${o.short ? `\\fB\\-${roff(o.short)}\\fR, ` : ''}\\fB\\-\\-${roff(o.name)}\\fR`;
  const value = o.kind === 'boolean' ? '' : ` \\fI${roff(o.value ?? 'VALUE')}\\fR`;
  const choices = o.choices ? ` (one of: ${roff(o.choices.join(', '))})` : '';
  return `.TP\n${name}${value}\n${roff(o.description)}${choices}`;
}

function commandSection(c: CommandSpec): string {
  // The usage line left-adjusted (.na), so one that wraps keeps single spaces; the rest justified (.ad).
  const lines = ['.TP', '.na', `\\fB${roff(c.usage)}\\fR`, '.ad', roff(c.summary[0]!.toUpperCase() + c.summary.slice(1) + '.')];
  if (c.details) lines.push('.IP', roff(c.details));
  const own = c.options.filter((o) => !['help', 'data-dir', 'packs-dir', 'no-color'].includes(o.name));
  if (own.length) lines.push('.RS', ...own.map(optionItem), '.RE');
  return lines.join('\n');
}

export function manPage(version: string): string {
  const common = COMMANDS.find((c) => c.name === 'home')!.options;
  return [
    `.TH EXAMDRILL 1 "" "examdrill ${roff(version)}" "User Commands"`,
    '.SH NAME',
    'examdrill \\- a terminal trainer for certification exams',
    '.SH SYNOPSIS',
    '.B examdrill',
    '[\\fICOMMAND\\fR] [\\fIOPTIONS\\fR]',
    '.SH DESCRIPTION',
    'examdrill teaches from content packs (folders of YAML): flashcards and scenario questions scheduled by spaced repetition (FSRS), untimed practice quizzes with an explanation for every option, and timed mock exams built like the real one, with a scaled score and a report by domain. Progress is kept in a local, append\\-only review log. Without a command it opens the home screen.',
    '.PP',
    'Without a terminal (a pipe, a script, CI) or with \\fB\\-\\-plain\\fR, sessions use line\\-oriented prompts.',
    '.SH COMMANDS',
    ...COMMANDS.filter((c) => c.name !== 'home').map(commandSection),
    '.SH COMMON OPTIONS',
    ...common.map(optionItem),
    '.SH EXIT STATUS',
    '.TP\n0\nDone.',
    '.TP\n1\nAn unexpected failure (a bug: please report it).',
    '.TP\n2\nBad usage or invalid input: a bad flag, a broken pack, an unreadable file.',
    '.TP\n3\n\\fBprogress check\\fR found differences, or \\fBsync status\\fR found an incomplete view.',
    '.TP\n130\nInterrupted (Ctrl\\-C); progress up to the last answer is kept.',
    '.SH ENVIRONMENT',
    '.TP\n.B EXAMDRILL_DATA_DIR\nWhere progress and installed packs live (default: $XDG_DATA_HOME/examdrill or ~/.local/share/examdrill).',
    '.TP\n.B EXAMDRILL_PACKS_DIR\nExtra folders of packs, separated by colons.',
    '.TP\n.B NO_COLOR\nWhen set, no colour.',
    '.SH FILES',
    '.TP\n.I <data\\-dir>/progress/<pack>/log.<device\\-id>.jsonl\nThis device\\(aqs review log, append\\-only. Safe to sync between machines (see docs/sync.md).',
    '.TP\n.I <data\\-dir>/packs/\nPacks installed with \\fBpack add\\fR.',
    '.SH SEE ALSO',
    'The documentation in the package: README.md, docs/content\\-packs.md (the pack format), docs/sync.md (progress on several machines).',
    '',
  ].join('\n');
}
