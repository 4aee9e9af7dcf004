/**
 * Lays text out as terminal lines of a given width: Markdown-lite wrapped by display width (CJK
 * and emoji take two columns), code blocks framed with their language named. Screens build
 * their bodies as lines, so a frame can be cut to the terminal's height and scrolled.
 */
import stringWidth from 'string-width';
import type { Role } from '../theme.js';
import { parseBlocks, type Span } from './markdown-lite.js';

export interface Segment {
  readonly text: string;
  readonly role?: Role;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly inverse?: boolean;
}

export type Line = readonly Segment[];

export function lineWidth(line: Line): number {
  return line.reduce((w, s) => w + stringWidth(s.text), 0);
}

function spanSegment(span: Span, base: Omit<Segment, 'text'>): Segment {
  switch (span.kind) {
    case 'bold':
      return { ...base, text: span.text, bold: true };
    case 'emphasis':
      return { ...base, text: span.text, italic: true };
    case 'code':
      return { ...base, text: span.text, role: 'code' };
    default:
      return { ...base, text: span.text };
  }
}

/** Splits a segment's text into words and spaces, keeping the style. */
function tokens(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) for (const part of s.text.split(/(\s+)/)) if (part) out.push({ ...s, text: part });
  return out;
}

/** Wraps styled segments to `width` columns, with `indent` before continuation lines. */
export function wrapSegments(segments: readonly Segment[], width: number, firstPrefix: Line = [], restPrefix: Line = firstPrefix): Line[] {
  const lines: Segment[][] = [];
  let current: Segment[] = [...firstPrefix];
  let used = lineWidth(firstPrefix);
  let atStart = true;
  const restWidth = lineWidth(restPrefix);
  const push = () => {
    while (current.length && /^\s+$/.test(current[current.length - 1]!.text)) current.pop();
    lines.push(current);
    current = [...restPrefix];
    used = restWidth;
    atStart = true;
  };
  for (const token of tokens(segments)) {
    const w = stringWidth(token.text);
    if (/^\s+$/.test(token.text)) {
      if (!atStart && used + w <= width) {
        current.push({ ...token, text: ' '.repeat(Math.min(w, 1)) });
        used += 1;
      }
      continue;
    }
    if (used + w > width && !atStart) push();
    atStart = false;
    if (w > width - used) {
      // A word longer than the line: cut it by display width.
      let rest = token.text;
      while (stringWidth(rest) > width - used) {
        let cut = '';
        for (const ch of rest) {
          if (stringWidth(cut + ch) > width - used) break;
          cut += ch;
        }
        if (!cut) break;
        current.push({ ...token, text: cut });
        rest = rest.slice(cut.length);
        push();
      }
      if (rest) {
        current.push({ ...token, text: rest });
        used += stringWidth(rest);
      }
      continue;
    }
    current.push(token);
    used += w;
  }
  if (current.length > restPrefix.length || lines.length === 0) lines.push(current);
  return lines;
}

/** Markdown-lite text as wrapped lines. */
export function layoutMarkdown(text: string, width: number, base: Omit<Segment, 'text'> = {}, prefix: Line = [], restPrefix: Line = prefix): Line[] {
  const out: Line[] = [];
  const blocks = parseBlocks(text);
  blocks.forEach((block, i) => {
    if (i > 0) out.push(restPrefix);
    const lead = i === 0 ? prefix : restPrefix;
    if (block.kind === 'paragraph') {
      // Lines are joined and re-wrapped, except where a hard break starts a new one.
      let segments: Segment[] = [];
      let firstLine = true;
      const flush = () => {
        out.push(...wrapSegments(segments, width, firstLine ? lead : restPrefix, restPrefix));
        firstLine = false;
        segments = [];
      };
      block.lines.forEach((spans, k) => {
        if (k > 0 && block.breaks[k]) flush();
        else if (k > 0) segments.push({ text: ' ' });
        segments.push(...spans.map((s) => spanSegment(s, base)));
      });
      flush();
    } else if (block.kind === 'bullets') {
      for (const item of block.items) out.push(...wrapSegments(item.map((s) => spanSegment(s, base)), width, [...lead, { text: '• ', role: 'dim' }], [...restPrefix, { text: '  ' }]));
    } else {
      const inner = Math.max(10, width - lineWidth(restPrefix) - 4);
      const label = block.language ? ` ${block.language} ` : '';
      out.push([...restPrefix, { text: `┌${label}${'─'.repeat(Math.max(0, inner + 2 - stringWidth(label)))}┐`, role: 'dim' }]);
      for (const raw of block.lines) {
        const pieces = wrapSegments([{ text: raw.replace(/ /g, '\u00a0'), role: 'code' }], inner);
        for (const piece of pieces) {
          const pad = inner - lineWidth(piece);
          out.push([...restPrefix, { text: '│ ', role: 'dim' }, ...piece.map((s) => ({ ...s, text: s.text.replace(/\u00a0/g, ' ') })), { text: `${' '.repeat(Math.max(0, pad))} │`, role: 'dim' }]);
        }
      }
      out.push([...restPrefix, { text: `└${'─'.repeat(inner + 2)}┘`, role: 'dim' }]);
    }
  });
  return out;
}

/** Pads or cuts a line to exactly `width` columns. */
export function fitLine(line: Line, width: number): Line {
  const out: Segment[] = [];
  let used = 0;
  for (const s of line) {
    const w = stringWidth(s.text);
    if (used + w <= width) {
      out.push(s);
      used += w;
      continue;
    }
    let cut = '';
    for (const ch of s.text) {
      if (stringWidth(cut + ch) > width - used - 1) break;
      cut += ch;
    }
    out.push({ ...s, text: `${cut}…` });
    used += stringWidth(cut) + 1;
    break;
  }
  return out;
}
