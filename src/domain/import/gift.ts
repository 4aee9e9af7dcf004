/**
 * A Moodle GIFT parser (https://docs.moodle.org/en/GIFT_format), read the way Moodle's own import
 * filter reads it: questions are separated by blank lines, `//` lines are comments, and the answer
 * block `{...}` decides the kind of question.
 *
 *   ::Title:: [markdown]Grant is {~buried#No one is. =entombed ~living} in Grant's tomb.
 *   → stem "Grant is _____ in Grant's tomb.", three options, `entombed` correct
 *
 * Kept, each as its own question type: multiple choice (`=` right, `~` wrong, `~%50%` partial
 * credit kept as the option's weight), multiple answer (no `=`: options of positive `~%N%` weight
 * are correct, every weight kept), true/false (the first feedback is the why of the wrong answer,
 * the second of the right one), short answer (accepted answers with their weights and whys),
 * numerical (`{#1822:2}`, `{#1..5}`; of several `=` answers the full-credit one, with a note),
 * matching (`=left -> right`; no left item: a distractor) and missing word (the gap `_____` in the
 * stem). Per-answer feedback is the why, `####` general feedback the explanation. Skipped, each
 * with a warning at the question's line: essays, descriptions and anything unreadable.
 */
import { hardBreaksAt, htmlToMarkdownLite, keepItem, markdownLinksToText, type ImportedOption, type ImportResult, type ImportWarning, type ImportedItem } from './to-pack.js';

/**
 * Escaped characters are swapped for Unicode noncharacters before the structure is read, so that
 * `\=` or `\{` never count as syntax, and swapped back in each piece of text afterwards.
 */
const ESCAPES: Record<string, string> = { '\\': '\uFDD0', ':': '\uFDD1', '#': '\uFDD2', '=': '\uFDD3', '{': '\uFDD4', '}': '\uFDD5', '~': '\uFDD6', n: '\uFDD7' };
/** Stands for an escaped `\\n` while a text is rendered, to become a line that stays a line. */
const LINE_MARK = '\uFDD8';
const UNESCAPE = new Map(Object.entries(ESCAPES).map(([char, mark]) => [mark, char === 'n' ? '\n' : char]));
const NONCHARACTERS = /[\uFDD0-\uFDEF]/g;

