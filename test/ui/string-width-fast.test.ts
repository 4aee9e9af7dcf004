import fc from 'fast-check';
import realStringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import fastStringWidth, { isSimple } from '../../src/ui/text/string-width-fast.js';

const simpleChars = fc.integer({ min: 0x20, max: 0xffff }).filter((c) => (c >= 0x20 && c <= 0x7e) || isSimple(c)).map((c) => String.fromCharCode(c));

describe('the fast string-width', () => {
  it('agrees with string-width on every simple character, one by one', () => {
    for (let c = 0x20; c <= 0xffff; c += 1) {
      if (!isSimple(c)) continue;
      const ch = String.fromCharCode(c);
      expect([c.toString(16), fastStringWidth(ch)]).toEqual([c.toString(16), realStringWidth(ch)]);
    }
  });

  it('agrees with string-width on strings of simple characters', () => {
    fc.assert(
      fc.property(fc.array(simpleChars, { maxLength: 40 }).map((a) => a.join('')), fc.boolean(), (text, narrow) => {
        expect(fastStringWidth(text, { ambiguousIsNarrow: narrow })).toBe(realStringWidth(text, { ambiguousIsNarrow: narrow }));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with string-width on styled text, and on escape codes that are not colours', () => {
    const escapes = fc.constantFrom('\u001b[0m', '\u001b[1m', '\u001b[22m', '\u001b[38;5;208m', '\u001b[90m', '\u001b[m', '\u001b[', '\u001b[1', '\u001b[2J', '\u001b[?25l', '\u001b]8;;https://a.example\u0007', '\u001b', '\u009b31m');
    fc.assert(
      fc.property(fc.array(fc.oneof(simpleChars, escapes), { maxLength: 30 }).map((a) => a.join('')), (text) => {
        expect(fastStringWidth(text)).toBe(realStringWidth(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('counts escape codes when asked to, as string-width does', () => {
    const text = '\u001b[1mbold\u001b[22m';
    expect(fastStringWidth(text, { countAnsiEscapeCodes: true })).toBe(realStringWidth(text, { countAnsiEscapeCodes: true }));
    expect(fastStringWidth(text)).toBe(4);
  });

  it.each(['─── · █░ › ⚑', '試験 の 準備', 'café ½ ±', '🚀 emoji', 'e\u0301 combining', '\u001b[31mred\u001b[0m', '👩‍👩‍👧 family', 'ﾊﾟ half-width'])('%j measures as string-width does', (text) => {
    expect(fastStringWidth(text)).toBe(realStringWidth(text));
  });
});
