/**
 * Reads a pack folder from disk: every YAML file below it, in path order, skipping files and
 * folders whose names start with `.` or `_` (drafts). Sizes are checked before reading, so a
 * 50 MB file is refused without being parsed.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A file over this size is refused: YAML parsing needs about 35 times a file's size in memory. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface PackFile {
  /** Relative to the pack folder, forward slashes. */
  readonly path: string;
  readonly size: number;
  /** Undefined when the file is too large to read. */
  readonly bytes?: Buffer;
}

export function listPackFiles(dir: string): PackFile[] {
  const out: PackFile[] = [];
  // A folder reached twice (a link to a parent) is walked once: no loop, no ELOOP.
  const seen = new Set<string>();
  const walk = (folder: string): void => {
    const real = realpathSync(folder);
    if (seen.has(real)) return;
    seen.add(real);
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
      const full = join(folder, entry.name);
      const stat = entry.isSymbolicLink() ? statSync(full, { throwIfNoEntry: false }) : undefined;
      if (entry.isDirectory() || stat?.isDirectory()) {
        walk(full);
      } else if ((entry.isFile() || stat?.isFile()) && /\.ya?ml$/i.test(entry.name)) {
        const size = stat?.size ?? statSync(full).size;
        const path = relative(dir, full).split(sep).join('/');
        out.push(size > MAX_FILE_BYTES ? { path, size } : { path, size, bytes: readFileSync(full) });
      }
    }
  };
  walk(dir);
  return out;
}
