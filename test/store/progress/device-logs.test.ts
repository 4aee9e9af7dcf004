import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../src/domain/progress/events.js';
import { diffProgress, foldInOrder } from '../../../src/domain/progress/order.js';
import { checkProgress } from '../../../src/store/progress/progress-check.js';
import { openProgressStore, ProgressAccessError } from '../../../src/store/progress/progress-store.js';
import { reviewEvent } from '../../helpers/events.js';
import { deviceOf, progressFiles } from '../../helpers/progress-files.js';
import { tempDir } from '../../helpers/run-cli.js';

const at = (s: number) => new Date(Date.UTC(2026, 10, 1, 8, 0, s));
const eventsOf = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ProgressEvent);

/** A second machine's data dir whose log of pack `p` holds reviews at the given seconds. */
async function otherMachine(seconds: readonly number[], item = (s: number) => `q${s % 3}`): Promise<{ dir: string; log: string; name: string }> {
  const dir = tempDir();
  const store = await openProgressStore(dir, 'p', { autoFlush: false });
  for (const s of seconds) store.record(reviewEvent(item(s), at(s), { correct: s % 2 === 0, chosen: [s % 4] }));
  await store.close();
  const log = progressFiles(dir, 'p').log;
  return { dir, log, name: log.split('/').pop()! };
}

