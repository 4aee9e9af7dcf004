/**
 * A learner whose memory follows FSRS with known parameters (not the defaults): each review's
 * outcome is drawn, seeded, from ts-fsrs's forgetting curve for those parameters. Used to check
 * that `examdrill optimize` recovers a better model than the defaults.
 */
import { createEmptyCard, default_w, fsrs, Rating as R, type Card } from 'ts-fsrs';
import type { NewEvent } from '../../src/domain/progress/events.js';
import { randomSource } from '../../src/domain/random.js';
import { newCardState, schedule, type CardState, type Rating } from '../../src/domain/scheduler/fsrs-adapter.js';
import type { ModelReview } from '../../src/domain/scheduler/optimizer.js';

/** This learner forgets faster at first and learns more from each success than FSRS-6's defaults assume. */
export const TRUE_W: number[] = (() => {
  const w = [...default_w];
  w[0] = 0.1; // initial stability after Again
  w[1] = 0.4;
  w[2] = 0.8;
  w[3] = 2.0; // after Good
  w[8] = 2.2; // stability growth on success
  w[20] = 0.4; // decay
  return w;
})();

/** The program's own seeded generator (mulberry32), so a simulated history is drawn as the app draws. */
export const mulberry32 = randomSource;

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5, 10, 0, 0);

/** Reviews of `items` items, `perItem` each, on whole days; the items' names start with `prefix`. */
export function simulate(options: { items: number; perItem: number; seed: number; prefix?: string }): ModelReview[] {
  const random = mulberry32(options.seed);
  const truth = fsrs({ w: TRUE_W, enable_short_term: false, enable_fuzz: false });
  const out: ModelReview[] = [];
  for (let i = 0; i < options.items; i++) {
    let day = Math.floor(random() * 30);
    let card: Card = createEmptyCard(new Date(START + day * DAY));
    for (let n = 0; n < options.perItem; n++) {
      const now = new Date(START + day * DAY);
      const recall = n === 0 ? random() < 0.7 : random() < truth.get_retrievability(card, now, false);
      const rating: Rating = recall ? (random() < 0.15 ? 4 : random() < 0.2 ? 2 : 3) : 1;
      card = truth.next(card, now, rating === 1 ? R.Again : rating === 2 ? R.Hard : rating === 3 ? R.Good : R.Easy).card;
      const iso = now.toISOString();
      out.push({ item: `${options.prefix ?? 'q'}${i}`, day: iso.slice(0, 10), at: iso, rating });
      // The next review a varied share of the true stability away, so recall spans the curve.
      day += Math.max(1, Math.round(card.stability * (0.2 + random() * 2.5)));
    }
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The reviews as review-log events, scheduled as examdrill would (default parameters). */
export function reviewEvents(reviews: readonly ModelReview[], kind: 'card' | 'question' = 'question'): NewEvent[] {
  const states = new Map<string, CardState>();
  return reviews.map((r) => {
    const at = new Date(r.at);
    const before = states.get(r.item) ?? newCardState(at);
    const done = schedule(before, at, r.rating);
    states.set(r.item, done.state);
    return { type: 'review', at: r.at, day: r.day, item: r.item, kind, mode: 'study', rating: r.rating, correct: r.rating > 1, ms: 4000, phaseBefore: done.phaseBefore, elapsedDays: done.elapsedDays, after: done.state, prev: null };
  });
}
