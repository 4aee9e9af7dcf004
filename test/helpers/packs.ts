/** Small packs built in memory for domain tests, and the files of packs on disk. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Card, ChoiceQuestion, Pack } from '../../src/domain/pack/types.js';

const src = (i: number) => ({ file: 'items.yaml', line: i + 1, column: 5, path: `questions[${i}]` });

export function question(id: string, topic: string, correct: number[] = [0], options = 4, shuffle = true): ChoiceQuestion {
  return {
    kind: 'question',
    id,
    topic,
    stem: `Stem of ${id}, a question about ${topic}.`,
    options: Array.from({ length: options }, (_, i) => ({ text: `Option ${i} of ${id}`, correct: correct.includes(i), why: `Because ${i}.` })),
    shuffle,
    tags: [],
    refs: ['https://docs.aws.amazon.com/x'],
    source: src(0),
    hash: id,
  };
}

export function card(id: string, topic: string): Card {
  return { kind: 'card', id, topic, front: `Front ${id}`, back: `Back ${id}`, tags: [], refs: [], source: src(0), hash: id };
}

/** Domains with the DOP-C02 weights; `perDomain` questions in each, over two topics. */
export function blueprintPack(perDomain: readonly number[] = [20, 20, 20, 20, 20, 20], weights: readonly number[] = [22, 17, 15, 15, 14, 17]): Pack {
  const domains = weights.map((w, i) => ({ id: `d${i}`, title: `Domain ${i}`, weight: w }));
  const topics = domains.flatMap((d) => [0, 1].map((k) => ({ id: `${d.id}-t${k}`, title: `Topic ${k} of ${d.title}`, domain: d.id })));
  const questions = domains.flatMap((d, i) => Array.from({ length: perDomain[i] ?? 0 }, (_, k) => question(`${d.id}-q${k}`, `${d.id}-t${k % 2}`, k % 5 === 0 ? [0, 2] : [k % 4], k % 5 === 0 ? 5 : 4)));
  return { format: 1, id: 'bp', title: 'Blueprint pack', version: '1.0.0', domains, topics, exam: { questions: 75, minutes: 180, passingScore: 750 }, cards: [card('c1', 'd0-t0'), card('c2', 'd1-t0')], questions };
}

/** Every `.yaml` pack file below a pack folder, in directory order. */
export function yamlFiles(dir: string): string[] {
  // Names starting with '.' or '_' are skipped, as the pack loader skips them (read-pack-files.ts):
  // such files, e.g. a helper's `_option-moves.<branch>.yaml`, are notes beside the pack, not pack files.
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.name.startsWith('.') || e.name.startsWith('_') ? [] : e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : [],
  );
}
