/**
 * A class for item-analysis tests: a small pack of 4-option questions on disk, and seeded
 * results files of learners of known ability answering questions of known difficulty (a 2PL
 * model), with one question miskeyed (those who know pick option C, the key says A) and one
 * dead distractor (option D of that question is never chosen).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultsFile } from '../../src/domain/analysis/results-format.js';
import { randomSource } from '../../src/domain/random.js';

export const CLASS_PACK_ID = 'class-pack';
/** The difficulty of each question (the ability at which half the learners know it). */
export const DIFFICULTIES = [-0.6, -0.3, 0, 0.2, 0.4, -0.2, 0.1, 0.3];
export const MISKEYED = 3;
export const DEAD = 5;

/** Writes the pack; returns each question's line in items.yaml. */
export function writeClassPack(dir: string, count = DIFFICULTIES.length): { lines: number[] } {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'pack.yaml'),
    [`format: 1`, `id: ${CLASS_PACK_ID}`, `title: A class's pack`, `version: 1.0.0`, `domains:`, `  - id: d1`, `    title: Domain one`, `    weight: 1`, `topics:`, `  - id: t1`, `    title: Topic one`, `    domain: d1`, `exam:`, `  questions: 4`, `  minutes: 10`, ''].join('\n'),
  );
  const lines: number[] = [];
  const out = ['topic: t1', 'questions:'];
  for (let i = 0; i < count; i += 1) {
    lines.push(out.length + 1);
    out.push(`  - id: q${i}`, `    stem: "Which setting makes service ${i} meet requirement ${i}?"`, '    shuffle: false', '    options:');
    for (let o = 0; o < 4; o += 1) out.push(`      - text: "Setting ${String.fromCharCode(65 + o)} for service ${i}"`, ...(o === 0 ? ['        correct: true'] : []), `        why: "Because of reason ${o} for ${i}."`);
    out.push('    refs: [https://docs.aws.amazon.com/example]');
  }
  mkdirSync(join(dir, 'items'), { recursive: true });
  writeFileSync(join(dir, 'items', 'questions.yaml'), `${out.join('\n')}\n`);
  return { lines };
}

export interface SimulatedClass {
  readonly results: ResultsFile[];
  /** Per question, the expected share right under the model, over these learners' abilities. */
  readonly truth: number[];
  /** Per question, the share of first attempts that were right in this simulated class. */
  readonly observed: number[];
}

/** `hashes`: each question's hash in the pack. Some wrong answers are followed by a right retry (not a first attempt). */
export function simulateClass(seed: number, learners: number, hashes: ReadonlyMap<string, string>, difficulties: readonly number[] = DIFFICULTIES): SimulatedClass {
  const random = randomSource(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const p = (theta: number, b: number) => 1 / (1 + Math.exp(-1.7 * (theta - b)));
  const abilities = Array.from({ length: learners }, normal);
  // Who knows answers right, except on the miskeyed question (they pick C); who does not, picks a
  // wrong option at random (on the miskeyed one, any but C: A, the key, among them).
  const truth = difficulties.map((b, i) => abilities.reduce((s, t) => s + (i === MISKEYED ? (1 - p(t, b)) / 3 : p(t, b)), 0) / learners);
  const rights = difficulties.map(() => 0);
  const results = abilities.map((theta, l): ResultsFile => {
    const answers: ResultsFile['answers'][number][] = [];
    difficulties.forEach((b, i) => {
      const knows = random() < p(theta, b);
      const wrong = i === DEAD ? [1, 2] : i === MISKEYED ? [0, 1, 3] : [1, 2, 3];
      const chosen = knows ? (i === MISKEYED ? 2 : 0) : wrong[Math.floor(random() * wrong.length)]!;
      const base = { item: `q${i}`, hash: hashes.get(`q${i}`)!, mode: 'quiz' as const, day: '2026-11-03', seconds: Math.round(20 + random() * 60) };
      answers.push({ ...base, chosen: [chosen], correct: chosen === 0 });
      if (chosen === 0) rights[i]! += 1;
      if (chosen !== 0 && random() < 0.3) answers.push({ ...base, chosen: [0], correct: true, day: '2026-11-04' });
    });
    return { format: 'examdrill-results', version: 1, pack: { id: CLASS_PACK_ID, version: '1.0.0' }, exported: '2026-11-05', ...(l % 10 === 0 ? { name: `Learner ${l}` } : {}), answers, exams: [] };
  });
  return { results, truth, observed: rights.map((r) => r / learners) };
}
