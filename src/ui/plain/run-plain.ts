/**
 * Plain mode: line-oriented prompts, no cursor movement and no colour, for pipes, scripts and
 * screen readers. Every mode first prints one line naming the pack.
 */
import type { Readable, Writable } from 'node:stream';
import { homeLines } from '../home-lines.js';
import type { SessionDeps, SessionMode } from '../session-deps.js';
import { linePrompt } from './line-prompt.js';
import { plainExam } from './plain-exam.js';
import { plainStudy } from './plain-study.js';

export async function runPlain(mode: SessionMode, deps: SessionDeps, input: Readable, output: Writable): Promise<void> {
  const p = linePrompt(input, output);
  try {
    p.print(`${deps.pack.title} ${deps.pack.version}`);
    for (const notice of deps.notices) p.print(notice);
    if (mode === 'home') for (const line of homeLines(deps)) p.print(line);
    else if (mode === 'exam') await plainExam(p, deps);
    else await plainStudy(p, deps, mode === 'quiz');
  } finally {
    p.close();
  }
}
