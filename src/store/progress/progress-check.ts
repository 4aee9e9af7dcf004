/**
 * `progress check`'s store side: rebuilds a pack's state from its whole review log in the log's
 * order (domain/progress/order.ts), compares it with the state the snapshot gives (the snapshot,
 * plus the log's tail after it, as an open would), and on request rewrites the snapshot from the
 * rebuild through the store's own snapshot write (temp file, fsync, rename, under the lock). The
 * log is only ever read.
 */
import { join } from 'node:path';
import type { ProgressEvent } from '../../domain/progress/events.js';
import { compareEvents, diffProgress, foldInOrder, type StateDifference } from '../../domain/progress/order.js';
import { applyEvent, type ProgressState } from '../../domain/progress/state.js';
import { nodeFs, type StoreFs } from './file-system.js';
import { parseLogLines, type LogLine } from './log-lines.js';
import { eventSchema } from './progress-schema.js';
import { parseSnapshot, SnapshotAdapter, SnapshotError, type Snapshot } from './snapshot-adapter.js';
import { SNAPSHOT_SCHEMA_VERSION } from './snapshot-version.js';

export interface CheckResult {
  readonly logPath: string;
  readonly snapPath: string;
  /** Events in the log's whole lines; lines that are not events are counted apart. */
  readonly events: number;
  readonly skippedLines: number;
  /** Why the snapshot could not be compared (absent, unreadable), if so. */
  readonly snapshotProblem?: string;
  readonly differences: readonly StateDifference[];
  /** True when `repair` rewrote the snapshot. */
  readonly repaired: boolean;
}

/** The snapshot is being written by another examdrill process: try again. */
export class SnapshotLockedError extends Error {}

export interface CheckOptions {
  readonly repair?: boolean;
  readonly fs?: StoreFs;
  readonly now?: () => Date;
  readonly today?: () => string;
}

export async function checkProgress(dataDir: string, packId: string, options: CheckOptions = {}): Promise<CheckResult> {
  const fs = options.fs ?? nodeFs;
  const now = options.now ?? (() => new Date());
  const dir = join(dataDir, 'progress', packId);
  const logPath = join(dir, 'log.jsonl');
  const snapPath = join(dir, 'state.json');
  const { lines, skippedLines, wholeBytes } = readLog(fs, logPath);
  const rebuilt = foldInOrder(lines.map((l) => l.event));

  let snapshot: Snapshot | undefined;
  let snapshotProblem: string | undefined;
  try {
    snapshot = await parseSnapshot(fs.readFileSync(snapPath));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') snapshotProblem = 'no snapshot (the state is rebuilt from the log when opened)';
    else if (e instanceof SnapshotError) snapshotProblem = `the snapshot is unreadable (${e.message})`;
    else throw e;
  }
  let differences: StateDifference[] = [];
  if (snapshot) {
    if (snapshot.packId !== packId) snapshotProblem = `the snapshot belongs to pack ${snapshot.packId}`;
    else if (snapshot.logBytes > wholeBytes) snapshotProblem = `the snapshot covers ${snapshot.logBytes} bytes of log but the log has ${wholeBytes}`;
    else differences = diffProgress(rebuilt, openedState(snapshot, lines, rebuilt));
  }

  let repaired = false;
  if (options.repair && (differences.length > 0 || snapshotProblem !== undefined)) {
    const adapter = new SnapshotAdapter(snapPath, fs, options.today ?? (() => now().toISOString().slice(0, 10)));
    await adapter.write({ schema: SNAPSHOT_SCHEMA_VERSION, packId, logBytes: wholeBytes, writtenAt: now().toISOString(), progress: rebuilt });
    if (adapter.lastWrite === 'locked') throw new SnapshotLockedError(`the snapshot ${snapPath} is being written by another examdrill process`);
    repaired = adapter.lastWrite === 'written';
  }
  return { logPath, snapPath, events: lines.length, skippedLines, ...(snapshotProblem ? { snapshotProblem } : {}), differences, repaired };
}

/**
 * The state a store opening this snapshot would hold: the snapshot, then the log's tail after it,
 * or, when a tail event sorts before one already folded, the rebuild (as the store does).
 */
function openedState(snapshot: Snapshot, lines: readonly LogLine[], rebuilt: ProgressState): ProgressState {
  const state = structuredClone(snapshot.progress);
  let last = snapshot.last ?? lines.findLast((l) => l.end <= snapshot.logBytes)?.event;
  for (const { event, end } of lines) {
    if (end <= snapshot.logBytes) continue;
    if (last && compareEvents(event, last) < 0) return rebuilt;
    applyEvent(state, event);
    last = event;
  }
  return state;
}

/** Every whole line of the log that is an event; a torn last line is left out (it is not an event yet). */
function readLog(fs: StoreFs, logPath: string): { lines: LogLine[]; skippedLines: number; wholeBytes: number } {
  let buffer: Buffer;
  try {
    const fd = fs.openSync(logPath, 'r');
    try {
      buffer = Buffer.alloc(fs.fstatSync(fd).size);
      fs.readSync(fd, buffer, 0, buffer.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], skippedLines: 0, wholeBytes: 0 };
    throw e;
  }
  const { lines, skipped, wholeBytes } = parseLogLines(buffer, (value) => eventSchema.parse(value) as ProgressEvent);
  return { lines, skippedLines: skipped, wholeBytes };
}
