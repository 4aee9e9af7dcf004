/**
 * `examdrill pack analyze DIR --results FILE_OR_FOLDER... [--json] [--markdown FILE]`: which
 * questions of a pack work, from a class's results files (docs/item-analysis.md). A table that
 * fits the terminal, with pack text made safe to print:
 *
 *   class-pack 1.0.0: 200 learners, 8 of 8 questions answered
 *   question        n  chg  facil      r    U-L   eff  options (* key)
 *   q3            200    0   0.16  -0.31  -0.28     -  A*16 B17 C52 D15
 *     "Which setting makes service 3 meet requirement 3?" items/questions.yaml:48
 *     ! likely miskeyed: discrimination -0.31; the top 27% chose C (96%) over the key A (2%); check the key
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzePack, flagSentences, optionLetter, type AnalysisReport, type QuestionReport } from '../../domain/analysis/analysis-report.js';
import { formatIssue } from '../../domain/pack/issues.js';
import { stripControlChars } from '../../domain/text/control-chars.js';
import { loadPack } from '../../store/pack/load-pack.js';
import { fitLine, wrapSegments } from '../../ui/text/layout.js';
import type { CommandContext } from '../command-table.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';
import { readResultsFiles } from './results-files.js';

export async function runPackAnalyze({ io, args }: CommandContext): Promise<number> {
  const [dir, ...extra] = args.positionals as [string, ...string[]];
  const resultArgs = [...((args.options.results as string[] | undefined) ?? []), ...extra];
  if (resultArgs.length === 0) throw new UserError('pack analyze needs --results: the learners\' results files or a folder of them', `For example: examdrill pack analyze ${dir} --results class-results/`);
  const loaded = await loadPack(resolve(io.cwd, dir));
  if (!loaded.ok) {
    const first = loaded.issues[0];
    throw new UserError(`the pack in ${dir} has ${loaded.issues.length} problem${loaded.issues.length === 1 ? '' : 's'}${first ? ` (first: ${stripControlChars(formatIssue(first, dir))})` : ''}`, `Run: examdrill pack validate ${dir}`);
  }
  const { files, results } = readResultsFiles(resultArgs, loaded.pack.id, io);
  const report = analyzePack(loaded.pack, results);
  if (args.options.json === true) {
    writeLine(io.stdout, JSON.stringify(reportJson(report, files.length), null, 2));
    return 0;
  }
  const markdown = args.options.markdown as string | undefined;
  if (markdown) {
    try {
      writeFileSync(resolve(io.cwd, markdown), reportMarkdown(report));
    } catch (e) {
      throw new UserError(`cannot write ${markdown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'Give --markdown a file path in a folder you can write to.');
    }
    writeLine(io.stdout, `Wrote the analysis of ${report.questions.length} questions over ${report.learners} learners to ${markdown}.`);
    return 0;
  }
  writeLine(io.stdout, reportTable(report, Math.max(60, (io.stdout.columns ?? 80) - 1)).join('\n'));
  return 0;
}

function reportJson(report: AnalysisReport, files: number) {
  return {
    pack: report.pack,
    learners: report.learners,
    files,
    questions: report.questions.map((q) => {
      const { source, stem: _stem, id, ...stats } = q;
      return { id, file: source.file, line: source.line, ...stats, messages: flagSentences(q).map((f) => f.text) };
    }),
  };
}

const fixed = (x: number | null, width: number): string => (x === null ? '-' : x.toFixed(2)).padStart(width);
const optionCell = (q: QuestionReport): string => (q.options ?? []).map((o) => `${optionLetter(o.index)}${o.correct ? '*' : ''}${Math.round(o.rate * 100)}`).join(' ') || (q.answers > 0 ? '(not option-based)' : '');
/** Pack text on one line, with no control characters. */
const oneLine = (text: string): string => stripControlChars(text).replace(/\s+/g, ' ').trim();

