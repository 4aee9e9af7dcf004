/**
 * Renders the real app on one screen with an in-memory progress port and a given clock and
 * terminal size. Built on ink-testing-library's approach, with rows as well as columns, so that
 * small terminals and resizing can be tested. `press` writes one key and waits for the frame
 * to change; frames are compared with ANSI codes stripped.
 */
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { vi } from 'vitest';
import type { Pack } from '../../src/domain/pack/types.js';
import type { Clock, ProgressPort } from '../../src/domain/ports.js';
import type { ProgressEvent } from '../../src/domain/progress/events.js';
import { applyEvent, emptyProgress, type ProgressState } from '../../src/domain/progress/state.js';
import { utcOffset } from '../../src/domain/time/day.js';
import { App } from '../../src/ui/app.js';
import type { Route } from '../../src/ui/navigation.js';
import type { SessionDeps, SessionOptions } from '../../src/ui/session-deps.js';

class FakeStdout extends EventEmitter {
  frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
  };
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\u001b\][^\u0007]*\u0007/g, '');

export function memoryPort(state: ProgressState = emptyProgress()): ProgressPort & { events: ProgressEvent[] } {
  const events: ProgressEvent[] = [];
  return {
    state,
    events,
    record(e) {
      const event = { ...e, id: `e${events.length + 1}` } as ProgressEvent;
      events.push(event);
      applyEvent(state, event);
      return event;
    },
  };
}

export interface ScreenOptions {
  readonly pack: Pack;
  readonly port?: ProgressPort & { events: ProgressEvent[] };
  readonly clock?: Clock;
  readonly columns?: number;
  readonly rows?: number;
  readonly options?: Partial<SessionOptions>;
  readonly notices?: string[];
  readonly otherPacks?: SessionDeps['otherPacks'];
}

export function renderScreen(first: Route, o: ScreenOptions) {
  const stdout = new FakeStdout(o.columns ?? 80, o.rows ?? 24);
  const stdin = new FakeStdin();
  const port = o.port ?? memoryPort();
  const files: Record<string, string> = {};
  let exitCode: number | undefined;
  const deps: SessionDeps = {
    pack: o.pack,
    port,
    clock: o.clock ?? { now: () => new Date(), offset: utcOffset },
    options: { topics: [], cram: false, count: 10, mistakes: false, history: false, ...o.options },
    notices: o.notices ?? [],
    otherPacks: o.otherPacks ?? [],
    writeFile: (path, text) => {
      files[path] = text;
    },
    save: async () => undefined,
    colour: false,
    readEvents: () => port.events,
  };
  const instance = render(<App deps={deps} first={first} exit={(c) => { exitCode = c; instance.unmount(); }} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const frame = () => stripAnsi(stdout.frames[stdout.frames.length - 1] ?? '');
  return {
    port,
    files,
    frame,
    lines: () => frame().split('\n'),
    exitCode: () => exitCode,
    /** Writes one key and waits until the frame changes. */
    async press(key: string) {
      const before = stdout.frames.length;
      stdin.write(key);
      await vi.waitFor(() => {
        if (stdout.frames.length === before) throw new Error(`no new frame after ${JSON.stringify(key)}`);
      });
    },
    /** Writes one key without waiting (for fake-timer tests: follow with settle()). */
    type(key: string) {
      stdin.write(key);
    },
    async waitFor(text: string | RegExp) {
      await vi.waitFor(() => {
        const f = frame();
        if (typeof text === 'string' ? !f.includes(text) : !text.test(f)) throw new Error(`waiting for ${String(text)} in:\n${f}`);
      });
    },
    resize(columns: number, rows: number) {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
    },
    unmount: () => instance.unmount(),
  };
}

/** Lets React and Ink finish their work (they run on setImmediate, which fake timers leave real). */
export async function settle(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise<void>((r) => setImmediate(r));
}

export const keys = { enter: '\r', escape: '\u001b', up: '\u001b[A', down: '\u001b[B', right: '\u001b[C', left: '\u001b[D', ctrlC: '\u0003' };
