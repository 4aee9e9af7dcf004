/**
 * `examdrill results export [--pack ID] --out FILE.json [--name NAME]`: the learner's answers to
 * the pack's questions, read from every review log of the pack's progress folder (each event
 * once, in the log's order), as a results file (domain/analysis/results-format.ts) for an
 * instructor's `pack analyze`. Reads only: the progress files are not opened for writing.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { resultsFromLog } from '../../domain/analysis/results-from-log.js';
import type { ProgressEvent } from '../../domain/progress/events.js';
import { compareEvents } from '../../domain/progress/order.js';
import { dayKey } from '../../domain/time/day.js';
import { nodeFs } from '../../store/progress/file-system.js';
import { NewerLogError } from '../../store/progress/log-files.js';
import { readLogs, unionEvents } from '../../store/progress/log-lines.js';
import { eventSchema } from '../../store/progress/progress-schema.js';
import type { CommandContext } from '../command-table.js';
import { choosePack, localOffset, locatePacks } from '../context.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';

export async function runResultsExport({ io, args }: CommandContext): Promise<number> {
  const outArg = args.options.out as string | undefined;
  if (!outArg) throw new UserError('results export needs --out: the file to write', 'For example: examdrill results export --out results.json');
  const name = args.options.name as string | undefined;
  if (name !== undefined && name.trim() === '') throw new UserError('--name is empty', 'Give the name the instructor should see, or leave --name out to stay anonymous.');
  const located = await locatePacks(args.options, io);
  const { pack } = choosePack(located, args.options.pack as string | undefined);
  let events: ProgressEvent[];
  try {
    const files = readLogs(nodeFs, join(located.dataDir, 'progress', pack.id), (v) => eventSchema.parse(v) as ProgressEvent);
    events = unionEvents(files).sort(compareEvents);
  } catch (e) {
    if (e instanceof NewerLogError) throw new UserError(e.message, 'Upgrade examdrill on this machine; nothing was changed.');
    throw e;
  }
  const results = resultsFromLog(events, {
    pack: { id: pack.id, version: pack.version },
    currentHashes: new Map(pack.questions.map((q) => [q.id, q.hash])),
    today: dayKey(io.now(), localOffset),
    ...(name !== undefined ? { name: name.trim() } : {}),
  });
  const out = resolve(io.cwd, outArg);
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(tmp, `${JSON.stringify(results, null, 2)}\n`);
    renameSync(tmp, out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot write ${outArg}: ${code === 'EISDIR' ? 'it is a folder' : (code ?? (e as Error).message)}`, 'Give --out a file path in a folder you can write to.');
  }
  const questions = new Set(results.answers.map((a) => a.item)).size;
  const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  writeLine(io.stdout, `Wrote ${s(results.answers.length, 'answer')} to ${s(questions, 'question')} and ${s(results.exams.length, 'mock exam')} of ${pack.id} to ${outArg}${name !== undefined ? '' : ' (no name in it)'}.`);
  if (results.answers.length === 0) writeLine(io.stdout, 'No questions answered yet in this pack: answer some with examdrill quiz, study or exam first.');
  return 0;
}
