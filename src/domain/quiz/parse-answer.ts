/**
 * The line syntax of plain mode, one per question type (docs/content-packs.md, "Answering in
 * plain mode"): a pick `2` or `b,d`; `t` or `f`; free text; a number; pairs `b-3,a-1,c-2` (left
 * letter, right number); an order `3,1,2,4` (the shown step numbers, first to last). Returns
 * the answer, or an error that names what is accepted. A typed answer that would read as a
 * command (`q`, `u`, `f`, `s`) is written with a leading `=`.
 */
import { isChoice, rightItems, type Answer, type PartBody } from '../pack/types.js';
import { parseNumber } from '../scoring/numerical.js';
import { optionLetter, parseAnswer as parseChoice } from '../study/options.js';
import { stripControlChars } from '../text/control-chars.js';

export type Parsed = { readonly answer: Answer } | { readonly error: string };

/** Parses one line for a question (or a case study's part) shown in `order` (study/options.ts). */
export function parseLine(q: PartBody, line: string, order: readonly number[]): Parsed {
  const raw = stripControlChars(line).trim();
  const text = raw.startsWith('=') ? raw.slice(1).trim() : raw;
  if (isChoice(q)) {
    const parsed = parseChoice(text, order.length);
    if ('error' in parsed) return parsed;
    const keys = q.options.filter((o) => o.correct).length;
    if (parsed.positions.length > keys) return { error: `Choose at most ${keys}.` };
    return { answer: parsed.positions.map((pos) => order[pos]!).sort((a, b) => a - b) };
  }
  switch (q.type) {
    case 'true-false': {
      const t = text.toLowerCase();
      if (['t', 'true', 'y', 'yes', '1'].includes(t)) return { answer: true };
      if (['f', 'false', 'n', 'no', '2'].includes(t)) return { answer: false };
      return { error: 'Type t (true) or f (false), or 1 or 2.' };
    }
    case 'short-answer':
      return text ? { answer: text } : { error: 'Type your answer (a word or a few); start it with = if it is a single q, u, f or s.' };
    case 'numerical':
      return parseNumber(text) !== undefined ? { answer: text } : { error: `"${text.slice(0, 40)}" is not a number: type one such as 30, 1.5 or 1,500 (the unit may follow).` };
    case 'matching':
      return parsePairs(text, q.pairs.length, rightItems(q).length, order);
    case 'ordering':
      return parseOrder(text, q.steps.length, order);
  }
}

/** `b-3,a-1,c-2`: each left letter with the number of the right item shown. */
export function parsePairs(text: string, lefts: number, rights: number, order: readonly number[]): Parsed {
  const syntax = `Type each left letter with a right number, such as a-${Math.min(2, rights)},b-1: letters a to ${optionLetter(lefts - 1)}, numbers 1 to ${rights}.`;
  const parts = text.toLowerCase().split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return { error: syntax };
  const picks: number[] = Array.from({ length: lefts }, () => -1);
  for (const p of parts) {
    const m = /^([a-z])\s*[-=:>]\s*(\d+)$/.exec(p);
    if (!m) return { error: `"${p.slice(0, 20)}" is not a pair. ${syntax}` };
    const left = m[1]!.charCodeAt(0) - 97;
    const right = Number(m[2]) - 1;
    if (left >= lefts || right < 0 || right >= rights) return { error: `"${p}" is out of range. ${syntax}` };
    if (picks[left] !== -1) return { error: `${m[1]} is paired twice: give each left item one right item.` };
    picks[left] = order[right] ?? right;
  }
  const missing = picks.flatMap((v, i) => (v === -1 ? [optionLetter(i)] : []));
  if (missing.length) return { error: `Pair every left item: ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no right item yet.` };
  return { answer: picks };
}

/** `3,1,2,4`: the shown step numbers from first to last, each once. */
export function parseOrder(text: string, steps: number, order: readonly number[]): Parsed {
  const syntax = `Type the step numbers from first to last, each once, such as ${Array.from({ length: steps }, (_, i) => i + 1).reverse().join(',')}.`;
  const parts = text.split(/[\s,;>-]+/).filter(Boolean);
  if (parts.length !== steps || !parts.every((p) => /^\d+$/.test(p))) return { error: `${parts.length !== steps && parts.every((p) => /^\d+$/.test(p)) ? `${parts.length} of ${steps} steps given. ` : ''}${syntax}` };
  const shown = parts.map((p) => Number(p) - 1);
  if (shown.some((x) => x < 0 || x >= steps)) return { error: `A step number is out of range. ${syntax}` };
  if (new Set(shown).size !== steps) return { error: `A step appears twice. ${syntax}` };
  return { answer: shown.map((pos) => order[pos] ?? pos) };
}
