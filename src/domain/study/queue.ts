/**
 * What to study next: learning items that are due, then reviews due today (within the daily
 * review limit), then new items (within the daily new limit, raised when an exam date needs it).
 *
 * Siblings (items the pack marks as teaching the same fact) are buried: once one is answered
 * today, in any mode, the others are not served in study until the next day starts (4 a.m.).
 * A buried review stays due and comes first tomorrow; a buried new item is not introduced
 * today. Items in their learning steps are not buried (as in Anki): a step under way goes on.
 * Cram and quiz do not bury: they are practice the learner asked for, item by item.
 */
import { packItems, type Item, type Pack } from '../pack/types.js';
import type { ItemProgress } from '../progress/events.js';
import { effectiveSettings, type ProgressState } from '../progress/state.js';
import { addDays, dayKey, dayStart, daysBetween, type OffsetFn } from '../time/day.js';

/** Learning steps due within this window may be shown early when nothing else is left. */
export const LEARN_AHEAD_MS = 20 * 60_000;
/** New items should all be introduced this many days before the exam, leaving time for reviews. */
export const INTRODUCE_BEFORE_EXAM_DAYS = 3;

export interface QueueContext {
  readonly pack: Pack;
  readonly state: ProgressState;
  readonly now: Date;
  readonly offset: OffsetFn;
  /** Restrict to these topics (empty: every topic). */
  readonly topics?: readonly string[];
}

export interface StudyPlan {
  readonly examDate: string;
  readonly daysLeft: number;
  readonly newLeft: number;
  /** New items a day needed to introduce every item in time. */
  readonly newPerDayNeeded: number;
}

export interface StudyCounts {
  /** Scheduled items due now or later today, within today's review limit. */
  readonly due: number;
  /** New items that may still be introduced today. */
  readonly newToday: number;
  /** Items never seen. */
  readonly unseen: number;
  readonly plan: StudyPlan | null;
}

function inTopics(ctx: QueueContext): (item: Item) => boolean {
  if (!ctx.topics || ctx.topics.length === 0) return () => true;
  const set = new Set(ctx.topics);
  return (item) => set.has(item.topic);
}

const orders = new WeakMap<Pack, readonly Item[]>();

/**
 * Every item of the pack in study order: by topic as pack.yaml lists them, cards before
 * questions, then as written (file, then line). Computed once per pack (a pack is immutable) by
 * bucketing per topic; a bucket is sorted only when its items are not already in file order,
 * which the compiler's output is. Sorting 7,500 items on every call cost a large pack's home
 * screen tens of milliseconds.
 */
export function studyOrder(pack: Pack): readonly Item[] {
  const cached = orders.get(pack);
  if (cached) return cached;
  const rank = new Map(pack.topics.map((t, i) => [t.id, i]));
  const cards: Item[][] = pack.topics.map(() => []);
  const questions: Item[][] = pack.topics.map(() => []);
  for (const item of pack.cards) cards[rank.get(item.topic) ?? 0]?.push(item);
  for (const item of pack.questions) questions[rank.get(item.topic) ?? 0]?.push(item);
  const byFile = (a: Item, b: Item) => (a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : a.source.line - b.source.line);
  const inOrder = (list: Item[]) => list.every((item, i) => i === 0 || byFile(list[i - 1]!, item) <= 0);
  const order: Item[] = [];
  pack.topics.forEach((_, i) => {
    for (const list of [cards[i]!, questions[i]!]) for (const item of inOrder(list) ? list : list.sort(byFile)) order.push(item);
  });
  orders.set(pack, order);
  return order;
}

/** The plan towards the exam date, if one is set; `unseen` when the caller has counted it already. */
export function examPlan(ctx: QueueContext, unseen?: number): StudyPlan | null {
  const { examDate } = effectiveSettings(ctx.state);
  if (!examDate) return null;
  const today = dayKey(ctx.now, ctx.offset);
  const daysLeft = daysBetween(today, examDate);
  if (daysLeft < 0) return null;
  const filter = inTopics(ctx);
  const newLeft = unseen ?? packItems(ctx.pack).filter((i) => filter(i) && !ctx.state.items[i.id]?.card).length;
  const introductionDays = Math.max(1, daysLeft - INTRODUCE_BEFORE_EXAM_DAYS);
  return { examDate, daysLeft, newLeft, newPerDayNeeded: Math.ceil(newLeft / introductionDays) };
}

/** Today's new-item limit: the setting, raised to what the exam plan needs. */
export function newLimit(ctx: QueueContext, plan: StudyPlan | null = examPlan(ctx)): number {
  const { newPerDay } = effectiveSettings(ctx.state);
  return Math.max(newPerDay, plan?.newPerDayNeeded ?? 0);
}

/**
 * Whether a sibling of the item was answered today (in any mode), which buries the item in study
 * until the next day. `todayStart` is the start of the learner's day, in ms.
 */
export function isBuried(item: Item, state: ProgressState, todayStart: number): boolean {
  if (!item.siblings) return false;
  for (const id of item.siblings) {
    const at = state.items[id]?.lastAt;
    if (at !== undefined && Date.parse(at) >= todayStart) return true;
  }
  return false;
}

