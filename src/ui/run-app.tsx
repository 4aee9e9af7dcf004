/**
 * Starts the full-screen UI and resolves with the exit code: 0, or 130 after Ctrl-C. Ink's own
 * Ctrl-C handling would exit 0 without saving, so it is off; a closed terminal (SIGHUP) saves too.
 */
import { render } from 'ink';
import { App } from './app.js';
import type { Route } from './navigation.js';
import type { SessionDeps, SessionMode } from './session-deps.js';

export interface Terminal {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
}

export async function runApp(mode: SessionMode, deps: SessionDeps, io: Terminal): Promise<number> {
  const first: Route = mode === 'home' ? { name: 'home' } : mode === 'exam' ? (deps.options.history ? { name: 'history' } : { name: 'exam' }) : { name: 'study', mode: mode === 'study' && deps.options.cram ? 'cram' : mode };
  let code = 0;
  let app: ReturnType<typeof render> | undefined;
  const exit = (c: number) => {
    code = c;
    app?.unmount();
  };
  const onSignal = (signal: NodeJS.Signals) => exit(signal === 'SIGHUP' ? 129 : 143);
  process.on('SIGHUP', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    // Raw mode before the first frame: Ink turns it on only once a screen listens for keys, and
    // a Ctrl-C typed in between reached the terminal driver as SIGINT and quit an exam unasked.
    // In raw mode it waits as a key, for the screen to handle (it asks first during an exam).
    const input = io.stdin as NodeJS.ReadStream;
    if (input.isTTY && typeof input.setRawMode === 'function') input.setRawMode(true);
    app = render(<App deps={deps} first={first} exit={exit} />, { stdout: io.stdout as NodeJS.WriteStream, stdin: io.stdin as NodeJS.ReadStream, exitOnCtrlC: false, patchConsole: false, maxFps: 120 });
    await app.waitUntilExit();
  } finally {
    process.off('SIGHUP', onSignal);
    process.off('SIGTERM', onSignal);
  }
  await deps.save();
  if (code === 130) io.stdout.write('Stopped; everything you answered is saved.\n');
  return code;
}
