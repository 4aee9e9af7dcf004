/**
 * Runs the built program (dist/examdrill.js) in a real pseudo-terminal and reads back what a
 * person would see: the output goes through a headless xterm of the same size, so `screen()` is
 * the screen after every cursor movement and erase, not the byte stream.
 *
 *   const t = startPty(['exam', '--seed', '7'], { cols: 80, rows: 24 });
 *   await t.waitFor('Question 1');
 *   t.press('a');
 *   await t.waitFor(/\(•\)|\[x\]/);
 *
 * Synchronisation is always by polling the screen (`waitFor`), never by fixed sleeps. Call
 * `disposeAll()` in `afterEach`: it kills every process this file started.
 */
import { spawn as spawnChild, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn as spawnPty, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { parse } from 'yaml';

const { Terminal } = xterm;

export const ROOT = join(import.meta.dirname, '..', '..');
export const PROGRAM = join(ROOT, 'dist', 'examdrill.js');

/** The title and version of the bundled pack, the one a fresh data folder opens. */
export function bundledPack(): { readonly title: string; readonly version: string } {
  const meta = parse(readFileSync(join(ROOT, 'content', 'aws-dop-c02', 'pack.yaml'), 'utf8')) as { title: string; version: string };
  return { title: meta.title, version: meta.version };
}

/** A question of the bundled pack, as its YAML file writes it. */
export interface PackQuestion {
  readonly id: string;
  readonly stem: string;
  readonly options: readonly { readonly text: string; readonly why?: string; readonly correct?: boolean }[];
}

/** The bundled pack's questions, read from its YAML files (to check what the screen shows against the source). */
export function bundledQuestions(): PackQuestion[] {
  const dir = join(ROOT, 'content', 'aws-dop-c02');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml') && f !== 'pack.yaml');
  return files.flatMap((f) => (parse(readFileSync(join(dir, f), 'utf8')) as { questions?: PackQuestion[] }).questions ?? []);
}

/** Named keys, each written as one `write` so that Ink reads it as one key press. */
export const KEYS = {
  Enter: '\r',
  Escape: '\x1b',
  Up: '\x1b[A',
  Down: '\x1b[B',
  Right: '\x1b[C',
  Left: '\x1b[D',
  Space: ' ',
  CtrlC: '\x03',
  Backspace: '\x7f',
} as const;

export type KeyName = keyof typeof KEYS;

export interface PtyOptions {
  readonly cols?: number;
  readonly rows?: number;
  /** Progress folder (EXAMDRILL_DATA_DIR); a fresh temporary folder when not given. */
  readonly dataDir?: string;
  /** Sets NO_COLOR=1. */
  readonly noColor?: boolean;
  /** Extra variables, applied last. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ExitStatus {
  readonly exitCode: number;
  /** The signal number that ended the process, or 0. */
  readonly signal: number;
}

export interface PtySession {
  readonly dataDir: string;
  /** The visible lines of the terminal, right-trimmed, joined by \n, as parsed so far (read it after `waitFor`). */
  screen(): string;
  /**
   * Polls the screen every 20 ms until a whole frame is drawn that contains the text, matches the
   * pattern or satisfies the predicate, and returns that screen; rejects with the last screen
   * after `timeoutMs`, or as soon as the program has exited without the screen matching.
   */
  waitFor(expected: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  /**
   * The visible rows that the terminal wrapped because the program wrote a line wider than the
   * window (0-based). A program that fits its output to the window has none. Read it after `waitFor`.
   */
  wrappedRows(): number[];
  /** Writes one key: a name from KEYS or a literal character. */
  press(key: KeyName | string): void;
  /**
   * Types keys one write each, `gapMs` apart, without waiting for the screen in between: a fast
   * typist typing ahead. The gap is the behaviour under test, not a way to wait for the program.
   */
  typeAhead(keys: readonly (KeyName | string)[], gapMs: number): Promise<void>;
  resize(cols: number, rows: number): void;
  kill(signal?: NodeJS.Signals): void;
  readonly exited: Promise<ExitStatus>;
  /** Every byte received so far, as a string. */
  raw(): string;
  /** Kills the process if it still runs and frees the terminal. */
  dispose(): void;
}

const POLL_MS = 20;
/** Ink brackets each frame in these (synchronized output): between them the screen is half drawn. */
const FRAME_BEGIN = '\x1b[?2026h';
const FRAME_END = '\x1b[?2026l';
const live = new Set<{ dispose(): void }>();
const tempDirs = new Set<string>();

export function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'examdrill-e2e-'));
  tempDirs.add(dir);
  return dir;
}

