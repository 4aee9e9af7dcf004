/**
 * The answer being built on screen for a question of any type other than a standalone choice:
 * a cursor and picks (choice or true-false parts), a line of text (short answer, numerical), a
 * right item per left item (matching), the steps as arranged so far (ordering), and for a case
 * study one of these per part. Pure: the study and exam screens keep a draft and call these.
 *
 * Positions on screen are display positions (the order the question is shown in); the answer
 * handed to scoring is in pack indices, as everywhere else (domain/pack/types.ts, `Answer`).
 */
import { correctIndices, isChoice, rightItems, type Answer, type PartBody, type Question } from '../../domain/pack/types.js';
import { parseLine } from '../../domain/quiz/parse-answer.js';
import { stripControlChars } from '../../domain/text/control-chars.js';

/** How a part is answered on screen; each has its own keys (keys/key-map.ts). */
export type EditorKind = 'options' | 'text' | 'matching' | 'ordering';

export function editorKind(body: PartBody): EditorKind {
  if (isChoice(body) || body.type === 'true-false') return 'options';
  if (body.type === 'short-answer' || body.type === 'numerical') return 'text';
  return body.type;
}

export interface PartDraft {
  /** The highlighted row: an option, a left item or a step. */
  readonly cursor: number;
  /** Options: the picked display positions (true-false: 0 is true, 1 is false). */
  readonly picks: readonly number[];
  /** Short answer and numerical: the text typed so far. */
  readonly text: string;
  /** Matching: per left item (pack order) the display position of its right item, -1 for none. */
  readonly pairs: readonly number[];
  /** Ordering: the pack indices of the steps, in the order the learner has them now. */
  readonly steps: readonly number[];
  /** Ordering: the highlighted step is picked up, and ↑↓ carry it. */
  readonly carrying: boolean;
  /** Matching with ten or more right items: a first digit waiting for a second. */
  readonly digits: string;
  /** Ordering: the learner has moved a step (an untouched order is not an answer in an exam). */
  readonly touched: boolean;
}

export interface Draft {
  /** The part being answered (always 0 outside a case study). */
  readonly part: number;
  readonly parts: readonly PartDraft[];
}

/** The longest answer the text field takes. */
export const MAX_TEXT = 200;

/** The bodies a question is answered in: its parts, or itself. */
export function bodiesOf(q: Question): PartBody[] {
  return q.type === 'case-study' ? [...q.parts] : [q];
}

/** A draft for a question, filled in from an answer already given (an exam returned to). */
export function newDraft(q: Question, orders: readonly (readonly number[])[], saved: Answer | null = null): Draft {
  const bodies = bodiesOf(q);
  const savedParts = q.type === 'case-study' ? (saved !== null && typeof saved === 'object' && !Array.isArray(saved) ? (saved as { parts: readonly (Answer | null)[] }).parts : []) : [saved];
  return { part: 0, parts: bodies.map((b, k) => newPart(b, orders[k] ?? [], savedParts[k] ?? null)) };
}

function newPart(body: PartBody, order: readonly number[], saved: Answer | null): PartDraft {
  const base: PartDraft = { cursor: 0, picks: [], text: '', pairs: [], steps: [...order], carrying: false, digits: '', touched: false };
  if (isChoice(body)) return { ...base, picks: Array.isArray(saved) ? (saved as number[]).map((k) => order.indexOf(k)).filter((p) => p >= 0).sort((a, b) => a - b) : [] };
  switch (body.type) {
    case 'true-false':
      return { ...base, picks: typeof saved === 'boolean' ? [saved ? 0 : 1] : [] };
    case 'short-answer':
    case 'numerical':
      return { ...base, text: typeof saved === 'string' ? saved : '' };
    case 'matching': {
      const given = Array.isArray(saved) ? (saved as number[]) : [];
      return { ...base, pairs: body.pairs.map((_, i) => (given[i] !== undefined && given[i]! >= 0 ? order.indexOf(given[i]!) : -1)) };
    }
    case 'ordering': {
      const given = Array.isArray(saved) ? (saved as number[]) : [];
      const valid = given.length === body.steps.length && new Set(given).size === given.length;
      return valid ? { ...base, steps: [...given], touched: true } : base;
    }
  }
}

