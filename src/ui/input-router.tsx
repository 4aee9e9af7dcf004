/**
 * One keyboard listener for the whole app, routing each key to the screen on top of the stack.
 * Ink's useInput attaches in an effect, after the frame is drawn: a key typed in that gap would
 * reach the screen below, or nobody. Here screens register their handler while they render, the
 * top slot changes the moment navigation happens, and keys that arrive before the new top screen
 * has rendered wait for it, in order.
 */
import { useInput, type Key } from 'ink';
import { createContext, useContext, useRef } from 'react';

export type RawHandler = (input: string, key: Key) => void;

export interface InputRouter {
  register(slot: number, handler: RawHandler): void;
  /** The stack's new top slot; its old handler (if any) is forgotten until it renders again. */
  setTop(slot: number): void;
}

export const SlotContext = createContext<{ readonly router: InputRouter; readonly slot: number } | null>(null);

export function useInputRouter(initialTop: number): InputRouter {
  const handlers = useRef(new Map<number, RawHandler>());
  const top = useRef(initialTop);
  const waiting = useRef<[string, Key][]>([]);
  const router = useRef<InputRouter | null>(null);
  if (!router.current) {
    router.current = {
      register(slot, handler) {
        handlers.current.set(slot, handler);
        if (slot === top.current && waiting.current.length > 0) {
          const queued = waiting.current.splice(0);
          queueMicrotask(() => {
            for (const [input, key] of queued) deliver(input, key);
          });
        }
      },
      setTop(slot) {
        top.current = slot;
        handlers.current.delete(slot);
      },
    };
  }
  const deliver = (input: string, key: Key) => {
    const handler = handlers.current.get(top.current);
    if (handler) handler(input, key);
    else waiting.current.push([input, key]);
  };
  useInput((input, key) => {
    for (const [i, k] of splitKeys(input, key)) deliver(i, k);
  });
  return router.current;
}

/** A screen's keyboard handler; only the top screen's is called. */
export function useScreenInput(handler: RawHandler, active: boolean): void {
  const ctx = useContext(SlotContext);
  if (ctx && active) ctx.router.register(ctx.slot, handler);
}

/**
 * Ink hands over several keys that arrive in one read (typed while the program was busy, or
 * pasted) as one string, which would match no binding. examdrill has no text fields where a
 * paste means text, so such a string is taken apart into the keys it holds.
 */
export function splitKeys(input: string, key: Key): [string, Key][] {
  const chars = [...input];
  if (chars.length <= 1 || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown) return [[input, key]];
  const plain: Key = { ...key, return: false, escape: false, tab: false, backspace: false, delete: false, ctrl: false, meta: false, shift: false };
  return chars.map((ch): [string, Key] => {
    if (ch === '\r' || ch === '\n') return ['', { ...plain, return: true }];
    if (ch === '\t') return ['', { ...plain, tab: true }];
    if (ch === '\u007f' || ch === '\b') return ['', { ...plain, backspace: true }];
    if (ch === '\u001b') return ['', { ...plain, escape: true, meta: true }];
    const code = ch.codePointAt(0)!;
    if (code < 32) return [String.fromCharCode(code + 96), { ...plain, ctrl: true }];
    return [ch, { ...plain, shift: ch !== ch.toLowerCase() }];
  });
}
