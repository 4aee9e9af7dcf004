/** Picks the questions of a practice quiz: by topic, least-seen first, or the recent mistakes. */
import type { Pack, Question } from '../pack/types.js';
import type { ProgressState } from '../progress/state.js';
import { randomSource } from '../random.js';

export interface QuizOptions {
  readonly seed: number;
  readonly count: number;
  readonly topics?: readonly string[];
  /** The questions whose latest answer was wrong, most recent first. */
  readonly mistakes?: boolean;
}

export function selectQuiz(pack: Pack, state: ProgressState, options: QuizOptions): Question[] {
  const topics = options.topics && options.topics.length > 0 ? new Set(options.topics) : null;
  const pool = pack.questions.filter((q) => !topics || topics.has(q.topic));
  if (options.mistakes) {
    return pool
      .filter((q) => {
        const p = state.items[q.id];
        return p?.lastWrongAt !== undefined && p.lastWrongAt === p.lastAt;
      })
      .sort((a, b) => state.items[b.id]!.lastWrongAt!.localeCompare(state.items[a.id]!.lastWrongAt!))
      .slice(0, options.count);
  }
  const random = randomSource(options.seed);
  const tie = new Map(pool.map((q) => [q.id, random()]));
  return [...pool].sort((a, b) => (state.items[a.id]?.seen ?? 0) - (state.items[b.id]?.seen ?? 0) || tie.get(a.id)! - tie.get(b.id)!).slice(0, options.count);
}
