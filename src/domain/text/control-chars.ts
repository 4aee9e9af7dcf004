/**
 * Terminal control characters that pack text may never carry: C0 except tab and newline
 * (ESC and CR included), DEL, and C1. Ink writes text as it is, so an OSC sequence in a pack
 * (a clipboard write, a hyperlink, a title change) would reach the terminal.
 */
export const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
export const CONTROL_CHARS_GLOBAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** The first control character in `text`, as an offset, or -1. */
export function findControlChar(text: string): number {
  const match = CONTROL_CHARS.exec(text);
  return match ? match.index : -1;
}

/** Describes a control character for an error message: `ESC (U+001B)`. */
export function describeControlChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const names: Record<number, string> = { 0x1b: 'ESC', 0x07: 'BEL', 0x0d: 'CR', 0x08: 'BS', 0x7f: 'DEL', 0x9b: 'CSI', 0x9d: 'OSC', 0x00: 'NUL' };
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return names[code] ? `${names[code]} (${hex})` : hex;
}

/**
 * Removes every control character (and so every escape sequence's introducer) from text that
 * comes from outside: imported files, a progress file, an error message quoting a pack.
 * Carriage returns become newlines so that Windows line endings survive as lines.
 */
export function stripControlChars(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS_GLOBAL, '');
}