/** How many rows the cursor moves over in a part. */
export function rowCount(body: PartBody, order: readonly number[]): number {
  if (isChoice(body)) return order.length;
  if (body.type === 'true-false') return 2;
  if (body.type === 'matching') return body.pairs.length;
  if (body.type === 'ordering') return body.steps.length;
  return 0;
}

/** How many options may be picked: the number of keys of a choice part, else 1. */
export function picksAllowed(body: PartBody): number {
  return isChoice(body) ? correctIndices(body).length : 1;
}

export type Edit = { readonly draft: PartDraft; readonly message?: string };

const at = (d: PartDraft, patch: Partial<PartDraft>): Edit => ({ draft: { ...d, ...patch } });

/** ↑ or ↓: the cursor moves; an ordering step that is picked up moves with it. */
export function move(body: PartBody, d: PartDraft, delta: number, order: readonly number[]): Edit {
  const n = rowCount(body, order);
  if (n === 0) return { draft: d };
  const cursor = Math.max(0, Math.min(n - 1, d.cursor + delta));
  if (editorKind(body) === 'ordering' && d.carrying && cursor !== d.cursor) {
    const steps = [...d.steps];
    [steps[d.cursor], steps[cursor]] = [steps[cursor]!, steps[d.cursor]!];
    return at(d, { steps, cursor, touched: true });
  }
  return at(d, { cursor, digits: '' });
}

/** A pick key (1-8, a-h) on an options part. */
export function pick(body: PartBody, d: PartDraft, position: number, order: readonly number[]): Edit {
  const n = rowCount(body, order);
  if (position >= n) return { draft: d, message: `There are ${n} options: 1-${n} or a-${String.fromCharCode(96 + n)}.` };
  return choose(body, d, position);
}

/** Space: pick the highlighted option (or unpick it), or pick up / put down an ordering step. */
export function toggle(body: PartBody, d: PartDraft): Edit {
  const kind = editorKind(body);
  if (kind === 'ordering') return at(d, { carrying: !d.carrying, touched: true });
  if (kind === 'matching') return d.digits ? commitDigits(body, d) : { draft: d, message: 'Type the number of the right item for the highlighted left item.' };
  if (kind !== 'options') return { draft: d };
  return choose(body, d, d.cursor);
}

function choose(body: PartBody, d: PartDraft, position: number): Edit {
  const allowed = picksAllowed(body);
  if (allowed <= 1) return at(d, { picks: [position], cursor: position });
  if (d.picks.includes(position)) return at(d, { picks: d.picks.filter((p) => p !== position), cursor: position });
  if (d.picks.length >= allowed) return { draft: { ...d, cursor: position }, message: `Choose at most ${allowed}: unpick one first (Space or its key).` };
  return at(d, { picks: [...d.picks, position].sort((a, b) => a - b), cursor: position });
}

/** Characters typed into a text part (one key, or a paste taken apart). */
export function typeText(d: PartDraft, input: string): Edit {
  const clean = stripControlChars(input).replace(/[\r\n\t]/g, ' ');
  if (!clean) return { draft: d };
  const text = (d.text + clean).slice(0, MAX_TEXT);
  return { draft: { ...d, text }, message: text.length === MAX_TEXT && d.text.length + clean.length > MAX_TEXT ? `An answer holds at most ${MAX_TEXT} characters.` : undefined };
}

/** Backspace: the last character typed, or the highlighted pair, or a waiting digit. */
export function erase(body: PartBody, d: PartDraft): Edit {
  const kind = editorKind(body);
  if (kind === 'text') return at(d, { text: [...d.text].slice(0, -1).join('') });
  if (kind === 'matching') {
    if (d.digits) return at(d, { digits: '' });
    const pairs = [...d.pairs];
    pairs[d.cursor] = -1;
    return at(d, { pairs });
  }
  if (kind === 'options') return at(d, { picks: d.picks.filter((p) => p !== d.cursor) });
  return { draft: d };
}