function todayStats(ctx: QueueContext) {
  return ctx.state.days[dayKey(ctx.now, ctx.offset)] ?? { reviews: 0, correct: 0, introduced: 0, ms: 0 };
}

interface Classified {
  readonly learning: { item: Item; due: number }[];
  readonly reviews: { item: Item; due: number }[];
  readonly fresh: Item[];
  /** Items never seen, buried or not (the exam plan counts them all). */
  readonly unseen: number;
}

function classify(ctx: QueueContext): Classified {
  const filter = inTopics(ctx);
  const today = dayKey(ctx.now, ctx.offset);
  const endOfDay = dayStart(addDays(today, 1), ctx.offset).getTime();
  const todayStart = dayStart(today, ctx.offset).getTime();
  const learning: { item: Item; due: number }[] = [];
  const reviews: { item: Item; due: number }[] = [];
  const fresh: Item[] = [];
  let unseen = 0;
  for (const item of studyOrder(ctx.pack)) {
    if (!filter(item)) continue;
    const p: ItemProgress | undefined = ctx.state.items[item.id];
    if (p?.suspended) continue;
    if (!p?.card) {
      unseen += 1;
      if (!isBuried(item, ctx.state, todayStart)) fresh.push(item);
      continue;
    }
    const due = Date.parse(p.card.due);
    if (p.card.phase === 'learning' || p.card.phase === 'relearning') learning.push({ item, due });
    else if (due < endOfDay && !isBuried(item, ctx.state, todayStart)) reviews.push({ item, due });
  }
  learning.sort((a, b) => a.due - b.due);
  reviews.sort((a, b) => a.due - b.due);
  return { learning, reviews, fresh, unseen };
}

/**
 * Due and new counts for home and the study title. One counting pass, with no study order: home
 * computes this on every start, and ordering a large pack costs more than counting it.
 */
export function studyCounts(ctx: QueueContext): StudyCounts {
  const filter = inTopics(ctx);
  const day = dayKey(ctx.now, ctx.offset);
  const endOfDay = dayStart(addDays(day, 1), ctx.offset).getTime();
  const todayStart = dayStart(day, ctx.offset).getTime();
  /** Unseen but buried today: still unseen (the exam plan counts them), not new today. */
  let buriedFresh = 0;
  const learnUntil = ctx.now.getTime() + LEARN_AHEAD_MS;
  let dueLearning = 0;
  let reviews = 0;
  let fresh = 0;
  const count = (item: Item): void => {
    if (!filter(item)) return;
    const p = ctx.state.items[item.id];
    if (p?.suspended) return;
    const card = p?.card;
    if (!card) {
      fresh += 1;
      if (isBuried(item, ctx.state, todayStart)) buriedFresh += 1;
      return;
    }
    const due = Date.parse(card.due);
    if (card.phase === 'learning' || card.phase === 'relearning') {
      if (due <= learnUntil) dueLearning += 1;
    } else if (due < endOfDay && !isBuried(item, ctx.state, todayStart)) reviews += 1;
  };
  for (const item of ctx.pack.cards) count(item);
  for (const item of ctx.pack.questions) count(item);
  const settings = effectiveSettings(ctx.state);
  const today = todayStats(ctx);
  const reviewsLeft = Math.max(0, settings.reviewsPerDay - (today.reviews - today.introduced));
  const plan = examPlan(ctx, fresh);
  const newToday = Math.max(0, Math.min(fresh - buriedFresh, newLimit(ctx, plan) - today.introduced));
  return { due: dueLearning + Math.min(reviewsLeft, reviews), newToday, unseen: fresh, plan };
}

/**
 * The next item to study, or undefined when the session is done for today. `justShown` is the
 * item answered last: it is not brought back early through the learn-ahead window (it would
 * come straight back); it returns when its learning step is due.
 */
export function nextStudyItem(ctx: QueueContext, justShown?: string): Item | undefined {
  const { learning, reviews, fresh, unseen } = classify(ctx);
  const now = ctx.now.getTime();
  const dueLearning = learning.find((l) => l.due <= now);
  if (dueLearning) return dueLearning.item;
  const settings = effectiveSettings(ctx.state);
  const today = todayStats(ctx);
  const reviewsLeft = settings.reviewsPerDay - (today.reviews - today.introduced);
  const review = reviews[0]; // the soonest due (sorted), whether or not it is due yet
  if (review && reviewsLeft > 0) return review.item;
  if (fresh.length > 0 && today.introduced < newLimit(ctx, examPlan(ctx, unseen))) return fresh[0];
  const ahead = learning.find((l) => l.due <= now + LEARN_AHEAD_MS && l.item.id !== justShown);
  return ahead?.item;
}

/** Cram: every item of the chosen topics, weakest memory first; the schedule is not touched. */
export function cramOrder(ctx: QueueContext, recall: (item: Item) => number): Item[] {
  const filter = inTopics(ctx);
  return studyOrder(ctx.pack)
    .filter((item) => filter(item) && !ctx.state.items[item.id]?.suspended)
    .map((item) => ({ item, r: recall(item) }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.item);
}
