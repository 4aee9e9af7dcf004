import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/run-cli.js';
import { progressFiles } from '../helpers/progress-files.js';

/** A small pack in a temp packs folder, so tests can edit it. */
function smallPack(): { packs: string; dir: string } {
  const packs = tempDir();
  const dir = join(packs, 'small');
  cpSync(join(FIXTURES, 'packs', 'valid-nested'), dir, { recursive: true });
  return { packs, dir };
}

const env = (data: string) => ({ EXAMDRILL_DATA_DIR: data });

describe('plain mode sessions', () => {
  it('study: names the pack first, re-prompts invalid input without counting it, undoes with u', async () => {
    const data = tempDir();
    const { packs } = smallPack();
    const r = await runCli(['study', '--pack', 'valid-nested', '--packs-dir', packs], { env: env(data), input: 'x\n9\n3\nu\n\n4\n' });
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Ünïcödé pack: 日本語 and emoji 🚀 2.0.1');
    expect(r.stdout).toContain('reveal> An exam (しけん). ✅');
    expect(r.stdout).toContain('rate 1-4> Type 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy); u undoes, ! suspends, q stops.');
    expect(r.stdout).toContain('Undone: the rating of the previous item.');
    expect(r.code).toBe(0);
    const stats = JSON.parse((await runCli(['stats', '--json', '--pack', 'valid-nested', '--packs-dir', packs], { env: env(data) })).stdout) as { reviews: { total: number } };
    expect(stats.reviews.total).toBe(1);
  });

  it('study: ! suspends the item shown, in the log; u brings it back; ! again keeps it out', async () => {
    const data = tempDir();
    const { packs } = smallPack();
    const r = await runCli(['study', '--pack', 'valid-nested', '--packs-dir', packs], { env: env(data), input: '!\nu\n!\nq\n' });
    expect(r.code).toBe(0);
    const id = /Suspended (\S+): out of study \(quiz and exam still ask it\)\. u undoes; or later: examdrill item unsuspend \1\n/.exec(r.stdout)?.[1];
    expect(id).toBeDefined();
    expect(r.stdout).toContain(`Undone: ${id} is back in study.`);
    const log = readFileSync(progressFiles(data, 'valid-nested').log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; item?: string; suspended?: boolean });
    expect(log.filter((e) => e.type === 'suspend').map((e) => [e.item, e.suspended])).toEqual([[id, true], [id, false], [id, true]]);
    const again = await runCli(['item', 'suspend', id!, '--pack', 'valid-nested', '--packs-dir', packs], { env: env(data) });
    expect(again.stdout).toBe(`${id} is already suspended; nothing changed.\n`);
  });

  it('quiz: answers by letter or number, says what is accepted, and records the misconception', async () => {
    const data = tempDir();
    const { packs } = smallPack();
    const r = await runCli(['quiz', '--pack', 'valid-nested', '--packs-dir', packs, '--seed', '1', '--count', '2'], { env: env(data), input: 'z\n9\n1,4\nb\n' });
    expect(r.stdout).not.toContain('Choose 2.'); // the stem already says "(Choose two.)"
    expect(r.stdout).toContain('5) 4\nanswer> "z" is not an option: type a number from 1 to 5 or a letter from a to e, several joined by commas for a multiple-response question.');
    expect(r.stdout).toContain('answer> "9" is out of range');
    expect(r.stdout).toMatch(/answer> (correct|wrong)\nRight answers?: /);
    const stats = JSON.parse((await runCli(['stats', '--json', '--pack', 'valid-nested', '--packs-dir', packs], { env: env(data) })).stdout) as { reviews: { total: number }; misconceptions: unknown[] };
    expect(stats.reviews.total).toBe(2);
  });

  it('exam: f flags, s skips, the review lists them, Enter submits, the report starts with result:', async () => {
    const data = tempDir();
    const report = join(tempDir(), 'report.md');
    const r = await runCli(['exam', '--questions', '3', '--minutes', '20', '--seed', '5', '--report', report], { env: env(data), input: 'f\na\ns\nb\n\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Mock exam: 3 questions, 20 minutes, passing score 750.');
    expect(r.stdout).toContain('Flagged for review.');
    expect(r.stdout).toMatch(/Review: 2 of 3 answered\. Time left .*\nUnanswered: 2\. Flagged: 1\./);
    expect(r.stdout).toMatch(/\nresult: (pass|fail) \d+\/1000 \(passing 750\)\n/);
    expect(r.stdout).toContain('The scaled score is an estimate');
    expect(readFileSync(report, 'utf8')).toMatch(/^# Mock exam report: AWS DevOps Engineer Professional/);
    const stats = JSON.parse((await runCli(['stats', '--json'], { env: env(data) })).stdout) as { exams: { scaled: number; passed: boolean; domains: { id: string; correct: number; total: number }[] }[]; reviews: { total: number } };
    expect(stats.exams).toHaveLength(1);
    expect(stats.exams[0]!.domains.reduce((s, d) => s + d.total, 0)).toBe(3);
    expect(stats.reviews.total).toBe(2);
  });

  it('exam: stopping keeps the exam; the next exam offers it with resume y/n> and its answers', async () => {
    const data = tempDir();
    const first = await runCli(['exam', '--questions', '3', '--seed', '8'], { env: env(data), input: 'a\nq\n' });
    expect(first.stdout).toMatch(/Stopped with .* left; your answers are saved\. Run examdrill exam to resume\./);
    const again = await runCli(['exam'], { env: env(data), input: 'maybe\ny\ns\ns\n\n' });
    expect(again.stdout).toMatch(/An unfinished exam from .*: 1 of 3 answered, .* left\.\nresume y\/n> Type y to resume it or n to discard it and start a new one\.\nresume y\/n> /);
    expect(again.stdout).toMatch(/Review: 1 of 3 answered/);
    expect(again.stdout).toMatch(/result: (pass|fail)/);
    const history = await runCli(['exam', '--history'], { env: env(data), input: '1\n' });
    expect(history.stdout).toMatch(/1\) \d{4}-\d\d-\d\d \d\d:\d\d UTC {2}\d+\/1000 (pass|fail) {2}\d\/3/);
    expect(history.stdout).toMatch(/open> \nresult: (pass|fail) /);
  });

  it('stats --json keeps the field names of the CLI spec, after a scripted session', async () => {
    const data = tempDir();
    await runCli(['quiz', '--seed', '3', '--count', '3'], { env: env(data), input: 'a\na\na\n' });
    const s = JSON.parse((await runCli(['stats', '--json'], { env: env(data) })).stdout) as Record<string, unknown>;
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['pack', 'reviews', 'due', 'retention', 'domains', 'topics', 'exams', 'misconceptions']));
    expect(s.pack).toBe('aws-dop-c02');
    expect(Object.keys(s.reviews as object)).toEqual(['total', 'today']);
    expect(Object.keys(s.due as object)).toEqual(['now', 'forecast']);
    expect(Object.keys((s.due as { forecast: object[] }).forecast[0]!)).toEqual(['date', 'count']);
    expect(Object.keys(s.retention as object)).toEqual(expect.arrayContaining(['observed', 'target']));
    expect(Object.keys((s.domains as object[])[0]!)).toEqual(expect.arrayContaining(['id', 'title', 'mastery', 'examAccuracy']));
    expect(Object.keys((s.topics as object[])[0]!)).toEqual(expect.arrayContaining(['id', 'title', 'mastery', 'seen', 'total']));
    const wrong = (s.misconceptions as { question: string; option: number; times: number }[])[0];
    if (wrong) expect(Object.keys(wrong)).toEqual(expect.arrayContaining(['question', 'option', 'times']));
    expect((s.reviews as { total: number }).total).toBe(3);
  });
});

