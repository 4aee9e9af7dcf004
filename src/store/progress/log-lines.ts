/** The review logs' whole lines as events, for a full rebuild and for `progress check`. */
import type { ProgressEvent } from '../../domain/progress/events.js';
import { join } from 'node:path';
import type { StoreFs } from './file-system.js';
import { checkLineFormat, listLogs, NewerLogError, readFrom } from './log-files.js';

/** What every event of a log has: a reader may validate only what it needs of the rest. */
export interface LoggedEvent {
  readonly id: string;
}

/** An event of the log and the byte offset just after its line. */
export interface LogLine<E extends LoggedEvent = ProgressEvent> {
  readonly event: E;
  readonly end: number;
}

/**
 * Every whole line of `buffer` (a log read from its start) that `validate` accepts, in file
 * order. Blank lines are passed over; a line that is no event is counted in `skipped`; a torn
 * last line (no newline yet) is left out, and `wholeBytes` ends before it. A line of a newer log
 * format throws NewerLogError: skipping it would lose what it says.
 */
export function parseLogLines<E extends LoggedEvent = ProgressEvent>(buffer: Buffer, validate: (value: unknown) => E, file = 'log'): { lines: LogLine<E>[]; skipped: number; wholeBytes: number } {
  const lines: LogLine<E>[] = [];
  let skipped = 0;
  let pos = 0;
  for (let nl = buffer.indexOf(0x0a); nl >= 0; nl = buffer.indexOf(0x0a, pos)) {
    const text = buffer.toString('utf8', pos, nl);
    pos = nl + 1;
    if (!text.trim()) continue;
    try {
      const value: unknown = JSON.parse(text);
      checkLineFormat(value, file);
      lines.push({ event: validate(value), end: pos });
    } catch (e) {
      if (e instanceof NewerLogError) throw e;
      skipped += 1;
    }
  }
  return { lines, skipped, wholeBytes: pos };
}

/** One log of a pack's folder, read whole. */
export interface LogFile<E extends LoggedEvent = ProgressEvent> {
  readonly name: string;
  readonly lines: LogLine<E>[];
  readonly skipped: number;
  /** Bytes up to the end of the last whole line. */
  readonly wholeBytes: number;
  /** The file's size: more than `wholeBytes` while its last line is still being written (torn). */
  readonly size: number;
}

/** Every log of a pack's folder (log-files.ts `listLogs`), each read whole. */
export function readLogs<E extends LoggedEvent = ProgressEvent>(fs: StoreFs, dir: string, validate: (value: unknown) => E): LogFile<E>[] {
  const out: LogFile<E>[] = [];
  for (const name of listLogs(fs, dir)) {
    const read = readFrom(fs, join(dir, name), 0);
    if (!read) continue; // Removed since the listing.
    const { lines, skipped, wholeBytes } = parseLogLines(read.buffer, validate, join(dir, name));
    out.push({ name, lines, skipped, wholeBytes, size: read.size });
  }
  return out;
}

/** The events of all logs, each once (a conflicted copy repeats its original's events). */
export function unionEvents<E extends LoggedEvent = ProgressEvent>(files: readonly LogFile<E>[]): E[] {
  const seen = new Set<string>();
  const out: E[] = [];
  for (const file of files) {
    for (const { event } of file.lines) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      out.push(event);
    }
  }
  return out;
}