function protect(text: string): string {
  return text.replace(NONCHARACTERS, '').replace(/\\([\\:#={}~n])/g, (_, char: string) => ESCAPES[char]!);
}

function unprotect(text: string): string {
  return text.replace(/[\uFDD0-\uFDD7]/g, (mark) => UNESCAPE.get(mark) ?? '');
}

type Format = 'html' | 'plain' | 'markdown' | 'moodle';
const FORMAT_TAG = /^\s*\[(html|plain|markdown|moodle)\]/i;

/** Moodle's category prefixes, which name a context rather than a category. */
const CONTEXT_SEGMENTS = /^\$(course|system|module|coursecategory|cat\d*)\$$/i;

interface Block {
  /** Line numbers (1-based) and text of the block's non-comment lines. */
  readonly lines: { readonly line: number; readonly text: string }[];
}

export function parseGift(text: string): ImportResult {
  const items: ImportedItem[] = [];
  const warnings: ImportWarning[] = [];
  let category: string | undefined;
  let count = 0;
  for (const block of blocks(text)) {
    let lines = block.lines;
    const first = lines[0]!;
    const categoryMatch = /^\s*\$CATEGORY:(.*)$/i.exec(first.text);
    if (categoryMatch) {
      category = categoryName(categoryMatch[1]!);
      lines = lines.slice(1);
      if (lines.length === 0) continue;
    }
    const line = lines[0]!.line;
    count += 1;
    const result = parseQuestion(lines.map((l) => l.text).join('\n'), line, category);
    warnings.push(...result.notes.map((message) => ({ line, message })));
    if (typeof result.item === 'string') warnings.push({ line, message: `skipped ${result.item}` });
    else keepItem(result.item, items, warnings);
  }
  return { items, warnings, blocks: count };
}

/**
 * Questions are separated by blank lines; `//` comment lines are dropped without ending one.
 * Where the blank line is missing, a `$CATEGORY:` line still stands alone, and a `::title::`
 * right after a closed answer block starts the next question, as Moodle's own files are read:
 * otherwise the category or the next question would end up inside a stem.
 */
function blocks(text: string): Block[] {
  const out: Block[] = [];
  let current: Block['lines'] = [];
  let depth = 0;
  let closed = false;
  const end = (): void => {
    if (current.length > 0) out.push({ lines: current });
    current = [];
    depth = 0;
    closed = false;
  };
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, index) => {
    if (raw.trim() === '') {
      end();
    } else if (/^\s*\$CATEGORY:/i.test(raw)) {
      end();
      out.push({ lines: [{ line: index + 1, text: raw }] });
    } else if (!/^\s*\/\//.test(raw)) {
      if (closed && depth === 0 && /^\s*::/.test(raw)) end();
      current.push({ line: index + 1, text: raw });
      for (const m of raw.matchAll(/\\.|[{}]/g)) {
        if (m[0] === '{') depth++;
        else if (m[0] === '}' && depth > 0) {
          depth--;
          if (depth === 0) closed = true;
        }
      }
    }
  });
  end();
  return out;
}

/** `$course$/top/Networking/Routing` → `Networking / Routing`; undefined for the top category. */
function categoryName(raw: string): string | undefined {
  const segments = raw
    .trim()
    .split('/')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !CONTEXT_SEGMENTS.test(s));
  if (segments[0]?.toLowerCase() === 'top') segments.shift();
  return segments.length > 0 ? segments.join(' / ') : undefined;
}

interface Parsed {
  /** The item, or why the question was skipped. */
  readonly item: ImportedItem | string;
  /** Changes made on the way in, such as partial credit dropped. */
  readonly notes: string[];
}

