/**
 * Sync as it is used: data dirs as machines, answers on each, the sync tool copying logs between
 * them in every order (a copy torn mid-line too), three devices of 500 answers each. Every machine ends with the state of one machine
 * that made all the answers in time order.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../src/domain/progress/events.js';
import { compareEvents, diffProgress } from '../../../src/domain/progress/order.js';
import type { ProgressState } from '../../../src/domain/progress/state.js';
import { checkProgress } from '../../../src/store/progress/progress-check.js';
import { openProgressStore, type ProgressStore } from '../../../src/store/progress/progress-store.js';
import { reviewEvent } from '../../helpers/events.js';
import { progressFiles } from '../../helpers/progress-files.js';
import { tempDir } from '../../helpers/run-cli.js';

const PACK = 'p';
const at = (ms: number) => new Date(Date.UTC(2026, 10, 1, 8, 0, 0, ms));

/** Every event of every log in a folder, each once. */
function eventsIn(folder: string): ProgressEvent[] {
  const byId = new Map<string, ProgressEvent>();
  for (const name of readdirSync(folder).filter((n) => /^log.*\.jsonl$/.test(n))) {
    for (const line of readFileSync(join(folder, name), 'utf8').split('\n')) {
      try {
        const e = JSON.parse(line) as ProgressEvent;
        byId.set(e.id, e);
      } catch {
        // a torn last line
      }
    }
  }
  return [...byId.values()];
}

/** The state of one machine that made these answers itself, in time order. */
async function singleMachine(events: readonly ProgressEvent[]): Promise<ProgressState> {
  const store = await openProgressStore(tempDir(), PACK, { autoFlush: false });
  for (const { id: _id, ...e } of [...events].sort(compareEvents)) store.record(e);
  await store.close();
  return store.state;
}

/**
 * The sync tool: copies each log the sender has to the receiver, when the sender's copy is
 * longer (logs only grow), never over the receiver's own log. `torn` cuts the copy mid-line.
 */
function copyLogs(from: string, to: string, torn = false): void {
  const src = progressFiles(from, PACK);
  const dst = progressFiles(to, PACK);
  const own = dst.log.split('/').pop();
  for (const name of readdirSync(src.dir).filter((n) => /^log\..*\.jsonl$/.test(n) && n !== own)) {
    const target = join(dst.dir, name);
    const have = existsSync(target) ? statSync(target).size : 0;
    const text = readFileSync(join(src.dir, name));
    if (text.length <= have) continue;
    if (!torn) copyFileSync(join(src.dir, name), target);
    else writeFileSync(target, text.subarray(0, have + Math.max(1, Math.floor((text.length - have) / 2))));
  }
}

type Op = { kind: 'answer'; machine: number; item: number; ms: number; correct: boolean } | { kind: 'copy'; from: number; to: number; torn: boolean } | { kind: 'reopen'; machine: number };

const opArb = (machines: number): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('answer' as const), machine: fc.nat(machines - 1), item: fc.nat(7), ms: fc.nat(600_000), correct: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('copy' as const), from: fc.nat(machines - 1), to: fc.nat(machines - 1), torn: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), machine: fc.nat(machines - 1) }) },
  );

/** Runs the ops on `machines` data dirs, then syncs everything both ways, and checks. */
async function run(machines: number, ops: readonly Op[]): Promise<void> {
  const dirs = Array.from({ length: machines }, () => tempDir());
  const stores: ProgressStore[] = [];
  for (const d of dirs) stores.push(await openProgressStore(d, PACK, { autoFlush: false }));
  let n = 0;
  for (const op of ops) {
    if (op.kind === 'answer') {
      // Unique times (the op's index in the milliseconds): the clocks of the machines disagree.
      n += 1;
      stores[op.machine]!.record(reviewEvent(`q${op.item}`, at(op.ms * 1000 + n), op.correct ? {} : { correct: false, chosen: [op.item % 4] }));
    } else if (op.kind === 'copy') {
      if (op.from === op.to) continue;
      copyLogs(dirs[op.from]!, dirs[op.to]!, op.torn);
      stores[op.to]!.sync();
    } else {
      await stores[op.machine]!.close();
      stores[op.machine] = await openProgressStore(dirs[op.machine]!, PACK, { autoFlush: false });
    }
  }
  // The sync tool catches up: every machine gets every log, whole.
  for (let round = 0; round < 2; round += 1) for (const from of dirs.keys()) for (const to of dirs.keys()) if (from !== to) copyLogs(dirs[from]!, dirs[to]!);
  const all = eventsIn(progressFiles(dirs[0]!, PACK).dir);
  expect(all).toHaveLength(n);
  const expected = await singleMachine(all);
  for (const [i, store] of stores.entries()) {
    store.sync();
    await expect.poll(() => store.state.totalReviews).toBe(n);
    expect(diffProgress(expected, store.state), `machine ${i}, live`).toEqual([]);
    await store.close();
    const check = await checkProgress(dirs[i]!, PACK);
    expect(check.differences, `machine ${i}, snapshot`).toEqual([]);
    expect(check.events).toBe(n);
  }
}

describe('machines syncing through a folder', () => {
  it('answers on two machines, logs copied both ways in every order, some copies torn mid-line: both end with the state of one machine', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb(2), { minLength: 10, maxLength: 80 }), (ops) => run(2, ops)),
      { seed: 16, numRuns: 25, endOnFailure: true },
    );
  }, 60_000);

  it('3 devices x 500 answers in random interleavings give one identical state', async () => {
    const interleaving = fc.array(fc.record({ machine: fc.nat(2), syncTo: fc.option(fc.nat(2), { freq: 8 }), torn: fc.boolean(), ms: fc.nat(3_000_000), item: fc.nat(40), correct: fc.boolean() }), { minLength: 1500, maxLength: 1500 });
    await fc.assert(
      fc.asyncProperty(interleaving, async (steps) => {
        // Exactly 500 answers per device: the interleaving decides the order and the syncs.
        const count = [0, 0, 0];
        const ops: Op[] = [];
        for (const s of steps) {
          const machine = count[s.machine]! < 500 ? s.machine : count.findIndex((c) => c < 500);
          count[machine]! += 1;
          ops.push({ kind: 'answer', machine, item: s.item, ms: s.ms, correct: s.correct });
          if (s.syncTo !== null) ops.push({ kind: 'copy', from: machine, to: s.syncTo, torn: s.torn });
        }
        expect(count).toEqual([500, 500, 500]);
        await run(3, ops);
      }),
      { seed: 500, numRuns: 2, endOnFailure: true },
    );
  }, 120_000);
});
