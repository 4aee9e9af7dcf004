/**
 * `examdrill sync status [--json]`: the devices whose logs this machine sees in the pack's
 * progress folder, each one's last answer, and whether the view is complete (docs/sync.md).
 * Needs no terminal UI. Exit 0 when complete, 3 when some log is torn or unreadable (as
 * `progress check`: "ran, and found something to look at").
 *
 *   this device 3f9c0a1b2d4e: 812 events, last answer 2026-11-30 21:14
 *   device 77ab01c2e9f0: 455 events, last answer 2026-11-29 08:02 (1 conflicted copy)
 *   complete: every log was read to its end
 */
import { stripControlChars } from '../../domain/text/control-chars.js';
import { NewerLogError } from '../../store/progress/log-files.js';
import { syncStatus } from '../../store/progress/sync-status.js';
import type { CommandContext } from '../command-table.js';
import { choosePack, locatePacks } from '../context.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';
import { INCONSISTENT_EXIT } from './progress-check.js';

export async function runSyncStatus({ io, args }: CommandContext): Promise<number> {
  const json = args.options.json === true;
  const located = await locatePacks(args.options, io, { quiet: json });
  const { pack } = choosePack(located, args.options.pack as string | undefined);
  let status;
  try {
    status = syncStatus(located.dataDir, pack.id);
  } catch (e) {
    if (e instanceof NewerLogError) throw new UserError(e.message, 'Upgrade examdrill on this machine; nothing was changed.');
    throw e;
  }
  const code = status.complete ? 0 : INCONSISTENT_EXIT;
  if (json) {
    writeLine(io.stdout, JSON.stringify({ pack: pack.id, ...status }, null, 2));
    return code;
  }
  const lines: string[] = [`${pack.id}: ${status.folder}`];
  if (status.devices.length === 0) lines.push('no answers yet on any device');
  for (const d of status.devices) {
    const copies = d.logs.filter((l) => l.copy).length;
    const unreadable = d.logs.reduce((n, l) => n + l.unreadableLines, 0);
    const extras = [copies ? `${copies} conflicted cop${copies === 1 ? 'y' : 'ies'} folded in` : '', unreadable ? `${unreadable} unreadable line${unreadable === 1 ? '' : 's'} skipped` : ''].filter(Boolean);
    const last = d.lastAnswerAt ? `last answer ${d.lastAnswerAt.slice(0, 16).replace('T', ' ')} UTC` : 'no answers';
    lines.push(`${d.thisDevice ? 'this device' : 'device'} ${d.device}: ${d.events} event${d.events === 1 ? '' : 's'}, ${last}${extras.length ? ` (${extras.join(', ')})` : ''}`);
  }
  for (const c of status.settingsConflicts) lines.push(conflictLine(c));
  if (status.complete) lines.push('complete: every log was read to its end');
  else for (const reason of status.incomplete) lines.push(`incomplete: ${reason}`);
  writeLine(io.stdout, stripControlChars(lines.join('\n')));
  return code;
}

/** One line naming the setting and the devices: last writer wins. */
export function conflictLine(c: { setting: string; value: unknown; device: string; replaced: { value: unknown; device: string } }): string {
  return `setting ${c.setting}: ${JSON.stringify(c.value)} from device ${c.device} replaced ${JSON.stringify(c.replaced.value)} from device ${c.replaced.device} (the last change wins)`;
}
