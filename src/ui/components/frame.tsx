/**
 * Every screen's frame: a title line with a status on the right, the body cut to the rows that
 * fit (scrollable), and a footer of key hints from the key table. The frame is always at least
 * one line shorter than the terminal: a frame as tall as the terminal makes Ink clear the
 * screen on every render. Below 60x20 it asks for a larger window instead.
 *
 *   AWS DevOps Pro (DOP-C02) · study                     12 due · 5 new
 *   ────────────────────────────────────────────────────────────────────
 *   body ...
 *   ────────────────────────────────────────────────────────────────────
 *   Space/Enter show answer · u undo · ? help · q back
 */
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { bindingsFor, type ScreenKind } from '../keys/key-map.js';
import { fitLine, type Line } from '../text/layout.js';
import type { Theme } from '../theme.js';
import { LinesView } from './lines-view.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 20;
/** Title, rule above the body, rule below it, footer, and the one spare row. */
export const FRAME_ROWS = 5;

export interface FrameProps {
  readonly title: string;
  readonly status?: Line;
  readonly body: readonly Line[];
  readonly screen: ScreenKind;
  readonly theme: Theme;
  readonly columns: number;
  readonly rows: number;
  readonly scroll?: number;
  /** A message shown above the footer (an invalid key, a saved notice). */
  readonly message?: string;
}

export function bodyHeight(rows: number, withMessage = false): number {
  return Math.max(1, rows - FRAME_ROWS - (withMessage ? 1 : 0));
}

export function Frame({ title, status = [], body, screen, theme, columns, rows, scroll = 0, message }: FrameProps) {
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return (
      <Box flexDirection="column">
        <Text>Make the window larger: examdrill needs {MIN_COLUMNS}x{MIN_ROWS}</Text>
        <Text>(now {columns}x{rows}). Your progress is saved.</Text>
      </Box>
    );
  }
  const width = columns - 1;
  const height = bodyHeight(rows, message !== undefined);
  const maxScroll = Math.max(0, body.length - height);
  const offset = Math.min(Math.max(0, scroll), maxScroll);
  const visible = body.slice(offset, offset + height).map((l) => fitLine(l, width));
  const more = offset < maxScroll ? `↓ ${maxScroll - offset} more` : offset > 0 ? '↑ top' : '';
  const statusWidth = status.reduce((w, s) => w + stringWidth(s.text), 0);
  const titleLine = fitLine([{ text: title, role: 'heading', bold: true }], Math.max(10, width - statusWidth - 2));
  const titleWidth = titleLine.reduce((w, s) => w + stringWidth(s.text), 0);
  const footer = footerHints(screen, width - stringWidth(more) - 1);
  return (
    <Box flexDirection="column">
      <LinesView theme={theme} lines={[[...titleLine, { text: ' '.repeat(Math.max(1, width - titleWidth - statusWidth)) }, ...status]]} />
      <Text color={theme.colour('dim')}>{'─'.repeat(width)}</Text>
      <LinesView theme={theme} lines={[...visible, ...Array.from({ length: Math.max(0, height - visible.length) }, () => [])]} />
      <Text color={theme.colour('dim')}>{'─'.repeat(width)}</Text>
      {message !== undefined ? <Text color={theme.colour('warn')}>{fitLine([{ text: message }], width).map((s) => s.text).join('')}</Text> : null}
      <LinesView theme={theme} lines={[[{ text: footer, role: 'dim' }, { text: more ? ` ${more}` : '', role: 'accent' }]]} />
    </Box>
  );
}

/**
 * The footer: this screen's own keys first, then help and back. When the line is too narrow,
 * screen keys are dropped from the end, so `? help` (which lists them all) always shows.
 */
export function footerHints(screen: ScreenKind, width: number): string {
  const bindings = bindingsFor(screen, true);
  const own = bindings.filter((b) => b.screens !== 'all').map((b) => `${b.keys} ${b.hint}`);
  const shared = bindings.filter((b) => b.screens === 'all').map((b) => `${b.keys} ${b.hint}`);
  const join = (list: string[]) => list.join(' · ');
  while (own.length > 0 && stringWidth(join([...own, ...shared])) > width) own.pop();
  while (shared.length > 1 && stringWidth(join([...own, ...shared])) > width) shared.pop();
  return join([...own, ...shared]);
}
