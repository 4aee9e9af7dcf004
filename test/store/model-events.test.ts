import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProgressStore } from '../../src/store/progress/progress-store.js';
import { modelEvent, readModelEvents } from '../../src/store/scheduler/review-history.js';
import { reviewEvents, simulate } from '../helpers/simulated-learner.js';
import { tempDir } from '../helpers/run-cli.js';

describe('the lean model reader', () => {
  it('reads what the model needs of every answer, and skips lines that lack it', async () => {
    const dir = tempDir();
    const store = await openProgressStore(dir, 'p', { autoFlush: false });
    store.recordMany(reviewEvents(simulate({ items: 5, perItem: 3, seed: 1 })));
    const packDir = store.dir;
    await store.close();
    const log = readdirSync(packDir).find((n) => n.startsWith('log'))!;
    // A rating out of range, a review without a day, and an unknown type: none is an answer.
    const bad = [
      { id: 'x1', at: '2026-02-01T10:00:00.000Z', day: '2026-02-01', type: 'review', item: 'q0', mode: 'study', rating: 7, after: null },
      { id: 'x2', at: '2026-02-01T10:00:00.000Z', type: 'review', item: 'q0', mode: 'study', rating: 3, after: {} },
      { id: 'x3', at: '2026-02-01T10:00:00.000Z', day: '2026-02-01', type: 'mystery' },
    ];
    appendFileSync(join(packDir, log), bad.map((b) => `${JSON.stringify(b)}\n`).join(''));
    const events = readModelEvents(packDir);
    expect(events).toHaveLength(15);
    const first = events[0]!;
    expect(first).toMatchObject({ type: 'review', mode: 'study' });
    expect(Object.keys(first).sort()).toEqual(['after', 'at', 'day', 'id', 'item', 'mode', 'rating', 'type']);
    expect(() => modelEvent(bad[0])).toThrow();
    expect(() => modelEvent({ ...bad[0], rating: 3 })).not.toThrow();
  });
});