describe('per-device logs in one pack folder', () => {
  it('gives each data dir a random device id, never the host name, kept across opens', async () => {
    const a = tempDir();
    const b = tempDir();
    const store = await openProgressStore(a, 'p', { autoFlush: false });
    store.record(reviewEvent('q1', at(1)));
    await store.close();
    const first = deviceOf(a);
    await (await openProgressStore(a, 'p', { autoFlush: false })).close();
    await (await openProgressStore(b, 'p', { autoFlush: false })).close();
    expect(first).toMatch(/^[0-9a-f]{12}$/);
    expect(deviceOf(a)).toBe(first);
    expect(deviceOf(b)).not.toBe(first);
    expect(first).not.toContain(hostname());
    expect(readdirSync(join(a, 'progress', 'p')).sort()).toEqual([`log.${first}.jsonl`, `state.${first}.json`]);
  });

  it('reads the union of all logs in time order: another device answers earlier arriving later are placed at their time', async () => {
    const other = await otherMachine([1, 3, 5, 7]);
    const dir = tempDir();
    const store = await openProgressStore(dir, 'p', { autoFlush: false });
    for (const s of [2, 4, 6, 8]) store.record(reviewEvent(`q${s % 3}`, at(s), { correct: s % 3 === 0, chosen: [1] }));
    await store.flush();
    // The sync tool delivers the other device's log.
    copyFileSync(other.log, join(store.dir, other.name));
    store.sync();
    await expect.poll(() => store.state.totalReviews).toBe(8);
    const all = [...eventsOf(progressFiles(dir, 'p').log), ...eventsOf(join(store.dir, other.name))];
    expect(diffProgress(foldInOrder(all), store.state)).toEqual([]);
    await store.close();
    // This device wrote only its own log; the other's is byte for byte what was copied.
    expect(readFileSync(join(store.dir, other.name)).equals(readFileSync(other.log))).toBe(true);
    const check = await checkProgress(dir, 'p');
    expect(check.events).toBe(8);
    expect(check.differences).toEqual([]);
    expect(check.snapshotProblem).toBeUndefined();
    const reopened = await openProgressStore(dir, 'p', { autoFlush: false });
    expect(diffProgress(foldInOrder(all), reopened.state)).toEqual([]);
    await reopened.close();
  });

  it('folds in conflicted copies, counting each event once', async () => {
    const other = await otherMachine([1, 2, 3]);
    const dir = tempDir();
    const store = await openProgressStore(dir, 'p', { autoFlush: false });
    store.record(reviewEvent('q9', at(10)));
    await store.close();
    const folder = join(dir, 'progress', 'p');
    const id = other.name.slice(4, -6);
    copyFileSync(other.log, join(folder, other.name));
    // Syncthing's and Dropbox's copies: the same events, and one the original lacks.
    const extra = { ...reviewEvent('q7', at(4)), id: 'only-in-the-copy' };
    writeFileSync(join(folder, `log.${id}.sync-conflict-20261101-080000-ABCDEFG.jsonl`), `${readFileSync(other.log, 'utf8')}${JSON.stringify(extra)}\n`);
    copyFileSync(other.log, join(folder, `log.${id} (conflicted copy).jsonl`));
    const reopened = await openProgressStore(dir, 'p', { autoFlush: false });
    expect(reopened.state.totalReviews).toBe(5);
    expect(Object.keys(reopened.state.items).sort()).toEqual(['q0', 'q1', 'q2', 'q7', 'q9']);
    await reopened.close();
    expect((await checkProgress(dir, 'p')).differences).toEqual([]);
  });

  it("reads another device's torn last line up to its last whole line, and the rest once it is whole", async () => {
    const other = await otherMachine([1, 2, 3]);
    const dir = tempDir();
    const store = await openProgressStore(dir, 'p', { autoFlush: false });
    const text = readFileSync(other.log, 'utf8');
    const copy = join(store.dir, other.name);
    const cut = text.length - 30; // the sync tool is half-way through the last line
    writeFileSync(copy, text.slice(0, cut));
    store.sync();
    await expect.poll(() => store.state.totalReviews).toBe(2);
    await store.flush();
    appendFileSync(copy, text.slice(cut));
    store.sync();
    await expect.poll(() => store.state.totalReviews).toBe(3);
    await store.close();
    expect(readFileSync(copy, 'utf8')).toBe(text);
    expect((await checkProgress(dir, 'p')).differences).toEqual([]);
  });

  it('refuses a log line of a newer format with a clear message, and changes nothing', async () => {
    const dir = tempDir();
    const store = await openProgressStore(dir, 'p', { autoFlush: false });
    store.record(reviewEvent('q1', at(1)));
    await store.close();
    const future = join(dir, 'progress', 'p', 'log.0123456789ab.jsonl');
    const line = `${JSON.stringify({ v: 2, id: 'x', type: 'review', at: at(2).toISOString() })}\n`;
    writeFileSync(future, line);
    const error = await openProgressStore(dir, 'p', { autoFlush: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProgressAccessError);
    expect((error as Error).message).toBe(`the review log ${future} has lines of a newer format (log format 2; this examdrill reads 1)`);
    expect((error as ProgressAccessError).hint).toMatch(/^Upgrade examdrill on this machine \(another device, 0123456789ab, wrote it\); nothing was changed\.$/);
    expect(readFileSync(future, 'utf8')).toBe(line);
  });

  it('migrates a single log.jsonl (and its snapshot) to this device without losing a review', async () => {
    const dir = tempDir();
    const store = await openProgressStore(dir, 'p', { autoFlush: false });
    for (let s = 0; s < 40; s += 1) store.record(reviewEvent(`q${s % 7}`, at(s), { correct: s % 3 !== 0, chosen: [s % 4] }));
    await store.flush();
    for (let s = 40; s < 50; s += 1) store.record(reviewEvent(`q${s % 7}`, at(s))); // a tail after the snapshot
    await store.close();
    // A data dir as an examdrill before per-device logs left it: log.jsonl, and state.json
    // covering its first 40 reviews (a snapshot without `logs`), no device id yet.
    const { log, snap } = progressFiles(dir, 'p');
    const logText = readFileSync(log, 'utf8');
    const legacy = tempDir();
    const legacyFolder = join(legacy, 'progress', 'p');
    mkdirSync(legacyFolder, { recursive: true });
    writeFileSync(join(legacyFolder, 'log.jsonl'), logText);
    writeFileSync(join(legacyFolder, 'state.json'), readFileSync(snap, 'utf8').replace(/"logs":\{[^}]*\},/, ''));
    expect(readFileSync(join(legacyFolder, 'state.json'), 'utf8')).not.toContain('"logs"');

    const migrated = await openProgressStore(legacy, 'p', { autoFlush: false });
    const ids = eventsOf(log).map((e) => e.id);
    expect(migrated.state.totalReviews).toBe(50);
    expect(diffProgress(foldInOrder(eventsOf(log)), migrated.state)).toEqual([]);
    await migrated.close();
    const files = progressFiles(legacy, 'p');
    expect(existsSync(join(legacyFolder, 'log.jsonl'))).toBe(false);
    expect(existsSync(join(legacyFolder, 'state.json'))).toBe(false);
    expect(eventsOf(files.log).map((e) => e.id)).toEqual(ids);
    expect(readFileSync(files.log, 'utf8')).toBe(logText);
    expect((await checkProgress(legacy, 'p')).differences).toEqual([]);
  });
});
