import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../src/domain/progress/events.js';
import { openProgressStore } from '../../src/store/progress/progress-store.js';
import { reviewEvent } from '../helpers/events.js';
import { deviceOf, progressFiles } from '../helpers/progress-files.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

const PACK = 'aws-dop-c02';
const at = (s: number) => new Date(Date.UTC(2026, 10, 1, 8, 0, s));
const env = (dir: string) => ({ EXAMDRILL_DATA_DIR: dir });
const setting = (value: string, s: number): NewEvent => ({ type: 'settings', key: 'examDate', value, at: at(s).toISOString(), day: '2026-11-01' });

/** A machine: a data dir whose store recorded these events. */
async function machine(events: readonly NewEvent[]): Promise<string> {
  const dir = tempDir();
  const store = await openProgressStore(dir, PACK, { autoFlush: false });
  for (const e of events) store.record(e);
  await store.close();
  return dir;
}

/** The sync tool: copies a machine's own log into another machine's folder. */
const deliver = (from: string, to: string) => copyFileSync(progressFiles(from, PACK).log, join(progressFiles(to, PACK).dir, basename(progressFiles(from, PACK).log)));

describe('examdrill sync status', () => {
  it('lists both devices with their events and last answers, and a settings change the other device replaced; stats says so too', async () => {
    const laptop = await machine([reviewEvent('q1', at(1)), setting('2027-03-15', 2), reviewEvent('q2', at(5))]);
    const desktop = await machine([reviewEvent('q3', at(3)), setting('2027-04-01', 4)]);
    deliver(desktop, laptop);
    const r = await runCli(['sync', 'status', '--pack', PACK], { env: env(laptop) });
    expect(r.code).toBe(0);
    const [l, d] = [deviceOf(laptop), deviceOf(desktop)];
    expect(r.stdout).toContain(`this device ${l}: 3 events, last answer 2026-11-01 08:00 UTC\n`);
    expect(r.stdout).toContain(`device ${d}: 2 events, last answer 2026-11-01 08:00 UTC\n`);
    expect(r.stdout).toContain(`setting exam-date: "2027-04-01" from device ${d} replaced "2027-03-15" from device ${l} (the last change wins)`);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('complete: every log was read to its end');
    const json = JSON.parse((await runCli(['sync', 'status', '--pack', PACK, '--json'], { env: env(laptop) })).stdout) as { complete: boolean; devices: { device: string; thisDevice: boolean; events: number; lastAnswerAt: string }[] };
    expect(json.complete).toBe(true);
    expect(json.devices.map((x) => [x.device, x.thisDevice, x.events, x.lastAnswerAt])).toEqual([
      [l, true, 3, at(5).toISOString()],
      [d, false, 2, at(3).toISOString()],
    ]);
    const stats = await runCli(['stats', '--pack', PACK], { env: env(laptop) });
    expect(stats.stdout).toContain(`setting exam-date: "2027-04-01" from device ${d} replaced "2027-03-15" from device ${l} (the last change wins)`);
    // One machine alone has nothing to say about it.
    expect((await runCli(['stats', '--pack', PACK], { env: env(desktop) })).stdout).not.toContain('setting exam-date');
  });

  it('says the view is incomplete (exit 3) while a delivered log is torn, and complete once it is whole', async () => {
    const laptop = await machine([reviewEvent('q1', at(1))]);
    const desktop = await machine([reviewEvent('q2', at(2)), reviewEvent('q3', at(3))]);
    const text = readFileSync(progressFiles(desktop, PACK).log, 'utf8');
    const copy = join(progressFiles(laptop, PACK).dir, basename(progressFiles(desktop, PACK).log));
    writeFileSync(copy, text.slice(0, text.length - 25));
    const torn = await runCli(['sync', 'status', '--pack', PACK], { env: env(laptop) });
    expect(torn.code).toBe(3);
    expect(torn.stdout).toContain(`device ${deviceOf(desktop)}: 1 event,`);
    expect(torn.stdout).toMatch(/incomplete: .*ends in half a line \(\d+ bytes\): being written by the sync tool\? Read again later/);
    appendFileSync(copy, text.slice(text.length - 25));
    const whole = await runCli(['sync', 'status', '--pack', PACK], { env: env(laptop) });
    expect(whole.code).toBe(0);
    expect(whole.stdout).toContain(`device ${deviceOf(desktop)}: 2 events,`);
  });
});
