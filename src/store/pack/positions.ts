/** Maps a path inside a parsed YAML document to a line and column. */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface LineCol {
  readonly line: number;
  readonly column: number;
}

/** The node at `path`, or the deepest ancestor that exists, and how deep it got. */
export function nodeAt(doc: Document, path: readonly PropertyKey[]): { node: Node | null; depth: number } {
  let node: unknown = doc.contents;
  let depth = 0;
  for (const key of path) {
    let next: unknown;
    if (isSeq(node) && typeof key === 'number') next = node.items[key];
    else if (isMap(node)) next = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key))?.value;
    if (next === undefined || next === null) break;
    node = next;
    depth += 1;
  }
  return { node: (node as Node | null) ?? null, depth };
}

/** The key node of `key` in the map at `path` (for an unknown key), if there is one. */
export function keyNodeAt(doc: Document, path: readonly PropertyKey[], key: string): Node | null {
  const { node, depth } = nodeAt(doc, path);
  if (depth !== path.length || !isMap(node)) return null;
  const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  return pair && isScalar(pair.key) ? pair.key : null;
}

export function positionOf(node: Node | null, lines: LineCounter): LineCol {
  const offset = node?.range?.[0];
  if (offset === undefined) return { line: 1, column: 1 };
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

export function offsetToLineCol(lines: LineCounter, offset: number): LineCol {
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}
