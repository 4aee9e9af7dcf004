/**
 * Exam-realism measures over a whole pack (issue 17): how long the stems are, how many state a
 * requirement, where the written keys sit, how often options hedge, how the questions spread over
 * the domains. Pure: the pack in, numbers out; `realismWarnings` turns missed targets into lint
 * warnings, located at the item where the miss is per item.
 */
import type { PackIssue } from './issues.js';
import { choiceQuestions, correctIndices, topicDomains, type Pack, type Question } from './types.js';

/** The targets of issue 17. Statistics over fewer questions than `minQuestions` are noise. */
export const REALISM_TARGETS = {
  minQuestions: 20,
  medianStemWords: 70,
  shortStemWords: 40,
  maxShortShare: 0.1,
  minRequirementShare: 0.6,
  maxStatementItems: 8,
  positionShare: [0.2, 0.3] as const,
  maxFirstTwoShare: 0.3,
  hedgeRatio: [0.5, 2] as const,
  domainPoints: 2,
} as const;

/** A requirement the answer has to meet, as DOP-C02 stems state them. */
const REQUIREMENT = [
  /\b(LEAST|MOST|FEWEST|LOWEST|QUICKEST|FASTEST)\b/,
  /\b(least|most) (operational|management|administrative|development|amount|effort|cost|secure|efficient|scalable|reliable|available|resilient)/i,
  /\bfewest\b/i,
  /\b(lowest|minimal|minimum|smallest) (cost|effort|overhead|downtime|changes?|latency|code|impact)\b/i,
  /\bminimi[sz]e[sd]? (the )?(cost|effort|overhead|downtime|changes?|latency|impact|risk)/i,
  /\bwithout (any )?(downtime|code changes|changing (the )?(application|code))\b/i,
];
/** "Which statements are correct" and its kin: recall items, not scenarios. */
const STATEMENTS = [
  /\b(statements?|claims?|descriptions?)\b[^.?]*\b(true|correct|accurate)\b/i,
  /\b(true|correct|accurate) (statements?|claims?|descriptions?)\b/i,
  /\bwhich (one )?(of (these|the following) )?(is|are) (true|correct|accurate)\b/i,
];
/** An option that hedges: examples or alternatives that make it hard to call wrong. */
const HEDGE = /\b(for example|such as|e\.g\.)|, or \w/i;

export interface RealismMeasures {
  readonly questions: number;
  readonly medianStemWords: number;
  /** Share of stems under `shortStemWords` words. */
  readonly shortShare: number;
  readonly shortStems: readonly Question[];
  readonly requirementShare: number;
  readonly statementItems: readonly Question[];
  /** Per written position (0-based), its share of the keys of single-answer questions. */
  readonly positionShares: readonly number[];
  readonly singles: number;
  /** Two-answer items whose keys are exactly the first two options. */
  readonly firstTwo: number;
  readonly twoAnswer: number;
  /** Share of correct options that hedge, share of wrong ones, and the ratio of the two. */
  readonly hedgeCorrect: number;
  readonly hedgeWrong: number;
  readonly hedgeRatio: number;
  /** Per domain: its share of the questions and its normalised exam weight. */
  readonly domains: readonly { id: string; share: number; weight: number }[];
}

