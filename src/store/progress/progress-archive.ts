/**
 * Progress in one file, for moving to a new machine without a sync tool:
 * `progress export --out FILE.tar.gz` and `progress import FILE`.
 *
 * The archive holds `examdrill-progress/manifest.json` and every review log of the exported
 * packs, `examdrill-progress/progress/<pack>/log.<device>.jsonl` (a sync tool's conflicted
 * copies too), each up to its last whole line. Nothing of one machine goes in: no snapshot,
 * lock, backup or device id (docs/sync.md). A log is the truth and the snapshot a cache, so the
 * logs are all a machine needs.
 *
 * Import never changes a file that is there: a log the data dir lacks is written whole (to a
 * temporary name, then renamed); events of a log it already has, but not all of, go to a new
 * file `log.<device>.imported-<hash>.jsonl` beside it, which is read like a conflicted copy.
 * An event already in any local log is not written again, so importing twice adds nothing.
 * Reading caps the unpacked size, refuses paths outside the archive's folder, and refuses an
 * archive or a log line of a newer format, naming it.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { z } from 'zod';
import type { ProgressEvent } from '../../domain/progress/events.js';
import { nodeFs } from './file-system.js';
import { deviceId, listLogs, LOG_FORMAT_VERSION, NewerLogError } from './log-files.js';
import { parseLogLines, readLogs, unionEvents } from './log-lines.js';
import { eventSchema } from './progress-schema.js';
import { dataPaths } from '../paths.js';

export const ARCHIVE_FORMAT = 1;
const ROOT = 'examdrill-progress';
/** More than 100 years of daily study; a larger archive is refused before it fills the disk. */
export const MAX_UNPACKED_BYTES = 1 << 30;

const manifestSchema = z.object({
  format: z.number().int().positive(),
  logFormat: z.number().int().positive(),
  exportedAt: z.string(),
  fromDevice: z.string(),
  packs: z.record(z.string(), z.object({ logs: z.array(z.string()), events: z.number().int().nonnegative() })),
});
type Manifest = z.infer<typeof manifestSchema>;

/** A problem with the archive itself, said in one line; the data dir is left as it was. */
export class ArchiveError extends Error {}

const validate = (value: unknown): ProgressEvent => eventSchema.parse(value) as ProgressEvent;
const PACK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const LOG_NAME = /^log(\..+)?\.jsonl$/;

export interface ExportResult {
  readonly packs: readonly { readonly id: string; readonly logs: number; readonly events: number }[];
  readonly bytes: number;
}

/** Packs with progress in a data dir: the folders under progress/ that hold a log. */
export function packsWithProgress(dataDir: string): string[] {
  const root = join(dataDir, 'progress');
  let names: string[] = [];
  try {
    names = nodeFs.readdirSync(root);
  } catch {
    return [];
  }
  return names.filter((n) => PACK_ID.test(n) && listLogs(nodeFs, join(root, n)).length > 0).sort();
}

export async function exportProgress(dataDir: string, packIds: readonly string[], out: string, now: Date): Promise<ExportResult> {
  const entries: { path: string; body: Buffer }[] = [];
  const manifest: Manifest = { format: ARCHIVE_FORMAT, logFormat: LOG_FORMAT_VERSION, exportedAt: now.toISOString(), fromDevice: deviceId(nodeFs, dataDir), packs: {} };
  for (const id of packIds) {
    const dir = dataPaths(dataDir).progress(id);
    const files = readLogs(nodeFs, dir, validate);
    for (const f of files) entries.push({ path: `${ROOT}/progress/${id}/${f.name}`, body: readFileSync(join(dir, f.name)).subarray(0, f.wholeBytes) });
    manifest.packs[id] = { logs: files.map((f) => f.name), events: unionEvents(files).length };
  }
  entries.unshift({ path: `${ROOT}/manifest.json`, body: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) });

  // Written beside the target and renamed: a kill leaves the old file or none, never half of one.
  const tmp = `${out}.tmp-${process.pid}`;
  const pack = new tar.Pack({ gzip: true, portable: true });
  const written = pipeline(pack, createWriteStream(tmp));
  for (const e of entries) {
    const header = new tar.Header({ path: e.path, size: e.body.length, type: 'File', mode: 0o644, mtime: now });
    const entry = new tar.ReadEntry(header);
    pack.add(entry);
    entry.end(e.body);
  }
  pack.end();
  await written;
  renameSync(tmp, out);
  return { packs: Object.entries(manifest.packs).map(([id, p]) => ({ id, logs: p.logs.length, events: p.events })), bytes: nodeFs.statSync(out)?.size ?? 0 };
}

export interface ImportedPack {
  readonly id: string;
  /** Events in the archive's logs of this pack (each once). */
  readonly events: number;
  /** Of those, the ones this data dir did not have, now written. */
  readonly added: number;
  readonly filesWritten: readonly string[];
  readonly skippedLines: number;
}

