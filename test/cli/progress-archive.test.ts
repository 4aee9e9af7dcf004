import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../src/domain/progress/events.js';
import { openProgressStore } from '../../src/store/progress/progress-store.js';
import { reviewEvent } from '../helpers/events.js';
import { progressFiles } from '../helpers/progress-files.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

const PACK = 'aws-dop-c02';
const at = (s: number) => new Date(Date.UTC(2026, 10, 1, 8, 0, s));
const env = (dir: string) => ({ EXAMDRILL_DATA_DIR: dir });

async function machine(events: readonly NewEvent[], dir = tempDir()): Promise<string> {
  const store = await openProgressStore(dir, PACK, { autoFlush: false });
  for (const e of events) store.record(e);
  await store.close();
  return dir;
}

const stats = async (dir: string) => JSON.parse((await runCli(['stats', '--json', '--pack', PACK], { env: env(dir) })).stdout) as Record<string, unknown>;
/** Everything of the state but what depends on the device (its id) or the moment of the call. */
const comparable = (s: Record<string, unknown>) => JSON.stringify({ ...s, sync: undefined });
const filesOf = (dir: string) => readdirSync(progressFiles(dir, PACK).dir).sort();

describe('examdrill progress export / import', () => {
  it('moves every review to a new machine, whose stats then equal the old one; importing again adds nothing', async () => {
    const old = await machine([reviewEvent('q1', at(1)), reviewEvent('q2', at(2), { correct: false }), reviewEvent('q1', at(3))]);
    const archive = join(tempDir(), 'progress.tar.gz');
    const exported = await runCli(['progress', 'export', '--out', archive], { env: env(old) });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`${PACK}: `);

    const fresh = tempDir();
    const first = await runCli(['progress', 'import', archive], { env: env(fresh) });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^${PACK}: \\d+ events? added, 0 events already here`, 'm'));
    expect(comparable(await stats(fresh))).toBe(comparable(await stats(old)));

    const before = filesOf(fresh).map((f) => [f, readFileSync(join(progressFiles(fresh, PACK).dir, f), 'utf8')]);
    const again = await runCli(['progress', 'import', archive], { env: env(fresh) });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/nothing to add/);
    expect(filesOf(fresh).filter((f) => f.startsWith('log.')).map((f) => [f, readFileSync(join(progressFiles(fresh, PACK).dir, f), 'utf8')])).toEqual(before.filter(([f]) => f!.startsWith('log.')));
  });

  it('carries only logs, never a snapshot, lock, backup or device id', async () => {
    const old = await machine([reviewEvent('q1', at(1))]);
    const archive = join(tempDir(), 'p.tar.gz');
    await runCli(['progress', 'export', '--out', archive], { env: env(old) });
    const names: string[] = [];
    await tar.t({ file: archive, onReadEntry: (e) => void names.push(e.path) });
    expect(names.sort()).toEqual(['examdrill-progress/manifest.json', `examdrill-progress/progress/${PACK}/${progressFiles(old, PACK).log.split('/').pop()}`]);
  });

  it('merges into a machine that already has part of the same log without changing any file that is there', async () => {
    const laptop = tempDir();
    await machine([reviewEvent('q1', at(1))], laptop);
    const partial = join(tempDir(), 'partial.tar.gz');
    await runCli(['progress', 'export', '--out', partial], { env: env(laptop) });
    const desktop = tempDir();
    await runCli(['progress', 'import', partial], { env: env(desktop) });
    await machine([reviewEvent('q2', at(2)), reviewEvent('q3', at(3))], laptop);
    await machine([reviewEvent('q4', at(4))], desktop);
    const full = join(tempDir(), 'full.tar.gz');
    await runCli(['progress', 'export', '--out', full], { env: env(laptop) });

    const dir = progressFiles(desktop, PACK).dir;
    const kept = Object.fromEntries(filesOf(desktop).filter((f) => f.startsWith('log.')).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const r = await runCli(['progress', 'import', full], { env: env(desktop) });
    expect(r.stdout).toMatch(new RegExp(`^${PACK}: 2 events added`, 'm'));
    for (const [f, text] of Object.entries(kept)) expect(readFileSync(join(dir, f), 'utf8')).toBe(text);
    expect(filesOf(desktop).some((f) => /\.imported-[0-9a-f]{12}\.jsonl$/.test(f))).toBe(true);
    const s = (await stats(desktop)) as { reviews: { total: number } };
    expect(s.reviews.total).toBe(4);
    expect((await runCli(['progress', 'check', '--pack', PACK], { env: env(desktop) })).code).toBe(0);
  });

  it('refuses a file that is no archive, a newer format, or paths outside its folder, and changes nothing', async () => {
    const dir = tempDir();
    const garbage = join(dir, 'garbage.tar.gz');
    writeFileSync(garbage, 'not a tar at all');
    const newer = join(dir, 'newer.tar.gz');
    const escape = join(dir, 'escape.tar.gz');
    const entry = (path: string, body: string) => {
      const h = new tar.Header({ path, size: Buffer.byteLength(body), type: 'File', mode: 0o644, mtime: new Date(0) });
      h.encode();
      const pad = Buffer.alloc((512 - (Buffer.byteLength(body) % 512)) % 512);
      return Buffer.concat([h.block!, Buffer.from(body), pad]);
    };
    const end = Buffer.alloc(1024);
    writeFileSync(newer, gzipSync(Buffer.concat([entry('examdrill-progress/manifest.json', JSON.stringify({ format: 99 })), end])));
    writeFileSync(escape, gzipSync(Buffer.concat([entry('examdrill-progress/manifest.json', '{}'), entry('examdrill-progress/../../evil.jsonl', 'x\n'), end])));
    const target = tempDir();
    for (const [file, message] of [
      [garbage, /is not a progress archive/],
      [newer, /written by a newer examdrill \(archive format 99/],
      [escape, /is refused: it holds .*evil\.jsonl, outside examdrill-progress\//],
      [join(dir, 'missing.tar.gz'), /no such file/],
    ] as const) {
      const r = await runCli(['progress', 'import', file], { env: env(target) });
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(message);
      expect(lines[1]).toMatch(/^Nothing was changed/);
    }
    expect(readdirSync(target)).toEqual([]);
  });

  it('says so when there is nothing to export', async () => {
    const r = await runCli(['progress', 'export', '--out', join(tempDir(), 'x.tar.gz')], { env: env(tempDir()) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^examdrill: no progress to export in /);
  });
});