export function stemWords(stem: string): number {
  return stem
    .replace(/```[\s\S]*?```/g, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function hasRequirement(stem: string): boolean {
  return REQUIREMENT.some((r) => r.test(stem));
}

export function isStatementItem(stem: string): boolean {
  return STATEMENTS.some((r) => r.test(stem));
}

export function hedges(text: string): boolean {
  return HEDGE.test(text);
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const share = (n: number, of: number): number => (of === 0 ? 0 : n / of);

export function realismMeasures(pack: Pack): RealismMeasures {
  // Option statistics are about choice questions; the other types have no options.
  const qs = choiceQuestions(pack);
  const words = qs.map((q) => stemWords(q.stem));
  const shortStems = qs.filter((_, i) => words[i]! < REALISM_TARGETS.shortStemWords);

  const singles = qs.filter((q) => correctIndices(q).length === 1);
  const width = Math.max(0, ...singles.map((q) => q.options.length));
  const positions = Array.from({ length: width }, () => 0);
  for (const q of singles) positions[correctIndices(q)[0]!]! += 1;
  const twos = qs.filter((q) => correctIndices(q).length === 2);
  const firstTwo = twos.filter((q) => correctIndices(q).join() === '0,1').length;

  let correct = 0;
  let correctHedged = 0;
  let wrong = 0;
  let wrongHedged = 0;
  for (const q of qs) {
    for (const o of q.options) {
      if (o.correct) {
        correct += 1;
        if (hedges(o.text)) correctHedged += 1;
      } else {
        wrong += 1;
        if (hedges(o.text)) wrongHedged += 1;
      }
    }
  }
  const hedgeCorrect = share(correctHedged, correct);
  const hedgeWrong = share(wrongHedged, wrong);

  const domainOf = topicDomains(pack);
  const total = pack.domains.reduce((n, d) => n + d.weight, 0);
  const domains = pack.domains.map((d) => ({ id: d.id, share: share(qs.filter((q) => domainOf.get(q.topic) === d.id).length, qs.length), weight: share(d.weight, total) }));

  return {
    questions: qs.length,
    medianStemWords: median(words),
    shortShare: share(shortStems.length, qs.length),
    shortStems,
    requirementShare: share(qs.filter((q) => hasRequirement(q.stem)).length, qs.length),
    statementItems: qs.filter((q) => isStatementItem(q.stem)),
    positionShares: positions.map((n) => share(n, singles.length)),
    singles: singles.length,
    firstTwo,
    twoAnswer: twos.length,
    hedgeCorrect,
    hedgeWrong,
    // No hedged wrong option at all: the ratio is as large as the correct side makes it.
    hedgeRatio: hedgeWrong === 0 ? (hedgeCorrect === 0 ? 1 : Infinity) : hedgeCorrect / hedgeWrong,
    domains,
  };
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const letter = (i: number): string => String.fromCharCode(65 + i);

/** The measures as lines for `pack lint`: one line per measure, its value and its target. */
export function formatRealism(m: RealismMeasures): string[] {
  const t = REALISM_TARGETS;
  return [
    `realism over ${m.questions} questions:`,
    `  stem words: median ${m.medianStemWords} (target >= ${t.medianStemWords}), under ${t.shortStemWords}: ${pct(m.shortShare)} (target <= ${pct(t.maxShortShare)})`,
    `  requirement phrase: ${pct(m.requirementShare)} of stems (target >= ${pct(t.minRequirementShare)})`,
    `  "which statements are correct" items: ${m.statementItems.length} (target <= ${t.maxStatementItems})`,
    `  correct position in ${m.singles} single-answer questions: ${m.positionShares.map((s, i) => `${letter(i)} ${pct(s)}`).join(', ')} (target ${pct(t.positionShare[0])}-${pct(t.positionShare[1])} each)`,
    `  two-answer items keyed exactly A and B: ${m.firstTwo} of ${m.twoAnswer} (${pct(share(m.firstTwo, m.twoAnswer))}, target <= ${pct(t.maxFirstTwoShare)})`,
    `  hedges: ${pct(m.hedgeCorrect)} of correct options, ${pct(m.hedgeWrong)} of wrong ones, ratio ${Number.isFinite(m.hedgeRatio) ? m.hedgeRatio.toFixed(2) : 'infinite'} (target ${t.hedgeRatio[0]}-${t.hedgeRatio[1]})`,
    `  domains (questions vs weight): ${m.domains.map((d) => `${d.id} ${pct(d.share)}/${pct(d.weight)}`).join(', ')} (target within ${t.domainPoints} points)`,
  ];
}

/** Warnings where the pack misses a target; none for packs too small to measure. */
export function realismWarnings(pack: Pack, m: RealismMeasures = realismMeasures(pack)): PackIssue[] {
  const t = REALISM_TARGETS;
  if (m.questions < t.minQuestions) return [];
  const out: PackIssue[] = [];
  const at = (q: Question, message: string): void => {
    out.push({ file: q.source.file, line: q.source.line, column: q.source.column, path: q.source.path, message, severity: 'warning' });
  };
  const whole = (path: string, message: string): void => {
    out.push({ file: 'pack.yaml', line: 1, column: 1, path, message, severity: 'warning' });
  };

  if (m.medianStemWords < t.medianStemWords) whole('', `stems run a median of ${m.medianStemWords} words, below the ${t.medianStemWords} of exam scenarios: give each a company, its current set-up, a problem and a requirement`);
  if (m.shortShare > t.maxShortShare) {
    for (const q of m.shortStems) at(q, `${q.id}: stem of ${stemWords(q.stem)} words, and ${pct(m.shortShare)} of stems are under ${t.shortStemWords} (limit ${pct(t.maxShortShare)}): write it as a scenario`);
  }
  if (m.requirementShare < t.minRequirementShare) {
    const without = pack.questions.filter((q) => !hasRequirement(q.stem));
    whole('', `${pct(m.requirementShare)} of stems state a requirement such as LEAST operational overhead or MOST cost-effective (target ${pct(t.minRequirementShare)}); none in e.g. ${without.slice(0, 3).map((q) => q.id).join(', ')}`);
  }
  if (m.statementItems.length > t.maxStatementItems) {
    for (const q of m.statementItems) at(q, `${q.id} asks which statements are correct; the pack has ${m.statementItems.length} such items (limit ${t.maxStatementItems}): turn it into a scenario`);
  }
  if (m.singles >= t.minQuestions) {
    m.positionShares.forEach((s, i) => {
      if (s < t.positionShare[0] || s > t.positionShare[1]) whole('', `option ${letter(i)} is the written key of ${pct(s)} of single-answer questions (target ${pct(t.positionShare[0])}-${pct(t.positionShare[1])}): exports keep the written order, so move keys to other positions`);
    });
  }
  if (m.twoAnswer >= 5 && share(m.firstTwo, m.twoAnswer) > t.maxFirstTwoShare) {
    whole('', `${m.firstTwo} of ${m.twoAnswer} two-answer items are keyed exactly A and B (${pct(share(m.firstTwo, m.twoAnswer))}, limit ${pct(t.maxFirstTwoShare)})`);
  }
  if (m.hedgeRatio < t.hedgeRatio[0] || m.hedgeRatio > t.hedgeRatio[1]) {
    whole('', `${pct(m.hedgeCorrect)} of correct options hedge ("for example", "such as", ", or X") against ${pct(m.hedgeWrong)} of wrong ones (ratio ${Number.isFinite(m.hedgeRatio) ? m.hedgeRatio.toFixed(2) : 'infinite'}, target ${t.hedgeRatio[0]}-${t.hedgeRatio[1]}): learners learn to pick the hedged option`);
  }
  for (const d of m.domains) {
    if (Math.abs(d.share - d.weight) * 100 > t.domainPoints) whole('domains', `domain ${d.id} holds ${pct(d.share)} of the questions against an exam weight of ${pct(d.weight)} (target within ${t.domainPoints} points)`);
  }
  return out;
}
