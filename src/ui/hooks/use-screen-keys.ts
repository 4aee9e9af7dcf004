/**
 * The input hook of a screen: maps keys to commands through the key table and calls the screen's
 * handler for each. A key that does nothing here says so, or says why it is disabled right now.
 * Only the screen on top listens.
 */
import { useState } from 'react';
import { matchKey, type Command, type Matched, type ScreenKind } from '../keys/key-map.js';
import { stripControlChars } from '../../domain/text/control-chars.js';
import { useScreenInput } from '../input-router.js';
import type { Nav } from '../navigation.js';

export type Handlers = Partial<Record<Command, (m: Matched) => void>>;

export interface ScreenKeys {
  readonly message: string | undefined;
  readonly say: (message: string | undefined) => void;
}

/**
 * `screen` and `disabled` may be functions: they are then read when the key arrives, so a key
 * that follows another faster than a render is matched against the screen the first one made.
 */
export function useScreenKeys(screen: ScreenKind | (() => ScreenKind), active: boolean, nav: Nav, handlers: Handlers, disabled: Partial<Record<Command, string | undefined>> | (() => Partial<Record<Command, string | undefined>>) = {}): ScreenKeys {
  const [message, setMessage] = useState<string | undefined>(undefined);
  useScreenInput(
    (input, key) => {
      const kind = typeof screen === 'function' ? screen() : screen;
      const m = matchKey(kind, input, key);
      setMessage(undefined);
      if (!m) {
        const shown = stripControlChars(input).replace(/\n/g, '');
        if (shown && !key.ctrl && !key.meta) setMessage(`"${shown === ' ' ? 'Space' : shown}" does nothing here: press ? for the keys.`);
        return;
      }
      const why = (typeof disabled === 'function' ? disabled() : disabled)[m.command];
      if (why) {
        setMessage(why);
        return;
      }
      const handler = handlers[m.command];
      if (handler) handler(m);
      else if (m.command === 'back') nav.back();
      else if (m.command === 'help') nav.push({ name: 'help', screen: kind });
      else if (m.command === 'interrupt') nav.exit(130);
    },
    active,
  );
  return { message, say: setMessage };
}
