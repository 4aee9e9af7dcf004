/**
 * A lock for snapshot writes: a file created with O_EXCL that holds the owner's pid. A lock whose
 * pid is dead is taken over at once (an mtime-based lock would still look alive for seconds after
 * a kill -9). Reads never lock. A lock file with no pid in it yet belongs to a process between
 * creating it and writing its pid: it is respected while young, and taken over only once it is
 * older than `EMPTY_LOCK_GRACE_MS` (its owner died in between).
 */
import type { StoreFs } from './file-system.js';

export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How long a lock file without a pid is taken to be another process's lock still being written. */
export const EMPTY_LOCK_GRACE_MS = 2_000;

/** Tries to take the lock; returns a release function, or undefined when a live process holds it. */
export function tryLock(fs: StoreFs, path: string, pid = process.pid, now = Date.now()): (() => void) | undefined {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = fs.openSync(path, 'wx');
      fs.writeSync(fd, String(pid));
      fs.closeSync(fd);
      return () => {
        try {
          fs.unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner = NaN;
      try {
        owner = Number.parseInt(fs.readFileSync(path), 10);
      } catch {
        continue; // Released between our open and our read: try again.
      }
      if (Number.isNaN(owner)) {
        // Another process created the file and has not written its pid yet: taking it over now
        // would let two writers in at once (seen as two processes pruning the same backup).
        const stat = fs.statSync(path);
        if (stat && now - stat.mtimeMs < EMPTY_LOCK_GRACE_MS) return undefined;
      } else if (pidAlive(owner) && owner !== pid) return undefined;
      try {
        fs.unlinkSync(path); // The owner died (or it is a lock of ours left behind): take it over.
      } catch {
        // Someone else took it over first; the next attempt will see theirs.
      }
    }
  }
  return undefined;
}
