/**
 * string-width with a fast path for the text a trainer draws: ASCII, Latin, Greek, Cyrillic,
 * punctuation, arrows, box drawing, block elements and CJK. Each of those code points is one
 * grapheme, so its width is its East Asian Width, and no grapheme segmentation is needed. The
 * real string-width segments every non-ASCII string with Intl.Segmenter, whose first use costs
 * 30-50 ms at start-up (loading ICU's break data), just to draw a frame's rules and bars.
 * Colour and style codes (SGR: ESC [ digits and semicolons, m), which Ink measures in every
 * styled line, have no width and are skipped. Anything else (emoji, combining marks, Hangul
 * jamo, other escape sequences) goes to the real one.
 *
 * The build aliases `string-width` to this module, for Ink's measuring as well as ours.
 */
import { eastAsianWidth } from 'get-east-asian-width';
import realStringWidth from '../../../node_modules/string-width/index.js';

export interface Options {
  readonly ambiguousIsNarrow?: boolean;
  readonly countAnsiEscapeCodes?: boolean;
}

/** Single-grapheme code points whose width is their East Asian Width. */
export function isSimple(c: number): boolean {
  return (
    (c >= 0x00a0 && c <= 0x02ff && c !== 0x00ad) || // Latin-1 and Latin Extended (no soft hyphen)
    (c >= 0x0370 && c <= 0x0482) || // Greek and Cyrillic letters (no combining marks)
    (c >= 0x048a && c <= 0x04ff) ||
    (c >= 0x2010 && c <= 0x2027) || // dashes, quotes, bullets, ellipsis
    (c >= 0x2030 && c <= 0x205e) ||
    (c >= 0x2190 && c <= 0x21ff) || // arrows
    (c >= 0x2500 && c <= 0x25ff) || // box drawing, block elements, geometric shapes
    (c >= 0x3000 && c <= 0x3029) || // CJK punctuation (not the combining tone marks 302A-302F)
    (c >= 0x3030 && c <= 0x3098) || // more punctuation, Hiragana (not the combining 3099-309A)
    (c >= 0x309b && c <= 0x30ff) || // Katakana
    (c >= 0x4e00 && c <= 0x9fff) || // CJK ideographs
    (c >= 0xff01 && c <= 0xff60) // fullwidth forms
  );
}

/** The index just past an SGR sequence (ESC [ 0-9 ; ... m) starting at `i`, or -1 if there is none. */
function sgrEnd(input: string, i: number): number {
  if (input.charCodeAt(i + 1) !== 0x5b) return -1;
  for (let j = i + 2; j < input.length; j += 1) {
    const c = input.charCodeAt(j);
    if (c === 0x6d) return j + 1;
    if (!((c >= 0x30 && c <= 0x39) || c === 0x3b)) return -1;
  }
  return -1;
}

export default function stringWidth(input: string, options: Options = {}): number {
  if (typeof input !== 'string' || input.length === 0) return 0;
  if (options.countAnsiEscapeCodes) return realStringWidth(input, options);
  const ambiguousAsWide = options.ambiguousIsNarrow === false;
  let width = 0;
  for (let i = 0; i < input.length; i += 1) {
    const c = input.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) width += 1;
    else if (isSimple(c)) width += eastAsianWidth(c, { ambiguousAsWide });
    else if (c === 0x1b && sgrEnd(input, i) > 0) i = sgrEnd(input, i) - 1;
    else return realStringWidth(input, options);
  }
  return width;
}
