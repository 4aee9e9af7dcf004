/** The order a question's options are shown in: shuffled by a seed unless `shuffle: false`. */
import type { Question } from '../pack/types.js';
import { hashString, randomSource, shuffled } from '../random.js';

/** Display order: entry i is the pack index of the option shown at position i. */
export function optionOrder(question: Question, seed: number): number[] {
  const indices = question.options.map((_, i) => i);
  if (!question.shuffle) return indices;
  return shuffled(indices, randomSource(hashString(`${question.id}:${seed}`)));
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
