/**
 * Where a learner stands: reviews, the due forecast, retention against the target, mastery per
 * topic and domain (memory joined with results), a readiness estimate, exam history and the
 * misconceptions that keep coming back. Pure: pack, progress and the time in; a report out.
 */
import { movesBetween, newIndexOf } from '../pack/option-moves.js';
import { isChoice, rightItems, type ChoiceBody, type Item, type Pack, type PartBody, type Question } from '../pack/types.js';
import { effectiveSettings, type ProgressState } from '../progress/state.js';
import { recallProbability } from '../scheduler/fsrs-adapter.js';
import { scaledScore } from '../exam/score.js';
import { addDays, dayKey, daysBetween, type OffsetFn } from '../time/day.js';

export const FORECAST_DAYS = 21;
export const CALENDAR_WEEKS = 12;
/** Recent exams count more: the k-th most recent weighs EXAM_DECAY^k. */
export const EXAM_DECAY = 0.5;

export interface TopicStats {
  readonly id: string;
  readonly title: string;
  readonly domain: string;
  /** 0..1: the mean over the topic's items of (recall probability + recent accuracy) / 2; unseen items count 0. */
  readonly mastery: number;
  readonly seen: number;
  readonly total: number;
  /** How many of the topic's items are questions (the rest are cards). */
  readonly questions: number;
}

export interface DomainStats {
  readonly id: string;
  readonly title: string;
  readonly weight: number;
  readonly mastery: number;
  /** Recent-weighted accuracy in mock exams, null before the first exam. */
  readonly examAccuracy: number | null;
  /** Expected share of this domain's exam questions answered right today. */
  readonly expectedAccuracy: number;
}

export interface Misconception {
  readonly question: string;
  /** The wrong option's index; -1 for the other types (then `optionText` tells the wrong answer). */
  readonly option: number;
  readonly times: number;
  readonly stem: string;
  readonly optionText: string;
  readonly why?: string;
  readonly retired: boolean;
}

/**
 * The readiness estimate, on the pack's topics (a pack may teach only part of an exam), and how
 * well it has predicted this learner's mock exams: each exam keeps the readiness predicted when
 * it started; their mean absolute error, once two exams have one, turns the point into a range.
 */
export interface Readiness {
  readonly scaled: number;
  readonly passingScore: number;
  readonly coverage: number;
  /** Always "pack-topics": the estimate says nothing of the real exam's other topics. */
  readonly scope: 'pack-topics';
  readonly check: {
    /** Exams with a prediction kept. */
    readonly exams: number;
    /** Mean |scored - predicted| over those exams, in scaled points; null before the first. */
    readonly meanAbsoluteError: number | null;
    /** `scaled` -/+ the error, within 100-1000; null before two exams. */
    readonly range: readonly [number, number] | null;
  };
}

/** Checks readiness against the exams that kept a prediction. */
export function readinessCheck(scaled: number, exams: readonly { readonly predicted?: { readonly scaled: number }; readonly result: { readonly scaled: number } }[]): Readiness['check'] {
  const checked = exams.filter((e) => e.predicted);
  if (checked.length === 0) return { exams: 0, meanAbsoluteError: null, range: null };
  const mae = Math.round(checked.reduce((s, e) => s + Math.abs(e.result.scaled - e.predicted!.scaled), 0) / checked.length);
  return { exams: checked.length, meanAbsoluteError: mae, range: checked.length >= 2 ? [Math.max(100, scaled - mae), Math.min(1000, scaled + mae)] : null };
}

/** An item that lapsed too often: out of study until unsuspended; with the wrong answers it drew. */
export interface Leech {
  readonly item: string;
  readonly kind: 'card' | 'question';
  readonly lapses: number;
  readonly since: string;
  readonly text: string;
  readonly misconceptions: readonly { readonly answer: string; readonly times: number }[];
}

export interface StatsReport {
  readonly pack: string;
  readonly reviews: { readonly total: number; readonly today: number };
  readonly due: { readonly now: number; readonly forecast: readonly { date: string; count: number }[] };
  readonly retention: { readonly observed: number | null; readonly target: number; readonly reviews: number };
  readonly domains: readonly DomainStats[];
  readonly topics: readonly TopicStats[];
  readonly readiness: Readiness;
  readonly exams: readonly { startedAt: string; scaled: number; passed: boolean; predicted: number | null; domains: readonly { id: string; correct: number; total: number }[] }[];
  readonly misconceptions: readonly Misconception[];
  /** Items out of study: leeches (too many lapses) and those the learner suspended. */
  readonly suspended: { readonly count: number; readonly leeches: readonly Leech[] };
  readonly calendar: readonly { date: string; reviews: number }[];
  readonly examDate: string | null;
}

/** An item's mastery: the mean of its recall probability and recent accuracy; 0 when unseen. */
function itemScore(state: ProgressState, item: Item, now: Date): number {
  const p = state.items[item.id];
  // A suspended item still counts in readiness, as not known.
  if (!p || p.seen === 0 || p.suspended) return 0;
  const memory = p.card ? recallProbability(p.card, now) : p.recent;
  return (memory + p.recent) / 2;
}

