/**
 * The common ground of the importers (gift.ts, anki.ts): what a parser hands over, the clean-up
 * every imported text goes through, and the step from imported items to pack files. Pure: the
 * files come out as plain objects, which the CLI stringifies as YAML and writes.
 */
import { checkExhaustive } from '../check-exhaustive.js';
import { stripControlChars } from '../text/control-chars.js';

/**
 * A note about the source file, at the line it concerns. An input question or note left out of
 * the pack has a message starting with "skipped " (see {@link isSkip}); other messages say what was
 * changed on the way in, such as partial credit turned into a wrong option.
 */
export interface ImportWarning {
  /** 1-based line of the source file: where the question or note starts. */
  readonly line: number;
  readonly message: string;
}

/** One answer option, as read. */
export interface ImportedOption {
  readonly text: string;
  readonly correct: boolean;
  /** Why this option is right or wrong (GIFT's per-answer `#feedback`). */
  readonly why?: string;
  /** Partial credit in percent, as the source gives it (GIFT's `~%50%`); absent: none given. */
  readonly weight?: number;
}

interface ImportedBase {
  /** 1-based line of the source file where the item starts. */
  readonly line: number;
  /** A human name for the item (GIFT's `::title::`); it seeds the item's id. */
  readonly title?: string;
  /** The topic's name as the source has it (a GIFT category, an Anki tag or deck); none: `general`. */
  readonly topic?: string;
  readonly tags?: readonly string[];
  /**
   * A stable id the source gives the item (an Anki note's guid, with the card's number when a
   * note makes several cards: {@link cardKey}): the item id is made from it alone, so an edited note
   * keeps its progress. Without one, the id comes from the item's text.
   */
  readonly key?: string;
  /** Media files the item's text names as `(image: name)` or `(audio: name)`. */
  readonly media?: readonly string[];
}

/** A multiple-choice (one correct option) or multiple-response question. */
export interface ImportedQuestion extends ImportedBase {
  readonly kind: 'question';
  readonly stem: string;
  readonly options: readonly ImportedOption[];
  readonly explanation?: string;
  /** `false` keeps the option order as written (True before False). */
  readonly shuffle?: false;
}

/** A flashcard. */
export interface ImportedCard extends ImportedBase {
  readonly kind: 'card';
  readonly front: string;
  readonly back: string;
}

/** A statement to judge true or false. */
export interface ImportedTrueFalse extends ImportedBase {
  readonly kind: 'true-false';
  readonly stem: string;
  readonly answer: boolean;
  /** Shown when the learner answered true. */
  readonly whyTrue?: string;
  /** Shown when the learner answered false. */
  readonly whyFalse?: string;
  readonly explanation?: string;
}

/** An accepted typed answer; `weight` below 100 is partial credit. */
export interface ImportedAccepted {
  readonly text: string;
  readonly weight?: number;
  readonly why?: string;
}

/** A typed answer, checked against accepted ones (`*` a wildcard, case-insensitive). */
export interface ImportedShortAnswer extends ImportedBase {
  readonly kind: 'short-answer';
  readonly stem: string;
  readonly answers: readonly ImportedAccepted[];
  readonly explanation?: string;
}

/** A number: `answer` within `tolerance`, or any number in `range`. */
export interface ImportedNumerical extends ImportedBase {
  readonly kind: 'numerical';
  readonly stem: string;
  readonly answer?: number;
  readonly tolerance?: number;
  readonly range?: { readonly min: number; readonly max: number };
  readonly why?: string;
  readonly explanation?: string;
}

/** Left items, each with its right item; distractors are right items that match none. */
export interface ImportedMatching extends ImportedBase {
  readonly kind: 'matching';
  readonly stem: string;
  readonly pairs: readonly { readonly left: string; readonly right: string }[];
  readonly distractors?: readonly string[];
  readonly explanation?: string;
}

/** The question types beyond choice, as imported. */
export type ImportedTyped = ImportedTrueFalse | ImportedShortAnswer | ImportedNumerical | ImportedMatching;

export type ImportedItem = ImportedQuestion | ImportedCard | ImportedTyped;

/** The question type an imported item becomes in the pack (`card` for a flashcard). */
export function itemType(item: ImportedItem): 'card' | 'choice' | ImportedTyped['kind'] {
  return item.kind === 'question' ? 'choice' : item.kind;
}

