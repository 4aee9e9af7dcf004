/**
 * Item analysis of a class's answers, after Moodle's quiz statistics: per question the facility
 * (share right, first attempts only), the discrimination (point-biserial against the learner's
 * score on the other questions, and the upper-lower 27% index), the discriminative efficiency,
 * each option's choice rate and the flags an instructor acts on. Pure: values in, values out.
 *
 * Answers are option-based when they are an array of option indices; any other shape (a typed
 * answer of a newer question type) still counts for facility and discrimination, but gets no
 * option rates, so new question types can be added without touching the statistics.
 */

/** A question as the analysis sees it. `key` is absent for a question that is not option-based. */
export interface AnalysisItem {
  readonly id: string;
  /** The item's version hash now; answers given to another version are counted apart. */
  readonly hash: string;
  readonly optionCount?: number;
  /** The correct option indices, in pack order. */
  readonly key?: readonly number[];
}

/** One answer of one learner, in the order given. */
export interface LearnerAnswer {
  readonly item: string;
  readonly hash: string;
  /** Option indices for option-based questions; anything else is treated as not option-based. */
  readonly answer: unknown;
  readonly correct: boolean;
}

export interface LearnerResults {
  readonly answers: readonly LearnerAnswer[];
}

export type ItemFlag = 'likely-miskeyed' | 'too-easy' | 'too-hard' | 'dead-distractor' | 'changed-since';

export interface OptionRate {
  readonly index: number;
  readonly correct: boolean;
  /** Share of first attempts that chose this option. */
  readonly rate: number;
  /** The same share within the top 27% of learners. */
  readonly upperRate: number;
}

export interface ItemStats {
  readonly id: string;
  /** First attempts on the current version. */
  readonly answers: number;
  /** Answers to an earlier version of the item (hash differs): not in the statistics. */
  readonly changedAnswers: number;
  readonly facility: number | null;
  readonly pointBiserial: number | null;
  readonly upperLower: number | null;
  readonly efficiency: number | null;
  /** Null when the answers are not option-based. */
  readonly options: readonly OptionRate[] | null;
  /** Wrong options chosen by under 5%. */
  readonly deadDistractors: readonly number[];
  readonly flags: readonly ItemFlag[];
}

export const THRESHOLDS = { tooEasy: 0.95, tooHard: 0.2, deadDistractor: 0.05, group: 0.27 } as const;

function isOptionAnswer(answer: unknown): answer is readonly number[] {
  return Array.isArray(answer) && answer.every((x) => Number.isInteger(x) && (x as number) >= 0);
}

function correlation(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** Analyses every item over every learner's first attempt at its current version. */
export function analyzeItems(items: readonly AnalysisItem[], learners: readonly LearnerResults[]): ItemStats[] {
  const byId = new Map(items.map((it) => [it.id, it]));
  // Per learner: item id -> first attempt on the current version; and counts of older versions.
  const changed = new Map<string, number>();
  const firsts = learners.map((l) => {
    const seen = new Map<string, LearnerAnswer>();
    const stale = new Set<string>();
    for (const a of l.answers) {
      const item = byId.get(a.item);
      if (!item) continue;
      if (a.hash !== item.hash) {
        if (!stale.has(a.item)) changed.set(a.item, (changed.get(a.item) ?? 0) + 1);
        stale.add(a.item);
        continue;
      }
      if (!seen.has(a.item)) seen.set(a.item, a);
    }
    return seen;
  });
  const totals = firsts.map((m) => [...m.values()].reduce((n, a) => n + (a.correct ? 1 : 0), 0));

  return items.map((item) => {
    const who: number[] = [];
    firsts.forEach((m, i) => {
      if (m.has(item.id)) who.push(i);
    });
    const got: number[] = who.map((i) => (firsts[i]!.get(item.id)!.correct ? 1 : 0));
    // The score on the other questions: the learner's share right, this item left out.
    const rest = who.map((i, k) => {
      const others = firsts[i]!.size - 1;
      return others > 0 ? (totals[i]! - got[k]!) / others : 0;
    });
    const n = who.length;
    const facility = n > 0 ? got.reduce((a, b) => a + b, 0) / n : null;
    const pointBiserial = correlation(got, rest);
    const best = correlation(
      [...got].sort((a, b) => a - b),
      [...rest].sort((a, b) => a - b),
    );
    const efficiency = pointBiserial !== null && best !== null && best > 0 ? pointBiserial / best : null;

    const order = who.map((_, k) => k).sort((a, b) => rest[a]! - rest[b]!);
    const g = Math.max(1, Math.round(n * THRESHOLDS.group));
    const lower = order.slice(0, g);
    const upper = order.slice(n - g);
    const share = (ks: readonly number[]) => ks.reduce((s, k) => s + got[k]!, 0) / ks.length;
    const upperLower = n >= 2 ? share(upper) - share(lower) : null;

    let options: OptionRate[] | null = null;
    const answers = who.map((i) => firsts[i]!.get(item.id)!.answer);
    if (item.key && item.optionCount !== undefined && n > 0 && answers.every(isOptionAnswer)) {
      const key = new Set(item.key);
      const rate = (ks: readonly number[], o: number) => ks.filter((k) => (answers[k] as readonly number[]).includes(o)).length / Math.max(1, ks.length);
      const all = answers.map((_, k) => k);
      options = Array.from({ length: item.optionCount }, (_, o) => ({ index: o, correct: key.has(o), rate: rate(all, o), upperRate: rate(upper, o) }));
    }
    const deadDistractors = (options ?? []).filter((o) => !o.correct && o.rate < THRESHOLDS.deadDistractor).map((o) => o.index);

    const flags: ItemFlag[] = [];
    const keyUpper = Math.min(...(options ?? []).filter((o) => o.correct).map((o) => o.upperRate));
    const wrongBeatsKey = (options ?? []).some((o) => !o.correct && o.upperRate > keyUpper);
    if ((pointBiserial !== null && pointBiserial < 0) || wrongBeatsKey) flags.push('likely-miskeyed');
    if (facility !== null && facility > THRESHOLDS.tooEasy) flags.push('too-easy');
    if (facility !== null && facility < THRESHOLDS.tooHard) flags.push('too-hard');
    if (deadDistractors.length > 0) flags.push('dead-distractor');
    if ((changed.get(item.id) ?? 0) > 0) flags.push('changed-since');
    return { id: item.id, answers: n, changedAnswers: changed.get(item.id) ?? 0, facility, pointBiserial, upperLower, efficiency, options, deadDistractors, flags };
  });
}
