/**
 * The progress of one learner in one pack: an append-only review log (JSONL, one fsync per
 * answer: the source of truth) and a lowdb snapshot of the folded state (a cache, written when
 * idle, when the log has grown, and on exit). On open, the snapshot is loaded and the log's tail
 * replayed. A corrupt snapshot is moved aside and rebuilt; nothing is ever reset silently.
 *
 * The state is the fold of the log in its defined order (time, then id: domain/progress/order.ts),
 * whatever order the lines were appended in. Events are folded as they come, which is that order
 * while they come in time order (one writer: every time); an event that sorts before one already
 * folded (another process's answer read late, a clock set back) makes the store rebuild the state
 * from the whole log, in order, before anything reads it or a snapshot is written.
 *
 * "The log" is the union of the pack folder's logs (log-files.ts): this device appends only to
 * `log.<device-id>.jsonl` and reads the others' tails as they grow, as it reads another local
 * process's lines. A conflicted copy that grows, or a log that shrank (replaced by the sync
 * tool), makes it rebuild from all logs, each event once.
 */
import { nextEventId } from './event-id.js';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { NewEvent, ProgressEvent } from '../../domain/progress/events.js';
import { compareEvents, foldInOrder, type EventKey } from '../../domain/progress/order.js';
import { applyEvent, emptyProgress, type ProgressState } from '../../domain/progress/state.js';
import { nodeFs, type StoreFs } from './file-system.js';
import { checkLineFormat, deviceId, deviceOfLog, isDeviceLog, listLogs, logFileName, migrateLegacyLog, NewerLogError, readFrom, snapshotFileName } from './log-files.js';
import { readLogs, unionEvents } from './log-lines.js';
import { parseSnapshot, SnapshotAdapter, SnapshotError, type Snapshot } from './snapshot-adapter.js';
import { SNAPSHOT_SCHEMA_VERSION } from './snapshot-version.js';

/** Write the snapshot after this long without an answer. */
const IDLE_FLUSH_MS = 2_000;
/** ...or once the log has grown this much since the last snapshot. */
const GROWTH_FLUSH_BYTES = 512 * 1024;
/**
 * A log seen ending in half a line is looked at this many times, this far apart, before the half
 * line is taken for torn (a writer killed mid-write) rather than another process's append still
 * landing: the kernel grows a file page by page, so a live append can be seen half-done.
 */
const HALF_LINE_LOOKS = 5;
const HALF_LINE_PAUSE_MS = 5;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** What the UI sees of the store: the state, and one way to change it. */
export interface ProgressStore {
  readonly packId: string;
  readonly dir: string;
  /** This data dir's device id: the store appends to `log.<device>.jsonl` only. */
  readonly device: string;
  readonly state: ProgressState;
  /** Things the learner should be told, once, e.g. that a corrupt file was moved aside. */
  readonly notices: readonly string[];
  /** Appends the event to the log (durable before this returns), then folds it into the state. */
  record(event: NewEvent): ProgressEvent;
  /**
   * Appends many events in one write and one fsync (an imported review history), then folds
   * them in, in order. As durable as `record`, without a disk flush per event.
   */
  recordMany(events: readonly NewEvent[]): void;
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
  /** Validates one parsed log line; defaults to the zod event schema, loaded when first needed. */
  readonly validateEvent?: (value: unknown) => ProgressEvent;
  /** Write snapshots on a timer (off in tests that drive flush themselves). */
  readonly autoFlush?: boolean;
}

