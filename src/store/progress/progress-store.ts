/**
 * The progress of one learner in one pack: an append-only review log (JSONL, one fsync per
 * answer: the source of truth) and a lowdb snapshot of the folded state (a cache, written when
 * idle, when the log has grown, and on exit). On open, the snapshot is loaded and the log's tail
 * replayed. A corrupt snapshot is moved aside and rebuilt; nothing is ever reset silently.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { NewEvent, ProgressEvent } from '../../domain/progress/events.js';
import { applyEvent, emptyProgress, type ProgressState } from '../../domain/progress/state.js';
import { nodeFs, type StoreFs } from './file-system.js';
import { parseSnapshot, SnapshotAdapter, SnapshotError, type Snapshot } from './snapshot-adapter.js';

/** Write the snapshot after this long without an answer. */
const IDLE_FLUSH_MS = 2_000;
/** ...or once the log has grown this much since the last snapshot. */
const GROWTH_FLUSH_BYTES = 512 * 1024;

/** What the UI sees of the store: the state, and one way to change it. */
export interface ProgressStore {
  readonly packId: string;
  readonly dir: string;
  readonly state: ProgressState;
  /** Things the learner should be told, once, e.g. that a corrupt file was moved aside. */
  readonly notices: readonly string[];
  /** Appends the event to the log (durable before this returns), then folds it into the state. */
  record(event: NewEvent): ProgressEvent;
  /** Folds in events other processes appended to the log. */
  sync(): void;
  /** Writes the snapshot now if anything changed. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** A progress file problem the learner must act on (exit 2 at the CLI). */
export class ProgressAccessError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'ProgressAccessError';
  }
}

export interface OpenOptions {
  readonly fs?: StoreFs;
  readonly now?: () => Date;
  /** The learner's day for backups' names. */
  readonly today?: () => string;
  /** Validates one log line; defaults to the zod event schema. */
  readonly parseEvent?: (line: string) => ProgressEvent;
  /** Write snapshots on a timer (off in tests that drive flush themselves). */
  readonly autoFlush?: boolean;
}