/** What a parser returns: the items it could read, and a warning for everything else. */
export interface ImportResult {
  readonly items: ImportedItem[];
  readonly warnings: ImportWarning[];
  /** Questions or notes the source holds (a GIFT question, an Anki note), each imported, skipped or changed. */
  readonly blocks: number;
}

/** Whether a warning reports an input item that was left out (rather than a change to one kept). */
export function isSkip(warning: ImportWarning): boolean {
  return warning.message.startsWith('skipped ');
}

/** A pack question has at most this many options. */
export const MAX_OPTIONS = 8;

/**
 * Text from outside, made safe and tidy: no control characters (so no terminal escape sequence
 * survives an import), Windows line endings as newlines, no surrounding white space.
 */
export function cleanText(text: string): string {
  return stripControlChars(text).trim();
}

/**
 * A question with clean texts that the pack format accepts, or why it cannot be one. Options
 * whose text is empty after cleaning are dropped, as are empty explanations and whys.
 */
export function checkQuestion(q: ImportedQuestion): ImportedQuestion | string {
  const stem = cleanText(q.stem);
  if (!stem) return 'a question with no question text';
  const options = q.options
    .map((o) => ({ text: cleanText(o.text), correct: o.correct, why: o.why === undefined ? '' : cleanText(o.why), weight: o.weight }))
    .filter((o) => o.text !== '')
    .map((o) => ({ text: o.text, correct: o.correct, ...(o.why ? { why: o.why } : {}), ...(o.weight !== undefined ? { weight: o.weight } : {}) }));
  if (options.length < 2) return `a question with only ${options.length} option${options.length === 1 ? '' : 's'}: a question needs at least 2`;
  if (options.length > MAX_OPTIONS) return `a question with ${options.length} options: a question has at most ${MAX_OPTIONS}`;
  const correct = options.filter((o) => o.correct).length;
  if (correct === 0) return 'a question with no correct option';
  if (correct === options.length) return `a question whose every option is correct (${correct} of ${correct})`;
  const explanation = q.explanation === undefined ? '' : cleanText(q.explanation);
  const tags = cleanTags(q.tags);
  const title = q.title === undefined ? '' : cleanText(q.title);
  return {
    kind: 'question',
    line: q.line,
    ...(title ? { title } : {}),
    ...(q.topic !== undefined && cleanText(q.topic) ? { topic: cleanText(q.topic) } : {}),
    stem,
    options,
    ...(explanation ? { explanation } : {}),
    ...(q.shuffle === false ? { shuffle: false as const } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...sourceFacts(q),
  };
}

/** The key and media of an item, carried through the checks. */
function sourceFacts(item: ImportedItem): Pick<ImportedBase, 'key' | 'media'> {
  return { ...(item.key ? { key: item.key } : {}), ...(item.media && item.media.length > 0 ? { media: [...new Set(item.media)] } : {}) };
}

/** A card with clean texts, or why it cannot be one. */
export function checkCard(c: ImportedCard): ImportedCard | string {
  const front = cleanText(c.front);
  const back = cleanText(c.back);
  if (!front) return 'a card with an empty front';
  if (!back) return 'a card with an empty back';
  const tags = cleanTags(c.tags);
  const title = c.title === undefined ? '' : cleanText(c.title);
  return {
    kind: 'card',
    line: c.line,
    ...(title ? { title } : {}),
    ...(c.topic !== undefined && cleanText(c.topic) ? { topic: cleanText(c.topic) } : {}),
    front,
    back,
    ...(tags.length > 0 ? { tags } : {}),
    ...sourceFacts(c),
  };
}

/** The title, topic, tags, key and media of an item, cleaned. */
function cleanBase(item: ImportedItem): Pick<ImportedBase, 'line' | 'title' | 'topic' | 'tags' | 'key' | 'media'> {
  const tags = cleanTags(item.tags);
  const title = item.title === undefined ? '' : cleanText(item.title);
  return {
    line: item.line,
    ...(title ? { title } : {}),
    ...(item.topic !== undefined && cleanText(item.topic) ? { topic: cleanText(item.topic) } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...sourceFacts(item),
  };
}

/** `{why: text}` when the text is not empty after cleaning, else nothing. */
function optionalText<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  const text = value === undefined ? '' : cleanText(value);
  return (text ? { [key]: text } : {}) as { [P in K]?: string };
}

/** A pack's matching question has 2 to 10 pairs, an ordering question 3 to 10 steps. */
export const MAX_PAIRS = 10;
/** A pack's short-answer question has at most this many accepted answers. */
export const MAX_ACCEPTED = 20;

/** A true-false, short-answer, numerical or matching question with clean texts, or why it cannot be one. */
export function checkTyped(q: ImportedTyped): ImportedTyped | string {
  const stem = cleanText(q.stem);
  if (!stem) return 'a question with no question text';
  const common = { ...cleanBase(q), stem, ...optionalText('explanation', q.explanation) };
  switch (q.kind) {
    case 'true-false':
      return { kind: q.kind, ...common, answer: q.answer, ...optionalText('whyTrue', q.whyTrue), ...optionalText('whyFalse', q.whyFalse) };
    case 'short-answer': {
      const answers = q.answers
        .map((a) => ({ text: cleanText(a.text), ...(a.weight !== undefined && a.weight !== 100 ? { weight: a.weight } : {}), ...optionalText('why', a.why) }))
        .filter((a) => a.text !== '');
      if (answers.length === 0) return 'a short-answer question with no accepted answer';
      if (!answers.some((a) => a.weight === undefined)) return 'a short-answer question with no fully right answer (100%)';
      if (answers.some((a) => a.weight !== undefined && (a.weight < 1 || a.weight > 100))) return 'a short-answer question with an answer weight outside 1-100%';
      if (answers.length > MAX_ACCEPTED) return `a short-answer question with ${answers.length} accepted answers: a question has at most ${MAX_ACCEPTED}`;
      return { kind: q.kind, ...common, answers };
    }
    case 'numerical': {
      const numbers = [q.answer, q.tolerance, q.range?.min, q.range?.max].filter((n) => n !== undefined);
      if (!numbers.every(Number.isFinite)) return 'a numerical question whose answer is not a number';
      if ((q.answer === undefined) === (q.range === undefined)) return 'a numerical question needs one answer or one range';
      if (q.range && q.range.min > q.range.max) return `a numerical question whose range starts above its end (${q.range.min}..${q.range.max})`;
      if (q.tolerance !== undefined && q.tolerance < 0) return 'a numerical question with a negative tolerance';
      const value = q.range ? { range: { min: q.range.min, max: q.range.max } } : { answer: q.answer!, ...(q.tolerance ? { tolerance: q.tolerance } : {}) };
      return { kind: q.kind, ...common, ...value, ...optionalText('why', q.why) };
    }
    case 'matching': {
      const pairs = q.pairs.map((p) => ({ left: cleanText(p.left), right: cleanText(p.right) }));
      if (pairs.some((p) => p.left === '' || p.right === '')) return 'a matching question with an empty item in a pair';
      if (pairs.length < 2) return `a matching question with ${pairs.length} pair${pairs.length === 1 ? '' : 's'}: it needs at least 2`;
      if (pairs.length > MAX_PAIRS) return `a matching question with ${pairs.length} pairs: a question has at most ${MAX_PAIRS}`;
      const lefts = pairs.map((p) => p.left);
      const twice = lefts.find((l, i) => lefts.indexOf(l) !== i);
      if (twice !== undefined) return `a matching question whose left item "${twice}" is written twice`;
      const rights = new Set(pairs.map((p) => p.right));
      const distractors = [...new Set((q.distractors ?? []).map(cleanText).filter((d) => d !== '' && !rights.has(d)))];
      if (distractors.length > MAX_PAIRS) return `a matching question with ${distractors.length} distractors: a question has at most ${MAX_PAIRS}`;
      return { kind: q.kind, ...common, pairs, ...(distractors.length > 0 ? { distractors } : {}) };
    }
    default:
      return checkExhaustive(q);
  }
}

function cleanTags(tags: readonly string[] | undefined): string[] {
  return [...new Set((tags ?? []).map(cleanText).filter(Boolean))];
}

/** Checks an item; what cannot be imported becomes a "skipped" warning at its line. */
export function keepItem(item: ImportedItem, items: ImportedItem[], warnings: ImportWarning[]): void {
  const checked = item.kind === 'question' ? checkQuestion(item) : item.kind === 'card' ? checkCard(item) : checkTyped(item);
  if (typeof checked === 'string') warnings.push({ line: item.line, message: `skipped ${checked}` });
  else items.push(checked);
}

// ---------------------------------------------------------------------------------------------
// HTML to text

/** Marks a block boundary (div, p, li, ...) while HTML is turned into text: a Unicode noncharacter. */
const BLOCK = '\uFDEE';
/** Marks a `<br>` while HTML is turned into text. */
const BREAK = '\uFDED';

/** HTML's names for U+00A0 to U+00FF, in code point order (`&ntilde;` is ñ). */
const LATIN1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

const ENTITIES: Record<string, string> = {
  ...Object.fromEntries(LATIN1_NAMES.split(' ').map((name, i) => [name, String.fromCharCode(0xa0 + i)])),
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '', ensp: ' ', emsp: ' ', thinsp: ' ',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bull: '•', euro: '€', trade: '™',
  larr: '←', rarr: '→', uarr: '↑', darr: '↓', le: '≤', ge: '≥', ne: '≠', minus: '−',
};

/** Decodes character references (`&amp;`, `&#39;`, `&#x1F600;`) in one pass, so `&amp;lt;` gives `&lt;`. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,10});/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Marks, while HTML is turned into text, a line break the HTML made (not one of the source's white space). */
const HARD = '\uFDEA';

/**
 * HTML as a terminal shows it: `<br>` and block elements (`<div>`, `<p>`, list items) become line
 * breaks that stay line breaks on screen (Markdown-lite's `\` at the line's end, where a list or a
 * blank line does not already break), list items start with `- `, script and style bodies and
 * every other tag are dropped, and entities are decoded. Line breaks in the source text itself are
 * white space in HTML: they are kept as soft breaks, which the screen joins as the browser does.
 */
export function htmlToText(html: string): string {
  return finishBreaks(markBreaks(html));
}

/** Plain text whose every line break is meant as one (Anki's plain fields): each shows as a line. */
export function hardBreaks(text: string): string {
  return finishBreaks(text.replace(/\r\n?/g, '\n').replace(/[ \t]*\n/g, `${HARD}\n`));
}

/** Text with `mark` where a line break is meant (GIFT's `\\n`): each becomes a line on screen; other line breaks stay soft. */
export function hardBreaksAt(text: string, mark: string): string {
  return finishBreaks(text.replace(/[\uFDEA]/g, '').split(mark).join(`${HARD}\n`));
}

/** htmlToText before its line breaks are settled: each one the HTML made still ends in {@link HARD}. */
function markBreaks(html: string): string {
  const marked = html
    .replace(/[\uFDEA\uFDED\uFDEE]/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, BREAK)
    .replace(/<li\b[^>]*>/gi, `${BLOCK}- `)
    .replace(/<\/?(?:div|p|ul|ol|li|h[1-6]|blockquote|pre|table|tr|section|article|header|footer)\b[^>]*>/gi, BLOCK)
    .replace(/<\/?[a-zA-Z][^>]*>/g, '');
  // A run of block boundaries is one line break; each <br> between them adds an empty line (as in
  // Anki's `<div><br></div>`). A <br> just before a block's end adds nothing, as in a browser.
  const runs = new RegExp(`[\\s${BREAK}${BLOCK}]*${BLOCK}[\\s${BREAK}${BLOCK}]*`, 'g');
  const text = marked.replace(runs, (run, offset: number, whole: string) => {
    if (offset === 0 || offset + run.length === whole.length) return '';
    const breaks = run.slice(run.indexOf(BLOCK)).split(BREAK).length - 1;
    return `${HARD}\n`.repeat(1 + breaks);
  });
  return decodeEntities(text.split(BREAK).join(`${HARD}\n`));
}

/**
 * Settles the marked line breaks: one inside a paragraph gets Markdown-lite's hard break (a `\` at
 * the line's end); one next to a blank line, a list item or a code fence needs none, as the
 * screen breaks there anyway. Code blocks are left as written.
 */
function finishBreaks(text: string): string {
  const lines = text.split('\n');
  const listOrFence = (line: string | undefined) => line !== undefined && /^\s*(?:[-*] |```)/.test(line);
  let fenced = false;
  return lines
    .map((line, i) => {
      if (/^\s*```/.test(line)) fenced = !fenced;
      if (!line.endsWith(HARD)) return line;
      const bare = line.slice(0, -1).replace(/[ \t]+$/, '');
      const next = lines[i + 1]?.replace(HARD, '');
      const needed = !fenced && bare.trim() !== '' && !listOrFence(bare) && next !== undefined && next.trim() !== '' && !listOrFence(next);
      return needed ? `${bare}\\` : bare;
    })
    .join('\n')
    .replace(/\uFDEA/g, '');
}

