/** The review log's whole lines as events, for a full rebuild and for `progress check`. */
import type { ProgressEvent } from '../../domain/progress/events.js';

/** An event of the log and the byte offset just after its line. */
export interface LogLine {
  readonly event: ProgressEvent;
  readonly end: number;
}

/**
 * Every whole line of `buffer` (a log read from its start) that `validate` accepts, in file
 * order. Blank lines are passed over; a line that is no event is counted in `skipped`; a torn
 * last line (no newline yet) is left out, and `wholeBytes` ends before it.
 */
export function parseLogLines(buffer: Buffer, validate: (value: unknown) => ProgressEvent): { lines: LogLine[]; skipped: number; wholeBytes: number } {
  const lines: LogLine[] = [];
  let skipped = 0;
  let pos = 0;
  for (let nl = buffer.indexOf(0x0a); nl >= 0; nl = buffer.indexOf(0x0a, pos)) {
    const text = buffer.toString('utf8', pos, nl);
    pos = nl + 1;
    if (!text.trim()) continue;
    try {
      lines.push({ event: validate(JSON.parse(text)), end: pos });
    } catch {
      skipped += 1;
    }
  }
  return { lines, skipped, wholeBytes: pos };
}