export async function openProgressStore(dataDir: string, packId: string, options: OpenOptions = {}): Promise<ProgressStore> {
  const fs = options.fs ?? nodeFs;
  const dir = join(dataDir, 'progress', packId);
  const logPath = join(dir, 'log.jsonl');
  const snapPath = join(dir, 'state.json');
  const now = options.now ?? (() => new Date());
  const parseEvent = options.parseEvent ?? (await defaultEventParser());
  const notices: string[] = [];

  try {
    fs.mkdirSync(dir);
  } catch (e) {
    throw accessError(e, dir);
  }

  const adapter = new SnapshotAdapter(snapPath, fs, options.today ?? (() => now().toISOString().slice(0, 10)));
  const db = new Low<Snapshot>(adapter, { schema: 1, packId, logBytes: 0, writtenAt: now().toISOString(), progress: emptyProgress() });
  try {
    await db.read();
  } catch (e) {
    if (!(e instanceof SnapshotError)) throw accessError(e, snapPath);
    if (e.problem.kind === 'newer') {
      throw new ProgressAccessError(`progress file ${snapPath} was written by a newer examdrill (schema ${e.problem.version})`, 'Upgrade examdrill to read it; nothing was changed.');
    }
    const aside = `${snapPath}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(snapPath, aside);
    const recovered = recoverFromBackups(adapter);
    db.data = recovered ?? { schema: 1, packId, logBytes: 0, writtenAt: now().toISOString(), progress: emptyProgress() };
    notices.push(`Your progress file was unreadable (${e.message}). It was moved to ${aside}; progress was rebuilt from ${recovered ? 'the last good backup and ' : ''}the review log.`);
  }
  let snapshot = db.data;

  let logFd: number;
  try {
    logFd = fs.openSync(logPath, 'a+');
  } catch (e) {
    throw accessError(e, logPath);
  }
  const logSize = fs.fstatSync(logFd).size;
  if (snapshot.logBytes > logSize) {
    notices.push(`The review log ${logPath} is shorter than the progress snapshot expects; the snapshot was kept and new answers are logged from here.`);
    snapshot = { ...snapshot, logBytes: logSize };
  }

  const state = snapshot.progress;
  let readBytes = snapshot.logBytes;
  let snapshotBytes = snapshot.logBytes;
  let version = 0;
  let flushedVersion = 0;
  /** Ids of events this process appended but has not yet met while reading the log. */
  const ownPending = new Set<string>();
  let skippedLines = 0;

  const readTail = (): void => {
    const size = fs.fstatSync(logFd).size;
    if (size <= readBytes) return;
    const buffer = Buffer.alloc(size - readBytes);
    fs.readSync(logFd, buffer, 0, buffer.length, readBytes);
    const end = buffer.lastIndexOf(0x0a);
    if (end < 0) return; // Only part of a line so far.
    for (const line of buffer.subarray(0, end).toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      let event: ProgressEvent;
      try {
        event = parseEvent(line);
      } catch {
        skippedLines += 1;
        continue;
      }
      if (ownPending.delete(event.id)) continue;
      applyEvent(state, event);
      version += 1;
    }
    readBytes += end + 1;
  };

  // A torn last line (a kill in the middle of a write) is ended, so the next line stays whole.
  if (logSize > 0) {
    const last = Buffer.alloc(1);
    fs.readSync(logFd, last, 0, 1, logSize - 1);
    if (last[0] !== 0x0a) appendRaw('\n');
  }
  readTail();
  flushedVersion = snapshot.logBytes === readBytes ? version : -1;
  if (skippedLines > 0) notices.push(`${skippedLines} unreadable line${skippedLines === 1 ? '' : 's'} in the review log ${logPath} ${skippedLines === 1 ? 'was' : 'were'} skipped (kept in the file).`);

  function appendRaw(text: string): void {
    try {
      fs.writeSync(logFd, text);
      fs.fsyncSync(logFd);
    } catch (e) {
      throw accessError(e, logPath);
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  const scheduleFlush = (): void => {
    if (options.autoFlush === false) return;
    if (timer) clearTimeout(timer);
    const grown = fs.fstatSync(logFd).size - snapshotBytes > GROWTH_FLUSH_BYTES;
    timer = setTimeout(() => void store.flush().catch(() => undefined), grown ? 0 : IDLE_FLUSH_MS);
    timer.unref();
  };

  const store: ProgressStore = {
    packId,
    dir,
    state,
    notices,
    record(input) {
      const event = { ...input, id: randomUUID() } as ProgressEvent;
      // Other processes' events first, so this one lands on the freshest state.
      readTail();
      appendRaw(`${JSON.stringify(event)}\n`);
      ownPending.add(event.id);
      applyEvent(state, event);
      version += 1;
      scheduleFlush();
      return event;
    },
    sync() {
      readTail();
    },
    async flush() {
      if (flushing) await flushing;
      readTail();
      if (version === flushedVersion && snapshotBytes === readBytes) return;
      const target = version;
      const bytes = fs.fstatSync(logFd).size;
      // The snapshot must fold exactly the log's first `bytes`: wait out another writer's half line.
      if (ownPending.size > 0 || bytes !== readBytes) return scheduleFlush();
      adapter.isCurrent = () => version === target;
      db.data = { schema: 1, packId, logBytes: bytes, writtenAt: now().toISOString(), progress: state };
      flushing = db.write().finally(() => {
        flushing = undefined;
      });
      await flushing;
      if (adapter.lastWrite === 'written') {
        flushedVersion = target;
        snapshotBytes = bytes;
      } else if (adapter.lastWrite === 'stale') {
        scheduleFlush();
      }
    },
    async close() {
      if (timer) clearTimeout(timer);
      try {
        await store.flush();
      } finally {
        fs.closeSync(logFd);
      }
    },
  };
  return store;
}

function recoverFromBackups(adapter: SnapshotAdapter): Snapshot | undefined {
  for (const file of adapter.backups()) {
    try {
      return parseSnapshot(nodeFs.readFileSync(file));
    } catch {
      // Try an older one.
    }
  }
  return undefined;
}

async function defaultEventParser(): Promise<(line: string) => ProgressEvent> {
  const { eventSchema } = await import('./progress-schema.js');
  return (line) => eventSchema.parse(JSON.parse(line)) as ProgressEvent;
}

/** File-system failures the learner can act on, as one line and a next step. */
function accessError(e: unknown, path: string): Error {
  const code = (e as NodeJS.ErrnoException).code;
  const what: Record<string, [string, string]> = {
    EACCES: [`permission denied writing progress to ${path}`, 'Fix the folder permissions, or choose another folder with --data-dir; nothing was lost.'],
    EPERM: [`not permitted to write progress to ${path}`, 'Fix the folder permissions, or choose another folder with --data-dir; nothing was lost.'],
    EROFS: [`the progress folder is on a read-only file system (${path})`, 'Choose a writable folder with --data-dir; nothing was lost.'],
    ENOSPC: [`the disk is full: could not save progress to ${path}`, 'Free some disk space and try again; every earlier answer is saved.'],
    EDQUOT: [`disk quota exceeded: could not save progress to ${path}`, 'Free some space and try again; every earlier answer is saved.'],
    EBUSY: [`the progress file ${path} is locked by another program`, 'Close the program holding it (a sync tool or editor) and try again; nothing was lost.'],
    ENOTDIR: [`a file stands where the progress folder should be (${path})`, 'Move that file away, or choose another folder with --data-dir.'],
  };
  const known = code ? what[code] : undefined;
  return known ? new ProgressAccessError(known[0], known[1]) : (e as Error);
}