/**
 * HTML (Anki fields, GIFT `[html]` text) as Markdown-lite: bold and italics as `**` and `*`,
 * `<code>` as backticks, a `<pre>` block as a fenced code block, a link as its text and its URL,
 * images and sounds as `(image: name)` and `(audio: name)` with every name met added to `media`,
 * line breaks as {@link htmlToText} makes them.
 */
export function htmlToMarkdownLite(html: string, media?: Set<string>): string {
  const ref = (kind: string, raw: string): string => {
    const name = decodeAttribute(raw).trim();
    if (!name) return '';
    media?.add(name);
    return ` (${kind}: ${name.replace(/[()]/g, '')}) `;
  };
  const prepared = html
    .replace(/\uFDEF/g, '')
    // A non-breaking space is a space the author meant: it survives the collapse of the spaces
    // that dropped tags leave behind (two spaces written as ` &nbsp;` stay two).
    .replace(/&(?:nbsp|#160|#[xX]0*[aA]0);/g, '\uFDEF')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    // `text<br><br><pre>` shows one empty line before the block, as `<div><br></div>` does.
    .replace(/((?:<br\s*\/?>\s*)+)(?=<pre\b)/gi, (run: string) => '<div><br></div>'.repeat(run.split(/<br/i).length - 2))
    // A <pre> block is a fenced code block: its text as written, the language of a `language-x` class named.
    .replace(/<pre\b[^>]*>([\s\S]*?)<\/pre\s*>/gi, (_m, body: string) => {
      const lang = /class\s*=\s*["']?language-([\w+-]+)/i.exec(body)?.[1] ?? '';
      const code = body.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '').replace(/\n/g, '\uFDEC');
      return `<div>\uFDEB${lang}\uFDEC${code}\uFDEB</div>`;
    })
    .replace(/<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi, (_m, a?: string, b?: string, c?: string) => ref('image', a ?? b ?? c ?? ''))
    .replace(/<(audio|video|source)\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi, (_m, tag: string, a?: string, b?: string, c?: string) => ref(tag.toLowerCase() === 'video' ? 'video' : 'audio', a ?? b ?? c ?? ''))
    .replace(/\[sound:([^\]]+)\]/g, (_m, name: string) => ref('audio', name))
    // A link keeps its target: `text (https://...)`, or the URL alone when it is the text.
    .replace(/<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]*?)<\/a\s*>/gi, (_m, a?: string, b?: string, c?: string, inner = '') => {
      const url = decodeAttribute(a ?? b ?? c ?? '').trim();
      const label = markBreaks(inner).replace(/\uFDEA/g, '').trim();
      if (!url || url.startsWith('#') || /^javascript:/i.test(url)) return inner;
      return label === '' || label === url ? ` ${url} ` : `${inner} (${url})`;
    })
    .replace(/<\/?(?:b|strong)\b[^>]*>/gi, '**')
    .replace(/<\/?(?:i|em)\b[^>]*>/gi, '*')
    .replace(/<(code|kbd|tt)\b[^>]*>\s*<\/\1\s*>/gi, '')
    .replace(/<\/?(?:code|kbd|tt)\b[^>]*>/gi, '`');
  const text = markBreaks(prepared)
    .replace(/\uFDEB([^\uFDEC]*)\uFDEC([\s\S]*?)\uFDEB/g, (_m, lang: string, body: string) => `\`\`\`${lang}\n${body.replace(/\uFDEC/g, '\n').replace(/^\n+|\s+$/g, '')}\n\`\`\``)
    .replace(/[\uFDEB\uFDEC]/g, '\n')
    // Emphasis markers with nothing inside (`<b></b>`, `<b> </b>`) say nothing.
    .replace(/\*\*(\s*)\*\*/g, '$1')
    .replace(/[ \t]+(\uFDEA?)\n/g, '$1\n')
    .replace(/([^\n ]) {2,}/g, '$1 ')
    .replace(/(^|\n) +(?=\((?:image|audio|video): )/g, '$1')
    .replace(/\uFDEF/g, ' ');
  return cleanText(finishBreaks(text)).replace(/\n{3,}/g, '\n\n');
}