describe('options that change settings', () => {
  it('--exam-date is recorded once, not again on every start with the same date', async () => {
    const data = tempDir();
    for (let i = 0; i < 3; i += 1) await runCli(['study', '--exam-date', '2027-03-15'], { env: env(data), input: 'q\n' });
    await runCli(['study', '--exam-date', '2027-04-01'], { env: env(data), input: 'q\n' });
    const log = readFileSync(progressFiles(data, 'aws-dop-c02').log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; value?: unknown });
    expect(log.filter((e) => e.type === 'settings').map((e) => e.value)).toEqual(['2027-03-15', '2027-04-01']);
  });
});

describe('errors a learner can act on', () => {
  it('an unknown pack id', async () => {
    const r = await runCli(['stats', '--pack', 'aws-dop-c2']);
    expect([r.code, r.stderr]).toEqual([2, 'examdrill: unknown pack id aws-dop-c2 (did you mean aws-dop-c02?)\nInstalled packs: aws-dop-c02. See `examdrill packs`.\n']);
  });

  it('a data dir that is a file', async () => {
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    const r = await runCli(['study', '--data-dir', file], { input: 'q\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^examdrill: a file stands where the progress folder should be \(.*\)\nMove that file away, or choose another folder with --data-dir\.\n$/);
  });

  it('an unknown topic', async () => {
    const r = await runCli(['quiz', '--topic', 'lambda-vcp']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('examdrill: unknown topic lambda-vcp in pack aws-dop-c02 (did you mean lambda-vpc?)');
  });

  it('a mock exam on a pack without questions', async () => {
    const packs = tempDir();
    const dir = join(packs, 'cards-only');
    mkdirSync(dir);
    writeFileSync(join(dir, 'pack.yaml'), 'format: 1\nid: cards-only\ntitle: Cards only\nversion: 1.0.0\ndomains: [{id: d, title: D, weight: 1}]\ntopics: [{id: t, title: T, domain: d}]\n');
    writeFileSync(join(dir, 'items.yaml'), 'topic: t\ncards:\n  - {id: c1, front: F, back: B}\n');
    const r = await runCli(['exam', '--packs-dir', packs, '--pack', 'cards-only'], { env: env(tempDir()), input: 'q\n' });
    expect([r.code, r.stderr]).toEqual([2, 'examdrill: pack cards-only has no questions, so there is no mock exam to sit\nStudy its cards with `examdrill study`, or choose another pack with --pack.\n']);
  });

  it('a progress file written by a newer examdrill is left alone', async () => {
    const data = tempDir();
    await runCli(['quiz', '--count', '1'], { env: env(data), input: 'a\n' });
    const snap = progressFiles(data, 'aws-dop-c02').snap;
    writeFileSync(snap, JSON.stringify({ schema: 7 }));
    const r = await runCli(['stats'], { env: env(data) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('was written by a newer examdrill (schema 7)');
    expect(readFileSync(snap, 'utf8')).toBe(JSON.stringify({ schema: 7 }));
  });
});

describe('updating a pack under a learner', () => {
  it('says what changed and loses no review: edits keep progress, removed items are retired, new ones are new', async () => {
    const data = tempDir();
    const { packs, dir } = smallPack();
    const args = ['--pack', 'valid-nested', '--packs-dir', packs];
    await runCli(['quiz', ...args, '--seed', '1', '--count', '2'], { env: env(data), input: 'a\nb\n' });
    await runCli(['study', ...args], { env: env(data), input: '\n3\nq\n' });
    const before = JSON.parse((await runCli(['stats', '--json', ...args], { env: env(data) })).stdout) as { reviews: { total: number } };
    expect(before.reviews.total).toBe(3);
    const cards = join(dir, 'items', 'cards.yaml');
    // Edit q-single's stem, remove the card, add a new card.
    writeFileSync(cards, readFileSync(cards, 'utf8').replace('Which block is **YAML**?', 'Which block shows **YAML**?').replace(/cards:\n {2}- id: c-unicode\n.*\n.*\n/, 'cards:\n  - id: c-new\n    front: New front\n    back: New back\n'));
    const after = await runCli(['study', ...args], { env: env(data), input: 'q\n' });
    expect(after.stdout.split('\n')[1]).toBe('Ünïcödé pack: 日本語 and emoji 🚀 was updated: 1 new, 1 changed, 1 retired. Your progress is kept.');
    const stats = JSON.parse((await runCli(['stats', '--json', ...args], { env: env(data) })).stdout) as { reviews: { total: number }; topics: { id: string; seen: number }[] };
    expect(stats.reviews.total).toBe(3);
    expect(stats.topics.find((t) => t.id === 't-one')!.seen).toBe(1);
    const quiet = await runCli(['study', ...args], { env: env(data), input: 'q\n' });
    expect(quiet.stdout).not.toContain('was updated');
  });
});

describe('the home screen in plain mode', () => {
  it('lists the other packs with their due counts', async () => {
    const data = tempDir();
    const { packs } = smallPack();
    await runCli(['quiz', '--pack', 'valid-nested', '--packs-dir', packs, '--count', '1'], { env: env(data), input: 'a\n' });
    const r = await runCli(['--plain', '--pack', 'aws-dop-c02', '--packs-dir', packs], { env: env(data) });
    expect(r.stdout).toMatch(/\nOther pack: valid-nested \(Ünïcödé pack: 日本語 and emoji 🚀\), 1 due; open it with --pack valid-nested\.\n/);
    expect(r.stdout).toMatch(/\nNext: examdrill study {2}\(20 new items to learn today\)\n$/);
  });
});

describe('moving options in a new pack version', () => {
  it('keeps a misconception on the same option text, before and after the next session logs the move', async () => {
    const data = tempDir();
    const { packs, dir } = smallPack();
    const args = ['--pack', 'valid-nested', '--packs-dir', packs];
    // Seed 1 shows q-single second, with None. as option a.
    await runCli(['quiz', ...args, '--seed', '1', '--count', '2'], { env: env(data), input: 'b\na\n' });
    type Stats = { misconceptions: { question: string; option: number; optionText: string; times: number }[] };
    const stats = async () => (JSON.parse((await runCli(['stats', '--json', ...args], { env: env(data) })).stdout) as Stats).misconceptions.find((m) => m.question === 'q-single');
    expect(await stats()).toMatchObject({ option: 1, optionText: 'None.', times: 1 });

    // The author swaps q-single's two options and declares it for version 2.1.0.
    const cards = join(dir, 'items', 'cards.yaml');
    const swapped = readFileSync(cards, 'utf8').replace(
      '      - text: The one above.\n        correct: true\n        why: It is a mapping.\n      - text: None.\n        why: There is one.\n',
      '      - text: None.\n        why: There is one.\n      - text: The one above.\n        correct: true\n        why: It is a mapping.\n',
    );
    expect(swapped).not.toBe(readFileSync(cards, 'utf8'));
    writeFileSync(cards, swapped);
    const manifest = join(dir, 'pack.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('version: 2.0.1', 'version: 2.1.0') + 'optionMoves:\n  2.1.0:\n    q-single: [1, 0]\n');

    // Before any session has seen 2.1.0, stats renumbers on the fly.
    expect(await stats()).toMatchObject({ option: 0, optionText: 'None.', times: 1 });
    await runCli(['study', ...args], { env: env(data), input: 'q\n' });
    // The session logged the move; the fold renumbered; stats agrees, and a rebuild from the log too.
    expect(await stats()).toMatchObject({ option: 0, optionText: 'None.', times: 1 });
    const log = readFileSync(progressFiles(data, 'valid-nested').log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; moves?: unknown });
    expect(log.filter((e) => e.type === 'pack-sync').at(-1)!.moves).toEqual({ 'q-single': [1, 0] });
    const check = await runCli(['progress', 'check', ...args], { env: env(data) });
    expect(check.code).toBe(0);
  });
});
