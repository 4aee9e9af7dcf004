/** What every screen receives from the app. */
import type { Nav } from './navigation.js';
import type { SessionDeps } from './session-deps.js';
import type { Theme } from './theme.js';

export interface ScreenProps {
  readonly deps: SessionDeps;
  readonly nav: Nav;
  readonly theme: Theme;
  readonly columns: number;
  readonly rows: number;
  /** True for the screen on top of the stack: only it reads keys. */
  readonly active: boolean;
}
