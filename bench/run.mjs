// `npm run bench`: builds the program, runs every benchmark, prints every table and writes them
// all to bench/.out/results.md. A missed budget is reported, not an error (see bench/ci.mjs).
//
//   node bench/run.mjs            the full run (about 2.5 minutes on 2 cores)
//   node bench/run.mjs startup    only the named benchmarks (tables in bench/.out/results-partial.md)
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { budgetMet, buildProgram, formatResult, isMain, log, num, OUT, program } from './lib.mjs';

export const BENCHMARKS = ['startup', 'first-frame', 'large-pack', 'sync-logs', 'key-to-frame', 'durable-answer', 'apkg-import', 'item-analysis', 'stats-model', 'optimize'];

/**
 * Left out of `bench:ci`: optimize fits 100,000 reviews (a minute or more with its runs), and its
 * event-loop budget (16 ms) measures CPU scheduling as much as code on a shared 2-core CI machine.
 * `npm run bench` runs it; `node bench/optimize.mjs` alone.
 */
export const NOT_IN_CI = ['optimize'];

/** Runs the benchmarks and returns { results, markdown }. */
export async function runAll({ quick = false, only = [], build = true, skip = [] } = {}) {
  if (build) {
    log('building: npm run build');
    buildProgram();
  }
  program(); // freeze this build for the whole run
  const started = new Date();
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  const results = [];
  for (const name of BENCHMARKS.filter((b) => (only.length === 0 ? !skip.includes(b) : only.includes(b)))) {
    log(`--- ${name}`);
    const { bench } = await import(`./${name}.mjs`);
    const t0 = performance.now();
    const result = await bench({ quick });
    result.seconds = (performance.now() - t0) / 1000;
    results.push(result);
    console.log(`\n${formatResult(result)}\n`);
  }
  const cpu = cpus();
  const header = [
    `# examdrill benchmarks${quick ? ' (quick)' : ''}`,
    '',
    `${started.toISOString()} · Node ${process.version} · ${cpu.length} x ${cpu[0]?.model ?? 'cpu'} · load average ${load} at the start, ${loadavg().map((x) => x.toFixed(2)).join(' ')} at the end`,
    '',
    'Times are wall-clock milliseconds; a ratio is the median of a row over the median of its baseline, both measured in the same run, interleaved.',
  ];
  const all = results.flatMap((r) => r.budgets.map((b) => ({ ...b, bench: r.id })));
  const summaryTable = [
    '## Budgets',
    '',
    '| benchmark | budget | measured | limit | status |',
    '| --- | --- | ---: | ---: | --- |',
    ...all.map((b) => `| ${b.bench} | ${b.name} | ${num(b.value, b.unit)} | ${b.op ?? '<='} ${num(b.limit, b.unit)} | ${budgetMet(b) ? 'met' : `**not met** (${(b.value / b.limit).toFixed(2)}x the limit)`} |`),
  ];
  const markdown = [...header, '', ...summaryTable, '', '## Measurements', '', ...results.map((r) => `${formatResult(r)}\n`)].join('\n');
  return { results, budgets: all, markdown };
}

if (isMain(import.meta.url)) {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const { budgets, markdown } = await runAll({ only });
  mkdirSync(OUT, { recursive: true });
  const file = only.length ? 'results-partial.md' : 'results.md'; // a partial run keeps the last full table
  writeFileSync(join(OUT, file), `${markdown}\n`);
  const failed = budgets.filter((b) => !budgetMet(b));
  console.log(`${budgets.length - failed.length} of ${budgets.length} budgets met${failed.length ? `; not met: ${failed.map((b) => `${b.bench}: ${b.name}`).join('; ')}` : ''}.`);
  console.log(`Tables written to ${join('bench', '.out', file)}.`);
}