/**
 * A digit on a matching part: the number of the right item for the highlighted left item, and
 * the cursor goes on to the next left item without one. With ten or more right items a `1` waits
 * for a second digit (Space or Enter takes it alone).
 */
export function digit(body: PartBody, d: PartDraft, ch: string, order: readonly number[]): Edit {
  const rights = order.length;
  const digits = d.digits + ch;
  const value = Number(digits);
  if (digits.length === 1 && value * 10 <= rights && value > 0) return at(d, { digits });
  return assign(body, { ...d, digits: '' }, value, rights, digits);
}

/** Takes a waiting digit alone. */
export function commitDigits(body: PartBody, d: PartDraft): Edit {
  return assign(body, { ...d, digits: '' }, Number(d.digits), rightCount(body), d.digits);
}

function rightCount(body: PartBody): number {
  return body.type === 'matching' ? rightItems(body).length : 0;
}

function assign(body: PartBody, d: PartDraft, value: number, rights: number, typed: string): Edit {
  if (!Number.isInteger(value) || value < 1 || value > rights) return { draft: d, message: `There is no right item ${typed}: 1 to ${rights}.` };
  const pairs = [...d.pairs];
  pairs[d.cursor] = value - 1;
  const lefts = body.type === 'matching' ? body.pairs.length : pairs.length;
  const after = [...Array(lefts).keys()].map((k) => (d.cursor + 1 + k) % lefts).find((i) => pairs[i] === -1);
  return at(d, { pairs, cursor: after ?? d.cursor });
}

/** What the part holds as an answer, or null when nothing is given yet (or the text is not valid). */
export function partAnswer(body: PartBody, d: PartDraft, order: readonly number[]): Answer | null {
  const kind = editorKind(body);
  if (isChoice(body)) return d.picks.length ? d.picks.map((p) => order[p]!).sort((a, b) => a - b) : null;
  if (body.type === 'true-false') return d.picks.length ? d.picks[0] === 0 : null;
  if (kind === 'text') {
    const parsed = parseLine(body, `=${d.text}`, order);
    return 'answer' in parsed ? parsed.answer : null;
  }
  if (body.type === 'matching') return d.pairs.some((p) => p >= 0) ? d.pairs.map((p) => (p >= 0 ? order[p]! : -1)) : null;
  return d.touched ? [...d.steps] : null;
}

/** The part's answer for submitting it: complete and valid, or what is missing. */
export function checkPart(body: PartBody, d: PartDraft, order: readonly number[]): { readonly answer: Answer } | { readonly error: string } {
  const kind = editorKind(body);
  if (kind === 'options') {
    if (d.picks.length === 0) {
      const n = rowCount(body, order);
      return { error: `Pick an option first: 1-${n} or a-${String.fromCharCode(96 + n)}.` };
    }
    return { answer: partAnswer(body, d, order)! };
  }
  // `=` first: parseLine would strip a leading `=` the learner typed (plain mode's escape).
  if (kind === 'text') return parseLine(body, `=${d.text}`, order);
  if (body.type === 'matching') {
    const missing = d.pairs.flatMap((p, i) => (p < 0 ? [String.fromCharCode(97 + i)] : []));
    if (missing.length) return { error: `Pair every left item: ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no right item yet (type its number).` };
    return { answer: partAnswer(body, d, order)! };
  }
  return { answer: [...d.steps] };
}

/** The whole question's answer from a draft, for an exam: null when no part holds anything. */
export function draftAnswer(q: Question, draft: Draft, orders: readonly (readonly number[])[]): Answer | null {
  const bodies = bodiesOf(q);
  const answers = bodies.map((b, k) => partAnswer(b, draft.parts[k]!, orders[k] ?? []));
  if (q.type !== 'case-study') return answers[0] ?? null;
  return answers.some((a) => a !== null) ? { parts: answers } : null;
}

/** Replaces the current part's draft. */
export function withPart(draft: Draft, part: PartDraft): Draft {
  return { ...draft, parts: draft.parts.map((p, k) => (k === draft.part ? part : p)) };
}

/** Tab: the next part of a case study (round to the first). */
export function nextPart(draft: Draft): Draft {
  return { ...draft, part: (draft.part + 1) % draft.parts.length };
}
