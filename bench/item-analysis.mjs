// `pack analyze` of a class of 500 learners on the bundled pack: each learner's results file
// (as `results export` writes it) holds a first attempt at a random 70% of the questions and a
// retry of a fifth of the wrong ones, answers drawn from a seeded ability/difficulty model.
// - wall time of `pack analyze --json` and of the table, against `pack validate` of the same
//   pack (which loads it the same way): budget, a ratio of medians;
// - `pack lint --results` against `pack lint`;
// - peak resident memory of `pack analyze`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childEnv, interleave, log, maxRssMb, program, ratioBudget, ROOT, runIfMain, tempDir, timeExit, timedRows } from './lib.mjs';

export const LEARNERS = 500;
/** analyze (load + read 500 files + statistics) over validate (load): at most this. */
export const BUDGET = 3;
export const LINT_BUDGET = 2.5;
export const RSS_BUDGET_MB = 200;

const PACK = join(ROOT, 'content', 'aws-dop-c02');

/** The bundled pack's questions with their hashes, from the compiled copy the program caches. */
async function bundledQuestions(prog) {
  const data = tempDir();
  await timeExit(process.execPath, [prog, 'packs', '--json'], { env: childEnv({ EXAMDRILL_DATA_DIR: data }) });
  const dir = join(data, 'cache', 'packs');
  const file = readdirSync(dir).find((n) => n.endsWith('.json'));
  const { pack } = JSON.parse(readFileSync(join(dir, file), 'latin1'));
  if (pack.id !== 'aws-dop-c02') throw new Error(`unexpected cached pack ${pack.id}`);
  // Choice questions: the class answers by option (the other types have no options to choose).
  return pack.questions.filter((q) => Array.isArray(q.options));
}

/** mulberry32, as src/domain/random.ts. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes LEARNERS results files into a folder; returns it and the answers written. */
export function writeClass(questions, learners = LEARNERS, seed = 15) {
  const rnd = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const difficulty = questions.map(() => normal());
  const folder = join(tempDir('examdrill-bench-class-'), 'results');
  mkdirSync(folder);
  let total = 0;
  for (let l = 0; l < learners; l += 1) {
    const theta = normal();
    const answers = [];
    questions.forEach((q, i) => {
      if (rnd() > 0.7) return;
      const key = q.options.flatMap((o, k) => (o.correct ? [k] : []));
      const wrong = q.options.flatMap((o, k) => (o.correct ? [] : [k]));
      const knows = rnd() < 1 / (1 + Math.exp(-1.7 * (theta - difficulty[i])));
      const chosen = knows ? key : [wrong[Math.floor(rnd() * wrong.length)]];
      const base = { item: q.id, hash: q.hash, mode: rnd() < 0.3 ? 'exam' : 'quiz', seconds: Math.round(30 + rnd() * 90), day: '2026-11-03' };
      answers.push({ ...base, chosen, correct: knows });
      if (!knows && rnd() < 0.2) answers.push({ ...base, chosen: key, correct: true, day: '2026-11-04' });
    });
    total += answers.length;
    const file = { format: 'examdrill-results', version: 1, pack: { id: 'aws-dop-c02', version: '1' }, exported: '2026-11-05', answers, exams: [] };
    writeFileSync(join(folder, `learner-${String(l).padStart(3, '0')}.json`), `${JSON.stringify(file, null, 2)}\n`);
  }
  return { folder, answers: total };
}

export async function bench({ runs, quick = false } = {}) {
  runs ??= quick ? 3 : 10;
  const prog = program();
  const node = process.execPath;
  const questions = await bundledQuestions(prog);
  log(`item-analysis: writing ${LEARNERS} learners' results on ${questions.length} questions`);
  const { folder, answers } = writeClass(questions);
  const env = childEnv({ EXAMDRILL_DATA_DIR: tempDir() });
  const run = async (args) => (await timeExit(node, [prog, ...args], { env })).ms;
  // Check once that the analysis reads every learner.
  const check = JSON.parse((await timeExit(node, [prog, 'pack', 'analyze', PACK, '--results', folder, '--json'], { env })).stdout);
  if (check.learners !== LEARNERS || check.questions.length !== questions.length) throw new Error(`pack analyze saw ${check.learners} learners and ${check.questions.length} questions`);
  const samples = await interleave(
    {
      'pack validate (baseline)': () => run(['pack', 'validate', PACK]),
      'pack analyze --json, 500 learners': () => run(['pack', 'analyze', PACK, '--results', folder, '--json']),
      'pack analyze (table), 500 learners': () => run(['pack', 'analyze', PACK, '--results', folder]),
      'pack lint (baseline)': () => run(['pack', 'lint', PACK]),
      'pack lint --results, 500 learners': () => run(['pack', 'lint', PACK, '--results', folder]),
    },
    { runs, warmup: 1 },
  );
  const rss = maxRssMb(node, [prog, 'pack', 'analyze', PACK, '--results', folder, '--json'], { env });
  const result = {
    id: 'item-analysis',
    title: `Item analysis: ${LEARNERS} learners' results files (${answers.toLocaleString('en-US')} answers) on the bundled pack's ${questions.length} questions`,
    rows: [
      ...timedRows(samples, {
        'pack analyze --json, 500 learners': 'pack validate (baseline)',
        'pack analyze (table), 500 learners': 'pack validate (baseline)',
        'pack lint --results, 500 learners': 'pack lint (baseline)',
      }),
      { name: 'max RSS: pack analyze --json', unit: 'MB', values: [rss] },
    ],
    budgets: [],
    notes: ['Each results file is read and checked with zod (format 1); statistics over first attempts at the current version of each question. Runs interleaved in rotating order.'],
  };
  result.budgets.push(
    ratioBudget(result, 'analyze --json / validate', 'pack analyze --json, 500 learners', 'pack validate (baseline)', BUDGET),
    ratioBudget(result, 'lint --results / lint', 'pack lint --results, 500 learners', 'pack lint (baseline)', LINT_BUDGET),
    { name: 'max RSS, pack analyze', value: rss, limit: RSS_BUDGET_MB, unit: 'MB', op: '<' },
  );
  return result;
}

await runIfMain(import.meta.url, bench);
