/**
 * A retention what-if: the next days simulated with the learner's own memory states, once for
 * each desired retention, so the learner can weigh workload against recall before changing it.
 *
 * Monte Carlo, seeded: every seen item starts from its stored card; each day, every item due by
 * the day's end is reviewed, remembered with its recall probability at that moment (the FSRS
 * forgetting curve) and rated Good, or forgotten and rated Again (then relearnt the same day,
 * at most three times); new items are introduced at the new-per-day setting, with a first
 * answer right 3 times in 4. Fuzz as the learner has it. The result per retention: reviews per day (mean and
 * busiest day) and the expected recall, over all the pack's items, in the week up to the exam
 * date (or the last simulated week without one). Several runs are averaged. Pure: no clock, no I/O.
 */
import type { Pack } from '../pack/types.js';
import { schedulerSettings } from '../progress/settings.js';
import { effectiveSettings, type ProgressState } from '../progress/state.js';
import { hashString, randomSource } from '../random.js';
import { daysBetween, dayKey, dayStart, type OffsetFn } from '../time/day.js';
import { newCardState, recallProbability, schedule, type CardState, type SchedulerSettings } from '../scheduler/fsrs-adapter.js';

export const WHAT_IF_RETENTIONS = [0.8, 0.85, 0.9, 0.95] as const;
export const WHAT_IF_DAYS = 90;
const FIRST_ANSWER_RIGHT = 0.75;
const DAY_MS = 86_400_000;
const RECALL_WINDOW = 7;

export interface WhatIfInput {
  /** The memory state of every item seen so far. */
  readonly cards: readonly CardState[];
  /** Items not seen yet, introduced at `newPerDay`. */
  readonly unseen: number;
  readonly newPerDay: number;
  /** The simulation's first moment (the start of today). */
  readonly start: Date;
  /** Days from `start` to the exam, when it falls inside the simulated days. */
  readonly examInDays: number | null;
  readonly settings: SchedulerSettings;
  readonly days?: number;
  readonly runs?: number;
  readonly seed?: number;
}

export interface WhatIfRow {
  readonly retention: number;
  readonly reviewsPerDay: number;
  readonly busiestDay: number;
  /** Mean recall probability over all items (unseen ones count 0) on the target day. */
  readonly recallOnTarget: number;
}

export interface WhatIf {
  readonly days: number;
  /** The day recall is measured on: the exam (days from today) or the last simulated day. */
  readonly targetDay: number;
  readonly targetIsExam: boolean;
  readonly rows: readonly WhatIfRow[];
}

export function simulateRetentions(input: WhatIfInput, retentions: readonly number[] = WHAT_IF_RETENTIONS): WhatIf {
  return { ...whatIfTarget(input), rows: retentions.map((r) => simulateRetention(input, r)) };
}

/** The simulated days and the day recall is measured on. */
export function whatIfTarget(input: WhatIfInput): Omit<WhatIf, 'rows'> {
  const days = input.days ?? WHAT_IF_DAYS;
  const targetIsExam = input.examInDays !== null && input.examInDays >= 0 && input.examInDays <= days;
  return { days, targetDay: targetIsExam ? Math.max(input.examInDays!, RECALL_WINDOW - 1) : days - 1, targetIsExam };
}

/** One row of the what-if (the stats screen computes them one at a time, between frames). */
export function simulateRetention(input: WhatIfInput, retention: number): WhatIfRow {
  const { days, targetDay } = whatIfTarget(input);
  const runs = input.runs ?? 3;
  const settings: SchedulerSettings = { ...input.settings, retention };
  let reviews = 0;
  let busiest = 0;
  let recall = 0;
  for (let run = 0; run < runs; run += 1) {
    const r = simulateOnce(input, settings, days, targetDay, ((input.seed ?? 1) % 1_000_003) * 1_000 + run);
    reviews += r.reviews;
    busiest += r.busiest;
    recall += r.recall;
  }
  return { retention, reviewsPerDay: round(reviews / runs / days, 1), busiestDay: Math.round(busiest / runs), recallOnTarget: round(recall / runs, 3) };
}

// Each item draws from its own random stream, the same for every retention (common random
// numbers): the rows then differ by the retention, not by luck, and stay in order.
function simulateOnce(input: WhatIfInput, settings: SchedulerSettings, days: number, targetDay: number, seed: number) {
  const cards: CardState[] = [...input.cards];
  const streams = cards.map((_, i) => randomSource(seed + i * 7_919));
  let unseen = input.unseen;
  let reviews = 0;
  let busiest = 0;
  const total = input.cards.length + input.unseen;
  let recall = 0;
  for (let d = 0; d < days; d += 1) {
    const dayStart = input.start.getTime() + d * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    // Reviews in the morning of the day (an hour in), relearning steps the same day.
    const at = new Date(dayStart + 3_600_000);
    let today = 0;
    for (let i = 0; i < cards.length; i += 1) {
      for (let step = 0; step < 3 && Date.parse(cards[i]!.due) < dayEnd; step += 1) {
        const when = new Date(Math.max(at.getTime(), Date.parse(cards[i]!.due)));
        const remembered = streams[i]!() < recallProbability(cards[i]!, when);
        cards[i] = schedule(cards[i]!, when, remembered ? 3 : 1, settings).state;
        today += 1;
      }
    }
    const introduce = Math.min(unseen, input.newPerDay);
    for (let k = 0; k < introduce; k += 1) {
      const stream = randomSource(seed + cards.length * 7_919);
      const first = schedule(newCardState(at), at, stream() < FIRST_ANSWER_RIGHT ? 3 : 1, settings).state;
      cards.push(first);
      streams.push(stream);
      today += 1;
    }
    unseen -= introduce;
    reviews += today;
    busiest = Math.max(busiest, today);
    // Recall is read over the week up to the target day: a single day would show where the
    // intervals of items introduced together happen to fall, not the retention's effect.
    if (d > targetDay - RECALL_WINDOW && d <= targetDay) {
      recall += meanRecall(cards, new Date(dayStart + DAY_MS / 2), total) / RECALL_WINDOW;
    }
  }
  return { reviews, busiest, recall };
}

function meanRecall(cards: readonly CardState[], at: Date, total: number): number {
  if (total === 0) return 0;
  let sum = 0;
  for (const c of cards) sum += recallProbability(c, at);
  return sum / total;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** The what-if of a learner on a pack: their cards, the unseen items, their settings and exam date. */
export function whatIfFor(pack: Pack, state: ProgressState, now: Date, offset: OffsetFn, options: { readonly runs?: number; readonly days?: number } = {}): WhatIf {
  return simulateRetentions(whatIfInput(pack, state, now, offset, options));
}

export function whatIfInput(pack: Pack, state: ProgressState, now: Date, offset: OffsetFn, options: { readonly runs?: number; readonly days?: number } = {}): WhatIfInput {
  const settings = effectiveSettings(state);
  const today = dayKey(now, offset);
  const cards: CardState[] = [];
  let unseen = 0;
  for (const item of [...pack.cards, ...pack.questions]) {
    const card = state.items[item.id]?.card;
    if (card && card.phase !== 'new') cards.push(card);
    else unseen += 1;
  }
  return {
    cards,
    unseen,
    newPerDay: settings.newPerDay,
    start: dayStart(today, offset),
    examInDays: settings.examDate ? daysBetween(today, settings.examDate) : null,
    settings: schedulerSettings(settings),
    seed: hashString(pack.id),
    ...options,
  };
}