/** Reads a progress archive into memory, checked: its manifest and its logs by pack. */
export async function readArchive(file: string): Promise<{ manifest: Manifest; logs: Map<string, Map<string, Buffer>> }> {
  const bodies = new Map<string, Buffer>();
  let total = 0;
  let bad: string | undefined;
  const parser = new tar.Parser({
    onReadEntry: (entry) => {
      const path = entry.path.replaceAll('\\', '/');
      if (entry.type !== 'File' || bad) return entry.resume();
      if (!path.startsWith(`${ROOT}/`) || path.split('/').includes('..')) {
        bad = `it holds ${path}, outside ${ROOT}/`;
        return entry.resume();
      }
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => {
        total += c.length;
        if (total > MAX_UNPACKED_BYTES) bad = `it unpacks to more than ${MAX_UNPACKED_BYTES / 2 ** 20} MB`;
        else chunks.push(c);
      });
      entry.on('end', () => bodies.set(path, Buffer.concat(chunks)));
    },
  });
  try {
    await pipeline(Readable.from(readChunks(file)), parser);
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    throw new ArchiveError(`${file} is not a progress archive (${(e as Error).message.split('\n')[0]})`);
  }
  if (bad) throw new ArchiveError(`${file} is refused: ${bad}`);
  const raw = bodies.get(`${ROOT}/manifest.json`);
  if (!raw) throw new ArchiveError(`${file} is not a progress archive: it has no ${ROOT}/manifest.json`);
  let manifest: Manifest;
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    const format = (value as { format?: unknown } | null)?.format;
    if (typeof format === 'number' && format > ARCHIVE_FORMAT) throw new ArchiveError(`${file} was written by a newer examdrill (archive format ${format}; this one reads ${ARCHIVE_FORMAT})`);
    manifest = manifestSchema.parse(value);
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    throw new ArchiveError(`${file}: its manifest.json is not readable (${(e as Error).message.split('\n')[0]})`);
  }
  const logs = new Map<string, Map<string, Buffer>>();
  for (const [path, body] of bodies) {
    const m = new RegExp(`^${ROOT}/progress/([^/]+)/([^/]+)$`).exec(path);
    if (!m || !PACK_ID.test(m[1]!) || !LOG_NAME.test(m[2]!)) continue;
    if (!logs.has(m[1]!)) logs.set(m[1]!, new Map());
    logs.get(m[1]!)!.set(m[2]!, body);
  }
  return { manifest, logs };
}

async function* readChunks(file: string): AsyncGenerator<Buffer> {
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ArchiveError(code === 'ENOENT' ? `${file}: no such file` : `${file} cannot be read (${code ?? (e as Error).message})`);
  }
  yield body;
}

/**
 * Adds the archive's events that this data dir lacks. Checks everything (every line of every
 * log) before it writes anything, so a refused archive changes nothing.
 */
export async function importProgress(dataDir: string, file: string, only?: string): Promise<ImportedPack[]> {
  const { logs } = await readArchive(file);
  if (only && !logs.has(only)) throw new ArchiveError(`${file} holds no progress of the pack ${only} (it has: ${[...logs.keys()].join(', ') || 'none'})`);
  const plans: { id: string; events: number; writes: { name: string; body: Buffer }[]; added: number; skipped: number }[] = [];
  for (const [id, files] of [...logs].sort(([a], [b]) => a.localeCompare(b))) {
    if (only && id !== only) continue;
    const dir = dataPaths(dataDir).progress(id);
    const have = new Set(unionEvents(readLogs(nodeFs, dir, validate)).map((e) => e.id));
    const inArchive = new Set<string>();
    const writes: { name: string; body: Buffer }[] = [];
    let added = 0;
    let skipped = 0;
    for (const [name, body] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      let parsed;
      try {
        parsed = parseLogLines(body, validate, `${file}: ${id}/${name}`);
      } catch (e) {
        if (e instanceof NewerLogError) throw new ArchiveError(`${file}: ${id}/${name} has review-log lines of a newer format (${e.version}; this examdrill reads ${LOG_FORMAT_VERSION})`);
        throw e;
      }
      skipped += parsed.skipped;
      const missing = parsed.lines.filter(({ event }) => !have.has(event.id) && !inArchive.has(event.id));
      for (const { event } of parsed.lines) inArchive.add(event.id);
      if (missing.length === 0) continue;
      added += missing.length;
      const lines = Buffer.from(missing.map(({ event }) => `${JSON.stringify(event)}\n`).join(''));
      if (!existsSync(join(dir, name)) && missing.length === parsed.lines.length) {
        writes.push({ name, body: body.subarray(0, parsed.wholeBytes) });
      } else {
        const hash = createHash('sha256').update(lines).digest('hex').slice(0, 12);
        writes.push({ name: name.replace(/\.jsonl$/, `.imported-${hash}.jsonl`), body: lines });
      }
    }
    plans.push({ id, events: inArchive.size, writes, added, skipped });
  }
  for (const plan of plans) {
    const dir = dataPaths(dataDir).progress(plan.id);
    mkdirSync(dir, { recursive: true });
    for (const w of plan.writes) {
      const tmp = join(dir, `.${w.name}.tmp-${process.pid}`);
      writeFileSync(tmp, w.body, { flag: 'wx' });
      renameSync(tmp, join(dir, w.name));
    }
  }
  return plans.map((p) => ({ id: p.id, events: p.events, added: p.added, filesWritten: p.writes.map((w) => w.name), skippedLines: p.skipped }));
}