function decodeAttribute(value: string): string {
  return htmlToText(value.replace(/</g, '&lt;'));
}

/**
 * Markdown links and images in Markdown text (GIFT's `[markdown]`): `[text](url)` keeps its target
 * as `text (url)`, `![alt](name)` becomes `(image: name)` with the name added to `media`.
 */
export function markdownLinksToText(text: string, media?: Set<string>): string {
  return text
    .replace(/!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_m, _alt: string, src: string) => {
      media?.add(src);
      return `(image: ${src.replace(/[()]/g, '')})`;
    })
    .replace(/\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_m, label: string, url: string) => (label.trim() === url ? url : `${label} (${url})`));
}

// ---------------------------------------------------------------------------------------------
// Ids

/**
 * A short stable hash of a text (cyrb53, 53 bits), in base 36: the same text always gives the
 * same id, so importing a file again gives the items their old ids and keeps their progress.
 */
export function shortHash(text: string, length = 6): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(36).padStart(length, '0').slice(-length);
}

/** `Who's buried in **Grant's tomb**?` → `whos-buried-in-grants-tomb`: lowercase ASCII words and hyphens. */
export function slugify(text: string, maxLength = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > 0 ? cut.slice(0, hyphen) : cut.slice(0, maxLength)).replace(/-+$/, '');
}

