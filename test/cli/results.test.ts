import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResults, type ResultsFile } from '../../src/domain/analysis/results-format.js';
import { loadPack } from '../../src/store/pack/load-pack.js';
import { CLASS_PACK_ID, writeClassPack } from '../helpers/class-results.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

/** The class pack in a packs folder, and a learner's data dir. */
async function learner() {
  const packs = tempDir();
  const dir = join(packs, 'class');
  writeClassPack(dir);
  const loaded = await loadPack(dir);
  if (!loaded.ok) throw new Error('class pack invalid');
  return { packs, dir, data: tempDir(), hashes: new Map(loaded.pack.questions.map((q) => [q.id, q.hash])) };
}

describe('results export', () => {
  it("writes the quiz and exam answers from the learner's real review log, with no personal data unless --name", async () => {
    const { packs, data, hashes } = await learner();
    const env = { EXAMDRILL_DATA_DIR: data };
    const common = ['--pack', CLASS_PACK_ID, '--packs-dir', packs];
    const quiz = await runCli(['quiz', ...common, '--seed', '1', '--count', '3'], { env, input: 'a\nb\nc\n' });
    expect(quiz.code).toBe(0);
    const exam = await runCli(['exam', ...common, '--seed', '2', '--questions', '2'], { env, input: 'a\nb\n\n' });
    expect(exam.stdout).toMatch(/result: (pass|fail)/);

    const out = join(tempDir(), 'sub', 'results.json');
    const r = await runCli(['results', 'export', ...common, '--out', out], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote 5 answers to \d questions and 1 mock exam of class-pack to .*results\.json \(no name in it\)\.\n$/);
    const text = readFileSync(out, 'utf8');
    const parsed = parseResults(JSON.parse(text));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    const file: ResultsFile = parsed.results;
    expect(file.pack).toEqual({ id: CLASS_PACK_ID, version: '1.0.0' });
    expect(file).not.toHaveProperty('name');
    expect(file.answers.map((a) => a.mode)).toEqual(['quiz', 'quiz', 'quiz', 'exam', 'exam']);
    // Shuffle is off in this pack: a, b, c are options 0, 1, 2; only option 0 is right.
    expect(file.answers.slice(0, 3).map((a) => [a.chosen, a.correct])).toEqual([[[0], true], [[1], false], [[2], false]]);
    expect(file.answers.slice(3).map((a) => a.exam)).toEqual([1, 1]);
    for (const a of file.answers) {
      expect(a.hash).toBe(hashes.get(a.item));
      expect(a.day).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(a.seconds).toBeGreaterThanOrEqual(0);
    }
    expect(file.exams).toHaveLength(1);
    expect(file.exams[0]).toMatchObject({ number: 1, questions: 2, total: 2, outcome: 'submitted', passingScore: 750 });
    // No device id, no clock time, no data dir path.
    const device = readFileSync(join(data, 'device-id'), 'utf8').trim();
    expect(text).not.toContain(device);
    expect(text).not.toMatch(/T\d\d:\d\d/);
    expect(text).not.toContain(data);

    const named = join(tempDir(), 'named.json');
    expect((await runCli(['results', 'export', ...common, '--out', named, '--name', '  Ada Lovelace '], { env })).code).toBe(0);
    expect((JSON.parse(readFileSync(named, 'utf8')) as ResultsFile).name).toBe('Ada Lovelace');
  });

  it('with no answers yet writes an empty file and says so; without --out is a user error', async () => {
    const { packs, data } = await learner();
    const env = { EXAMDRILL_DATA_DIR: data };
    const out = join(tempDir(), 'r.json');
    const r = await runCli(['results', 'export', '--pack', CLASS_PACK_ID, '--packs-dir', packs, '--out', out], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No questions answered yet');
    expect((JSON.parse(readFileSync(out, 'utf8')) as ResultsFile).answers).toEqual([]);
    const missing = await runCli(['results', 'export', '--pack', CLASS_PACK_ID, '--packs-dir', packs], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('examdrill: results export needs --out: the file to write\nFor example: examdrill results export --out results.json\n');
    const folder = await runCli(['results', 'export', '--pack', CLASS_PACK_ID, '--packs-dir', packs, '--out', tempDir()], { env });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^examdrill: cannot write .*: it is a folder\nGive --out a file path/);
  });
});
