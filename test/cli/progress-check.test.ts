import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/domain/progress/events.js';
import { applyEvent, emptyProgress } from '../../src/domain/progress/state.js';
import { nodeFs } from '../../src/store/progress/file-system.js';
import { openProgressStore } from '../../src/store/progress/progress-store.js';
import { SnapshotAdapter } from '../../src/store/progress/snapshot-adapter.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../../src/store/progress/snapshot-version.js';
import { reviewEvent } from '../helpers/events.js';
import { runCli, tempDir } from '../helpers/run-cli.js';
import { progressFiles } from '../helpers/progress-files.js';

const PACK = 'aws-dop-c02';
const at = (s: number) => new Date(Date.UTC(2026, 10, 1, 8, 0, s));
const files = (dir: string) => progressFiles(dir, PACK);
const check = (dir: string, ...flags: string[]) => runCli(['progress', 'check', '--pack', PACK, ...flags], { env: { EXAMDRILL_DATA_DIR: dir } });

/** A data dir whose store recorded these answers, in this order, and wrote its snapshot. */
async function dataDir(answers: readonly [string, number, boolean][]): Promise<string> {
  const dir = tempDir();
  const store = await openProgressStore(dir, PACK, { autoFlush: false });
  for (const [item, s, correct] of answers) store.record(reviewEvent(item, at(s), correct ? {} : { correct: false, chosen: [1] }));
  await store.close();
  return dir;
}

describe('examdrill progress check', () => {
  it('reports a data dir whose answers came in time order as consistent, in text and JSON', async () => {
    const dir = await dataDir([
      ['q1', 1, true],
      ['q2', 2, false],
      ['q1', 3, false],
    ]);
    const text = await check(dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^consistent: the snapshot equals the rebuild from 3 events in /);
    const json = await check(dir, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ pack: PACK, events: 3, consistent: true, differences: [], repaired: false });
  });

  it('lists the fields of a snapshot folded out of order, repairs it from the log, and never touches the log', async () => {
    // The later answer (at 5 s, right) was appended before the earlier one (at 2 s, wrong), as a
    // second writer's older line read late. The store folds it in the log's order...
    const dir = await dataDir([
      ['q1', 1, true],
      ['q1', 5, true],
      ['q1', 2, false],
      ['q2', 3, true],
    ]);
    expect((await check(dir)).code).toBe(0);
    // ...but a snapshot folded in line order (as stores did before) ends on the wrong answer.
    const log = readFileSync(files(dir).log);
    const inLineOrder = emptyProgress();
    for (const line of log.toString('utf8').trim().split('\n')) applyEvent(inLineOrder, JSON.parse(line) as ProgressEvent);
    const adapter = new SnapshotAdapter(files(dir).snap, nodeFs, () => '2026-11-01');
    await adapter.write({ schema: SNAPSHOT_SCHEMA_VERSION, packId: PACK, logBytes: log.length, writtenAt: at(9).toISOString(), progress: inLineOrder });
    expect(adapter.lastWrite).toBe('written');
    const found = await check(dir, '--json');
    expect(found.code).toBe(3);
    const report = JSON.parse(found.stdout) as { consistent: boolean; differences: { path: string; snapshot: { lastAt: string }; rebuild: { lastAt: string } }[] };
    expect(report.consistent).toBe(false);
    expect(report.differences.map((d) => d.path)).toEqual(['items.q1']);
    expect(report.differences[0]!.snapshot.lastAt).toBe(at(2).toISOString());
    expect(report.differences[0]!.rebuild.lastAt).toBe(at(5).toISOString());
    const text = await check(dir);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain('inconsistent: 1 field of the snapshot differs from the rebuild from 4 events');
    expect(text.stdout).toContain(`  items.q1.lastAt: snapshot "${at(2).toISOString()}", rebuild "${at(5).toISOString()}"\n`);
    expect(text.stdout).toContain('progress check --repair');

    const repaired = await check(dir, '--repair');
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain('repaired: ');
    expect((await check(dir)).code).toBe(0);
    expect(readFileSync(files(dir).log).equals(log)).toBe(true);
    // The repaired snapshot is one the store reads as is, with the rebuilt state.
    const store = await openProgressStore(dir, PACK, { autoFlush: false });
    expect(store.state.items.q1?.lastAt).toBe(at(5).toISOString());
    expect(store.notices).toEqual([]);
    await store.close();
  });

  it('names each tampered field of a hand-edited snapshot: totals, days, misconceptions, settings', async () => {
    const dir = await dataDir([
      ['q1', 1, false],
      ['q2', 2, true],
    ]);
    const log = readFileSync(files(dir).log);
    const snap = JSON.parse(readFileSync(files(dir).snap, 'utf8')) as { progress: { totalReviews: number; days: Record<string, { reviews: number }>; misconceptions: Record<string, number>; settings: Record<string, unknown> } };
    snap.progress.totalReviews = 7;
    snap.progress.days['2026-11-01']!.reviews = 9;
    snap.progress.misconceptions['q2#0'] = 1;
    snap.progress.settings.retention = 0.8;
    writeFileSync(files(dir).snap, JSON.stringify(snap));
    const found = await check(dir, '--json');
    expect(found.code).toBe(3);
    const paths = (JSON.parse(found.stdout) as { differences: { path: string }[] }).differences.map((d) => d.path);
    expect(paths).toEqual(['days.2026-11-01', 'misconceptions.q2#0', 'settings.retention', 'totalReviews']);
    expect((await check(dir, '--repair')).code).toBe(0);
    const after = JSON.parse((await check(dir, '--json')).stdout) as { consistent: boolean };
    expect(after.consistent).toBe(true);
    expect(readFileSync(files(dir).log).equals(log)).toBe(true);
  });

  it('calls a dir without a snapshot consistent (every open rebuilds it) and an unreadable one inconsistent', async () => {
    const dir = tempDir();
    const store = await openProgressStore(dir, PACK, { autoFlush: false });
    store.record(reviewEvent('q1', at(1)));
    const none = await check(dir);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('consistent: no snapshot');
    await store.close();
    writeFileSync(files(dir).snap, '{"schema":');
    const broken = await check(dir);
    expect(broken.code).toBe(3);
    expect(broken.stdout).toContain('inconsistent: the snapshot is unreadable');
    expect((await check(dir, '--repair')).code).toBe(0);
    expect((await check(dir)).stdout).toMatch(/^consistent: the snapshot equals/);
  });
});