/** Words of an item's id: its title if it has one, else the first words of its text. */
const ID_WORDS = 5;
const ID_WORDS_LENGTH = 40;

function baseId(item: ImportedItem): string {
  const text = item.kind === 'card' ? item.front : item.stem;
  const words = slugify(item.title ?? text, 200).split('-').filter(Boolean).slice(0, ID_WORDS).join('-');
  const kind = item.kind === 'card' ? 'card' : 'question';
  const prefix = slugify(words, ID_WORDS_LENGTH) || kind;
  // Every question type hashes as `question`: a true/false question, once imported as a choice
  // question, keeps its id (and a learner's progress key) now that it has its own type.
  return `${prefix}-${shortHash(`${kind}\u0000${idText(text)}`)}`;
}

/**
 * The text an id is made from: white space normalised (re-wrapping a long stem keeps its id), and
 * without what the importers came to keep later (hard line breaks, bold, emphasis and code marks,
 * link targets and media references), so an item imported again by a newer examdrill keeps the id
 * an older one gave it, and with it the learners' progress.
 */
function idText(text: string): string {
  return text
    .replace(/\\\n/g, '\n')
    .replace(/ ?\((?:image|audio|video): [^)]*\) ?/g, ' ')
    .replace(/ \(https?:\/\/[^\s)]+\)/g, '')
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(/(^|[^*\w])\*([^*\s][^*\n]*?)\*(?!\w)/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The key of a note's card `n` (1-based): `guid` for the first, else the guid and `n` apart by a NUL (guids may hold `#`). */
export function cardKey(guid: string, n: number): string {
  return n <= 1 ? guid : `${guid}\u0000${n}`;
}

/**
 * The id of an item whose source names it (see {@link cardKey}): the same as an .apkg import of
 * that note gives, so a deck moved from a text export to a package keeps its learners' progress.
 */
export function keyedItemId(key: string): string {
  const [guid = '', n] = key.split('\u0000');
  const base = `anki-${shortHash(`anki-guid\u0000${guid}`, 10)}`;
  return n === undefined ? base : `${base}-${n}`;
}

/** What an item answers, white space normalised: a card's back, a question's options and key. */
function answerText(item: ImportedItem): string {
  switch (item.kind) {
    case 'card':
      return idText(item.back);
    case 'question':
      return idText(item.options.map((o) => `${o.correct ? '=' : '~'}${o.text}`).join('\u0000'));
    case 'true-false':
      // As the choice question with True and False options it was imported as before.
      return idText([`${item.answer ? '=' : '~'}True`, `${item.answer ? '~' : '='}False`].join('\u0000'));
    case 'short-answer':
      return idText(`short\u0000${item.answers.map((a) => a.text).join('\u0000')}`);
    case 'numerical':
      return `numerical\u0000${item.range ? `${item.range.min}..${item.range.max}` : `${item.answer}:${item.tolerance ?? 0}`}`;
    case 'matching':
      return idText(`matching\u0000${item.pairs.map((p) => `${p.left}->${p.right}`).join('\u0000')}`);
    default:
      return checkExhaustive(item);
  }
}

// ---------------------------------------------------------------------------------------------
// Pack files

/** The identity of an imported pack's manifest: format, id, a one-line title, the description. */
export function manifestHead(meta: PackMeta): Pick<ManifestData, 'format' | 'id' | 'title' | 'version' | 'description'> {
  const description = meta.description === undefined ? '' : cleanText(meta.description);
  return { format: 1, id: meta.id, title: cleanText(meta.title).replace(/\s+/g, ' ') || meta.id, version: '0.1.0', ...(description ? { description } : {}) };
}

/** The single domain of an imported pack. */
export const IMPORTED_DOMAIN = { id: 'imported', title: 'Imported', weight: 100 } as const;
/** The topic of items whose source names none. */
export const GENERAL_TOPIC = { id: 'general', title: 'General' } as const;

/** pack.yaml as data, keys in the order they are written. */
export interface ManifestData {
  readonly format: 1;
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  readonly domains: readonly { readonly id: string; readonly title: string; readonly weight: number }[];
  readonly topics: readonly { readonly id: string; readonly title: string; readonly domain: string }[];
  readonly exam?: { readonly questions: number; readonly minutes: number; readonly passingScore: number };
}

/** A card as an item file holds it. */
export interface CardData {
  readonly id: string;
  readonly front: string;
  readonly back: string;
  readonly tags?: readonly string[];
}

/** A choice question as an item file holds it; `correct` is written only on correct options. */
export interface ChoiceData {
  readonly id: string;
  readonly stem: string;
  readonly options: readonly { readonly text: string; readonly correct?: true; readonly why?: string; readonly weight?: number }[];
  readonly shuffle?: false;
  readonly explanation?: string;
  readonly tags?: readonly string[];
}

/** A question of another type as an item file holds it: `id`, `type`, then the type's fields. */
export interface TypedData {
  readonly id: string;
  readonly type: ImportedTyped['kind'];
  readonly stem: string;
  readonly [field: string]: unknown;
}

export type QuestionData = ChoiceData | TypedData;

/** An item file as data: one per topic. */
export interface ItemFileData {
  readonly topic: string;
  readonly cards?: readonly CardData[];
  readonly questions?: readonly QuestionData[];
}

/** The files of an imported pack, as data, and what became of the items. */
export interface ImportedPack {
  readonly manifest: ManifestData;
  /** Item files, with paths relative to the pack folder (`items/<topic>.yaml`). */
  readonly files: readonly { readonly path: string; readonly data: ItemFileData }[];
  readonly questions: number;
  readonly cards: number;
  /** Items that could not be kept (normally none: the parsers already checked them). */
  readonly warnings: readonly ImportWarning[];
}

export interface PackMeta {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}

/** A question as its item file holds it, keys in the order they are written. */
function questionData(id: string, item: Exclude<ImportedItem, ImportedCard>, tags: { tags?: string[] }): QuestionData {
  const explanation = item.explanation ? { explanation: item.explanation } : {};
  switch (item.kind) {
    case 'question':
      return {
        id,
        stem: item.stem,
        options: item.options.map((o) => ({ text: o.text, ...(o.correct ? { correct: true as const } : {}), ...(o.why ? { why: o.why } : {}), ...(o.weight !== undefined ? { weight: o.weight } : {}) })),
        ...(item.shuffle === false ? { shuffle: false as const } : {}),
        ...explanation,
        ...tags,
      };
    case 'true-false':
      return { id, type: item.kind, stem: item.stem, answer: item.answer, ...(item.whyTrue ? { whyTrue: item.whyTrue } : {}), ...(item.whyFalse ? { whyFalse: item.whyFalse } : {}), ...explanation, ...tags };
    case 'short-answer':
      return {
        id,
        type: item.kind,
        stem: item.stem,
        // A plain string where the answer has no weight and no why: the file reads as a list of answers.
        answers: item.answers.map((a) => (a.weight === undefined && !a.why ? a.text : { text: a.text, ...(a.weight !== undefined ? { weight: a.weight } : {}), ...(a.why ? { why: a.why } : {}) })),
        ...explanation,
        ...tags,
      };
    case 'numerical':
      return {
        id,
        type: item.kind,
        stem: item.stem,
        ...(item.range ? { range: { min: item.range.min, max: item.range.max } } : { answer: item.answer, ...(item.tolerance ? { tolerance: item.tolerance } : {}) }),
        ...(item.why ? { why: item.why } : {}),
        ...explanation,
        ...tags,
      };
    case 'matching':
      return { id, type: item.kind, stem: item.stem, pairs: item.pairs.map((p) => ({ left: p.left, right: p.right })), ...(item.distractors ? { distractors: [...item.distractors] } : {}), ...explanation, ...tags };
    default:
      return checkExhaustive(item);
  }
}

/** Minutes a mock exam allows per question, as in the 75-question, 180-minute default. */
const MINUTES_PER_QUESTION = 2.4;

/**
 * Imported items as a pack: one domain (`imported`), a topic per category, tag or deck name, one
 * item file per topic, and ids made from the items' text (items sharing a stem or front add a
 * hash of their answers; only items identical in both get `-2`, `-3`, in order).
 */
export function toPack(items: readonly ImportedItem[], meta: PackMeta): ImportedPack {
  const warnings: ImportWarning[] = [];
  const kept: ImportedItem[] = [];
  for (const item of items) keepItem(item, kept, warnings);

  const topics = new Map<string, string>();
  const topicOf = (name: string | undefined): string => {
    if (name === undefined) {
      if (!topics.has(GENERAL_TOPIC.id)) topics.set(GENERAL_TOPIC.id, GENERAL_TOPIC.title);
      return GENERAL_TOPIC.id;
    }
    const id = slugify(name) || `topic-${shortHash(name)}`;
    if (!topics.has(id)) topics.set(id, name);
    return id;
  };

  // Items that share a stem (or a front) are told apart by their answers, not by file order, so
  // reordering the source never moves a learner's progress from one of them to another.
  const bases = kept.map((item) => (item.key ? keyedItemId(item.key) : baseId(item)));
  const shared = new Map<string, number>();
  for (const base of bases) shared.set(base, (shared.get(base) ?? 0) + 1);
  const taken = new Set<string>();
  const byTopic = new Map<string, { cards: CardData[]; questions: QuestionData[] }>();
  for (const [index, item] of kept.entries()) {
    const topic = topicOf(item.topic);
    const base = shared.get(bases[index]!)! > 1 && !item.key ? `${bases[index]!}-${shortHash(answerText(item))}` : bases[index]!;
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
    taken.add(id);
    const file = byTopic.get(topic) ?? { cards: [], questions: [] };
    byTopic.set(topic, file);
    const tags = item.tags && item.tags.length > 0 ? { tags: [...item.tags] } : {};
    if (item.kind === 'card') {
      file.cards.push({ id, front: item.front, back: item.back, ...tags });
    } else {
      file.questions.push(questionData(id, item, tags));
    }
  }

  const questions = kept.filter((i) => i.kind !== 'card').length;
  const examQuestions = Math.min(75, questions);
  const manifest: ManifestData = {
    ...manifestHead(meta),
    domains: [{ ...IMPORTED_DOMAIN }],
    topics: [...topics].map(([id, title]) => ({ id, title, domain: IMPORTED_DOMAIN.id })),
    ...(questions > 0 ? { exam: { questions: examQuestions, minutes: Math.min(180, Math.max(5, Math.ceil(examQuestions * MINUTES_PER_QUESTION))), passingScore: 750 } } : {}),
  };
  const files = [...byTopic].map(([topic, { cards, questions: qs }]) => ({
    path: `items/${topic}.yaml`,
    data: { topic, ...(cards.length > 0 ? { cards } : {}), ...(qs.length > 0 ? { questions: qs } : {}) },
  }));
  return { manifest, files, questions, cards: kept.length - questions, warnings };
}
