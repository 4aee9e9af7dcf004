/**
 * lowdb's adapter for the progress snapshot: reads validate (zod, versioned, migrated), writes are
 * atomic (temp file, fsync, rename) under the O_EXCL lock, keep rolling backups, and serialise in
 * slices between event-loop turns, so a large snapshot never holds up a key press.
 *
 * Each snapshot starts with an integrity hash of the rest of the file. A snapshot whose hash
 * matches is byte for byte what the store wrote from a valid state, so it is not validated
 * again, and zod is not even loaded: about 20 ms of every start. A snapshot whose hash does not
 * match (edited by hand, damaged, or written before hashes) is validated in full, as before.
 */
import type { Adapter } from 'lowdb';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { EventKey } from '../../domain/progress/order.js';
import type { ProgressState } from '../../domain/progress/state.js';
import type { StoreFs } from './file-system.js';
import { tryLock } from './lock-file.js';
import { migrateSnapshot, SNAPSHOT_SCHEMA_VERSION } from './snapshot-version.js';

export interface Snapshot {
  readonly schema: number;
  readonly packId: string;
  readonly logBytes: number;
  /** Per log file of the pack's folder, the bytes folded in; absent before per-device logs (then: this device's log, `logBytes`). */
  readonly logs?: Readonly<Record<string, number>>;
  readonly writtenAt: string;
  /** The event that sorts last (time, then id) among those folded in; absent in older snapshots. */
  readonly last?: EventKey;
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
    return await parseSnapshot(text);
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
    const prune = async (name: string): Promise<void> => {
      try {
        await this.fs.unlinkAsync(join(dir, name));
      } catch (e) {
        // Already gone (removed by hand, or by a process that wrote before the lock was ours).
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    };
    await Promise.all([...stale('recent-', RECENT_BACKUPS), ...stale('daily-', DAILY_BACKUPS)].map(prune));
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

/** The file starts `{"integrity":"sha1-<40 hex>",` and the hash covers `{` and what follows. */
const INTEGRITY_PREFIX = '{"integrity":"sha1-';
const HASH_END = INTEGRITY_PREFIX.length + 40;

/** True when the text carries an integrity hash and it matches the rest of the text. */
export function isIntact(text: string): boolean {
  if (!text.startsWith(INTEGRITY_PREFIX) || text.slice(HASH_END, HASH_END + 2) !== '",') return false;
  const actual = createHash('sha1').update('{').update(text.slice(HASH_END + 2)).digest('hex');
  return actual === text.slice(INTEGRITY_PREFIX.length, HASH_END);
}

export async function parseSnapshot(text: string): Promise<Snapshot> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SnapshotError({ kind: 'corrupt', reason: `not valid JSON (${(e as Error).message})` });
  }
  const migrated = migrateSnapshot(raw);
  if ('newer' in migrated) throw new SnapshotError({ kind: 'newer', version: migrated.newer });
  if ('error' in migrated) throw new SnapshotError({ kind: 'corrupt', reason: migrated.error });
  if (migrated.data === raw && isIntact(text)) {
    const { integrity: _, ...snapshot } = raw as Snapshot & { integrity: string };
    return snapshot;
  }
  const { snapshotSchema } = await import('./progress-schema.js');
  const parsed = snapshotSchema.safeParse(migrated.data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new SnapshotError({ kind: 'corrupt', reason: `${first.path.join('.') || 'root'}: ${first.message}` });
  }
  return parsed.data as unknown as Snapshot;
}

/**
 * JSON of the snapshot, built a slice of items per event-loop turn and hashed as it is built,
 * headed by its integrity hash. Undefined when the state changed meanwhile (an answer arrived):
 * the caller writes again later.
 */
export async function serialiseInSlices(data: Snapshot, isCurrent: () => boolean): Promise<string | undefined> {
  const { items, ...rest } = data.progress;
  const headJson = JSON.stringify({ ...data, schema: SNAPSHOT_SCHEMA_VERSION, progress: { ...rest, items: {} } });
  const marker = '"items":{}';
  const at = headJson.lastIndexOf(marker);
  const before = `${headJson.slice(0, at)}"items":{`;
  const after = `}${headJson.slice(at + marker.length)}`;
  const hash = createHash('sha1').update(before);
  const ids = Object.keys(items);
  const slices: string[] = [];
  for (let i = 0; i < ids.length; i += ITEMS_PER_SLICE) {
    if (i > 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (!isCurrent()) return undefined;
    }
    const slice = (i > 0 ? ',' : '') + ids.slice(i, i + ITEMS_PER_SLICE).map((id) => `${JSON.stringify(id)}:${JSON.stringify(items[id])}`).join(',');
    hash.update(slice);
    slices.push(slice);
  }
  if (!isCurrent()) return undefined;
  hash.update(after);
  return `${INTEGRITY_PREFIX}${hash.digest('hex')}",${before.slice(1)}${slices.join('')}${after}`;
}