function summary(report: AnalysisReport): string {
  const answered = report.questions.filter((q) => q.answers > 0).length;
  return `${oneLine(report.pack.id)} ${oneLine(report.pack.version)}: ${report.learners} learner${report.learners === 1 ? '' : 's'}, ${answered} of ${report.questions.length} questions answered`;
}

/** Plain lines of at most `width` columns: one row per answered question, its flags below. */
export function reportTable(report: AnalysisReport, width: number): string[] {
  const answered = report.questions.filter((q) => q.answers > 0 || q.changedAnswers > 0);
  const idWidth = Math.min(Math.max(8, ...answered.map((q) => q.id.length)), Math.max(8, width - 48));
  const fit = (text: string) => fitLine([{ text }], width)[0]?.text ?? '';
  const lines = [summary(report), fit(`${'question'.padEnd(idWidth)} ${'n'.padStart(5)} ${'chg'.padStart(4)} ${'facil'.padStart(6)} ${'r'.padStart(6)} ${'U-L'.padStart(6)} ${'eff'.padStart(5)}  options (* key)`)];
  for (const q of answered) {
    const safe = oneLine(q.id);
    const id = safe.length > idWidth ? `${safe.slice(0, idWidth - 1)}…` : safe.padEnd(idWidth);
    lines.push(fit(`${id} ${String(q.answers).padStart(5)} ${String(q.changedAnswers).padStart(4)} ${fixed(q.facility, 6)} ${fixed(q.pointBiserial, 6)} ${fixed(q.upperLower, 6)} ${fixed(q.efficiency, 5)}  ${optionCell(q)}`));
    const flags = flagSentences(q);
    if (flags.length === 0) continue;
    const where = `  ${oneLine(q.source.file)}:${q.source.line}`;
    // Cut to `width` characters first: fitLine measures as it cuts, and a stem may be long.
    const stem = fitLine([{ text: `  "${oneLine(q.stem).slice(0, width)}"` }], Math.max(12, width - where.length))[0]?.text ?? '';
    lines.push(`${stem}${where}`);
    for (const f of flags) lines.push(...wrapSegments([{ text: f.text }], width, [{ text: '  ! ' }], [{ text: '    ' }]).map((l) => l.map((seg) => seg.text).join('').trimEnd()));
  }
  const unanswered = report.questions.length - answered.length;
  if (unanswered > 0) lines.push(`${unanswered} question${unanswered === 1 ? '' : 's'} without answers not shown.`);
  const counts = new Map<string, number>();
  for (const q of report.questions) for (const f of q.flags) counts.set(f, (counts.get(f) ?? 0) + 1);
  lines.push(counts.size === 0 ? 'No question flagged.' : `Flagged: ${[...counts].map(([f, n]) => `${n} ${f}`).join(', ')}.`);
  return lines;
}

const mdCell = (text: string): string => oneLine(text).replace(/\|/g, '\\|');

export function reportMarkdown(report: AnalysisReport): string {
  const out = [`# Item analysis: ${mdCell(report.pack.id)} ${mdCell(report.pack.version)}`, '', `${summary(report)}. Facility and discrimination over each learner's first attempt at the question's current version; see docs/item-analysis.md.`, ''];
  out.push('| question | where | n | changed | facility | r | upper-lower | efficiency | options (* key) | flags |', '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const q of report.questions) {
    if (q.answers === 0 && q.changedAnswers === 0) continue;
    const f = (x: number | null) => (x === null ? '-' : x.toFixed(2));
    out.push(`| ${mdCell(q.id)} | ${mdCell(`${q.source.file}:${q.source.line}`)} | ${q.answers} | ${q.changedAnswers} | ${f(q.facility)} | ${f(q.pointBiserial)} | ${f(q.upperLower)} | ${f(q.efficiency)} | ${optionCell(q)} | ${flagSentences(q).map((s) => mdCell(s.text)).join('<br>')} |`);
  }
  return `${out.join('\n')}\n`;
}
