/**
 * The GIFT importer checked against an independent parser, gift-pegjs (a PEG grammar of GIFT,
 * github.com/fuhrmanator/GIFT-grammar-PEG.js): on Moodle's own examples and on fixtures of ours,
 * both must find the same questions, of the same types, in the same order, with the same
 * correct answers. Essays and descriptions, which examdrill leaves out, must be what it skips.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import giftPegjs, { type GIFTQuestion, type NumericalFormat } from 'gift-pegjs';
import { describe, expect, it } from 'vitest';
import { parseGift } from '../../../src/domain/import/gift.js';
import { itemType, type ImportedItem } from '../../../src/domain/import/to-pack.js';
import { FIXTURES } from '../../helpers/run-cli.js';

/** A question as both parsers can say it: its type and its correct answers, as text. */
interface Key {
  readonly type: string;
  readonly correct: readonly string[];
}

const TYPES: Record<string, string> = { MC: 'choice', TF: 'true-false', Short: 'short-answer', Numerical: 'numerical', Matching: 'matching' };

const norm = (text: string): string => text.replace(/\s+/g, ' ').trim();

function numberKey(n: NumericalFormat): string {
  if (n.type === 'high-low') return `${n.numberLow}..${n.numberHigh}`;
  return `${n.number}:${n.type === 'range' ? n.range : 0}`;
}

/** gift-pegjs's questions as keys; essays and descriptions counted apart. */
function pegKeys(questions: GIFTQuestion[]): { keys: Key[]; essays: number; descriptions: number } {
  const keys: Key[] = [];
  let essays = 0;
  let descriptions = 0;
  for (const q of questions) {
    switch (q.type) {
      case 'Category':
        break;
      case 'Essay':
        essays += 1;
        break;
      case 'Description':
        descriptions += 1;
        break;
      case 'MC': {
        // A question with an `=` answer has that one right; one without has those of positive weight.
        const single = q.choices.some((c) => c.isCorrect);
        keys.push({ type: TYPES[q.type]!, correct: q.choices.filter((c) => (single ? c.isCorrect && (c.weight === null || c.weight >= 100) : (c.weight ?? 0) > 0)).map((c) => norm(c.text.text)) });
        break;
      }
      case 'TF':
        keys.push({ type: TYPES[q.type]!, correct: [String(q.isTrue)] });
        break;
      case 'Short':
        keys.push({ type: TYPES[q.type]!, correct: q.choices.filter((c) => c.isCorrect && (c.weight === null || c.weight >= 100)).map((c) => norm(c.text.text)) });
        break;
      case 'Numerical': {
        const full = Array.isArray(q.choices) ? q.choices.find((c) => c.isCorrect && (c.weight === null || c.weight >= 100))!.text : q.choices;
        keys.push({ type: TYPES[q.type]!, correct: [numberKey(full)] });
        break;
      }
      case 'Matching':
        keys.push({ type: TYPES[q.type]!, correct: q.matchPairs.filter((p) => p.subquestion.text.trim() !== '').map((p) => `${norm(p.subquestion.text)} -> ${norm(p.subanswer)}`) });
        break;
    }
  }
  return { keys, essays, descriptions };
}

/** Our items as keys (full-credit answers only, as gift-pegjs marks them). */
function ourKey(item: ImportedItem): Key {
  const type = itemType(item);
  switch (item.kind) {
    case 'question':
      return { type, correct: item.options.filter((o) => o.correct).map((o) => norm(o.text)) };
    case 'true-false':
      return { type, correct: [String(item.answer)] };
    case 'short-answer':
      return { type, correct: item.answers.filter((a) => a.weight === undefined).map((a) => norm(a.text)) };
    case 'numerical':
      return { type, correct: [item.range ? `${item.range.min}..${item.range.max}` : `${item.answer}:${item.tolerance ?? 0}`] };
    case 'matching':
      return { type, correct: item.pairs.map((p) => `${norm(p.left)} -> ${norm(p.right)}`) };
    case 'card':
      return { type, correct: [item.back] };
  }
}

function countBy(keys: readonly Key[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const k of keys) counts[k.type] = (counts[k.type] ?? 0) + 1;
  return counts;
}

function crossCheck(file: string) {
  const text = readFileSync(join(FIXTURES, 'import', file), 'utf8');
  const peg = pegKeys(giftPegjs.parse(text));
  const ours = parseGift(text);
  const skipped = ours.warnings.filter((w) => w.message.startsWith('skipped '));
  return {
    peg,
    ours: ours.items.map(ourKey),
    essays: skipped.filter((w) => w.message.startsWith('skipped an essay')).length,
    descriptions: skipped.filter((w) => w.message.startsWith('skipped a description')).length,
    otherSkips: skipped.filter((w) => !/^skipped (an essay|a description)/.test(w.message)),
    blocks: ours.blocks,
  };
}

describe('the GIFT importer and gift-pegjs', () => {
  it("read Moodle's examples alike: 43 questions, by type, with the same correct answers", () => {
    const r = crossCheck('moodle-examples.gift.txt');
    expect(countBy(r.peg.keys)).toEqual({ choice: 18, 'true-false': 5, 'short-answer': 9, numerical: 8, matching: 3 });
    expect(countBy(r.ours)).toEqual(countBy(r.peg.keys));
    expect(r.ours).toEqual(r.peg.keys);
    expect(r.otherSkips).toEqual([]);
    expect([r.essays, r.descriptions]).toEqual([r.peg.essays, r.peg.descriptions]);
    expect(r.blocks).toBe(43);
  });

  it('read a file of every type alike, with weights, ranges, distractors, formats and escapes', () => {
    const r = crossCheck('all-types.gift');
    expect(countBy(r.ours)).toEqual({ numerical: 4, 'short-answer': 2, 'true-false': 2, matching: 1, choice: 4 });
    expect(r.ours).toEqual(r.peg.keys);
    expect([r.essays, r.descriptions]).toEqual([1, 1]);
    expect([r.peg.essays, r.peg.descriptions]).toEqual([1, 1]);
    expect(r.otherSkips).toEqual([]);
  });
});
