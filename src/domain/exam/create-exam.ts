/**
 * Builds a mock exam from a pack's blueprint: questions per domain by weight, topics spread within
 * a domain, no question twice, the learner's least-seen questions first, then shuffled. The same
 * seed and progress give the same exam.
 */
import type { ExamSpec } from '../progress/events.js';
import type { ProgressState } from '../progress/state.js';
import { topicDomains, type Pack, type Question } from '../pack/types.js';
import { hashString, randomSource, shuffled } from '../random.js';
import { optionOrder } from '../study/options.js';
import { domainQuotas } from './blueprint.js';

export interface ExamOptions {
  readonly seed: number;
  readonly now: Date;
  /** Overrides the blueprint's question count. */
  readonly questions?: number;
  /** Overrides the blueprint's minutes (extra minutes are not added to an override). */
  readonly minutes?: number;
  /** An accommodation added to the blueprint's time. */
  readonly extraMinutes?: number;
}

export interface CreatedExam {
  readonly spec: ExamSpec;
  /** Set when the pool holds fewer questions than asked. */
  readonly shortfall?: { readonly asked: number; readonly available: number };
}

export function createExam(pack: Pack, state: ProgressState, options: ExamOptions): CreatedExam {
  const random = randomSource(options.seed);
  const asked = options.questions ?? pack.exam.questions;
  const topicDomain = topicDomains(pack);
  const byDomain = pack.domains.map((d) => pack.questions.filter((q) => topicDomain.get(q.topic) === d.id));
  const quotas = domainQuotas(asked, pack.domains.map((d) => d.weight), byDomain.map((qs) => qs.length));
  const chosen: Question[] = [];
  byDomain.forEach((questions, i) => chosen.push(...pickSpread(questions, quotas[i]!, state, random)));
  const ordered = shuffled(chosen, random);
  const total = ordered.length;
  const spec: ExamSpec = {
    examId: `exam-${options.now.getTime().toString(36)}-${options.seed.toString(36)}`,
    questionIds: ordered.map((q) => q.id),
    optionOrders: ordered.map((q) => optionOrder(q, options.seed)),
    minutes: options.minutes ?? pack.exam.minutes + (options.extraMinutes ?? 0),
    passingScore: pack.exam.passingScore,
    seed: options.seed,
    packVersion: pack.version,
  };
  return total < asked ? { spec, shortfall: { asked, available: total } } : { spec };
}

/** `count` questions of one domain, taking topics in turn, least-seen first within a topic. */
function pickSpread(questions: readonly Question[], count: number, state: ProgressState, random: () => number): Question[] {
  const byTopic = new Map<string, Question[]>();
  for (const q of questions) {
    const list = byTopic.get(q.topic) ?? [];
    list.push(q);
    byTopic.set(q.topic, list);
  }
  const tieBreak = new Map(questions.map((q) => [q.id, random()]));
  const queues = [...byTopic.values()].map((list) => [...list].sort((a, b) => (state.items[a.id]?.seen ?? 0) - (state.items[b.id]?.seen ?? 0) || tieBreak.get(a.id)! - tieBreak.get(b.id)!));
  const topicOrder = shuffled(queues, random);
  const out: Question[] = [];
  while (out.length < count && topicOrder.some((q) => q.length > 0)) {
    for (const queue of topicOrder) {
      if (out.length >= count) break;
      const next = queue.shift();
      if (next) out.push(next);
    }
  }
  return out;
}

/** A seed from the clock, when the learner gave none. */
export function seedFrom(now: Date): number {
  return hashString(now.toISOString()) % 2_147_483_647;
}
