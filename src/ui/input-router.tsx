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
  useInput(deliver);
  return router.current;
}

/** A screen's keyboard handler; only the top screen's is called. */
export function useScreenInput(handler: RawHandler, active: boolean): void {
  const ctx = useContext(SlotContext);
  if (ctx && active) ctx.router.register(ctx.slot, handler);
}
