import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeFs, type StoreFs } from '../../../src/store/progress/file-system.js';
import { EMPTY_LOCK_GRACE_MS, tryLock } from '../../../src/store/progress/lock-file.js';
import { migrateSnapshot } from '../../../src/store/progress/snapshot-version.js';
import { isIntact } from '../../../src/store/progress/snapshot-adapter.js';
import { openProgressStore, ProgressAccessError } from '../../../src/store/progress/progress-store.js';
import { bundleForChild } from '../../helpers/bundle.js';
import { reviewEvent } from '../../helpers/events.js';
import { deviceOf, progressFiles } from '../../helpers/progress-files.js';
import { tempDir } from '../../helpers/run-cli.js';

const at = (s: number) => new Date(Date.UTC(2026, 10, 1, 8, 0, s));
const paths = (dir: string) => progressFiles(dir, 'p');

describe('the progress store on real files', () => {
  it('replays the log on open when there is no snapshot', async () => {
    const dir = tempDir();
    const a = await openProgressStore(dir, 'p', { autoFlush: false });
    a.record(reviewEvent('q1', at(1), { correct: false, chosen: [2] }));
    a.record(reviewEvent('q2', at(2)));
    // No flush and no close: as after a crash.
    const b = await openProgressStore(dir, 'p', { autoFlush: false });
    expect(b.state.totalReviews).toBe(2);
    expect(b.state.items.q1).toMatchObject({ seen: 1, correct: 0 });
    expect(b.state.misconceptions).toEqual({ 'q1#2': 1 });
    expect(existsSync(paths(dir).snap)).toBe(false);
  });

  it('loads the snapshot and replays only the log tail after it', async () => {
    const dir = tempDir();
    const a = await openProgressStore(dir, 'p', { autoFlush: false });
    a.record(reviewEvent('q1', at(1)));
    await a.flush();
    const snap = JSON.parse(readFileSync(paths(dir).snap, 'utf8')) as { logBytes: number; progress: { totalReviews: number } };
    expect(snap.progress.totalReviews).toBe(1);
    expect(snap.logBytes).toBe(readFileSync(paths(dir).log).length);
    a.record(reviewEvent('q2', at(2)));
    a.record(reviewEvent('q3', at(3)));
    const b = await openProgressStore(dir, 'p', { autoFlush: false });
    expect(b.state.totalReviews).toBe(3);
    expect(Object.keys(b.state.items).sort()).toEqual(['q1', 'q2', 'q3']);
  });

  it('folds events of one millisecond in the order they were recorded, live and when rebuilt from the log', async () => {
    const dir = tempDir();
    const a = await openProgressStore(dir, 'p', { autoFlush: false });
    const same = at(1).toISOString();
    const day = same.slice(0, 10);
    // Thirty settings of one key in one millisecond: the last recorded must win, live and rebuilt.
    for (let n = 1; n <= 30; n += 1) a.record({ type: 'settings', at: same, day, key: 'newPerDay', value: n });
    // And as in a fast session: ! suspends, u brings back, ! suspends again.
    a.recordMany([true, false, true].map((suspended) => ({ type: 'suspend', at: same, day, item: 'q1', kind: 'question', suspended })));
    expect(a.state.settings.newPerDay).toBe(30);
    expect(a.state.items.q1?.suspended).toBeDefined();
    const b = await openProgressStore(dir, 'p', { autoFlush: false });
    expect(b.state.settings.newPerDay).toBe(30);
    expect(b.state.items.q1?.suspended).toBeDefined();
  });

  it('moves a corrupt snapshot aside, says so, and rebuilds from the log', async () => {
    const dir = tempDir();
    const a = await openProgressStore(dir, 'p', { autoFlush: false });
    for (let i = 0; i < 5; i += 1) a.record(reviewEvent(`q${i}`, at(i)));
    await a.close();
    writeFileSync(paths(dir).snap, '{"schema":1,"packId":"p","logBytes":');
    const b = await openProgressStore(dir, 'p', { autoFlush: false, now: () => at(99) });
    expect(b.state.totalReviews).toBe(5);
    expect(b.notices).toHaveLength(1);
    expect(b.notices[0]).toMatch(/^Your progress file was unreadable \(not valid JSON .*\)\. It was moved to .*state\.[0-9a-f]+\.json\.corrupt-2026-11-01T08-01-39-000Z; progress was rebuilt from the review log\.$/);
    const aside = readdirSync(join(dir, 'progress', 'p')).filter((f) => f.includes('.corrupt-'));
    expect(aside).toEqual([`state.${deviceOf(dir)}.json.corrupt-2026-11-01T08-01-39-000Z`]);
  });

  it('heads the snapshot with a hash of its content; a hand edit that breaks the hash is validated in full', async () => {
    const dir = tempDir();
    const a = await openProgressStore(dir, 'p', { autoFlush: false });
    for (let i = 0; i < 3; i += 1) a.record(reviewEvent(`q${i}`, at(i)));
    await a.close();
    const text = readFileSync(paths(dir).snap, 'utf8');
    const hash = /^\{"integrity":"sha1-([0-9a-f]{40})",/.exec(text)?.[1];
    expect(hash).toBe(createHash('sha1').update(`{${text.slice(text.indexOf(',') + 1)}`).digest('hex'));
    expect(isIntact(text)).toBe(true);

    // A valid edit (the hash no longer matches): validated, accepted, the edit kept.
    writeFileSync(paths(dir).snap, text.replace('"totalReviews":3', '"totalReviews":7'));
    const b = await openProgressStore(dir, 'p', { autoFlush: false });
    expect(b.state.totalReviews).toBe(7);
    expect(b.notices).toEqual([]);
    await b.close();

    // An invalid one: found by the schema, moved aside, rebuilt from the log.
    const edited = readFileSync(paths(dir).snap, 'utf8');
    expect(isIntact(edited)).toBe(false); // nothing changed in b, so nothing was written
    writeFileSync(paths(dir).snap, edited.replace('"totalReviews":7', '"totalReviews":"seven"'));
    const c = await openProgressStore(dir, 'p', { autoFlush: false, now: () => at(99) });
    expect(c.state.totalReviews).toBe(3);
    expect(c.notices[0]).toMatch(/^Your progress file was unreadable \(progress\.totalReviews: .*\)\. It was moved to /);
  });

  it('reads a snapshot without a hash (hand-written or older) by validating it', async () => {
    const dir = tempDir();
    const a = await openProgressStore(dir, 'p', { autoFlush: false });
    a.record(reviewEvent('q1', at(1)));
    await a.close();
    const text = readFileSync(paths(dir).snap, 'utf8');
    const plain = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as Record<string, unknown>).filter(([k]) => k !== 'integrity')), null, 2);
    expect(isIntact(plain)).toBe(false);
    writeFileSync(paths(dir).snap, plain);
    const b = await openProgressStore(dir, 'p', { autoFlush: false });
    expect(b.state.totalReviews).toBe(1);
    expect(b.notices).toEqual([]);
    expect(Object.keys(b.state.items)).toEqual(['q1']);
  });

  it('refuses a snapshot from a newer version and leaves it untouched', async () => {
    const dir = tempDir();
    const a = await openProgressStore(dir, 'p', { autoFlush: false });
    await a.close();
    const newer = JSON.stringify({ schema: 99, packId: 'p' });
    writeFileSync(paths(dir).snap, newer);
    await expect(openProgressStore(dir, 'p', { autoFlush: false })).rejects.toThrow(/written by a newer examdrill \(schema 99\)/);
    expect(readFileSync(paths(dir).snap, 'utf8')).toBe(newer);
  });

  it('migrates older snapshot versions step by step', () => {
    const migrations = { 1: (d: Record<string, unknown>) => ({ ...d, added: true }), 2: (d: Record<string, unknown>) => ({ ...d, renamed: d.old }) };
    expect(migrateSnapshot({ schema: 1, old: 'x' }, migrations, 3)).toEqual({ data: { schema: 3, old: 'x', added: true, renamed: 'x' } });
    expect(migrateSnapshot({ schema: 0 }, migrations, 3)).toEqual({ error: 'no migration from schema 0' });
    expect(migrateSnapshot({ schema: 4 }, migrations, 3)).toEqual({ newer: 4 });
    expect(migrateSnapshot('nope', migrations, 3)).toEqual({ error: 'not a JSON object' });
  });

  it('ends a torn last line, skips it with a notice, and keeps every whole event', async () => {
    const dir = tempDir();
    const a = await openProgressStore(dir, 'p', { autoFlush: false });
    a.record(reviewEvent('q1', at(1)));
    appendFileSync(paths(dir).log, '{"id":"torn","type":"rev');
    const b = await openProgressStore(dir, 'p', { autoFlush: false });
    expect(b.notices).toEqual([`1 unreadable line in the review log ${paths(dir).log} was skipped (kept in the file).`]);
    b.record(reviewEvent('q2', at(2)));
    const c = await openProgressStore(dir, 'p', { autoFlush: false });
    expect(c.state.totalReviews).toBe(2);
    expect(readFileSync(paths(dir).log, 'utf8')).toContain('{"id":"torn","type":"rev\n');
  });

  it('serialises snapshot writes: flushes called while one is writing do not write at once', async () => {
    const dir = tempDir();
    const a = await openProgressStore(dir, 'p', { autoFlush: false });
    for (let i = 0; i < 3000; i += 1) a.record(reviewEvent(`q${i}`, at(i % 60)));
    const first = a.flush();
    const waiting = [a.flush(), a.flush()];
    a.record(reviewEvent('late', at(59)));
    await expect(Promise.all([first, ...waiting])).resolves.toBeDefined();
    await a.close();
    const b = await openProgressStore(dir, 'p', { autoFlush: false });
    expect(b.state.totalReviews).toBe(3001);
    expect(readdirSync(join(dir, 'progress', 'p')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps rolling backups of the snapshot', async () => {
    const dir = tempDir();
    const a = await openProgressStore(dir, 'p', { autoFlush: false, today: () => '2026-11-01' });
    for (let i = 0; i < 6; i += 1) {
      a.record(reviewEvent(`q${i}`, at(i)));
      await a.flush();
    }
    const backups = readdirSync(join(dir, 'progress', 'p', 'backups')).sort();
    expect(backups.filter((b) => b.startsWith('recent-'))).toHaveLength(3);
    expect(backups.filter((b) => b.startsWith('daily-'))).toEqual(['daily-2026-11-01.json']);
  });

  it('turns EACCES, ENOSPC and EBUSY into a clear error and records nothing', async () => {
    for (const [code, pattern] of [
      ['ENOSPC', /^the disk is full: could not save progress to .*log\.[0-9a-f]+\.jsonl$/],
      ['EACCES', /^permission denied writing progress to .*log\.[0-9a-f]+\.jsonl$/],
      ['EBUSY', /^the progress file .*log\.[0-9a-f]+\.jsonl is locked by another program$/],
    ] as const) {
      const dir = tempDir();
      let failing = false;
      const fs: StoreFs = { ...nodeFs, writeSync: (fd, data) => {
        if (failing) throw Object.assign(new Error(code), { code });
        return nodeFs.writeSync(fd, data);
      } };
      const store = await openProgressStore(dir, 'p', { autoFlush: false, fs });
      store.record(reviewEvent('q1', at(1)));
      failing = true;
      let error: unknown;
      try {
        store.record(reviewEvent('q2', at(2)));
      } catch (e) {
        error = e;
      }
      expect(error, code).toBeInstanceOf(ProgressAccessError);
      expect((error as Error).message).toMatch(pattern);
      expect((error as ProgressAccessError).hint).toMatch(/nothing was lost|every earlier answer is saved/);
      expect(store.state.totalReviews).toBe(1);
      const reopened = await openProgressStore(dir, 'p', { autoFlush: false });
      expect(reopened.state.totalReviews).toBe(1);
    }
  });

  it('reports an unwritable data dir when opening', async () => {
    const fs: StoreFs = { ...nodeFs, mkdirSync: () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    } };
    await expect(openProgressStore(tempDir(), 'p', { fs })).rejects.toThrow(/^permission denied writing progress to /);
  });
});

