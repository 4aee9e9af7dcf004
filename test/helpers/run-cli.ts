/** Runs the CLI in-process with captured streams: the real commands, no terminal. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export function tempDir(prefix = 'examdrill-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Lines typed on stdin (plain mode); the stream ends after them. */
  readonly input?: string;
  readonly now?: Date;
}

export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const stdin = new PassThrough();
  stdin.end(options.input ?? '');
  const now = options.now;
  const io: Io = {
    stdout,
    stderr,
    stdin,
    env: { EXAMDRILL_DATA_DIR: tempDir(), ...options.env },
    cwd: options.cwd ?? process.cwd(),
    now: () => (now ? new Date(now) : new Date()),
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const BUNDLED_PACK = join(import.meta.dirname, '..', '..', 'content', 'aws-dop-c02');
