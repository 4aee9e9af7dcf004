/**
 * `examdrill stats`: text (coloured on a terminal, plain on a pipe or with NO_COLOR) or one JSON
 * object whose field names ../shared/specs/cli.md fixes. Needs no terminal UI: Ink is never loaded.
 */
import { effectiveSettings } from '../../domain/progress/state.js';
import { checkModel } from '../../domain/scheduler/model-check.js';
import { computeStats } from '../../domain/stats/stats.js';
import { whatIfFor } from '../../domain/stats/what-if.js';
import { stripControlChars } from '../../domain/text/control-chars.js';
import { nodeFs } from '../../store/progress/file-system.js';
import { deviceOfLog, listLogs } from '../../store/progress/log-files.js';
import { readModelEvents } from '../../store/scheduler/review-history.js';
import { linesToAnsi, linesToText, modelLines, statsLines, whatIfLines } from '../../ui/stats-lines.js';
import type { CommandContext } from '../command-table.js';
import { choosePack, colourWanted, localOffset, locatePacks, openStore } from '../context.js';
import { writeLine } from '../io.js';

export async function runStats({ io, args }: CommandContext): Promise<number> {
  const json = args.options.json === true;
  const located = await locatePacks(args.options, io, { quiet: json });
  const { pack } = choosePack(located, args.options.pack as string | undefined);
  const store = await openStore(located.dataDir, pack.id, io, { autoFlush: false });
  try {
    for (const n of store.notices) io.stderr.write(`examdrill: ${n}\n`);
    const stats = computeStats(pack, store.state, io.now(), localOffset);
    const whatIf = args.options['what-if'] === true ? whatIfFor(pack, store.state, io.now(), localOffset) : undefined;
    const model = checkModel(readModelEvents(store.dir), effectiveSettings(store.state).parameters);
    if (json) {
      writeLine(io.stdout, JSON.stringify(whatIf ? { ...stats, model, whatIf } : { ...stats, model }, null, 2));
      return 0;
    }
    const colour = io.stdout.isTTY === true && colourWanted(args.options, io);
    const lines = [[{ text: `${pack.title} ${pack.version}`, bold: true }], ...statsLines(stats, Math.max(60, (io.stdout.columns ?? 80) - 1))];
    lines.push([], ...modelLines(model, Math.max(60, (io.stdout.columns ?? 80) - 1)));
    if (whatIf) lines.push([], ...whatIfLines(whatIf, stats.retention.target, stats.examDate, Math.max(60, (io.stdout.columns ?? 80) - 1)));
    // Settings changed on two devices: the last change won; say so. (Only with several devices'
    // logs, so a single machine's stats never read the whole log.)
    if (new Set(listLogs(nodeFs, store.dir).map(deviceOfLog)).size > 1) {
      const { settingsConflictsOf } = await import('../../store/progress/sync-status.js');
      const { conflictLine } = await import('./sync-status.js');
      for (const c of settingsConflictsOf(located.dataDir, pack.id)) lines.push([{ text: stripControlChars(conflictLine(c)) }]);
    }
    writeLine(io.stdout, colour ? linesToAnsi(lines) : linesToText(lines));
    return 0;
  } finally {
    await store.close();
  }
}