describe('the snapshot lock', () => {
  it('is exclusive while its owner lives and taken over when the owner is dead', async () => {
    const dir = tempDir();
    const lock = join(dir, 'state.json.lock');
    const release = tryLock(nodeFs, lock, process.pid);
    expect(release).toBeTypeOf('function');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)']);
    writeFileSync(lock, String(child.pid));
    expect(tryLock(nodeFs, lock, process.pid)).toBeUndefined();
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const taken = tryLock(nodeFs, lock, process.pid);
    expect(taken).toBeTypeOf('function');
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    taken!();
    expect(existsSync(lock)).toBe(false);
  });

  it('respects a lock file whose owner has not written its pid yet, and takes it over once it is old', () => {
    const dir = tempDir();
    const lock = join(dir, 'state.json.lock');
    // Another process between creating the file and writing its pid: an empty file, just made.
    writeFileSync(lock, '');
    const made = nodeFs.statSync(lock)!.mtimeMs;
    expect(tryLock(nodeFs, lock, process.pid, made + EMPTY_LOCK_GRACE_MS - 1)).toBeUndefined();
    expect(readFileSync(lock, 'utf8')).toBe('');
    // Still empty long after: its owner died in between.
    const taken = tryLock(nodeFs, lock, process.pid, made + EMPTY_LOCK_GRACE_MS + 1);
    expect(taken).toBeTypeOf('function');
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    taken!();
  });
});

