/**
 * Scoring a mock exam. Only the exact set of correct options scores (no partial credit), every
 * pair of a matching question, the exact order, an accepted typed answer; a case study's parts
 * each score on their own (a point each); an unanswered question is wrong. The scaled score is an estimate: AWS does not publish its scaling,
 * so examdrill maps the raw percentage linearly onto 100-1000 (0% -> 100, 100% -> 1000).
 */
import type { DomainResult, ExamResult, ExamSpec } from '../progress/events.js';
import { topicDomains, type Answer, type Pack } from '../pack/types.js';
import { scoredUnits, unitsCorrect } from '../scoring/index.js';

export function scaledScore(correct: number, total: number): number {
  if (total <= 0) return 100;
  return Math.round(100 + (900 * correct) / total);
}

/** The raw percentage a passing score needs under the linear mapping. */
export function passingPercent(passingScore: number): number {
  return ((passingScore - 100) / 900) * 100;
}

export function scoreExam(pack: Pack, spec: ExamSpec, answers: readonly (Answer | null)[]): ExamResult {
  const questions = new Map(pack.questions.map((q) => [q.id, q]));
  const topicDomain = topicDomains(pack);
  const domains = new Map<string, { correct: number; total: number }>(pack.domains.map((d) => [d.id, { correct: 0, total: 0 }]));
  let correct = 0;
  let total = 0;
  spec.questionIds.forEach((id, i) => {
    const q = questions.get(id);
    if (!q) return; // Retired from the pack since the exam began: not scored.
    const units = scoredUnits(q);
    total += units;
    const right = unitsCorrect(q, answers[i] ?? null);
    correct += right;
    const d = domains.get(topicDomain.get(q.topic) ?? '');
    if (d) {
      d.total += units;
      d.correct += right;
    }
  });
  const scaled = scaledScore(correct, total);
  const domainResults: DomainResult[] = [...domains.entries()].filter(([, v]) => v.total > 0).map(([id, v]) => ({ id, ...v }));
  return { correct, total, scaled, passed: scaled >= spec.passingScore, domains: domainResults };
}
