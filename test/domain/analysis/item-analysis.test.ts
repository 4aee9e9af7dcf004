import { describe, expect, it } from 'vitest';
import { analyzeItems, type AnalysisItem, type LearnerResults } from '../../../src/domain/analysis/item-analysis.js';
import { randomSource } from '../../../src/domain/random.js';

/** A seeded class: learners of known ability answer 4-option questions of known difficulty. */
function simulate(seed: number) {
  const random = randomSource(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const difficulties = [-0.6, -0.3, 0, 0.2, 0.4, -0.2, 0.1, 0.3];
  const items: AnalysisItem[] = difficulties.map((_, i) => ({ id: `q${i}`, hash: 'h1', optionCount: 4, key: [0] }));
  const miskeyed = 3; // learners who know pick option 2, but the key says 0
  const dead = 5; // option 3 is never chosen
  const abilities = Array.from({ length: 200 }, normal);
  const p = (theta: number, b: number) => 1 / (1 + Math.exp(-1.7 * (theta - b)));
  const truth = difficulties.map((b) => abilities.reduce((s, t) => s + p(t, b), 0) / abilities.length);
  const learners: LearnerResults[] = abilities.map((theta) => ({
    answers: difficulties.map((b, i) => {
      const knows = random() < p(theta, b);
      const distractors = i === dead ? [1, 2] : i === miskeyed ? [0, 1, 3] : [1, 2, 3];
      const chosen = knows ? (i === miskeyed ? 2 : 0) : distractors[Math.floor(random() * distractors.length)]!;
      return { item: `q${i}`, hash: 'h1', answer: [chosen], correct: chosen === 0 };
    }),
  }));
  return { items, learners, truth, miskeyed, dead };
}

describe('analyzeItems on a simulated class', () => {
  const sim = simulate(42);
  const report = analyzeItems(sim.items, sim.learners);

  it('flags exactly the miskeyed question and the dead distractor', () => {
    expect(report.filter((r) => r.flags.length > 0).map((r) => r.id)).toEqual([`q${sim.miskeyed}`, `q${sim.dead}`]);
    // A miskeyed question is also hard: those who know pick the option the key calls wrong.
    expect(report[sim.miskeyed]!.flags).toContain('likely-miskeyed');
    expect(report[sim.dead]!.flags).toEqual(['dead-distractor']);
    expect(report[sim.dead]!.deadDistractors).toEqual([3]);
  });

  it('estimates facility within 0.05 of the truth for the correctly keyed questions', () => {
    report.forEach((r, i) => {
      if (i !== sim.miskeyed) expect(Math.abs(r.facility! - sim.truth[i]!)).toBeLessThan(0.05);
    });
  });

  it('gives good questions a positive discrimination and the miskeyed one a negative', () => {
    report.forEach((r, i) => {
      if (i === sim.miskeyed) expect(r.pointBiserial!).toBeLessThan(0);
      else {
        expect(r.pointBiserial!).toBeGreaterThan(0.1);
        expect(r.upperLower!).toBeGreaterThan(0.1);
        expect(r.efficiency!).toBeGreaterThan(0);
        expect(r.efficiency!).toBeLessThanOrEqual(1);
      }
    });
  });
});

describe('analyzeItems edge cases', () => {
  const items: AnalysisItem[] = [
    { id: 'a', hash: 'new', optionCount: 2, key: [0] },
    { id: 'b', hash: 'x' },
  ];
  it('counts answers to another version apart, and only first attempts', () => {
    const learners: LearnerResults[] = [
      { answers: [{ item: 'a', hash: 'old', answer: [1], correct: false }, { item: 'b', hash: 'x', answer: 'typed', correct: true }] },
      { answers: [{ item: 'a', hash: 'new', answer: [1], correct: false }, { item: 'a', hash: 'new', answer: [0], correct: true }, { item: 'b', hash: 'x', answer: 'typed', correct: false }] },
    ];
    const [a, b] = analyzeItems(items, learners);
    expect(a!.changedAnswers).toBe(1);
    expect(a!.answers).toBe(1);
    expect(a!.facility).toBe(0);
    expect(a!.flags).toContain('changed-since');
    // A typed answer is not option-based: facility still computed, no option rates.
    expect(b!.facility).toBe(0.5);
    expect(b!.options).toBeNull();
  });
});
