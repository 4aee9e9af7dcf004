/** The process edge as values, so that commands run the same in tests and for real. */
import type { Readable, Writable } from 'node:stream';

export interface Io {
  readonly stdout: Writable & { isTTY?: boolean; columns?: number; rows?: number };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** The clock; tests pass a fixed one. */
  readonly now: () => Date;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(), now: () => new Date() };
}

export function writeLine(stream: Io['stdout'], line = ''): void {
  stream.write(`${line}\n`);
}
