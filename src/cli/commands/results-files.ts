/**
 * Reads the results files of `--results` (files, and every .json file of a folder) for one pack.
 * Any file that cannot be used stops the command with one line naming it and one saying what to
 * do: a report that silently left a learner out would mislead.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseResults, RESULTS_VERSION, type ResultsFile } from '../../domain/analysis/results-format.js';
import { stripControlChars } from '../../domain/text/control-chars.js';
import { UserError } from '../errors.js';
import type { Io } from '../io.js';

export interface ReadResults {
  readonly files: readonly string[];
  readonly results: readonly ResultsFile[];
}

export function readResultsFiles(args: readonly string[], packId: string, io: Io): ReadResults {
  const files: string[] = [];
  for (const arg of args) {
    const full = resolve(io.cwd, arg);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      throw new UserError(`--results ${arg}: no such file or folder`, 'Give results files written by `examdrill results export`, or a folder of them.');
    }
    if (!isDir) {
      files.push(full);
      continue;
    }
    const inFolder = readdirSync(full)
      .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
      .sort()
      .map((n) => join(full, n));
    if (inFolder.length === 0) throw new UserError(`--results ${arg}: no .json files in this folder`, 'Put the learners\' results files (from `examdrill results export`) in it, or name the files.');
    files.push(...inFolder);
  }
  const unique = [...new Set(files)];
  const results = unique.map((file) => readOne(file, packId, io));
  return { files: unique, results };
}

function readOne(file: string, packId: string, io: Io): ResultsFile {
  const shown = stripControlChars(relative(io.cwd, file) || file);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${shown}: ${code ? `cannot read it (${code})` : 'not JSON, so not a results file'}`, 'Give results files written by `examdrill results export`; ask the learner to export again if this one is damaged.');
  }
  const parsed = parseResults(value);
  if (!parsed.ok) {
    const p = parsed.problem;
    switch (p.kind) {
      case 'newer':
        throw new UserError(`${shown}: a results file of format ${stripControlChars(String(p.version))}, newer than this examdrill reads (format ${RESULTS_VERSION})`, 'Upgrade examdrill to analyse it, or leave the file out.');
      case 'not-results':
        throw new UserError(`${shown}: not an examdrill results file (no "format": "examdrill-results")`, 'Give results files written by `examdrill results export`, or leave this file out.');
      case 'invalid':
        throw new UserError(`${shown}: not a valid results file: ${stripControlChars(p.path || 'the file')}: ${stripControlChars(p.detail)}`, 'Ask the learner to export it again with `examdrill results export`, or leave the file out.');
      case 'not-json':
        throw new UserError(`${shown}: not JSON`, 'Give results files written by `examdrill results export`.');
    }
  }
  const results = parsed.results;
  if (results.pack.id !== packId) {
    throw new UserError(`${shown}: results for the pack ${stripControlChars(results.pack.id)}, not ${packId}`, `Give results of ${packId} only (the learner exports them with: examdrill results export --pack ${packId} --out FILE).`);
  }
  return results;
}
