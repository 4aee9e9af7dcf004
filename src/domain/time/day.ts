/**
 * Days as learners count them: a day starts at 4 a.m. local time (as in Anki), so a late-night
 * session still counts for the evening. The local offset is a parameter, so this stays pure.
 */

/** Minutes east of UTC at a given instant (for a real clock: `d => -d.getTimezoneOffset()`). */
export type OffsetFn = (at: Date) => number;

export const DAY_START_HOUR = 4;
const DAY_MS = 86_400_000;

/** The learner's day an instant falls in, as YYYY-MM-DD. */
export function dayKey(at: Date, offset: OffsetFn): string {
  const shifted = new Date(at.getTime() + offset(at) * 60_000 - DAY_START_HOUR * 3_600_000);
  return shifted.toISOString().slice(0, 10);
}

/** The instant a learner's day (YYYY-MM-DD) starts: 4 a.m. local. */
export function dayStart(day: string, offset: OffsetFn): Date {
  const guess = new Date(`${day}T${String(DAY_START_HOUR).padStart(2, '0')}:00:00.000Z`);
  // Apply the offset in force at (about) that local time; twice settles DST edges.
  let at = new Date(guess.getTime() - offset(guess) * 60_000);
  at = new Date(guess.getTime() - offset(at) * 60_000);
  return at;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00.000Z`);
  return new Date(d.getTime() + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from day `a` to day `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / DAY_MS);
}

/** UTC, for tests and for a data dir shared across zones. */
export const utcOffset: OffsetFn = () => 0;