function correctCount(question: ChoiceBody): number {
  let n = 0;
  for (const o of question.options) if (o.correct) n += 1;
  return n;
}

export function computeStats(pack: Pack, state: ProgressState, now: Date, offset: OffsetFn): StatsReport {
  const today = dayKey(now, offset);
  const settings = effectiveSettings(state);

  // One pass over the items, summed per topic; domains are sums of their topics. (Home runs
  // this on every start: on a 7,500-item pack, per-topic and per-domain passes cost ~20 ms.)
  const topicIndex = new Map(pack.topics.map((t, i) => [t.id, i]));
  const sums = pack.topics.map(() => ({ score: 0, seen: 0, total: 0, practice: 0, questions: 0 }));
  const forecast = Array.from({ length: FORECAST_DAYS }, (_, k) => ({ date: addDays(today, k), count: 0 }));
  let dueNow = 0;
  let suspended = 0;
  let seenQuestions = 0;
  const visit = (item: Item): void => {
    const sum = sums[topicIndex.get(item.topic) ?? -1];
    const p = state.items[item.id];
    const seen = p !== undefined && p.seen > 0;
    if (p?.suspended) suspended += 1;
    if (p?.card && !p.suspended) {
      const due = new Date(p.card.due);
      if (due <= now) dueNow += 1;
      const k = Math.max(0, daysBetween(today, dayKey(due, offset)));
      if (k < FORECAST_DAYS) forecast[k]!.count += 1;
    }
    if (item.kind === 'question' && seen) seenQuestions += 1;
    if (!sum) return;
    sum.total += 1;
    if (seen) {
      sum.seen += 1;
      sum.score += itemScore(state, item, now);
    }
    if (item.kind === 'question') {
      sum.questions += 1;
      sum.practice += seen && !p.suspended ? p.recent : guessChance(item);
    }
  };
  for (const item of pack.cards) visit(item);
  for (const item of pack.questions) visit(item);

  let mature = 0;
  let matureCorrect = 0;
  for (const [day, s] of Object.entries(state.days)) {
    if (daysBetween(day, today) < 30) {
      mature += s.mature ?? 0;
      matureCorrect += s.matureCorrect ?? 0;
    }
  }

  const topics: TopicStats[] = pack.topics.map((t, i) => {
    const sum = sums[i]!;
    return { id: t.id, title: t.title, domain: t.domain, mastery: sum.total ? sum.score / sum.total : 0, seen: sum.seen, total: sum.total, questions: sum.questions };
  });

  const exams = [...state.exams].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const domains: DomainStats[] = pack.domains.map((d) => {
    const own = { score: 0, total: 0, practice: 0, questions: 0 };
    pack.topics.forEach((t, i) => {
      if (t.domain !== d.id) return;
      const sum = sums[i]!;
      own.score += sum.score;
      own.total += sum.total;
      own.practice += sum.practice;
      own.questions += sum.questions;
    });
    let wSum = 0;
    let acc = 0;
    exams.slice().reverse().forEach((e, k) => {
      const r = e.result.domains.find((x) => x.id === d.id);
      if (!r || r.total === 0) return;
      const w = EXAM_DECAY ** k;
      wSum += w;
      acc += w * (r.correct / r.total);
    });
    const examAccuracy = wSum > 0 ? acc / wSum : null;
    const practice = own.questions ? own.practice / own.questions : 0;
    const expectedAccuracy = own.questions === 0 ? (examAccuracy ?? 0) : examAccuracy === null ? practice : (practice + examAccuracy) / 2;
    return { id: d.id, title: d.title, weight: d.weight, mastery: own.total ? own.score / own.total : 0, examAccuracy, expectedAccuracy };
  });
  const weightSum = domains.reduce((s, d) => s + d.weight, 0);
  const expected = weightSum > 0 ? domains.reduce((s, d) => s + d.weight * d.expectedAccuracy, 0) / weightSum : 0;

  const entries = Object.entries(state.misconceptions);
  const questionsById = entries.length ? new Map(pack.questions.map((q) => [q.id, q])) : new Map<string, Question>();
  // Options the author moved since the learner's last session: renumbered here until that session logs them.
  const pending = state.known && entries.length ? movesBetween(pack.optionMoves, state.known.version, pack.version) : {};
  const misconceptions: Misconception[] = entries
    .flatMap(([key, times]) => {
      const question = key.slice(0, key.indexOf('#'));
      const rest = key.slice(key.indexOf('#') + 1);
      const q0 = questionsById.get(question);
      if (!/^\d+$/.test(rest)) {
        // A wrong answer of another type: typed text, a pair, an order, a case study's part.
        const described = q0 ? describeMiss(q0, rest) : undefined;
        return described ? [{ question, option: -1, times, stem: described.stem, optionText: described.text, retired: false }] : [];
      }
      const written = Number(rest);
      const moved = pending[question];
      const option = moved ? newIndexOf(moved).get(written) : written;
      if (option === undefined) return [];
      const q = q0 && isChoice(q0) ? q0 : undefined;
      const o = q?.options[option];
      return [{ question, option, times, stem: q?.stem ?? '', optionText: o?.text ?? '', ...(o?.why ? { why: o.why } : {}), retired: !q }];
    })
    .filter((m) => !m.retired)
    .sort((a, b) => b.times - a.times || a.question.localeCompare(b.question))
    .slice(0, 10);

  const readinessScaled = scaledScore(expected * 1000, 1000);
  const calendar = Array.from({ length: CALENDAR_WEEKS * 7 }, (_, k) => {
    const date = addDays(today, k - CALENDAR_WEEKS * 7 + 1);
    return { date, reviews: state.days[date]?.reviews ?? 0 };
  });

  return {
    pack: pack.id,
    reviews: { total: state.totalReviews, today: state.days[today]?.reviews ?? 0 },
    due: { now: dueNow, forecast },
    retention: { observed: mature > 0 ? matureCorrect / mature : null, target: settings.retention, reviews: mature },
    domains,
    topics,
    readiness: { scaled: readinessScaled, passingScore: pack.exam.passingScore, coverage: pack.questions.length ? seenQuestions / pack.questions.length : 0, scope: 'pack-topics', check: readinessCheck(readinessScaled, exams) },
    exams: exams.map((e) => ({ startedAt: e.startedAt, scaled: e.result.scaled, passed: e.result.passed, predicted: e.predicted?.scaled ?? null, domains: e.result.domains })),
    misconceptions,
    suspended: { count: suspended, leeches: leechesOf(pack, state) },
    calendar,
    examDate: settings.examDate,
  };
}

