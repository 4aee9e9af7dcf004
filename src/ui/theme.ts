/** Colours by role, for dark and light terminal backgrounds; none at all with NO_COLOR. */
export type Role = 'accent' | 'good' | 'bad' | 'warn' | 'dim' | 'code' | 'heading' | 'selected' | 'flag';

export interface Theme {
  readonly name: 'dark' | 'light' | 'none';
  readonly colour: (role: Role) => string | undefined;
}

const DARK: Record<Role, string> = { accent: 'cyan', good: 'green', bad: 'red', warn: 'yellow', dim: 'gray', code: 'magenta', heading: 'cyanBright', selected: 'cyan', flag: 'yellow' };
// On a light background, bright and yellow tones wash out: use darker ones.
const LIGHT: Record<Role, string> = { accent: 'blue', good: 'green', bad: 'red', warn: 'magenta', dim: 'gray', code: 'blue', heading: 'blue', selected: 'blue', flag: 'magenta' };

export function makeTheme(name: 'dark' | 'light', colour: boolean): Theme {
  if (!colour) return { name: 'none', colour: () => undefined };
  const table = name === 'light' ? LIGHT : DARK;
  return { name, colour: (role) => table[role] };
}