/**
 * The environment of the program under test: the test runner's own minus the variables that
 * would change what it draws (CI makes Ink draw only the last frame) or where it reads from.
 */
export function programEnv(dataDir: string, options: { readonly noColor?: boolean; readonly env?: Readonly<Record<string, string>> } = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION', 'NO_COLOR', 'FORCE_COLOR', 'NODE_ENV', 'DEBUG', 'EXAMDRILL_PACKS_DIR', 'COLUMNS', 'LINES']) delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith('VITEST')) delete env[k];
  env.TERM = 'xterm-256color';
  env.EXAMDRILL_DATA_DIR = dataDir;
  if (options.noColor) env.NO_COLOR = '1';
  return { ...env, ...options.env };
}

function assertBuilt(): void {
  if (!existsSync(PROGRAM)) throw new Error(`${PROGRAM} is missing: run \`npm run build\` first.`);
}

export function startPty(args: readonly string[], options: PtyOptions = {}): PtySession {
  assertBuilt();
  const cols = options.cols ?? 80;
  const rows = options.rows ?? 24;
  const dataDir = options.dataDir ?? freshDataDir();
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const proc: IPty = spawnPty(process.execPath, [PROGRAM, ...args], {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: ROOT,
    env: programEnv(dataDir, options),
  });
  let bytes = '';
  let done = false;
  let disposed = false;
  // A large frame reaches us in several chunks; xterm (v5) draws each at once, so waitFor must
  // not match a half-drawn screen: it skips the moments between a frame's begin and end marks.
  let midFrame = false;
  let carry = '';
  proc.onData((data) => {
    bytes += data;
    const seen = carry + data;
    const begin = seen.lastIndexOf(FRAME_BEGIN);
    const end = seen.lastIndexOf(FRAME_END);
    if (begin > end) midFrame = true;
    else if (end > begin) midFrame = false;
    carry = seen.slice(-(FRAME_BEGIN.length - 1));
    if (!disposed) term.write(data);
  });
  const exited = new Promise<ExitStatus>((resolve) => {
    proc.onExit(({ exitCode, signal }) => {
      done = true;
      resolve({ exitCode, signal: signal ?? 0 });
    });
  });

  const screen = (): string => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < term.rows; y += 1) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n');
  };

  // Resolves once xterm has parsed every byte received so far.
  const settled = () => new Promise<void>((resolve) => term.write('', resolve));

  const session: PtySession = {
    dataDir,
    screen,
    async waitFor(expected, timeoutMs = 10_000) {
      const matches = (s: string) => (typeof expected === 'string' ? s.includes(expected) : typeof expected === 'function' ? expected(s) : expected.test(s));
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const exitedBefore = done;
        await settled();
        const s = screen();
        if ((!midFrame || exitedBefore) && matches(s)) return s;
        if (exitedBefore || Date.now() > deadline) {
          throw new Error(`${exitedBefore ? 'The program exited' : `Timed out after ${timeoutMs} ms`} while waiting for ${typeof expected === 'function' ? 'a condition' : String(expected)}. The screen:\n${s}`);
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    wrappedRows() {
      const buffer = term.buffer.active;
      const rowsWrapped: number[] = [];
      for (let y = 0; y < term.rows; y += 1) if (buffer.getLine(buffer.viewportY + y)?.isWrapped) rowsWrapped.push(y);
      return rowsWrapped;
    },
    press(key) {
      proc.write(Object.hasOwn(KEYS, key) ? KEYS[key as KeyName] : key);
    },
    async typeAhead(keys, gapMs) {
      for (const [i, key] of keys.entries()) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
        session.press(key);
      }
    },
    resize(c, r) {
      proc.resize(c, r);
      term.resize(c, r);
    },
    kill(signal = 'SIGTERM') {
      if (!done) proc.kill(signal);
    },
    exited,
    raw: () => bytes,
    dispose() {
      if (disposed) return;
      disposed = true;
      live.delete(session);
      if (!done) {
        try {
          proc.kill('SIGKILL');
        } catch {
          // Already gone.
        }
      }
      term.dispose();
    },
  };
  live.add(session);
  return session;
}

