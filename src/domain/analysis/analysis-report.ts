/**
 * `pack analyze` and `pack lint --results` as values: a pack and its class's results files in,
 * per question its statistics (item-analysis.ts), where it is written, and each flag as a
 * sentence an author acts on. Formatting for the terminal and Markdown is the CLI's.
 */
import { choiceQuestions, correctIndices, type Pack, type SourcePos } from '../pack/types.js';
import type { PackIssue } from '../pack/issues.js';
import { analyzeItems, THRESHOLDS, type ItemFlag, type ItemStats } from './item-analysis.js';
import type { ResultsFile } from './results-format.js';

export interface QuestionReport extends ItemStats {
  readonly source: SourcePos;
  readonly stem: string;
}

export interface AnalysisReport {
  readonly pack: { readonly id: string; readonly version: string };
  readonly learners: number;
  readonly questions: readonly QuestionReport[];
}

/** Each results file is one learner. */
export function analyzePack(pack: Pack, results: readonly ResultsFile[]): AnalysisReport {
  // Option statistics are about choice questions; the other types have no options to compare.
  const questions = choiceQuestions(pack);
  const items = questions.map((q) => ({ id: q.id, hash: q.hash, optionCount: q.options.length, key: correctIndices(q) }));
  const learners = results.map((r) => ({ answers: r.answers.map((a) => ({ item: a.item, hash: a.hash, answer: a.chosen ?? a.response, correct: a.correct })) }));
  const stats = analyzeItems(items, learners);
  return {
    pack: { id: pack.id, version: pack.version },
    learners: results.length,
    questions: stats.map((s, i) => ({ ...s, source: questions[i]!.source, stem: questions[i]!.stem })),
  };
}

/** A, B, ... for option indices. */
export const optionLetter = (index: number): string => (index < 26 ? String.fromCharCode(65 + index) : `#${index + 1}`);

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const num = (x: number | null): string => (x === null ? '-' : x.toFixed(2));

/** One sentence per flag, with the numbers behind it. */
export function flagSentences(q: ItemStats): { flag: ItemFlag; text: string }[] {
  return q.flags.map((flag) => {
    switch (flag) {
      case 'likely-miskeyed': {
        const options = q.options ?? [];
        const keys = options.filter((o) => o.correct);
        const keyUpper = Math.min(...keys.map((o) => o.upperRate));
        const rival = options.filter((o) => !o.correct && o.upperRate > keyUpper).sort((a, b) => b.upperRate - a.upperRate)[0];
        const top = rival ? `; the top ${pct(THRESHOLDS.group)} chose ${optionLetter(rival.index)} (${pct(rival.upperRate)}) over the key ${keys.map((o) => optionLetter(o.index)).join('+')} (${pct(keyUpper)})` : '';
        return { flag, text: `likely miskeyed: discrimination ${num(q.pointBiserial)}${top}; check the key` };
      }
      case 'too-easy':
        return { flag, text: `too easy: ${pct(q.facility ?? 0)} right (over ${pct(THRESHOLDS.tooEasy)}); look for a give-away option or a stem that tells the answer` };
      case 'too-hard':
        return { flag, text: `too hard: ${pct(q.facility ?? 0)} right (under ${pct(THRESHOLDS.tooHard)}); check the key and the stem` };
      case 'dead-distractor':
        return { flag, text: `dead distractor${q.deadDistractors.length > 1 ? 's' : ''}: ${q.deadDistractors.map((i) => `${optionLetter(i)} (${pct(q.options?.[i]?.rate ?? 0)})`).join(', ')} chosen by under ${pct(THRESHOLDS.deadDistractor)}; replace with a real misconception` };
      case 'changed-since':
        return { flag, text: `changed since answered: ${q.changedAnswers} learner${q.changedAnswers === 1 ? '' : 's'} answered an earlier version (counted apart)` };
      default:
        return { flag, text: flag };
    }
  });
}

/** The flags as lint warnings at each question's file:line. */
export function analysisIssues(report: AnalysisReport): PackIssue[] {
  const out: PackIssue[] = [];
  for (const q of report.questions) {
    for (const { text } of flagSentences(q)) {
      out.push({ file: q.source.file, line: q.source.line, column: q.source.column, path: q.source.path, message: `item analysis (${q.answers} learner${q.answers === 1 ? '' : 's'}): ${text}`, severity: 'warning' });
    }
  }
  return out;
}
