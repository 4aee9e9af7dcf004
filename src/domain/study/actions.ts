/**
 * What study, cram and quiz do with an answer: build the review, record it through the port,
 * undo the last one. Shared by the full-screen UI and plain mode, so they cannot drift apart.
 */
import { isChoice, type Answer, type Card, type Item, type Pack, type Question } from '../pack/types.js';
import { scoreAnswer, type Score } from '../scoring/index.js';
import type { Clock, ProgressPort } from '../ports.js';
import type { ProgressEvent, ReviewPayload, StudyMode } from '../progress/events.js';
import { schedulerSettings, type PackSettings } from '../progress/settings.js';
import { effectiveSettings } from '../progress/state.js';
import { formatInterval, newCardState, previewIntervals, RATINGS, recallProbability, type Rating } from '../scheduler/fsrs-adapter.js';
import { dayKey, dayStart } from '../time/day.js';
import { buildReview, capDueForExam, ratingForAnswer } from './review.js';

export interface StudyContext {
  readonly pack: Pack;
  readonly port: ProgressPort;
  readonly clock: Clock;
}

function settings(ctx: StudyContext): PackSettings {
  return effectiveSettings(ctx.port.state);
}

/** When the exam day starts, if one is set: no item is scheduled past it. */
export function examStart(ctx: StudyContext): Date | null {
  const { examDate } = settings(ctx);
  return examDate ? dayStart(examDate, ctx.clock.offset) : null;
}

function record(ctx: StudyContext, review: ReviewPayload, now: Date): ProgressEvent {
  const lapsesBefore = ctx.port.state.items[review.item]?.card?.lapses ?? 0;
  const event = ctx.port.record({ type: 'review', at: now.toISOString(), day: dayKey(now, ctx.clock.offset), ...review });
  const lapses = ctx.port.state.items[review.item]?.card?.lapses ?? 0;
  if (lapses > lapsesBefore && isLeechLapse(lapses, settings(ctx).leechThreshold) && !ctx.port.state.items[review.item]?.suspended) {
    ctx.port.record({ type: 'suspend', at: event.at, day: event.day, item: review.item, kind: review.kind, suspended: true, reason: 'leech', lapses });
  }
  return event;
}

/**
 * A lapse that makes an item a leech: the threshold's, then every half threshold after it (as
 * Anki does), so an item brought back that keeps failing is caught again.
 */
export function isLeechLapse(lapses: number, threshold: number): boolean {
  return lapses >= threshold && (lapses - threshold) % Math.max(1, Math.ceil(threshold / 2)) === 0;
}

/** True when the review `event` made its item a leech (shown once, with a notice). */
export function becameLeech(ctx: StudyContext, event: ProgressEvent): boolean {
  if (event.type !== 'review') return false;
  const s = ctx.port.state.items[event.item]?.suspended;
  return s?.reason === 'leech' && s.at === event.at;
}

/** Suspends an item from study, or brings it back (quiz and exam ask it either way). */
export function setSuspended(ctx: StudyContext, item: Item, suspended: boolean): ProgressEvent {
  const now = ctx.clock.now();
  return ctx.port.record({ type: 'suspend', at: now.toISOString(), day: dayKey(now, ctx.clock.offset), item: item.id, kind: item.kind, suspended, reason: 'manual' });
}

/** The notice shown once when an item becomes a leech. */
export function leechNotice(ctx: StudyContext, itemId: string): string {
  const lapses = ctx.port.state.items[itemId]?.card?.lapses ?? 0;
  return `Forgotten ${lapses} times: this item is now a leech and leaves study (quiz and exam still ask it). Rewrite it in your own words, then: examdrill item unsuspend ${itemId}`;
}

/** Rates a card. In cram mode the schedule is left as it was. */
export function rateCard(ctx: StudyContext, card: Card, rating: Rating, ms: number, mode: StudyMode): ProgressEvent {
  const now = ctx.clock.now();
  const review = buildReview({ item: card, progress: ctx.port.state.items[card.id], now, rating, correct: rating > 1, mode, ms, scheduler: schedulerSettings(settings(ctx)), examStart: examStart(ctx) });
  return record(ctx, review, now);
}

export interface AnswerOutcome {
  readonly correct: boolean;
  /** The grading in full: partial credit and the wrong parts. */
  readonly score: Score;
  readonly rating: Rating;
  readonly event: ProgressEvent;
}

/**
 * Answers a question (chosen options as pack indices for a choice question, the type's answer
 * otherwise): graded, rated, scheduled, recorded. A choice answer is logged as `chosen`, as
 * before; any other as `answer`, with its wrong parts for the misconceptions.
 */
export function answerQuestion(ctx: StudyContext, question: Question, answer: Answer, ms: number, mode: StudyMode): AnswerOutcome {
  const now = ctx.clock.now();
  const score = scoreAnswer(question, answer);
  const { correct } = score;
  const rating = ratingForAnswer(question, correct, ms);
  const given = isChoice(question) && Array.isArray(answer) ? { chosen: answer as readonly number[] } : { answer, misses: score.misses };
  const review = buildReview({ item: question, progress: ctx.port.state.items[question.id], now, rating, correct, mode, ms, ...given, scheduler: schedulerSettings(settings(ctx)), examStart: examStart(ctx) });
  return { correct, score, rating, event: record(ctx, review, now) };
}

/** Takes back a review: the item's progress and every count return to what they were. */
export function undoReview(ctx: StudyContext, event: ProgressEvent): ProgressEvent {
  if (event.type !== 'review') throw new Error('only a review can be undone');
  const now = ctx.clock.now();
  const { id, at: _at, day: _day, type: _type, ...review } = event;
  return ctx.port.record({ type: 'undo', at: now.toISOString(), day: event.day, target: id, review });
}

/** "Again 1m, Hard 6m, Good 10m, Easy 4d": when each rating brings the card back. */
export function ratingIntervals(ctx: StudyContext, item: Item): Record<Rating, string> {
  const now = ctx.clock.now();
  const card = ctx.port.state.items[item.id]?.card;
  const dues = previewIntervals(card ?? newCardState(now), now, schedulerSettings(settings(ctx)));
  const start = examStart(ctx);
  const out = {} as Record<Rating, string>;
  for (const r of RATINGS) {
    let due = new Date(dues[r]);
    due = capDueForExam(due, now, start);
    out[r] = formatInterval(now, due);
  }
  return out;
}

export function itemRecall(ctx: StudyContext, item: Item): number {
  const card = ctx.port.state.items[item.id]?.card;
  return card ? recallProbability(card, ctx.clock.now()) : 0;
}
