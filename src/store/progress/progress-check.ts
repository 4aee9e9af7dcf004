/**
 * `progress check`'s store side: rebuilds a pack's state from all its review logs (each device's,
 * each event once) in the log's
 * order (domain/progress/order.ts), compares it with the state the snapshot gives (the snapshot,
 * plus the log's tail after it, as an open would), and on request rewrites the snapshot from the
 * rebuild through the store's own snapshot write (temp file, fsync, rename, under the lock). The
 * log is only ever read.
 */
import { join } from 'node:path';
import type { ProgressEvent } from '../../domain/progress/events.js';
import { compareEvents, diffProgress, foldInOrder, type EventKey, type StateDifference } from '../../domain/progress/order.js';
import { applyEvent, type ProgressState } from '../../domain/progress/state.js';
import { nodeFs, type StoreFs } from './file-system.js';
import { deviceId, isDeviceLog, logFileName, migrateLegacyLog, snapshotFileName } from './log-files.js';
import { readLogs, unionEvents, type LogFile } from './log-lines.js';
import { eventSchema } from './progress-schema.js';
import { parseSnapshot, SnapshotAdapter, SnapshotError, type Snapshot } from './snapshot-adapter.js';
import { SNAPSHOT_SCHEMA_VERSION } from './snapshot-version.js';

export interface CheckResult {
  /** The logs read (`log.*.jsonl` of the pack's folder): shown as one pattern. */
  readonly logPath: string;
  readonly logs: readonly string[];
  readonly snapPath: string;
  /** Events in the logs' whole lines, each once; lines that are not events are counted apart. */
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
  const device = deviceId(fs, dataDir);
  fs.mkdirSync(dir);
  migrateLegacyLog(fs, dir, device);
  const ownName = logFileName(device);
  const snapPath = join(dir, snapshotFileName(device));
  const files = readLogs(fs, dir, (value) => eventSchema.parse(value) as ProgressEvent);
  const events = unionEvents(files);
  const skippedLines = files.reduce((n, f) => n + f.skipped, 0);
  const rebuilt = foldInOrder(events);

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
  const ownBytes = files.find((f) => f.name === ownName)?.wholeBytes ?? 0;
  if (snapshot) {
    if (snapshot.packId !== packId) snapshotProblem = `the snapshot belongs to pack ${snapshot.packId}`;
    else if (snapshot.logBytes > ownBytes) snapshotProblem = `the snapshot covers ${snapshot.logBytes} bytes of log but the log has ${ownBytes}`;
    else differences = diffProgress(rebuilt, openedState(snapshot, ownName, files, rebuilt));
  }

  let repaired = false;
  if (options.repair && (differences.length > 0 || snapshotProblem !== undefined)) {
    const adapter = new SnapshotAdapter(snapPath, fs, options.today ?? (() => now().toISOString().slice(0, 10)));
    const logs = Object.fromEntries(files.map((f) => [f.name, f.wholeBytes]));
    const last = events.reduce<EventKey | undefined>((max, e) => (!max || compareEvents(e, max) > 0 ? { at: e.at, id: e.id } : max), undefined);
    await adapter.write({ schema: SNAPSHOT_SCHEMA_VERSION, packId, logBytes: ownBytes, logs: { [ownName]: ownBytes, ...logs }, writtenAt: now().toISOString(), ...(last ? { last } : {}), progress: rebuilt });
    if (adapter.lastWrite === 'locked') throw new SnapshotLockedError(`the snapshot ${snapPath} is being written by another examdrill process`);
    repaired = adapter.lastWrite === 'written';
  }
  return { logPath: join(dir, 'log.*.jsonl'), logs: files.map((f) => join(dir, f.name)), snapPath, events: events.length, skippedLines, ...(snapshotProblem ? { snapshotProblem } : {}), differences, repaired };
}

/**
 * The state a store opening this snapshot would hold: the snapshot, then each log's tail after
 * the bytes it covers, or, when a tail event sorts before one already folded, a log shrank, or
 * a conflicted copy grew, the rebuild (as the store does).
 */
function openedState(snapshot: Snapshot, ownName: string, files: readonly LogFile[], rebuilt: ProgressState): ProgressState {
  const state = structuredClone(snapshot.progress);
  const covered = { ...(snapshot.logs ?? {}), [ownName]: snapshot.logBytes };
  let last: EventKey | undefined = snapshot.last ?? files.find((f) => f.name === ownName)?.lines.findLast((l) => l.end <= snapshot.logBytes)?.event;
  for (const file of files) {
    const from = covered[file.name] ?? 0;
    if (file.wholeBytes < from) return rebuilt;
    if (file.name !== ownName && !isDeviceLog(file.name) && file.wholeBytes > from) return rebuilt;
    for (const { event, end } of file.lines) {
      if (end <= from) continue;
      if (last && compareEvents(event, last) < 0) return rebuilt;
      applyEvent(state, event);
      last = event;
    }
  }
  return state;
}
