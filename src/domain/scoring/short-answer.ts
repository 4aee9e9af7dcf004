/**
 * Scoring a typed answer against the accepted ones, as Moodle does: trimmed, runs of spaces
 * made one, case-insensitive unless the question says otherwise, `*` matching any run of
 * characters (`\*` a literal star). The best weight among the accepted answers that match is the
 * credit; right means a full-credit answer matched.
 */
import type { AcceptedAnswer, ShortAnswerBody } from '../pack/types.js';
import type { Score } from './score.js';

/** Longest typed answer kept in a misconception key. */
const MISS_CHARS = 80;

export function normaliseTyped(text: string, caseSensitive: boolean): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return caseSensitive ? t : t.toLowerCase();
}

/** The accepted answer as a regular expression over the normalised typed text. */
export function acceptedPattern(accepted: string, caseSensitive: boolean): RegExp {
  const norm = normaliseTyped(accepted, caseSensitive);
  let source = '';
  for (let i = 0; i < norm.length; i += 1) {
    const c = norm[i]!;
    if (c === '\\' && norm[i + 1] === '*') {
      source += '\\*';
      i += 1;
    } else if (c === '*') source += '.*';
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, caseSensitive ? 'u' : 'iu');
}

/** The accepted answer the typed text matches with the highest weight, if any. */
export function matchAccepted(q: ShortAnswerBody, typed: string): AcceptedAnswer | undefined {
  const text = normaliseTyped(typed, q.caseSensitive);
  let best: AcceptedAnswer | undefined;
  for (const a of q.answers) if (acceptedPattern(a.text, q.caseSensitive).test(text) && (!best || a.weight > best.weight)) best = a;
  return best;
}

export function scoreShortAnswer(q: ShortAnswerBody, typed: string): Score {
  const hit = normaliseTyped(typed, q.caseSensitive) === '' ? undefined : matchAccepted(q, typed);
  const correct = hit?.weight === 100;
  return { correct, credit: (hit?.weight ?? 0) / 100, misses: correct ? [] : [`=${normaliseTyped(typed, q.caseSensitive).slice(0, MISS_CHARS)}`] };
}
