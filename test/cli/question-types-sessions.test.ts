/**
 * Every question type in plain mode, driven prompt by prompt through pipes (the built program):
 * a mock exam with mixed types and its report by domain; a quiz whose wrong answers become the
 * misconceptions of typed, paired, ordered and case-study answers.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { disposeAll, startPiped, type PipedSession } from '../helpers/pty.js';
import { FIXTURES, runCli, tempDir } from '../helpers/run-cli.js';

afterEach(disposeAll);

function qtypesPacks(): string {
  const packs = tempDir();
  cpSync(join(FIXTURES, 'qtypes-packs', 'qtypes'), join(packs, 'qtypes'), { recursive: true });
  return packs;
}

/** Waits for the next `answer> ` prompt and returns what was printed since the one before. */
function prompter(s: PipedSession, prompt = 'answer> ') {
  let seen = 0;
  const ask = async (): Promise<string> => {
    const out = await s.waitForOutput((o) => o.split(prompt).length - 1 > seen);
    const chunks = out.split(prompt);
    seen += 1;
    return chunks[seen - 1]!;
  };
  /** Counts a prompt answered without asking for it (a command such as f). */
  ask.passOver = () => {
    seen += 1;
  };
  return ask;
}

/** The shown number of a line `N) text`. */
function numberOf(printed: string, text: string): string {
  const line = printed.split('\n').find((l) => l.replace(/^\d+\) /, '') === text);
  if (!line) throw new Error(`"${text}" is not shown in:\n${printed}`);
  return /^(\d+)\)/.exec(line)![1]!;
}

/** Which part of the fixture's 3-part case study a prompt asks for (1 to 3), or 0 outside it. */
function casePartTracker(): (printed: string) => number {
  let left = 0;
  return (printed) => {
    if (printed.includes('Case study (3 parts')) left = 3;
    if (left === 0) return 0;
    left -= 1;
    return 3 - left;
  };
}

/** The shown number of an option of the case study's third part (a choice). */
const part3Number = (printed: string, text: string) => numberOf(printed.slice(printed.lastIndexOf('Part 3 of 3')), text);

const STEPS = ['The daemon reads a message from the SQS queue.', 'The daemon posts the message body to the application over HTTP.', 'The application answers 200 OK.', 'The daemon deletes the message from the queue.'];

