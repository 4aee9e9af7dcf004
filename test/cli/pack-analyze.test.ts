import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultsFile } from '../../src/domain/analysis/results-format.js';
import { loadPack } from '../../src/store/pack/load-pack.js';
import { CLASS_PACK_ID, DEAD, DIFFICULTIES, MISKEYED, simulateClass, writeClassPack } from '../helpers/class-results.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

interface JsonReport {
  pack: { id: string };
  learners: number;
  files: number;
  questions: { id: string; file: string; line: number; answers: number; changedAnswers: number; facility: number; pointBiserial: number; deadDistractors: number[]; flags: string[]; options: { index: number; rate: number }[] }[];
}

/** The class pack on disk and a folder of 200 simulated learners' results files (seeded). */
async function classroom(seed = 2, learners = 200) {
  const root = tempDir();
  const pack = join(root, 'pack');
  const { lines } = writeClassPack(pack);
  const loaded = await loadPack(pack);
  if (!loaded.ok) throw new Error('class pack invalid');
  const hashes = new Map(loaded.pack.questions.map((q) => [q.id, q.hash]));
  const sim = simulateClass(seed, learners, hashes);
  const folder = join(root, 'results');
  mkdirSync(folder);
  sim.results.forEach((r, i) => writeFileSync(join(folder, `learner-${String(i).padStart(3, '0')}.json`), JSON.stringify(r)));
  return { root, pack, folder, lines, sim, hashes };
}

