/**
 * Event ids that sort in the order this process made them. The log's order is an event's `at`,
 * then its id (see domain/progress/order.ts), so two events of one millisecond (`!` then `u` in a
 * fast session, or every event under a fixed test clock) must not fold in another order when the
 * state is rebuilt from the log than they did live. A random UUID alone gives no such promise.
 *
 * An id is a fixed-width base-36 count of microseconds, never smaller than the last one given
 * (so a clock stepping back cannot reorder), then a random UUID that keeps ids of different
 * processes and devices distinct.
 */
import { randomUUID } from 'node:crypto';

/** Wide enough for microsecond counts until the year 5000 or so: 36^11 > 9.6e16. */
const WIDTH = 11;
let last = 0;

/** A new event id, greater (as a string) than every id this process made before. */
export function nextEventId(nowMs: number = Date.now()): string {
  last = Math.max(Math.floor(nowMs * 1000), last + 1);
  return `${last.toString(36).padStart(WIDTH, '0')}-${randomUUID()}`;
}