export async function openProgressStore(dataDir: string, packId: string, options: OpenOptions = {}): Promise<ProgressStore> {
  const fs = options.fs ?? nodeFs;
  const dir = join(dataDir, 'progress', packId);
  let device: string;
  try {
    device = deviceId(fs, dataDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EBADDEVICE') throw new ProgressAccessError((e as Error).message, 'Delete that file: a new device id is made on the next start, and no answer is lost.');
    throw accessError(e, join(dataDir, 'device-id'));
  }
  const ownName = logFileName(device);
  const logPath = join(dir, ownName);
  const snapPath = join(dir, snapshotFileName(device));
  const now = options.now ?? (() => new Date());
  // The event schema (zod) is loaded only when a line this process did not write must be read:
  // a log tail after a crash, or another process's answers. Most starts need neither.
  let validateEvent = options.validateEvent;
  let loadingValidator: Promise<void> | undefined;
  const loadValidator = (): Promise<void> =>
    (loadingValidator ??= defaultEventValidator().then((v) => {
      validateEvent = v;
    }));
  const notices: string[] = [];

  try {
    fs.mkdirSync(dir);
    migrateLegacyLog(fs, dir, device);
  } catch (e) {
    throw accessError(e, dir);
  }

  const adapter = new SnapshotAdapter(snapPath, fs, options.today ?? (() => now().toISOString().slice(0, 10)));
  const db = new Low<Snapshot>(adapter, { schema: SNAPSHOT_SCHEMA_VERSION, packId, logBytes: 0, writtenAt: now().toISOString(), progress: emptyProgress() });
  try {
    await db.read();
  } catch (e) {
    if (!(e instanceof SnapshotError)) throw accessError(e, snapPath);
    if (e.problem.kind === 'newer') {
      throw new ProgressAccessError(`progress file ${snapPath} was written by a newer examdrill (schema ${e.problem.version})`, 'Upgrade examdrill to read it; nothing was changed.');
    }
    const aside = `${snapPath}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(snapPath, aside);
    const recovered = await recoverFromBackups(adapter, fs);
    db.data = recovered ?? { schema: SNAPSHOT_SCHEMA_VERSION, packId, logBytes: 0, writtenAt: now().toISOString(), progress: emptyProgress() };
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
  /** Per log file, the bytes read and folded in (up to the end of a whole line). */
  const offsets = new Map<string, number>(Object.entries(snapshot.logs ?? { [ownName]: snapshot.logBytes }));
  offsets.set(ownName, snapshot.logBytes);
  const offsetsKey = (): string => JSON.stringify([...offsets].sort());
  let snapshotKey = offsetsKey();
  let snapshotOwnBytes = snapshot.logBytes;
  let version = 0;
  let flushedVersion = 0;
  /** Ids of events this process appended but has not yet met while reading the log. */
  const ownPending = new Set<string>();
  let skippedLines = 0;
  let closed = false;
  /** The event that sorts last among those folded in. */
  let last: EventKey | undefined = snapshot.last ?? (snapshot.logBytes > 0 ? lastLineKey(fs, logFd, snapshot.logBytes) : undefined);
  /** An event sorted before `last` was folded in after it (or a log was replaced): the state must be rebuilt from the logs. */
  let outOfOrder = false;
  /** An unreadable line met on open, for the notice; the file it was in. */
  let skippedIn = logPath;

  /** Folds one event in as it comes, noting when it came out of the log's order. */
  const fold = (event: ProgressEvent): void => {
    applyEvent(state, event);
    version += 1;
    if (!last || compareEvents(event, last) > 0) last = { at: event.at, id: event.id };
    else if (event.id !== last.id) outOfOrder = true;
  };

  /**
   * The state from the whole log in its order, in place (the UI holds this object). Needs the
   * event schema. Every line this process appended is in the log by now, so none is pending.
   */
  const rebuild = (): void => {
    const validate = validateEvent;
    if (!validate) throw new Error('rebuild before the event schema was loaded');
    // Unreadable lines are skipped, as when they were first met.
    const files = guardFormat(() => readLogs(fs, dir, validate));
    const events = unionEvents(files);
    Object.assign(state, foldInOrder(events));
    last = events.reduce<EventKey | undefined>((max, e) => (!max || compareEvents(e, max) > 0 ? { at: e.at, id: e.id } : max), undefined);
    offsets.clear();
    for (const file of files) offsets.set(file.name, file.wholeBytes);
    if (!offsets.has(ownName)) offsets.set(ownName, 0);
    ownPending.clear();
    outOfOrder = false;
    version += 1;
  };

  /**
   * Folds in every log's whole lines after its offset. Lines this process wrote are already in
   * the state and are skipped by id. Another writer's line needs the event schema: until it is
   * loaded, reading stops before that line and resumes once it is (false is returned).
   */
  const readTail = (): boolean => {
    for (const name of listLogs(fs, dir)) if (!readFileTail(name)) return false;
    if (!offsets.has(ownName)) offsets.set(ownName, 0);
    // (Own events out of order with the schema still loading wait for rebuildIfOutOfOrder.)
    if (outOfOrder && validateEvent) rebuild();
    return true;
  };

  /** Reads one log's tail: see readTail. */
  const readFileTail = (name: string): boolean => {
    const own = name === ownName;
    const known = offsets.get(name) ?? 0;
    let buffer: Buffer;
    if (own) {
      const size = fs.fstatSync(logFd).size;
      if (size <= known) return true;
      buffer = Buffer.alloc(size - known);
      fs.readSync(logFd, buffer, 0, buffer.length, known);
    } else {
      const read = readFrom(fs, join(dir, name), known);
      if (!read || read.size === known) return true;
      // Shorter than what was folded (replaced by the sync tool), or a conflicted copy or
      // legacy log that may repeat other logs' events: rebuild from all logs, each event once.
      if (read.size < known || !isDeviceLog(name)) {
        outOfOrder = true;
        return true;
      }
      buffer = read.buffer;
    }
    let pos = 0;
    for (let nl = buffer.indexOf(0x0a); nl >= 0; nl = buffer.indexOf(0x0a, pos)) {
      const line = buffer.toString('utf8', pos, nl);
      let value: unknown;
      try {
        value = line.trim() ? JSON.parse(line) : undefined;
      } catch {
        value = null;
      }
      guardFormat(() => checkLineFormat(value, join(dir, name)));
      const id = (value as { id?: unknown } | null | undefined)?.id;
      if (value !== undefined && !(own && typeof id === 'string' && ownPending.delete(id))) {
        if (!validateEvent) {
          offsets.set(name, known + pos);
          void loadValidator()
            .then(() => closed || readTail())
            .catch(() => undefined); // A store closed meanwhile; the next open reads the line.
          return false;
        }
        let event: ProgressEvent | undefined;
        try {
          event = validateEvent(value);
        } catch {
          skippedLines += 1;
          skippedIn = join(dir, name);
        }
        if (event) fold(event);
      }
      pos = nl + 1;
    }
    offsets.set(name, known + pos);
    return true;
  };

  /** After an own event out of order: rebuild now, or once the event schema is loaded. */
  const rebuildIfOutOfOrder = (): void => {
    if (!outOfOrder) return;
    if (validateEvent) return rebuild();
    void loadValidator()
      .then(() => {
        if (!closed && outOfOrder) rebuild();
      })
      .catch(() => undefined); // The next open, or flush, rebuilds.
  };

  // A torn last line (a kill in the middle of a write) is ended, so the next line stays whole.
  // The size now, not at open: another writer may have been half-way through a line back then.
  if (!endsInNewline()) appendRaw('\n');
  // Another device's lines, or this one's after a crash, need the event schema.
  const logs = listLogs(fs, dir);
  const behind = logs.some((name) => (name === ownName ? fs.fstatSync(logFd).size : (fs.statSync(join(dir, name))?.size ?? 0)) !== (offsets.get(name) ?? 0));
  if ((behind || logs.length !== offsets.size) && !validateEvent) await loadValidator();
  readTail();
  if (outOfOrder) rebuild();
  flushedVersion = snapshotKey === offsetsKey() ? version : -1;
  if (skippedLines > 0) notices.push(`${skippedLines} unreadable line${skippedLines === 1 ? '' : 's'} in the review log ${skippedIn} ${skippedLines === 1 ? 'was' : 'were'} skipped (kept in the file).`);

  /**
   * Appends whole lines. Half a line at the log's end (a writer killed in the middle of its write,
   * after this process opened) is ended first, or this line would be glued to it and lost.
   */
  function appendLines(text: string): void {
    if (!endsInNewline()) text = `\n${text}`;
    appendRaw(text);
  }

  /**
   * Whether the log ends with a whole line. Another process's append can be seen half-done (the
   * kernel grows the file page by page), so a missing newline is looked at again while the file
   * still grows; only one that stays is taken for a torn line. A wrong guess costs a blank line,
   * which every reader passes over; gluing onto a torn line would lose this one.
   */
  function endsInNewline(): boolean {
    const end = Buffer.alloc(1);
    for (let look = 0; look < HALF_LINE_LOOKS; look += 1) {
      const size = fs.fstatSync(logFd).size;
      if (size === 0) return true;
      fs.readSync(logFd, end, 0, 1, size - 1);
      if (end[0] === 0x0a) return true;
      if (look < HALF_LINE_LOOKS - 1) Atomics.wait(pause, 0, 0, HALF_LINE_PAUSE_MS);
    }
    return false;
  }

  function appendRaw(text: string): void {
    try {
      fs.writeSync(logFd, text);
      fs.fsyncSync(logFd);
    } catch (e) {
      throw accessError(e, logPath);
    }
  }

  /** A line of a newer log format is refused as a user error: skipping it would lose it. */
  function guardFormat<T>(read: () => T): T {
    try {
      return read();
    } catch (e) {
      if (e instanceof NewerLogError) throw new ProgressAccessError(e.message, `Upgrade examdrill on this machine (another device, ${deviceOfLog(e.file.split('/').pop() ?? '')}, wrote it); nothing was changed.`);
      throw e;
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  const scheduleFlush = (): void => {
    if (options.autoFlush === false || closed) return;
    if (timer) clearTimeout(timer);
    const grown = fs.fstatSync(logFd).size - snapshotOwnBytes > GROWTH_FLUSH_BYTES;
    timer = setTimeout(() => void store.flush().catch(() => undefined), grown ? 0 : IDLE_FLUSH_MS);
    timer.unref();
  };

  const store: ProgressStore = {
    packId,
    dir,
    device,
    state,
    notices,
    record(input) {
      const event = { ...input, id: nextEventId() } as ProgressEvent;
      // Other processes' events first, so this one lands on the freshest state. (Only in the
      // moment the event schema is still loading may another's line be folded in after this one.)
      readTail();
      appendLines(`${JSON.stringify(event)}\n`);
      ownPending.add(event.id);
      fold(event);
      rebuildIfOutOfOrder();
      scheduleFlush();
      return event;
    },
    recordMany(inputs) {
      if (inputs.length === 0) return;
      const events = inputs.map((input) => ({ ...input, id: nextEventId() }) as ProgressEvent);
      readTail();
      appendLines(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
      for (const event of events) {
        ownPending.add(event.id);
        fold(event);
      }
      rebuildIfOutOfOrder();
      scheduleFlush();
    },
    sync() {
      readTail();
    },
    async flush() {
      if (closed) return;
      // Wait out every write in progress: two waiters woken by one write must not both write.
      // Never a snapshot of a state folded out of order: a rebuild waiting for the schema comes first.
      while (flushing || (outOfOrder && !validateEvent)) await (flushing ?? loadValidator());
      if (closed) return;
      if (outOfOrder) rebuild();
      readTail();
      const key = offsetsKey();
      if (version === flushedVersion && snapshotKey === key) return;
      const target = version;
      // The snapshot folds exactly each log's first `offsets` bytes; own lines not yet met in the
      // log (another's line before them still to read) would be folded beyond them.
      if (ownPending.size > 0) return scheduleFlush();
      adapter.isCurrent = () => version === target;
      db.data = { schema: SNAPSHOT_SCHEMA_VERSION, packId, logBytes: offsets.get(ownName) ?? 0, logs: Object.fromEntries(offsets), writtenAt: now().toISOString(), ...(last ? { last } : {}), progress: state };
      flushing = db
        .write()
        .catch((e: unknown) => {
          throw accessError(e, snapPath);
        })
        .finally(() => {
          flushing = undefined;
        });
      await flushing;
      if (adapter.lastWrite === 'written') {
        flushedVersion = target;
        snapshotKey = key;
        snapshotOwnBytes = offsets.get(ownName) ?? 0;
      } else if (adapter.lastWrite === 'stale' || adapter.lastWrite === 'locked') {
        // Changed meanwhile, or another process holds the lock: try again later.
        scheduleFlush();
      }
    },
    async close() {
      if (timer) clearTimeout(timer);
      try {
        await store.flush();
      } finally {
        // After the last flush: no timer (the flush may have set one) and no read may follow.
        closed = true;
        if (timer) clearTimeout(timer);
        fs.closeSync(logFd);
      }
    },
  };
  return store;
}

/** Longest log line looked back for: an exam's end, with its reviews, is the longest event. */
const LAST_LINE_MAX = 256 * 1024;

/**
 * For a snapshot written before snapshots named their last event: the key of the line that ends
 * at `end`, the last line the snapshot folded (older stores folded in the log's line order).
 */
export function lastLineKey(fs: StoreFs, fd: number, end: number): EventKey | undefined {
  const start = Math.max(0, end - LAST_LINE_MAX);
  const buffer = Buffer.alloc(end - start);
  fs.readSync(fd, buffer, 0, buffer.length, start);
  const body = buffer.subarray(0, buffer.length - 1);
  const from = body.lastIndexOf(0x0a);
  if (from < 0 && start > 0) return undefined;
  try {
    const value = JSON.parse(body.toString('utf8', from + 1)) as { at?: unknown; id?: unknown };
    return typeof value.at === 'string' && typeof value.id === 'string' ? { at: value.at, id: value.id } : undefined;
  } catch {
    return undefined;
  }
}

async function recoverFromBackups(adapter: SnapshotAdapter, fs: StoreFs): Promise<Snapshot | undefined> {
  for (const file of adapter.backups()) {
    try {
      return await parseSnapshot(fs.readFileSync(file));
    } catch {
      // Try an older one.
    }
  }
  return undefined;
}

async function defaultEventValidator(): Promise<(value: unknown) => ProgressEvent> {
  const { eventSchema } = await import('./progress-schema.js');
  return (value) => eventSchema.parse(value) as ProgressEvent;
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
