/**
 * The input hook of a screen: maps keys to commands through the key table and calls the screen's
 * handler for each. A key that does nothing here says so, or says why it is disabled right now.
 * Only the screen on top listens.
 */
import { useInput } from 'ink';
import { useState } from 'react';
import { matchKey, type Command, type Matched, type ScreenKind } from '../keys/key-map.js';
import type { Nav } from '../navigation.js';

export type Handlers = Partial<Record<Command, (m: Matched) => void>>;

export interface ScreenKeys {
  readonly message: string | undefined;
  readonly say: (message: string | undefined) => void;
}

export function useScreenKeys(screen: ScreenKind, active: boolean, nav: Nav, handlers: Handlers, disabled: Partial<Record<Command, string | undefined>> = {}): ScreenKeys {
  const [message, setMessage] = useState<string | undefined>(undefined);
  useInput(
    (input, key) => {
      const m = matchKey(screen, input, key);
      setMessage(undefined);
      if (!m) {
        if (input && !key.ctrl && !key.meta) setMessage(`"${input === ' ' ? 'Space' : input}" does nothing here: press ? for the keys.`);
        return;
      }
      const why = disabled[m.command];
      if (why) {
        setMessage(why);
        return;
      }
      const handler = handlers[m.command];
      if (handler) handler(m);
      else if (m.command === 'back') nav.back();
      else if (m.command === 'help') nav.push({ name: 'help', screen });
      else if (m.command === 'interrupt') nav.exit(130);
    },
    { isActive: active },
  );
  return { message, say: setMessage };
}