describe('pack analyze on a simulated class of 200', () => {
  it('flags exactly the miskeyed question and the dead distractor; facility within 0.05 of the truth', async () => {
    const { pack, folder, lines, sim } = await classroom();
    const r = await runCli(['pack', 'analyze', pack, '--results', folder, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report).toMatchObject({ pack: { id: CLASS_PACK_ID }, learners: 200, files: 200 });
    expect(report.questions.filter((q) => q.flags.length > 0).map((q) => q.id)).toEqual([`q${MISKEYED}`, `q${DEAD}`].sort());
    const byId = new Map(report.questions.map((q) => [q.id, q]));
    expect(byId.get(`q${MISKEYED}`)!.flags).toContain('likely-miskeyed');
    expect(byId.get(`q${MISKEYED}`)!.pointBiserial).toBeLessThan(0);
    expect(byId.get(`q${DEAD}`)!.flags).toEqual(['dead-distractor']);
    expect(byId.get(`q${DEAD}`)!.deadDistractors).toEqual([3]);
    DIFFICULTIES.forEach((_, i) => {
      const q = byId.get(`q${i}`)!;
      expect(q.answers).toBe(200); // first attempts only: the right retries are not counted again
      expect(q.facility, `q${i}`).toBeCloseTo(sim.observed[i]!, 10);
      expect(Math.abs(q.facility - sim.truth[i]!), `q${i}`).toBeLessThan(0.05);
      expect(q.line).toBe(lines[i]);
      expect(q.file).toBe('items/questions.yaml');
      expect(q.options.reduce((s, o) => s + o.rate, 0)).toBeCloseTo(1, 5);
    });
  });

  it('prints a table that fits the terminal, and writes Markdown', async () => {
    const { root, pack, folder } = await classroom();
    const r = await runCli(['pack', 'analyze', pack, '--results', folder]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${CLASS_PACK_ID} 1.0.0: 200 learners, 8 of 8 questions answered`);
    expect(lines[1]).toMatch(/^question +n +chg +facil +r +U-L +eff +options \(\* key\)$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(79);
    // Flag sentences wrap with a 4-space indent; joined back, each is one line.
    expect(r.stdout.replace(/\n {4}/g, ' ')).toMatch(new RegExp(`\\nq${MISKEYED} +200 +0 +0\\.\\d\\d +-0\\.\\d\\d .* A\\*\\d+ B\\d+ C\\d+ D\\d+\\n  "Which setting makes service ${MISKEYED} meet requirement ${MISKEYED}\\?"  items/questions\\.yaml:\\d+\\n  ! likely miskeyed: discrimination -0\\.\\d\\d; the top 27% chose C \\(\\d+%\\) over the key A \\(\\d+%\\); check the key\\n`));
    expect(r.stdout.replace(/\n {4}/g, ' ')).toMatch(/\n {2}! dead distractor: D \(0%\) chosen by under 5%; replace with a real misconception\n/);
    expect(lines.at(-1)).toMatch(/^Flagged: (\d+ [a-z-]+(, )?)+\.$/);
    const md = join(root, 'report.md');
    const m = await runCli(['pack', 'analyze', pack, '--results', folder, '--markdown', md]);
    expect(m.stdout).toBe(`Wrote the analysis of 8 questions over 200 learners to ${md}.\n`);
    const text = readFileSync(md, 'utf8');
    expect(text).toMatch(/^# Item analysis: class-pack 1\.0\.0\n/);
    expect(text.split('\n').filter((l) => /^\| q\d /.test(l))).toHaveLength(8);
  });

  it('counts answers to an earlier version of a question apart, as changed since answered', async () => {
    const { pack, folder, root } = await classroom(11, 40);
    const old: ResultsFile = { format: 'examdrill-results', version: 1, pack: { id: CLASS_PACK_ID, version: '0.9.0' }, exported: '2026-10-01', answers: [{ item: 'q1', hash: 'an-old-hash', mode: 'exam', chosen: [2], correct: false, seconds: 30, day: '2026-09-30', exam: 1 }], exams: [] };
    writeFileSync(join(root, 'old.json'), JSON.stringify(old));
    const r = await runCli(['pack', 'analyze', pack, '--results', folder, join(root, 'old.json'), '--json']);
    expect(r.code).toBe(0);
    const q1 = (JSON.parse(r.stdout) as JsonReport).questions.find((q) => q.id === 'q1')!;
    expect(q1.answers).toBe(40);
    expect(q1.changedAnswers).toBe(1);
    expect(q1.flags).toContain('changed-since');
  });
});

describe('pack analyze and pack lint with bad results files', () => {
  it.each([
    ['another pack', { pack: { id: 'other-pack', version: '1' } }, /^examdrill: .*bad\.json: results for the pack other-pack, not class-pack\nGive results of class-pack only \(the learner exports them with: examdrill results export --pack class-pack --out FILE\)\.\n$/],
    ['a newer format', { version: 2 }, /^examdrill: .*bad\.json: a results file of format 2, newer than this examdrill reads \(format 1\)\nUpgrade examdrill to analyse it, or leave the file out\.\n$/],
    ['not a results file', { format: 'something-else' }, /^examdrill: .*bad\.json: not an examdrill results file \(no "format": "examdrill-results"\)\n.*\n$/],
    ['a broken answer', { answers: [{ item: 'q1', hash: 'h', mode: 'quiz', correct: 'yes', seconds: 1, day: '2026-11-04' }] }, /^examdrill: .*bad\.json: not a valid results file: answers\[0\]\.correct: .*\nAsk the learner to export it again/],
  ])('%s: one line naming the file, one line what to do, exit 2', async (_name, change, message) => {
    const { pack, folder, root } = await classroom(3, 5);
    const good = JSON.parse(readFileSync(join(folder, 'learner-000.json'), 'utf8')) as object;
    const bad = join(root, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...good, ...change }));
    for (const argv of [['pack', 'analyze', pack, '--results', folder, bad], ['pack', 'lint', pack, '--results', folder, bad]]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('not JSON, a missing file, and no --results are user errors too', async () => {
    const { pack, root } = await classroom(3, 2);
    writeFileSync(join(root, 'x.json'), '{"format": "examdrill-res');
    const notJson = await runCli(['pack', 'analyze', pack, '--results', join(root, 'x.json')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/x\.json: not JSON, so not a results file\n/);
    const missing = await runCli(['pack', 'analyze', pack, '--results', join(root, 'nope.json')]);
    expect(missing.stderr).toMatch(/^examdrill: --results .*nope\.json: no such file or folder\n/);
    const none = await runCli(['pack', 'analyze', pack]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^examdrill: pack analyze needs --results/);
  });
});

describe('pack lint --results', () => {
  it("adds the flags as warnings at each flagged question's file:line, and exits 0", async () => {
    const { pack, folder, lines } = await classroom();
    const plain = await runCli(['pack', 'lint', pack]);
    const r = await runCli(['pack', 'lint', pack, '--results', folder]);
    expect(r.code).toBe(0);
    const added = r.stdout.split('\n').filter((l) => l.includes('item analysis'));
    expect(plain.stdout).not.toContain('item analysis');
    expect(added).toEqual([
      expect.stringMatching(new RegExp(`/items/questions\\.yaml:${lines[MISKEYED]}:\\d+ questions\\[${MISKEYED}\\]: item analysis \\(200 learners\\): likely miskeyed: .* \\(warning\\)$`)),
      ...(added.length === 3 ? [expect.stringMatching(new RegExp(`questions\\.yaml:${lines[MISKEYED]}:\\d+ .*too hard`))] : []),
      expect.stringMatching(new RegExp(`/items/questions\\.yaml:${lines[DEAD]}:\\d+ questions\\[${DEAD}\\]: item analysis \\(200 learners\\): dead distractor: D \\(0%\\) .* \\(warning\\)$`)),
    ]);
    const json = JSON.parse((await runCli(['pack', 'lint', pack, '--results', folder, '--json'])).stdout) as { warnings: number; packs: { issues: { message: string }[] }[] };
    expect(json.packs[0]!.issues.filter((i) => i.message.startsWith('item analysis'))).toHaveLength(added.length);
  });
});