function parseQuestion(source: string, line: number, topic: string | undefined): Parsed {
  const notes: string[] = [];
  const skip = (why: string): Parsed => ({ item: why, notes });
  let text = protect(source).trim();
  let title: string | undefined;
  if (text.startsWith('::')) {
    const end = text.indexOf('::', 2);
    if (end < 0) return skip('a question whose title (::) is never closed');
    title = unprotect(text.slice(2, end)).trim();
    text = text.slice(end + 2).trim();
  }
  const open = text.indexOf('{');
  if (open < 0) return skip('a description (a text with no answer block {...}): it asks nothing, so examdrill leaves descriptions out');
  const close = text.indexOf('}', open);
  if (close < 0) return skip('a question whose answer block { is never closed with }');
  const after = text.slice(close + 1);
  if (/\{\d*:(MULTICHOICE|MC|SHORTANSWER|SA|NUMERICAL|NM|MULTIRESPONSE|MR)\w*:/i.test(text)) {
    return skip('a Moodle Cloze (embedded answers) question, such as {1:MULTICHOICE:...}: Cloze is its own Moodle question type, not GIFT, and examdrill cannot import it');
  }
  if (after.includes('{')) {
    const count = (text.match(/\{/g) ?? []).length;
    return skip(`a question with ${count} answer blocks {...}: if these are ${count} questions, put a blank line between them`);
  }
  // An answer block mid-sentence is a missing word; at the end it is simply the answers.
  const stemSource = after.trim() === '' ? text.slice(0, open) : `${text.slice(0, open)}_____${after}`;
  let answers = text.slice(open + 1, close).trim();

  const { format, body } = splitFormat(stemSource, 'moodle');
  const media = new Set<string>();
  const stem = render(body, format, media);
  const base = { line, ...(title ? { title } : {}), ...(topic !== undefined ? { topic } : {}) };

  let explanation: string | undefined;
  const general = answers.lastIndexOf('####');
  if (general >= 0) {
    explanation = render(...formatAndBody(answers.slice(general + 4), format), media);
    answers = answers.slice(0, general).trim();
  }
  const withExplanation = explanation ? { explanation } : {};

  if (answers === '') return skip('an essay question ({}): it has no answer to check, so examdrill leaves essays out');
  const q = { ...base, stem, ...withExplanation };
  // Moodle's own order of tests (question/format/gift/format.php).
  if (answers.startsWith('#')) return withMedia(numerical(answers.slice(1), format, media, notes, q), media);
  if (answers.includes('~')) return withMedia(multipleChoice(answers, format, media, notes, q), media);
  if (answers.includes('=') && answers.includes('->')) return withMedia(matching(answers, format, media, notes, q), media);

  const hash = answers.indexOf('#');
  const truth = (hash > 0 ? answers.slice(0, hash) : answers).trim().toUpperCase();
  if (['T', 'TRUE', 'F', 'FALSE'].includes(truth)) {
    // Moodle shows the first feedback after a wrong answer and the second after a right one.
    const [wrongWhy, rightWhy] = answers.split('#').slice(1).map((f) => render(...formatAndBody(f, format), media));
    const answer = truth.startsWith('T');
    const [whyTrue, whyFalse] = answer ? [rightWhy, wrongWhy] : [wrongWhy, rightWhy];
    return withMedia({ item: { kind: 'true-false', ...q, answer, ...(whyTrue ? { whyTrue } : {}), ...(whyFalse ? { whyFalse } : {}) }, notes }, media);
  }
  return withMedia(shortAnswer(answers, format, media, notes, q), media);
}

/** The media files a question's texts name, on its item. */
function withMedia(parsed: Parsed, media: Set<string>): Parsed {
  if (typeof parsed.item === 'string' || media.size === 0) return parsed;
  return { ...parsed, item: { ...parsed.item, media: [...media] } };
}

interface Answer {
  readonly text: string;
  readonly why?: string;
  /** Percent of the credit: 100 for `=`, 0 for a plain `~`, N for `%N%`. */
  readonly weight: number;
  /** Written with `=`. */
  readonly marked: boolean;
  /** The answer as written, after its marker. */
  readonly raw: string;
}

/** `=%50%text#feedback` → weight 50, text, why. */
function readAnswer(raw: string, marked: boolean, format: Format, media: Set<string>): Answer {
  let body = raw;
  let weight = marked ? 100 : 0;
  const percent = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(body);
  if (percent) {
    weight = Number(percent[1]);
    body = body.slice(percent[0].length);
  }
  const hash = body.indexOf('#');
  const text = render(...formatAndBody(hash >= 0 ? body.slice(0, hash) : body, format), media);
  const why = hash >= 0 ? render(...formatAndBody(body.slice(hash + 1), format), media) : '';
  return { text, weight, marked, raw, ...(why ? { why } : {}) };
}

function multipleChoice(answers: string, format: Format, media: Set<string>, notes: string[], q: { line: number; stem: string; title?: string; topic?: string; explanation?: string }): Parsed {
  // As in Moodle: every `=` starts an answer too, and text before the first marker is a wrong one.
  const parts = answers
    .replace(/=/g, '~=')
    .split('~')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const read = parts.map((p) => (p.startsWith('=') ? readAnswer(p.slice(1), true, format, media) : readAnswer(p, false, format, media)));
  const single = read.some((a) => a.marked);
  let options: ImportedOption[];
  // A weight is kept where the source gives one that is not simply right (100) or wrong (0).
  const weightOf = (a: Answer): { weight?: number } => (/^\s*%/.test(a.raw) && !(single && (a.weight === 100 || a.weight === 0)) ? { weight: a.weight } : {});
  if (single) {
    options = read.map((a) => ({ text: a.text, correct: a.weight >= 100, ...(a.why ? { why: a.why } : {}), ...weightOf(a) }));
    const right = options.filter((o) => o.correct).length;
    if (right > 1) {
      // `a=b` in an answer's text reads as two answers; Moodle wants the `=` written `\\=`.
      const inText = /[^\s~{=]=/.test(answers);
      const hint = inText ? '; an = inside an answer\'s text must be escaped as \\=' : '';
      return { item: `a single-answer question with ${right} right answers (=): a single-answer question has exactly one${hint}`, notes };
    }
  } else {
    options = read.map((a) => ({ text: a.text, correct: a.weight > 0, ...(a.why ? { why: a.why } : {}), ...weightOf(a) }));
    if (!options.some((o) => o.correct)) return { item: 'a multiple-answer question with no option of positive weight (~%N%): none would be correct', notes };
  }
  return { item: { kind: 'question', ...q, options }, notes };
}

type Common = { line: number; stem: string; title?: string; topic?: string; explanation?: string };

/** `{=no one =nobody =%50%noone#close}` → a short-answer question; 0% answers (wrong-answer feedback) are left out with a note. */
function shortAnswer(answers: string, format: Format, media: Set<string>, notes: string[], q: Common): Parsed {
  const read = answers
    .split('=')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => readAnswer(p, true, format, media))
    .filter((a) => a.text !== '');
  if (!read.some((a) => a.weight >= 100)) return { item: 'a short-answer question with no fully right answer (=, or =%100%)', notes };
  const unscored = read.filter((a) => a.weight <= 0);
  if (unscored.length > 0) notes.push(`answers of ${unscored.length === 1 ? 'no' : 'no or negative'} credit left out (examdrill takes any answer not accepted as wrong): ${unscored.map((a) => `"${a.text}" (${a.weight}%)`).join(', ')}`);
  const accepted = read.filter((a) => a.weight > 0).map((a) => ({ text: a.text, ...(a.weight < 100 ? { weight: a.weight } : {}), ...(a.why ? { why: a.why } : {}) }));
  return { item: { kind: 'short-answer', ...q, answers: accepted }, notes };
}

/** A GIFT number: `1822`, `3.14`, `-1e3`. */
const NUMBER = String.raw`[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?`;
const NUMERIC_ANSWER = new RegExp(`^(${NUMBER})\\s*(?::\\s*(${NUMBER})|\\.\\.\\s*(${NUMBER}))?$`);

/** One numerical answer: `1822:2`, `3.141..3.142`, `4`. */
interface NumericAnswer {
  readonly answer?: number;
  readonly tolerance?: number;
  readonly range?: { readonly min: number; readonly max: number };
  readonly weight: number;
  readonly why?: string;
  /** As written, for notes. */
  readonly text: string;
}

function readNumber(raw: string): number {
  return Number(raw.replace(',', '.'));
}

/** `{#1822:1}`, `{#3.141..3.142}`, `{#=1822:0 =%50%1822:2#close}` → a numerical question (the first full-credit answer). */
function numerical(body: string, format: Format, media: Set<string>, notes: string[], q: Common): Parsed {
  const trimmed = body.trim();
  // Several answers are each written `=`; a single answer needs none.
  const parts = trimmed.startsWith('=') ? trimmed.slice(1).split('=') : [trimmed];
  const read: NumericAnswer[] = [];
  for (const part of parts) {
    let raw = part.trim();
    let weight = 100;
    const percent = /^%(-?\d+(?:\.\d+)?)%/.exec(raw);
    if (percent) {
      weight = Number(percent[1]);
      raw = raw.slice(percent[0].length);
    }
    const hash = raw.indexOf('#');
    const value = unprotect(hash >= 0 ? raw.slice(0, hash) : raw).trim();
    const why = hash >= 0 ? render(...formatAndBody(raw.slice(hash + 1), format), media) : '';
    const m = NUMERIC_ANSWER.exec(value);
    if (!m) return { item: `a numerical question whose answer "${value}" is not a number, number:tolerance or min..max`, notes };
    const number = readNumber(m[1]!);
    const shape = m[3] !== undefined ? { range: { min: Math.min(number, readNumber(m[3])), max: Math.max(number, readNumber(m[3])) } } : { answer: number, ...(m[2] !== undefined ? { tolerance: Math.abs(readNumber(m[2])) } : {}) };
    read.push({ ...shape, weight, text: value, ...(why ? { why } : {}) });
  }
  const full = read.find((a) => a.weight >= 100);
  if (!full) return { item: 'a numerical question with no fully right answer (=, or =%100%)', notes };
  const others = read.filter((a) => a !== full);
  if (others.length > 0) notes.push(`examdrill keeps one number per question: ${full.text} kept, ${others.map((a) => `${a.text} (${a.weight}%)`).join(', ')} left out`);
  const { answer, tolerance, range, why } = full;
  return { item: { kind: 'numerical', ...q, ...(range ? { range } : { answer: answer!, ...(tolerance ? { tolerance } : {}) }), ...(why ? { why } : {}) }, notes };
}

/** `{=Canada -> Ottawa =Italy -> Rome = -> Paris}` → pairs; a pair with no left item is a distractor, as in Moodle. */
function matching(answers: string, format: Format, media: Set<string>, notes: string[], q: Common): Parsed {
  const pairs: { left: string; right: string }[] = [];
  const distractors: string[] = [];
  for (const part of answers.split('=').map((p) => p.trim()).filter((p) => p !== '')) {
    const arrow = part.indexOf('->');
    if (arrow < 0) return { item: `a matching question with an answer "${unprotect(part)}" that has no ->: every answer is left -> right`, notes };
    const left = render(...formatAndBody(part.slice(0, arrow), format), media);
    // Moodle's right items are plain text.
    const right = unprotect(dedent(part.slice(arrow + 2)));
    if (left === '') distractors.push(right);
    else pairs.push({ left, right });
  }
  return { item: { kind: 'matching', ...q, pairs, ...(distractors.length > 0 ? { distractors } : {}) }, notes };
}

/** A leading `[html]`, `[markdown]`, `[plain]` or `[moodle]` tag, removed; else the given format. */
function splitFormat(text: string, fallback: Format): { format: Format; body: string } {
  const match = FORMAT_TAG.exec(text);
  return match ? { format: match[1]!.toLowerCase() as Format, body: text.slice(match[0].length) } : { format: fallback, body: text };
}

function formatAndBody(text: string, fallback: Format): [string, Format] {
  const { format, body } = splitFormat(text, fallback);
  return [body, format];
}

/**
 * A piece of GIFT as Markdown-lite: escapes restored (`\\n` as a line that stays a line), HTML
 * (the `[html]` format, or tags in Moodle's auto-format) turned into text with its links and
 * images kept, Markdown links and images the same way, indentation of continued lines removed.
 * Every media file named is added to `media`.
 */
function render(body: string, format: Format, media: Set<string>): string {
  const text = dedent(body);
  const html = format === 'html' || (format === 'moodle' && /<\/?[a-zA-Z][^>]*>/.test(text));
  // Moodle names a question's own files @@PLUGINFILE@@/name.
  if (html) return htmlToMarkdownLite(unprotect(text).replace(/@@PLUGINFILE@@\//g, ''), media);
  const lines = hardBreaksAt(unprotect(text.replace(/\uFDD7/g, LINE_MARK)), LINE_MARK);
  return format === 'markdown' ? markdownLinksToText(lines, media) : lines;
}

/**
 * The first line follows a marker (`~`, `#`, `{`) so it loses its leading space; the lines after it
 * lose the indentation they share, so a nested list or code block keeps its shape.
 */
function dedent(text: string): string {
  const lines = text.split('\n').map((l) => l.replace(/[ \t]+$/, ''));
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  const indent = rest.length > 0 ? Math.min(...rest.map((l) => /^[ \t]*/.exec(l)![0].length)) : 0;
  return [lines[0]!.trimStart(), ...lines.slice(1).map((l) => l.slice(Math.min(indent, l.length)))].join('\n').trim();
}