describe('a mock exam with every question type (plain mode)', () => {
  it('scores each type exactly, per part for a case study, and reports by domain', async () => {
    const data = tempDir();
    const packs = qtypesPacks();
    const s = startPiped(['exam', '--packs-dir', packs, '--pack', 'qtypes', '--seed', '11', '--plain'], { dataDir: data });
    const next = prompter(s);
    const casePart = casePartTracker();
    for (let asked = 0; asked < 9; asked += 1) {
      const printed = await next();
      const part = casePart(printed);
      // The case study: part 1 true-false right, part 2 numerical right, part 3 choice wrong.
      if (part) s.writeLine(part === 1 ? 't' : part === 2 ? '3' : part3Number(printed, '500 Internal Server Error'));
      else if (printed.includes('Which port does the worker daemon')) s.writeLine('1'); // right
      else if (printed.includes('True or false? Type t or false (or 1 or 2; f flags the question).')) {
        // f flags in an exam; false is typed out.
        s.writeLine('f');
        await s.waitForOutput((o) => o.endsWith('Flagged for review.\nanswer> '));
        next.passOver();
        s.writeLine('false'); // wrong
      }
      else if (printed.includes('Type your answer.')) s.writeLine('  DOCKERRUN.AWS.JSON '); // right: trimmed, any case
      else if (printed.includes('Type a number.')) s.writeLine('45 seconds'); // wrong
      else if (printed.includes('Put these steps in order:')) s.writeLine(STEPS.map((t) => numberOf(printed, t)).join(',')); // right
      else if (printed.includes('Match each left item')) {
        // Two pairs of three right: wrong in an exam (no partial credit).
        s.writeLine(`a-${numberOf(printed, 'Asynchronous')},b-${numberOf(printed, 'Synchronous')},c-${numberOf(printed, 'Synchronous')}`);
      } else throw new Error(`an unexpected prompt:\n${printed}`);
    }
    await s.waitForOutput((o) => o.includes('submit> '));
    expect(s.stdout()).toContain('Review: 7 of 7 answered.');
    s.writeLine('');
    const result = await s.exited;
    expect(result.code).toBe(0);
    const out = result.stdout;
    // 9 scored units: 5 single questions of d-one, the matching (1) and the case study's 3 parts of d-two.
    expect(out).toContain('5 of 9 correct (56%)');
    expect(out).toMatch(/Deployments +#+\.+ +3\/5/);
    expect(out).toMatch(/Serverless +#+\.+ +2\/4/);
    // Question by question, each type says what was right.
    expect(out).toMatch(/\d\. wrong \(flagged\): The worker daemon deletes a message[^\n]*\nWrong\.\n {2}You answered false; the statement is true\./);
    expect(out).toMatch(/\d\. correct: What is the name of the file[^\n]*\nRight\.\n {2}You typed: DOCKERRUN\.AWS\.JSON/);
    expect(out).toMatch(/\d\. wrong: What is the default visibility timeout[^\n]*\nWrong\.\n {2}You typed: 45 seconds\n {2}Accepted: 30/);
    expect(out).toMatch(/\d\. correct: Put the worker daemon's handling of a message in order\.\nRight: every step in its place\./);
    expect(out).toMatch(/\d\. wrong: Match each event source[^\n]*\n2 of 3 pairs right\./);
    expect(out).toContain('no  Amazon SQS queue -> Synchronous  (right: Event source mapping (polling))');
    expect(out).toMatch(/\d\. wrong: A team runs an Elastic Beanstalk worker environment[^]*?\n2 of 3 parts right\./);
    const stats = JSON.parse((await runCli(['stats', '--json', '--packs-dir', packs, '--pack', 'qtypes'], { env: { EXAMDRILL_DATA_DIR: data } })).stdout) as { exams: { domains: { id: string; correct: number; total: number }[] }[] };
    expect(stats.exams[0]!.domains.map((d) => [d.id, d.correct, d.total])).toEqual([['d-one', 3, 5], ['d-two', 2, 4]]);
  });
});

describe('misconceptions of typed, paired and ordered answers', () => {
  it('a quiz records the wrong answer typed, the wrong pair and the wrong order, named in stats', async () => {
    const data = tempDir();
    const packs = qtypesPacks();
    const s = startPiped(['quiz', '--packs-dir', packs, '--pack', 'qtypes', '--seed', '4', '--count', '7', '--plain'], { dataDir: data });
    const next = prompter(s);
    const casePart = casePartTracker();
    for (let asked = 0; asked < 9; asked += 1) {
      const printed = await next();
      const part = casePart(printed);
      // The case study: part 2 wrong (4 where 3 is right).
      if (part) s.writeLine(part === 1 ? 't' : part === 2 ? '4' : part3Number(printed, '200 OK'));
      else if (printed.includes('Which port does the worker daemon')) s.writeLine('2');
      else if (printed.includes('True or false? Type t or f.')) s.writeLine('f');
      else if (printed.includes('Type your answer.')) s.writeLine('Dockerfile.JSON');
      else if (printed.includes('Type a number.')) s.writeLine('60');
      else if (printed.includes('Put these steps in order:')) s.writeLine([STEPS[1], STEPS[0], STEPS[2], STEPS[3]].map((t) => numberOf(printed, t!)).join(','));
      else if (printed.includes('Match each left item')) s.writeLine(`a-${numberOf(printed, 'Asynchronous')},b-${numberOf(printed, 'Scheduled batch')},c-${numberOf(printed, 'Synchronous')}`);
      else throw new Error(`an unexpected prompt:\n${printed}`);
    }
    s.end();
    expect((await s.exited).code).toBe(0);
    const stats = JSON.parse((await runCli(['stats', '--json', '--packs-dir', packs, '--pack', 'qtypes'], { env: { EXAMDRILL_DATA_DIR: data } })).stdout) as { misconceptions: { question: string; optionText: string; times: number }[] };
    const named = Object.fromEntries(stats.misconceptions.map((m) => [m.question, m.optionText]));
    expect(named).toEqual({
      'choice-port': '443',
      'tf-visibility': 'answered false',
      // Typed text is kept trimmed and case-folded (the question is case-insensitive).
      'sa-dockerrun': 'typed "dockerfile.json"',
      'num-timeout': 'typed "60"',
      'order-worker': `ordered ${[STEPS[1], STEPS[0], STEPS[2], STEPS[3]].join(' > ')}`,
      'match-invocation': 'paired Amazon SQS queue with Scheduled batch',
      'case-worker': 'typed "4"',
    });
    const text = (await runCli(['stats', '--packs-dir', packs, '--pack', 'qtypes'], { env: { EXAMDRILL_DATA_DIR: data } })).stdout;
    expect(text).toContain('paired Amazon SQS queue with Scheduled batch');
  });
});

describe('study with every question type (plain mode)', () => {
  it('introduces each type as a new item, rates it from the result, and schedules it', async () => {
    const data = tempDir();
    const packs = qtypesPacks();
    const s = startPiped(['study', '--packs-dir', packs, '--pack', 'qtypes', '--plain'], { dataDir: data });
    const next = prompter(s);
    const casePart = casePartTracker();
    const answered = new Set<string>();
    for (let asked = 0; asked < 9; asked += 1) {
      const printed = await next();
      const part = casePart(printed);
      if (part) {
        answered.add('case-study');
        s.writeLine(part === 1 ? 't' : part === 2 ? '3' : part3Number(printed, '200 OK'));
      } else if (printed.includes('Which port does the worker daemon')) {
        answered.add('choice');
        s.writeLine('1');
      } else if (printed.includes('True or false? Type t or f.')) {
        answered.add('true-false');
        s.writeLine('t');
      } else if (printed.includes('Type your answer.')) {
        answered.add('short-answer');
        s.writeLine('dockerrun.aws.json');
      } else if (printed.includes('Type a number.')) {
        answered.add('numerical');
        s.writeLine('30');
      } else if (printed.includes('Put these steps in order:')) {
        answered.add('ordering');
        s.writeLine(STEPS.map((t) => numberOf(printed, t)).join(','));
      } else if (printed.includes('Match each left item')) {
        answered.add('matching');
        s.writeLine(`a-${numberOf(printed, 'Asynchronous')},b-${numberOf(printed, 'Event source mapping (polling)')},c-${numberOf(printed, 'Synchronous')}`);
      } else throw new Error(`an unexpected prompt:\n${printed}`);
    }
    expect([...answered].sort()).toEqual(['case-study', 'choice', 'matching', 'numerical', 'ordering', 'short-answer', 'true-false']);
    s.writeLine('q');
    s.end();
    const result = await s.exited;
    expect(result.code).toBe(0);
    // Every answer was right, so each feedback said so.
    expect(result.stdout.match(/(^|answer> )correct$/gm)).toHaveLength(7);
    const stats = JSON.parse((await runCli(['stats', '--json', '--packs-dir', packs, '--pack', 'qtypes'], { env: { EXAMDRILL_DATA_DIR: data } })).stdout) as { reviews: { total: number; today: number }; due: { now: number } };
    expect(stats.reviews.total).toBe(7);
    // Rated Good from a right answer: in their learning steps, none due this very minute.
    expect(stats.due.now).toBe(0);
  });
});

