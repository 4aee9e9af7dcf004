// `npm run bench:ci`: the benchmarks with few runs, for CI on shared, noisy machines. Prints
// the tables and fails (exit 1) only when a measurement exceeds twice its budget: a budget
// missed by less is reported but is left to `npm run bench` on a quiet machine to judge.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { budgetMet, OUT } from './lib.mjs';
import { NOT_IN_CI, runAll } from './run.mjs';

const TOLERANCE = 2;

// CI has just built the program (npm ci, then npm test): measure that build.
const { budgets, markdown } = await runAll({ quick: true, build: false, skip: NOT_IN_CI, only: process.argv.slice(2).filter((a) => !a.startsWith('-')) });
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'results-ci.md'), `${markdown}\n`);
const missed = budgets.filter((b) => !budgetMet(b));
const failed = budgets.filter((b) => b.value > TOLERANCE * b.limit);
for (const b of missed) {
  const verdict = failed.includes(b) ? 'FAIL' : 'warn';
  console.log(`${verdict}: ${b.bench}: ${b.name}: ${b.value.toFixed(2)} ${b.unit} against ${b.op ?? '<='} ${b.limit} ${b.unit} (${(b.value / b.limit).toFixed(2)}x the budget; fails above ${TOLERANCE}x)`);
}
console.log(`bench:ci: ${budgets.length - missed.length} of ${budgets.length} budgets met, ${failed.length} over ${TOLERANCE}x.`);
process.exitCode = failed.length > 0 ? 1 : 0;
