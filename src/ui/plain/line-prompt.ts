/** Reads one answer per line, printing a prompt first; null at end of input. */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface LinePrompt {
  ask(prompt: string): Promise<string | null>;
  print(text?: string): void;
  close(): void;
}

export function linePrompt(input: Readable, output: Writable): LinePrompt {
  const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let ended = false;
  rl.on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else lines.push(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const w of waiting.splice(0)) w(null);
  });
  return {
    ask(prompt) {
      output.write(prompt);
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (ended) {
        output.write('\n');
        return Promise.resolve(null);
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    print(text = '') {
      output.write(`${text}\n`);
    },
    close() {
      rl.close();
    },
  };
}
