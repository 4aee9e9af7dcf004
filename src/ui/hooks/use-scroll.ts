/**
 * The scroll position of a Frame body that only scrolls (help, statistics, a report): ↑↓ move a
 * line, PgUp/PgDn a page, and the position stays within the body, so ↑ after scrolling past the
 * end moves at once.
 */
import { useState } from 'react';
import { bodyHeight } from '../components/frame.js';
import type { Matched } from '../keys/key-map.js';

export interface Scroll {
  readonly scroll: number;
  readonly up: (m: Matched) => void;
  readonly down: (m: Matched) => void;
  readonly reset: () => void;
}

/** The largest useful scroll position of a body of `lines` in a frame of `rows`, and a page. */
export function scrollLimits(lines: number, rows: number): { readonly max: number; readonly page: number } {
  // The height without a message line, as most frames are drawn; a message lasts one key.
  const height = bodyHeight(rows, false);
  return { max: Math.max(0, lines - height), page: Math.max(1, height - 1) };
}

export function useScroll(lines: number, rows: number): Scroll {
  const [position, setPosition] = useState(0);
  const { max, page } = scrollLimits(lines, rows);
  const by = (delta: number) => setPosition((p) => Math.max(0, Math.min(max, Math.min(p, max) + delta)));
  return {
    scroll: Math.min(position, max),
    up: (m) => by(m.pageJump ? -page : -1),
    down: (m) => by(m.pageJump ? page : 1),
    reset: () => setPosition(0),
  };
}
