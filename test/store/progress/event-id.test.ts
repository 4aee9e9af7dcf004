import { describe, expect, it } from 'vitest';
import { nextEventId } from '../../../src/store/progress/event-id.js';

describe('event ids', () => {
  it('sort in the order they were made, within a millisecond and when the clock steps back', () => {
    const clock = [1_800_000_000_000, 1_800_000_000_000, 1_800_000_000_000, 1_799_999_000_000, 1_800_000_000_001];
    const ids = clock.map((ms) => nextEventId(ms));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stay distinct between processes: the part after the count is a random UUID', () => {
    expect(nextEventId()).toMatch(/^[0-9a-z]{11}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
