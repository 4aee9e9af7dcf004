import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../src/domain/progress/events.js';
import { diffProgress, foldInOrder } from '../../../src/domain/progress/order.js';
import { applyEvent, emptyProgress } from '../../../src/domain/progress/state.js';
import { checkProgress } from '../../../src/store/progress/progress-check.js';
import { openProgressStore } from '../../../src/store/progress/progress-store.js';
import { reviewEvent } from '../../helpers/events.js';
import { progressFiles } from '../../helpers/progress-files.js';
import { tempDir } from '../../helpers/run-cli.js';

const logOf = (dir: string) =>
  readFileSync(progressFiles(dir, 'p').log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ProgressEvent);

describe('two stores on one data dir, appending in turns with clocks that disagree', () => {
  it.each([1, 2, 3, 4, 5])('hold, and leave in the snapshot, the state of the log folded in time order (seed %i)', async (start) => {
    let seed = start;
    const random = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n);
    const dir = tempDir();
    const stores = [await openProgressStore(dir, 'p', { autoFlush: false }), await openProgressStore(dir, 'p', { autoFlush: false })];
    for (let step = 0; step < 60; step += 1) {
      // Unique times (the milliseconds are the step), in an order the writers do not follow.
      const at = new Date(Date.UTC(2026, 10, 1, 8, 0, 0, step) + 1000 * random(40));
      const writer = stores[random(2)]!;
      writer.record(reviewEvent(`q${random(4)}`, at, random(3) === 0 ? { correct: false, chosen: [random(4)] } : {}));
      if (random(5) === 0) stores[random(2)]!.sync();
      if (random(8) === 0) await stores[random(2)]!.flush();
    }
    const log = logOf(dir);
    const rebuilt = foldInOrder(log);
    for (const store of stores) {
      store.sync();
      await expect.poll(() => store.state.totalReviews).toBe(60);
      expect(diffProgress(rebuilt, store.state)).toEqual([]);
    }
    await stores[0]!.close();
    await stores[1]!.close();
    const check = await checkProgress(dir, 'p');
    expect(check.snapshotProblem).toBeUndefined();
    expect(check.differences).toEqual([]);
    // The same answers given to one writer in time order give the same state.
    const single = await openProgressStore(tempDir(), 'p', { autoFlush: false });
    for (const { id: _id, ...event } of [...log].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) single.record(event);
    expect(diffProgress(single.state, rebuilt)).toEqual([]);
    // ...and the log's line order alone would not have (the test would prove nothing otherwise).
    const inLineOrder = emptyProgress();
    for (const event of log) applyEvent(inLineOrder, event);
    expect(diffProgress(inLineOrder, rebuilt)).not.toEqual([]);
    await single.close();
  });
});
