/** The order a question's options are shown in: shuffled by a seed unless `shuffle: false`. */
import { isChoice, rightItems, type Question, type QuestionBody } from '../pack/types.js';
import { hashString, randomSource, shuffled } from '../random.js';

/**
 * Display order: entry i is the pack index of what is shown at position i. Choice: the options
 * (unless `shuffle: false`); matching: the right items; ordering: the steps as first shown (never
 * already in order); empty for the other types.
 */
export function optionOrder(question: Question, seed: number): number[] {
  return displayOrder(question, question.id, seed);
}

/** The same for any question body; `key` names it (a case study's part k: `id/k`). */
export function displayOrder(body: QuestionBody, key: string, seed: number): number[] {
  const random = () => randomSource(hashString(`${key}:${seed}`));
  if (isChoice(body)) {
    const indices = body.options.map((_, i) => i);
    return body.shuffle ? shuffled(indices, random()) : indices;
  }
  if (body.type === 'matching') return shuffled(rightItems(body).map((_, i) => i), random());
  if (body.type === 'ordering') {
    const order = shuffled(body.steps.map((_, i) => i), random());
    // Shown already in order, the question would answer itself.
    return order.every((v, i) => v === i) ? [...order.slice(1), order[0]!] : order;
  }
  return [];
}

/** A case study's part k: its display order, from the exam's or session's seed. */
export function partOrder(question: Question, k: number, seed: number): number[] {
  return question.type === 'case-study' && question.parts[k] ? displayOrder(question.parts[k], `${question.id}/${k}`, seed) : [];
}

/** The orders a question is shown in: its own (`order`), or for a case study one per part. */
export function questionOrders(q: Question, order: readonly number[], seed: number): number[][] {
  return q.type === 'case-study' ? q.parts.map((_, k) => partOrder(q, k, seed)) : [[...order]];
}

/** `a`..`h` for positions 0..7. */
export function optionLetter(position: number): string {
  return String.fromCharCode(97 + position);
}

/**
 * Parses a typed answer: numbers or letters, joined by commas or spaces (`2,4`, `b d`, `B`).
 * Returns display positions, or an error message naming what is accepted.
 */
export function parseAnswer(input: string, optionCount: number): { positions: number[] } | { error: string } {
  const parts = input.trim().toLowerCase().split(/[\s,;]+/).filter(Boolean);
  const last = optionLetter(optionCount - 1);
  const accepted = `a number from 1 to ${optionCount} or a letter from a to ${last}, several joined by commas for a multiple-response question`;
  if (parts.length === 0) return { error: `Type ${accepted}.` };
  const positions: number[] = [];
  for (const p of parts) {
    let pos: number;
    if (/^\d+$/.test(p)) pos = Number(p) - 1;
    else if (/^[a-h]$/.test(p)) pos = p.charCodeAt(0) - 97;
    else return { error: `"${p}" is not an option: type ${accepted}.` };
    if (pos < 0 || pos >= optionCount) return { error: `"${p}" is out of range: type ${accepted}.` };
    if (!positions.includes(pos)) positions.push(pos);
  }
  return { positions: positions.sort((a, b) => a - b) };
}
