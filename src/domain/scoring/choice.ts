/**
 * Scoring a choice question: right only on the exact set of correct options (as the exam
 * scores). The partial-credit figure follows Moodle: the weights of the chosen options, summed
 * and clamped to 0..100%; without weights, each correct option weighs 100/n and each wrong one -100/n
 * of the wrong ones, so a single-answer question gives 1 or 0.
 */
import { correctIndices, type ChoiceBody } from '../pack/types.js';
import { clamp01, type Score } from './score.js';

export function optionWeight(q: ChoiceBody, index: number): number {
  const o = q.options[index];
  if (!o) return 0;
  if (o.weight !== undefined) return o.weight;
  const keys = q.options.filter((x) => x.correct).length;
  const wrong = q.options.length - keys;
  return o.correct ? 100 / Math.max(1, keys) : keys > 1 ? -100 / Math.max(1, wrong) : 0;
}

export function scoreChoice(q: ChoiceBody, chosen: readonly number[]): Score {
  const keys = correctIndices(q);
  const set = new Set(chosen);
  const correct = set.size === keys.length && keys.every((k) => set.has(k));
  const credit = correct ? 1 : clamp01([...set].reduce((sum, i) => sum + optionWeight(q, i), 0) / 100);
  return { correct, credit, misses: correct ? [] : [...set].filter((i) => q.options[i] && !q.options[i]!.correct).sort((a, b) => a - b).map(String) };
}
