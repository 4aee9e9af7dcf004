/**
 * `examdrill pack validate DIR...` and `examdrill pack lint DIR...`: every problem of each pack,
 * one line each, as file:line:col path: message. Exit 2 if any pack has an error.
 */
import { resolve } from 'node:path';
import { formatIssue, type PackIssue } from '../../domain/pack/issues.js';
import { loadPack } from '../../store/pack/load-pack.js';
import type { CommandContext } from '../command-table.js';
import { writeLine } from '../io.js';

export async function runValidate({ io, args }: CommandContext, lint: boolean): Promise<number> {
  const json = args.options.json === true;
  const results: { dir: string; id?: string; ok: boolean; issues: PackIssue[]; realism?: string[] }[] = [];
  for (const dir of args.positionals) {
    const full = resolve(io.cwd, dir);
    // Validation always reads the YAML itself: no cache stands between an author and the truth.
    const result = await loadPack(full);
    if (!result.ok) {
      results.push({ dir, ok: false, issues: [...result.issues] });
      continue;
    }
    if (!lint) {
      results.push({ dir, id: result.pack.id, ok: true, issues: [] });
      continue;
    }
    const [{ lintPack }, { formatRealism, realismMeasures }] = await Promise.all([import('../../domain/pack/lint.js'), import('../../domain/pack/realism.js')]);
    const issues = lintPack(result.pack);
    const classResults = args.options.results as string[] | undefined;
    if (classResults) {
      // The flags of `pack analyze`, at each question's file:line (docs/item-analysis.md).
      const [{ readResultsFiles }, { analysisIssues, analyzePack }, { sortIssues }] = await Promise.all([import('./results-files.js'), import('../../domain/analysis/analysis-report.js'), import('../../domain/pack/issues.js')]);
      issues.push(...analysisIssues(analyzePack(result.pack, readResultsFiles(classResults, result.pack.id, io).results)));
      issues.splice(0, issues.length, ...sortIssues(issues));
    }
    results.push({ dir, id: result.pack.id, ok: true, issues, realism: formatRealism(realismMeasures(result.pack)) });
  }
  const errors = results.reduce((n, r) => n + r.issues.filter((i) => i.severity === 'error').length, 0);
  const warnings = results.reduce((n, r) => n + r.issues.filter((i) => i.severity === 'warning').length, 0);
  if (json) {
    writeLine(io.stdout, JSON.stringify({ ok: errors === 0, errors, warnings, packs: results }, null, 2));
    return errors > 0 ? 2 : 0;
  }
  for (const r of results) {
    for (const issue of r.issues) writeLine(io.stdout, `${formatIssue(issue, r.dir)}${issue.severity === 'warning' ? ' (warning)' : ''}`);
    if (r.issues.length === 0) writeLine(io.stdout, `${r.dir}: ok (${r.id})`);
    for (const line of r.realism ?? []) writeLine(io.stdout, `${r.dir}: ${line}`);
  }
  const summary = `${errors} error${errors === 1 ? '' : 's'}${lint ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} in ${results.length} pack${results.length === 1 ? '' : 's'}`;
  if (errors > 0) {
    io.stderr.write(`examdrill: ${summary}\nFix the lines above and run the command again; a pack with errors is not loaded.\n`);
    return 2;
  }
  writeLine(io.stdout, summary);
  return 0;
}
