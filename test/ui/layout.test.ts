import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fitLine, layoutMarkdown, lineWidth, wrapSegments } from '../../src/ui/text/layout.js';
import { parseBlocks, toPlainText } from '../../src/ui/text/markdown-lite.js';

const text = (lines: readonly (readonly { text: string }[])[]) => lines.map((l) => l.map((s) => s.text).join(''));

describe('layout', () => {
  it('wraps by display width: CJK and emoji take two columns', () => {
    const lines = wrapSegments([{ text: '試験の準備 は 毎日 少しずつ 進める 🚀🚀 ことが 大切 です' }], 12);
    for (const l of text(lines)) expect(stringWidth(l)).toBeLessThanOrEqual(12);
    // 試験の準備 is 10 columns: with " は" it would be 13.
    expect(text(lines)).toEqual(['試験の準備', 'は 毎日', '少しずつ', '進める 🚀🚀', 'ことが 大切', 'です']);
  });

  it('cuts a word longer than the line, and keeps prefixes on continuation lines', () => {
    expect(text(wrapSegments([{ text: 'arn:aws:lambda:us-east-1:123456789012:function:x' }], 20))).toEqual(['arn:aws:lambda:us-ea', 'st-1:123456789012:fu', 'nction:x']);
    expect(text(layoutMarkdown('a) one two three four five', 14, {}, [{ text: '✓ ' }], [{ text: '     ' }]))).toEqual(['✓ a) one two', '     three', '     four five']);
  });

  it('draws a fenced block as a box naming its language, aligned with wide characters inside', () => {
    const lines = text(layoutMarkdown('Read this:\n\n```yaml\nname: 試験\nurl: "/x"\n```', 30));
    expect(lines[0]).toBe('Read this:');
    expect(lines[2]).toMatch(/^┌ yaml ─+┐$/);
    const widths = lines.slice(2).map((l) => stringWidth(l));
    expect(new Set(widths).size).toBe(1);
    expect(lines.at(-1)).toMatch(/^└─+┘$/);
  });

  it('fits a line to a width with an ellipsis', () => {
    const fitted = fitLine([{ text: 'Beanstalk: 試験 worker tiers' }], 16);
    expect(lineWidth(fitted)).toBeLessThanOrEqual(16);
    expect(fitted.map((s) => s.text).join('')).toMatch(/…$/);
  });

  it('Markdown-lite: bold, emphasis, code, bullets, paragraphs; nothing else', () => {
    expect(parseBlocks('**b** and *e* and `c`\n\n- one\n- two\n\n# not a heading')).toEqual([
      { kind: 'paragraph', lines: [[{ kind: 'bold', text: 'b' }, { kind: 'text', text: ' and ' }, { kind: 'emphasis', text: 'e' }, { kind: 'text', text: ' and ' }, { kind: 'code', text: 'c' }]], breaks: [false] },
      { kind: 'bullets', items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two' }]] },
      { kind: 'paragraph', lines: [[{ kind: 'text', text: '# not a heading' }]], breaks: [false] },
    ]);
    expect(toPlainText('**Worker** tier\n\n```json\n{"a": 1}\n```')).toBe('Worker tier\n\n--- json ---\n{"a": 1}\n---');
  });

  it('a line ending in a backslash breaks the line on screen; other lines are joined and re-wrapped', () => {
    const text = 'Steps:\\\n1. receive\\\n2. POST to the app\nand wait\n\nA path C:\\\\\nstays joined.';
    const lines = layoutMarkdown(text, 40).map((l) => l.map((s) => s.text).join(''));
    expect(lines).toEqual(['Steps:', '1. receive', '2. POST to the app and wait', '', 'A path C:\\\\ stays joined.']); // two backslashes: no break, shown as written
    expect(toPlainText(text)).toBe('Steps:\n1. receive\n2. POST to the app and wait\n\nA path C:\\\\ stays joined.');
    // A prefix (an option letter) leads the first line only.
    const prefixed = layoutMarkdown('one\\\ntwo', 20, {}, [{ text: 'A) ' }], [{ text: '   ' }]).map((l) => l.map((s) => s.text).join(''));
    expect(prefixed).toEqual(['A) one', '   two']);
  });
});
