/** The screen stack: a plain reducer, no router. Esc pops; the bottom screen's back exits. */
import type { ScreenKind } from './keys/key-map.js';

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'study'; readonly mode: 'study' | 'cram' | 'quiz'; readonly topics?: readonly string[] }
  | { readonly name: 'exam' }
  | { readonly name: 'stats' }
  | { readonly name: 'history' }
  | { readonly name: 'settings' }
  | { readonly name: 'help'; readonly screen: ScreenKind }
  | { readonly name: 'confirm'; readonly message: string; readonly onYes: () => void };

export type NavAction = { readonly type: 'push'; readonly route: Route } | { readonly type: 'pop' };

export function navReducer(stack: readonly Route[], action: NavAction): readonly Route[] {
  switch (action.type) {
    case 'push':
      return [...stack, action.route];
    case 'pop':
      return stack.length > 1 ? stack.slice(0, -1) : stack;
  }
}

export interface Nav {
  push(route: Route): void;
  pop(): void;
  /** Goes back; from the first screen of a command, exits the program. */
  back(): void;
  /** Saves and exits with a code (130 after Ctrl-C). */
  exit(code: number): void;
}