describe('several processes on one data dir', () => {
  let child = '';
  beforeAll(async () => {
    child = await bundleForChild(join(import.meta.dirname, '..', '..', 'helpers', 'store-child.ts'));
  }, 60_000);

  const run = (dir: string, tag: string, count: number, flushEvery: number) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const p = spawn(process.execPath, [child, dir, 'p', tag, String(count), String(flushEvery)]);
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.on('exit', (code) => resolve({ code, out }));
    });

  it("folds in another writer's answers as they appear, validating them, and skips one that is not an event", async () => {
    const dir = tempDir();
    const a = await openProgressStore(dir, 'p', { autoFlush: false });
    const b = await openProgressStore(dir, 'p', { autoFlush: false });
    a.record(reviewEvent('q1', at(1)));
    b.record(reviewEvent('q2', at(2)));
    appendFileSync(paths(dir).log, `${JSON.stringify({ type: 'review', id: 'not-an-event' })}\n`);
    b.record(reviewEvent('q3', at(3)));
    a.sync();
    await vi.waitFor(() => expect(a.state.totalReviews).toBe(3));
    expect(Object.keys(a.state.items).sort()).toEqual(['q1', 'q2', 'q3']);
    // b met a's q1 before writing q3, and skipped the line that is not an event.
    b.sync();
    await vi.waitFor(() => expect(b.state.totalReviews).toBe(3));
    await a.close(); // one after the other: in one process, both would write the same temp file
    await b.close();
    const c = await openProgressStore(dir, 'p', { autoFlush: false });
    expect(c.state.totalReviews).toBe(3);
  });

  it("ends another writer's torn last line before appending, so the next answer is not glued to it", async () => {
    const dir = tempDir();
    const a = await openProgressStore(dir, 'p', { autoFlush: false });
    a.record(reviewEvent('q1', at(1)));
    // A writer killed half-way through its line, after this store opened.
    const half = JSON.stringify({ ...reviewEvent('q9', at(9)), id: 'torn' });
    appendFileSync(paths(dir).log, half.slice(0, 40));
    a.record(reviewEvent('q2', at(2)));
    await a.close();
    const b = await openProgressStore(dir, 'p', { autoFlush: false });
    expect(Object.keys(b.state.items).sort()).toEqual(['q1', 'q2']);
    expect(b.state.totalReviews).toBe(2);
    await b.close();
  });

  it('two writers at once lose nothing', async () => {
    const dir = tempDir();
    const [a, b] = await Promise.all([run(dir, 'a', 300, 25), run(dir, 'b', 300, 25)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const store = await openProgressStore(dir, 'p', { autoFlush: false });
    expect(store.state.totalReviews).toBe(600);
    // Every answer is one whole line. A blank line may be met where one writer saw the other's
    // append half-landed for longer than it waits (under heavy load): readers pass over it.
    const lines = readFileSync(paths(dir).log, 'utf8').split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(600);
    expect(new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id)).size).toBe(600);
  }, 60_000);

  it('a writer killed with SIGKILL at 100 random moments never loses a whole answer or corrupts the store', async () => {
    const dir = tempDir();
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 100; i += 1) {
      await new Promise<void>((resolve) => {
        const p = spawn(process.execPath, [child, dir, 'p', `k${i}`, '400', '7']);
        p.stdout.once('data', () => setTimeout(() => p.kill('SIGKILL'), Math.floor(random() * 40)));
        p.on('exit', () => resolve());
      });
      const store = await openProgressStore(dir, 'p', { autoFlush: false });
      const whole = readFileSync(paths(dir).log, 'utf8').split('\n').filter((l) => {
        try {
          JSON.parse(l);
          return true;
        } catch {
          return false;
        }
      }).length;
      expect(store.state.totalReviews, `after kill ${i + 1}`).toBe(whole);
      await store.close();
    }
  }, 120_000);
});
