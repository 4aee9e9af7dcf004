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
  /** What stat says of the file, to tell an unchanged file without reading it (load-pack.ts). */
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
  /** Undefined when the file is too large to read, or not read yet (`contents: false`). */
  readonly bytes?: Buffer;
}

/** The pack's files in path order, read unless `contents` is false (then see readContents). */
export function listPackFiles(dir: string, { contents = true }: { readonly contents?: boolean } = {}): PackFile[] {
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
        const { size, mtimeMs, ctimeMs, ino } = stat ?? statSync(full);
        const path = relative(dir, full).split(sep).join('/');
        const file = { path, size, mtimeMs, ctimeMs, ino };
        out.push(contents && size <= MAX_FILE_BYTES ? { ...file, bytes: readFileSync(full) } : file);
      }
    }
  };
  walk(dir);
  return out;
}

/** The files of listPackFiles(dir, { contents: false }), read (those not too large). */
export function readContents(dir: string, files: readonly PackFile[]): PackFile[] {
  return files.map((f) => (f.bytes || f.size > MAX_FILE_BYTES ? f : { ...f, bytes: readFileSync(join(dir, ...f.path.split('/'))) }));
}
