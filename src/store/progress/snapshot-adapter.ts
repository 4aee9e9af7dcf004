/**
 * lowdb's adapter for the progress snapshot: reads validate (zod, versioned, migrated), writes are
 * atomic (temp file, fsync, rename) under the O_EXCL lock, keep rolling backups, and serialise in
 * slices between event-loop turns, so a large snapshot never holds up a key press.
 */
import type { Adapter } from 'lowdb';
import { join } from 'node:path';
import type { ProgressState } from '../../domain/progress/state.js';
import type { StoreFs } from './file-system.js';
import { tryLock } from './lock-file.js';
import { migrateSnapshot, snapshotSchema, SNAPSHOT_SCHEMA_VERSION } from './progress-schema.js';

export interface Snapshot {
  readonly schema: number;
  readonly packId: string;
  readonly logBytes: number;
  readonly writtenAt: string;
  readonly progress: ProgressState;
}

/** Why a snapshot could not be read. `missing` is normal on a first run. */
export type ReadProblem = { kind: 'missing' } | { kind: 'corrupt'; reason: string } | { kind: 'newer'; version: number };

export class SnapshotError extends Error {
  constructor(readonly problem: ReadProblem) {
    super(problem.kind === 'corrupt' ? problem.reason : problem.kind);
  }
}

const ITEMS_PER_SLICE = 1000;
const RECENT_BACKUPS = 3;
const DAILY_BACKUPS = 7;

export class SnapshotAdapter implements Adapter<Snapshot> {
  /** Set by the store: true while the state is unchanged since serialisation began. */
  isCurrent: () => boolean = () => true;
  /** What the last write did: written, or skipped and why. */
  lastWrite: 'written' | 'locked' | 'stale' | 'none' = 'none';

  constructor(
    readonly file: string,
    private readonly fs: StoreFs,
    private readonly today: () => string,
  ) {}

  async read(): Promise<Snapshot | null> {
    let text: string;
    try {
      text = this.fs.readFileSync(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    return parseSnapshot(text);
  }

  async write(data: Snapshot): Promise<void> {
    const json = await serialiseInSlices(data, this.isCurrent);
    if (json === undefined) {
      this.lastWrite = 'stale';
      return;
    }
    const release = tryLock(this.fs, `${this.file}.lock`);
    if (!release) {
      this.lastWrite = 'locked';
      return;
    }
    // The file work is asynchronous: a 3.7 MB snapshot's write, fsync and backups took about
    // 20 ms of synchronous time, enough to hold a key press back.
    try {
      await this.backUp();
      const tmp = `${this.file}.${process.pid}.tmp`;
      await this.fs.writeDurable(tmp, json);
      await this.fs.renameAsync(tmp, this.file);
      this.lastWrite = 'written';
    } finally {
      release();
    }
  }

  /** Keeps the last few snapshots and one a day for a week, in backups/ beside the file. */
  private async backUp(): Promise<void> {
    if (!this.fs.statSync(this.file)) return;
    const dir = join(this.file, '..', 'backups');
    this.fs.mkdirSync(dir);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const daily = join(dir, `daily-${this.today()}.json`);
    if (!this.fs.statSync(daily)) await this.fs.copyAsync(this.file, daily);
    await this.fs.copyAsync(this.file, join(dir, `recent-${stamp}.json`));
    const names = this.fs.readdirSync(dir).sort();
    const stale = (prefix: string, keep: number) => {
      const list = names.filter((n) => n.startsWith(prefix));
      return list.slice(0, Math.max(0, list.length - keep));
    };
    await Promise.all([...stale('recent-', RECENT_BACKUPS), ...stale('daily-', DAILY_BACKUPS)].map((n) => this.fs.unlinkAsync(join(dir, n))));
  }

  /** Backups, newest first, for rebuilding after a corrupt snapshot. */
  backups(): string[] {
    const dir = join(this.file, '..', 'backups');
    try {
      const names = this.fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
      const recent = names.filter((n) => n.startsWith('recent-')).sort().reverse();
      const daily = names.filter((n) => n.startsWith('daily-')).sort().reverse();
      return [...recent, ...daily].map((n) => join(dir, n));
    } catch {
      return [];
    }
  }
}

export function parseSnapshot(text: string): Snapshot {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SnapshotError({ kind: 'corrupt', reason: `not valid JSON (${(e as Error).message})` });
  }
  const migrated = migrateSnapshot(raw);
  if ('newer' in migrated) throw new SnapshotError({ kind: 'newer', version: migrated.newer });
  if ('error' in migrated) throw new SnapshotError({ kind: 'corrupt', reason: migrated.error });
  const parsed = snapshotSchema.safeParse(migrated.data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new SnapshotError({ kind: 'corrupt', reason: `${first.path.join('.') || 'root'}: ${first.message}` });
  }
  return parsed.data as unknown as Snapshot;
}

/**
 * JSON of the snapshot, built a slice of items per event-loop turn. Undefined when the state
 * changed meanwhile (an answer arrived): the caller writes again later.
 */
export async function serialiseInSlices(data: Snapshot, isCurrent: () => boolean): Promise<string | undefined> {
  const { items, ...rest } = data.progress;
  const head = JSON.stringify({ ...data, schema: SNAPSHOT_SCHEMA_VERSION, progress: { ...rest, items: {} } });
  const ids = Object.keys(items);
  const parts: string[] = [];
  for (let i = 0; i < ids.length; i += ITEMS_PER_SLICE) {
    if (i > 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (!isCurrent()) return undefined;
    }
    for (const id of ids.slice(i, i + ITEMS_PER_SLICE)) parts.push(`${JSON.stringify(id)}:${JSON.stringify(items[id])}`);
  }
  if (!isCurrent()) return undefined;
  const marker = '"items":{}';
  const at = head.lastIndexOf(marker);
  return `${head.slice(0, at)}"items":{${parts.join(',')}}${head.slice(at + marker.length)}`;
}