/** Resolves with the exit status, or rejects with the screen if the program still runs after `timeoutMs`. */
export function waitForExit(t: PtySession, timeoutMs = 10_000): Promise<ExitStatus> {
  return waitWithin(t.exited, timeoutMs, () => `the program has not exited. The screen:\n${t.screen()}`);
}

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The built program with pipes for stdin, stdout and stderr: no terminal at all. */
export interface PipedSession {
  stdout(): string;
  stderr(): string;
  /** Polls stdout every 20 ms until it satisfies the predicate; rejects with the output after `timeoutMs` or once the program has exited. */
  waitForOutput(done: (stdout: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Writes text as it is. */
  write(text: string): void;
  /** Writes one line (a newline is added). */
  writeLine(line: string): void;
  /** Ends stdin. */
  end(): void;
  readonly exited: Promise<ProcessResult>;
}

export function startPiped(args: readonly string[], options: { readonly dataDir: string }): PipedSession {
  assertBuilt();
  const child: ChildProcessWithoutNullStreams = spawnChild(process.execPath, [PROGRAM, ...args], { cwd: ROOT, env: programEnv(options.dataDir), stdio: 'pipe' });
  let finished = false;
  const handle = { dispose: () => (finished ? undefined : child.kill('SIGKILL')) };
  live.add(handle);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  // A closed pipe after the program exits is not a test failure.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<ProcessResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      finished = true;
      live.delete(handle);
      resolve({ code, stdout: out, stderr: err });
    });
  });
  return {
    stdout: () => out,
    stderr: () => err,
    async waitForOutput(done, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const exitedBefore = finished;
        if (done(out)) return out;
        if (exitedBefore || Date.now() > deadline) throw new Error(`${exitedBefore ? 'The program exited' : `Timed out after ${timeoutMs} ms`} before the expected output. stdout:\n${out}\nstderr:\n${err}`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    write(text) {
      child.stdin.write(text);
    },
    writeLine(line) {
      child.stdin.write(`${line}\n`);
    },
    end() {
      child.stdin.end();
    },
    exited,
  };
}

/** Runs the built program without a terminal, feeding `input` and then ending stdin. */
export async function runPiped(args: readonly string[], options: { readonly dataDir: string; readonly input?: string; readonly timeoutMs?: number }): Promise<ProcessResult> {
  const session = startPiped(args, options);
  if (options.input) session.write(options.input);
  session.end();
  return waitWithin(session.exited, options.timeoutMs ?? 10_000, () => `examdrill ${args.join(' ')} did not exit. stdout:\n${session.stdout()}\nstderr:\n${session.stderr()}`);
}

async function waitWithin<T>(promise: Promise<T>, timeoutMs: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`After ${timeoutMs} ms: ${describe()}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Kills every process started through this file and removes the temporary data folders. */
export function disposeAll(): void {
  for (const s of [...live]) s.dispose();
  live.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  tempDirs.clear();
}
