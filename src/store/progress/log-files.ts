/**
 * The files of a pack's progress folder when several machines share it through a sync tool.
 * Each machine (device) appends only to its own log, `log.<device-id>.jsonl`, and reads the
 * union of every log in the folder; its snapshot (`state.<device-id>.json`, with its lock, temp
 * files and `backups/`) is its own cache and never meant to be synced. A sync tool's conflicted
 * copy of a log (`log.<id>.sync-conflict-*.jsonl`, `log.<id> (conflicted copy).jsonl`) is read
 * too; the same event in two files counts once (events have unique ids).
 *
 *   progress/<pack>/log.3f9c0a1b2d4e.jsonl    synced: this device's answers
 *   progress/<pack>/log.77ab01c2e9f0.jsonl    synced: another device's answers
 *   progress/<pack>/state.3f9c0a1b2d4e.json   local: the snapshot (and .lock, .tmp, .corrupt-*)
 *   progress/<pack>/backups/                  local
 *   <data-dir>/device-id                      local: this device's id
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { StoreFs } from './file-system.js';

/** The log line format this examdrill reads. A line may say `"v": N`; absent means 1. */
export const LOG_FORMAT_VERSION = 1;

/** The single log of examdrill before per-device logs; migrated to this device's log on open. */
export const LEGACY_LOG = 'log.jsonl';
export const LEGACY_SNAPSHOT = 'state.json';

export const logFileName = (device: string): string => `log.${device}.jsonl`;
export const snapshotFileName = (device: string): string => `state.${device}.json`;

const DEVICE_LOG = /^log\.([A-Za-z0-9_-]+)\.jsonl$/;
const ANY_LOG = /^log(\..+)?\.jsonl$/;

/** Every log in a pack's folder (own, other devices', conflicted copies, a legacy one), sorted. */
export function listLogs(fs: StoreFs, dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names.filter((n) => ANY_LOG.test(n)).sort();
}

/** True for a device's own log; false for a conflicted copy or the legacy log. */
export function isDeviceLog(name: string): boolean {
  return DEVICE_LOG.test(name);
}

/** The device a log belongs to: its id, the id a conflicted copy was made from, or `legacy`. */
export function deviceOfLog(name: string): string {
  const m = /^log\.([A-Za-z0-9_-]+)/.exec(name);
  return name === LEGACY_LOG || !m ? 'legacy' : m[1]!;
}

/**
 * This data dir's device id: random (never the host name), made on first use with O_EXCL so two
 * processes starting at once agree on it. Kept in `<data-dir>/device-id`.
 */
export function deviceId(fs: StoreFs, dataDir: string): string {
  const path = join(dataDir, 'device-id');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const id = fs.readFileSync(path).trim();
      if (/^[A-Za-z0-9_-]{4,64}$/.test(id)) return id;
      if (id === '' && attempt < 2) continue; // Being written by the process that made it.
      throw Object.assign(new Error(`the device id file ${path} holds no valid id`), { code: 'EBADDEVICE' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    fs.mkdirSync(dataDir);
    const id = randomBytes(6).toString('hex');
    try {
      const fd = fs.openSync(path, 'wx');
      fs.writeSync(fd, `${id}\n`);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      return id;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new Error(`could not read or create the device id in ${path}`);
}

/**
 * Moves a single `log.jsonl` (and its snapshot) to this device's names: a rename, so nothing is
 * copied and nothing can be lost. Done only while this device has no log of its own yet;
 * otherwise a legacy log left beside it is read as one more log of the union.
 */
export function migrateLegacyLog(fs: StoreFs, dir: string, device: string): boolean {
  const legacy = join(dir, LEGACY_LOG);
  const own = join(dir, logFileName(device));
  if (!fs.statSync(legacy) || fs.statSync(own)) return false;
  const legacySnap = join(dir, LEGACY_SNAPSHOT);
  const ownSnap = join(dir, snapshotFileName(device));
  try {
    // The snapshot first: its logBytes describe the legacy log, which becomes this device's.
    if (fs.statSync(legacySnap) && !fs.statSync(ownSnap)) fs.renameSync(legacySnap, ownSnap);
    fs.renameSync(legacy, own);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // Another process migrated it first.
  }
  return true;
}

/** A log line of a newer format than this examdrill reads. */
export class NewerLogError extends Error {
  constructor(
    readonly file: string,
    readonly version: number,
  ) {
    super(`the review log ${file} has lines of a newer format (log format ${version}; this examdrill reads ${LOG_FORMAT_VERSION})`);
  }
}

/** Throws NewerLogError when a parsed line says it is of a newer format. */
export function checkLineFormat(value: unknown, file: string): void {
  const v = (value as { v?: unknown } | null)?.v;
  if (typeof v === 'number' && v > LOG_FORMAT_VERSION) throw new NewerLogError(file, v);
}

/** Reads a whole file from `from` to its end (a log is only ever appended to). */
export function readFrom(fs: StoreFs, path: string, from: number): { buffer: Buffer; size: number } | undefined {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.max(0, size - from));
    if (buffer.length > 0) fs.readSync(fd, buffer, 0, buffer.length, from);
    return { buffer, size };
  } finally {
    fs.closeSync(fd);
  }
}
