/**
 * Markdown-lite, the pack's text format: **bold**, *emphasis*, `code`, fenced code blocks (with
 * a language), bullet lists, blank-line paragraphs and hard line breaks (a line ending in `\`, as
 * in CommonMark). Nothing else is interpreted. Parsed into
 * blocks and spans that the Ink view and plain mode each draw their own way.
 */

export type Span = { readonly kind: 'text' | 'bold' | 'emphasis' | 'code'; readonly text: string };

export type Block =
  /** `breaks[k]`: line k starts a new line on screen (the line before it ended in `\`); else lines are joined. */
  | { readonly kind: 'paragraph'; readonly lines: readonly (readonly Span[])[]; readonly breaks: readonly boolean[] }
  | { readonly kind: 'bullets'; readonly items: readonly (readonly Span[])[] }
  | { readonly kind: 'code'; readonly language: string; readonly lines: readonly string[] };

export function parseSpans(text: string): Span[] {
  const spans: Span[] = [];
  const re = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) spans.push({ kind: 'text', text: text.slice(last, m.index) });
    const token = m[0];
    if (token.startsWith('`')) spans.push({ kind: 'code', text: token.slice(1, -1) });
    else if (token.startsWith('**')) spans.push({ kind: 'bold', text: token.slice(2, -2) });
    else spans.push({ kind: 'emphasis', text: token.slice(1, -1) });
    last = m.index + token.length;
  }
  if (last < text.length) spans.push({ kind: 'text', text: text.slice(last) });
  return spans;
}

export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.replace(/\r\n?/g, '\n').replace(/\t/g, '  ').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^\s*```\s*([\w.+-]*)\s*$/.exec(line);
    if (fence) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !/^\s*```\s*$/.test(lines[i]!)) body.push(lines[i++]!);
      i += 1;
      const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length), Infinity);
      blocks.push({ kind: 'code', language: fence[1] ?? '', lines: body.map((l) => (Number.isFinite(indent) ? l.slice(indent) : l)) });
      continue;
    }
    if (!line.trim()) {
      i += 1;
      continue;
    }
    if (/^\s*[-*] /.test(line)) {
      const items: Span[][] = [];
      while (i < lines.length && /^\s*[-*] /.test(lines[i]!)) items.push(parseSpans(lines[i++]!.replace(/^\s*[-*] /, '')));
      blocks.push({ kind: 'bullets', items });
      continue;
    }
    const para: Span[][] = [];
    const breaks: boolean[] = [];
    let hard = false;
    while (i < lines.length && lines[i]!.trim() && !/^\s*```/.test(lines[i]!) && !/^\s*[-*] /.test(lines[i]!)) {
      let text = lines[i++]!.trim();
      breaks.push(hard);
      // An odd run of backslashes at the end: the last one is a hard break (`\\` is a backslash).
      hard = /(?:^|[^\\])(?:\\\\)*\\$/.test(text);
      if (hard) text = text.slice(0, -1).trimEnd();
      para.push(parseSpans(text));
    }
    blocks.push({ kind: 'paragraph', lines: para, breaks });
  }
  return blocks;
}

/** Plain text for a screen reader or a pipe: no markers, code blocks framed by named lines. */
export function toPlainText(text: string): string {
  const out: string[] = [];
  for (const block of parseBlocks(text)) {
    if (out.length) out.push('');
    if (block.kind === 'paragraph') out.push(block.lines.map((l, k) => (k > 0 ? (block.breaks[k] ? '\n' : ' ') : '') + l.map((s) => s.text).join('')).join(''));
    else if (block.kind === 'bullets') out.push(...block.items.map((l) => `- ${l.map((s) => s.text).join('')}`));
    else out.push(`--- ${block.language || 'code'} ---`, ...block.lines, '---');
  }
  return out.join('\n');
}