/** The chance of guessing an unseen question right: true-false one in two; typed, paired, ordered answers next to none. */
function guessChance(q: Question): number {
  if (isChoice(q)) return guessRate(q.options.length, correctCount(q));
  if (q.type === 'true-false') return 0.5;
  if (q.type === 'case-study') return q.parts.reduce((p, part) => p * (isChoice(part) ? guessRate(part.options.length, correctCount(part)) : part.type === 'true-false' ? 0.5 : 0), 1);
  return 0;
}

/** A misconception key of a type other than choice, as a stem and the wrong answer in words. */
export function describeMiss(q: Question, key: string): { stem: string; text: string } | undefined {
  const part = /^p(\d+)\/(.*)$/s.exec(key);
  if (part && q.type === 'case-study') {
    const p = q.parts[Number(part[1])];
    const inner = p ? describePartMiss(p, part[2]!) : undefined;
    return inner ? { stem: `${q.stem.trim().split('\n')[0]} / part ${Number(part[1]) + 1}: ${p!.stem}`, text: inner } : undefined;
  }
  if (q.type === 'case-study') return undefined;
  const text = describePartMiss(q, key);
  return text ? { stem: q.stem, text } : undefined;
}

function describePartMiss(q: PartBody, key: string): string | undefined {
  if (isChoice(q)) return /^\d+$/.test(key) ? q.options[Number(key)]?.text : undefined;
  if (key.startsWith('=')) return q.type === 'true-false' ? `answered ${key.slice(1)}` : `typed "${key.slice(1)}"`;
  const pair = /^m(\d+)>(\d+)$/.exec(key);
  if (pair && q.type === 'matching') {
    const left = q.pairs[Number(pair[1])];
    const right = rightItems(q)[Number(pair[2])];
    return left && right ? `paired ${left.left} with ${right}` : undefined;
  }
  if (key.startsWith('o') && q.type === 'ordering') {
    const steps = key.slice(1).split('-').map((n) => q.steps[Number(n) - 1]);
    return steps.every(Boolean) ? `ordered ${steps.join(' > ')}` : undefined;
  }
  return undefined;
}

/** The chance of guessing a question right: one pick among its options, or the exact set. */
export function guessRate(options: number, correct: number): number {
  let combos = 1;
  for (let i = 0; i < correct; i += 1) combos = (combos * (options - i)) / (i + 1);
  return 1 / combos;
}

/** The leeches of a pack, most lapses first, each with the wrong answers it drew most. */
function leechesOf(pack: Pack, state: ProgressState): Leech[] {
  const out: Leech[] = [];
  for (const item of [...pack.cards, ...pack.questions]) {
    const p = state.items[item.id];
    if (p?.suspended?.reason !== 'leech') continue;
    const prefix = `${item.id}#`;
    const wrong = Object.entries(state.misconceptions)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, times]) => {
        const key = k.slice(prefix.length);
        const option = item.kind === 'question' && isChoice(item) && /^\d+$/.test(key) ? item.options[Number(key)]?.text : undefined;
        // Another type's wrong answer in words: "paired X with Y", "typed "..."", "ordered ...".
        const described = option === undefined && item.kind === 'question' ? describeMiss(item, key)?.text : undefined;
        return { answer: option ?? described ?? key.replace(/^=/, ''), times };
      })
      .sort((a, b) => b.times - a.times)
      .slice(0, 3);
    out.push({ item: item.id, kind: item.kind, lapses: p.card?.lapses ?? 0, since: p.suspended.at, text: item.kind === 'card' ? item.front : item.stem, misconceptions: wrong });
  }
  return out.sort((a, b) => b.lapses - a.lapses || a.item.localeCompare(b.item));
}
