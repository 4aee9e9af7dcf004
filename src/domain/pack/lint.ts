/**
 * Quality warnings for a valid pack: what a reviewer of exam questions would flag. Pure: the
 * pack in, warnings out, each located at the item's file and line.
 */
import { sortIssues, type PackIssue } from './issues.js';
import { realismWarnings } from './realism.js';
import { choiceQuestions, chooseCount, correctIndices, type ChoiceQuestion, type Pack, type Question } from './types.js';

/** Above this share of single-answer questions whose key is the strictly longest option, warn. */
export const LONGEST_CORRECT_LIMIT = 0.35;
/** Word-trigram Jaccard similarity from which two stems count as near-duplicates. */
export const NEAR_DUPLICATE_SIMILARITY = 0.8;

const ABOVE = /\b(all|none|both|neither) of the (above|options)\b/i;

export function lintPack(pack: Pack): PackIssue[] {
  const out: PackIssue[] = [];
  const warn = (src: { file: string; line: number; column: number; path: string }, path: string, message: string): void => {
    out.push({ file: src.file, line: src.line, column: src.column, path, message, severity: 'warning' });
  };
  const manifest = { file: 'pack.yaml', line: 1, column: 1, path: '' };

  const choice = choiceQuestions(pack);
  for (const q of pack.questions) {
    if (q.refs.length === 0) warn(q.source, q.source.path, `${q.id} has no documentation link in \`refs\``);
  }
  for (const q of choice) {
    q.options.forEach((o, i) => {
      if (!o.why) warn(q.source, `${q.source.path}.options[${i}]`, `option ${i + 1} of ${q.id} has no \`why\`: say why it is right or wrong`);
      if (q.shuffle && ABOVE.test(o.text)) warn(q.source, `${q.source.path}.options[${i}]`, `"${o.text.match(ABOVE)![0]}" in a shuffled question: the option moves, so set \`shuffle: false\` or reword it`);
    });
  }

  const singles = choice.filter((q) => correctIndices(q).length === 1);
  const longest = singles.filter(correctIsStrictlyLongest);
  if (singles.length >= 5 && longest.length / singles.length > LONGEST_CORRECT_LIMIT) {
    warn(manifest, '', `the correct option is the strictly longest in ${longest.length} of ${singles.length} single-answer questions (${pct(longest.length / singles.length)}, limit ${pct(LONGEST_CORRECT_LIMIT)}): learners learn to pick the longest; lengthen distractors in e.g. ${longest.slice(0, 3).map((q) => q.id).join(', ')}`);
  }

  const fixed = singles.filter((q) => !q.shuffle);
  if (fixed.length >= 4) {
    const counts = new Map<number, number>();
    for (const q of fixed) counts.set(correctIndices(q)[0]!, (counts.get(correctIndices(q)[0]!) ?? 0) + 1);
    const [pos, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    if (n / fixed.length > 0.5) warn(manifest, '', `answer positions are unbalanced: option ${pos + 1} is correct in ${n} of ${fixed.length} questions with \`shuffle: false\``);
  }

  for (const [a, b, similarity] of similarStems(pack.questions)) {
    const kind = similarity >= 0.999 ? 'duplicate stem' : `near-duplicate stem (${pct(similarity)} alike)`;
    warn(b.source, b.source.path, `${kind}: ${b.id} and ${a.id} (${a.source.file}:${a.source.line})`);
  }

  const used = new Set(pack.questions.map((q) => q.topic));
  for (const t of pack.topics) if (!used.has(t.id)) warn(manifest, 'topics', `topic ${t.id} has no questions: quizzes and exams cannot cover it`);
  if (pack.questions.length < pack.exam.questions) {
    warn(manifest, 'exam.questions', `the pool holds ${pack.questions.length} questions, fewer than the ${pack.exam.questions} a mock exam asks for`);
  }
  for (const q of choice) {
    const said = chooseCount(q.stem);
    const keys = correctIndices(q).length;
    if (said !== undefined && said !== keys) warn(q.source, q.source.path, `the stem says choose ${said} but ${q.id} has ${keys} correct option${keys === 1 ? '' : 's'}`);
  }
  out.push(...realismWarnings(pack));
  return sortIssues(out);
}

export function correctIsStrictlyLongest(q: ChoiceQuestion): boolean {
  const keys = correctIndices(q);
  if (keys.length !== 1) return false;
  const k = keys[0]!;
  const len = q.options[k]!.text.trim().length;
  return q.options.every((o, i) => i === k || o.text.trim().length < len);
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function normalise(stem: string): string[] {
  return stem
    .toLowerCase()
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * Pairs of questions whose stems are alike, by word-trigram Jaccard similarity. An inverted
 * index over trigrams keeps it near-linear: only stems that share a trigram are compared.
 */
export function similarStems(questions: readonly Question[]): [Question, Question, number][] {
  const shingles = questions.map((q) => {
    const words = normalise(q.stem);
    const set = new Set<string>();
    if (words.length < 3) set.add(words.join(' '));
    for (let i = 0; i + 3 <= words.length; i += 1) set.add(words.slice(i, i + 3).join(' '));
    return set;
  });
  const index = new Map<string, number[]>();
  shingles.forEach((set, i) => {
    for (const s of set) {
      const list = index.get(s);
      if (list) list.push(i);
      else index.set(s, [i]);
    }
  });
  const shared = new Map<number, number>();
  for (const list of index.values()) {
    if (list.length > 200) continue; // Boilerplate phrases say nothing about duplication.
    for (let x = 0; x < list.length; x += 1) {
      for (let y = x + 1; y < list.length; y += 1) {
        const key = list[x]! * questions.length + list[y]!;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  const out: [Question, Question, number][] = [];
  for (const [key, n] of shared) {
    const a = Math.floor(key / questions.length);
    const b = key % questions.length;
    const similarity = n / (shingles[a]!.size + shingles[b]!.size - n);
    if (similarity >= NEAR_DUPLICATE_SIMILARITY) out.push([questions[a]!, questions[b]!, similarity]);
  }
  return out.sort((p, q) => p[1].source.file.localeCompare(q[1].source.file) || p[1].source.line - q[1].source.line);
}
