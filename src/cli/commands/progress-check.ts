/**
 * `examdrill progress check [--repair]`: does this device's snapshot (state.<device-id>.json) hold
 * the state the review logs give when folded in its defined order (time, then id)? Exit 0 when it does (or after a
 * repair), 3 when it does not, with each differing field listed. Needs no terminal UI.
 */
import { dayKey } from '../../domain/time/day.js';
import { stripControlChars } from '../../domain/text/control-chars.js';
import { checkProgress, SnapshotLockedError } from '../../store/progress/progress-check.js';
import type { CommandContext } from '../command-table.js';
import { choosePack, localOffset, locatePacks } from '../context.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';

/** The exit code when the snapshot and the log disagree (and no repair was asked for). */
export const INCONSISTENT_EXIT = 3;

export async function runProgressCheck({ io, args }: CommandContext): Promise<number> {
  const json = args.options.json === true;
  const repair = args.options.repair === true;
  const located = await locatePacks(args.options, io, { quiet: json });
  const { pack } = choosePack(located, args.options.pack as string | undefined);
  let result;
  try {
    result = await checkProgress(located.dataDir, pack.id, { repair, now: io.now, today: () => dayKey(io.now(), localOffset) });
  } catch (e) {
    if (e instanceof SnapshotLockedError) throw new UserError(e.message, 'Close the other examdrill sessions (or wait a moment) and run the check again; the log was not touched.');
    throw e;
  }
  // A missing snapshot is no inconsistency: every open rebuilds from the log.
  const broken = result.differences.length > 0 || (result.snapshotProblem !== undefined && !result.snapshotProblem.startsWith('no snapshot'));
  const code = broken && !result.repaired ? INCONSISTENT_EXIT : 0;
  if (json) {
    writeLine(
      io.stdout,
      JSON.stringify(
        {
          pack: pack.id,
          log: result.logPath,
          snapshot: result.snapPath,
          events: result.events,
          skippedLines: result.skippedLines,
          consistent: !broken,
          ...(result.snapshotProblem ? { snapshotProblem: result.snapshotProblem } : {}),
          differences: result.differences.map((d) => ({ path: d.path, rebuild: d.expected ?? null, snapshot: d.actual ?? null })),
          repaired: result.repaired,
        },
        null,
        2,
      ),
    );
    return code;
  }
  const lines: string[] = [];
  const counted = `${result.events} event${result.events === 1 ? '' : 's'} in ${result.logPath}${result.skippedLines ? ` (${result.skippedLines} unreadable line${result.skippedLines === 1 ? '' : 's'} skipped)` : ''}`;
  if (!broken) {
    lines.push(result.snapshotProblem ? `consistent: ${result.snapshotProblem}; ${counted}` : `consistent: the snapshot equals the rebuild from ${counted}`);
  } else {
    if (result.snapshotProblem) lines.push(`inconsistent: ${result.snapshotProblem}`);
    if (result.differences.length > 0) {
      lines.push(`inconsistent: ${result.differences.length} field${result.differences.length === 1 ? '' : 's'} of the snapshot differ${result.differences.length === 1 ? 's' : ''} from the rebuild from ${counted}:`);
      for (const d of result.differences) for (const [path, snap, rebuilt] of parts(d.path, d.actual, d.expected)) lines.push(`  ${path}: snapshot ${show(snap)}, rebuild ${show(rebuilt)}`);
    }
    lines.push(result.repaired ? `repaired: ${result.snapPath} was rewritten from the log (the old one is in backups/)` : 'Run `examdrill progress check --repair` to rewrite the snapshot from the log; the log is never changed.');
  }
  writeLine(io.stdout, stripControlChars(lines.join('\n')));
  return code;
}

/** Two records (an item, a day) as their differing fields, so that a line shows what differs. */
function parts(path: string, actual: unknown, expected: unknown): [string, unknown, unknown][] {
  const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!record(actual) || !record(expected)) return [[path, actual, expected]];
  const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])];
  return keys.filter((k) => JSON.stringify(actual[k]) !== JSON.stringify(expected[k])).map((k) => [`${path}.${k}`, actual[k], expected[k]]);
}

/** A value in one line, cut short: a whole item's card is long. */
function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
