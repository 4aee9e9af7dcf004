/** An exam report as laid-out lines: the summary with domain bars, then every question. */
import { blockBar, domainLines, predictionLine, reviewEntries, SCALING_NOTE, summaryLines } from '../domain/exam/report.js';
import type { Pack } from '../domain/pack/types.js';
import type { ExamRecord } from '../domain/progress/events.js';
import { layoutMarkdown, type Line } from './text/layout.js';

export function reportLines(pack: Pack, record: ExamRecord, width: number): Line[] {
  const out: Line[] = [];
  const [first, second, third] = summaryLines(pack, record);
  out.push([{ text: first!, bold: true, role: record.result.passed ? 'good' : 'bad' }], [{ text: second! }], [{ text: third! }]);
  const prediction = predictionLine(record);
  if (prediction) out.push(...layoutMarkdown(prediction, width, { role: 'dim' }));
  out.push([]);
  for (const l of domainLines(pack, record, Math.max(10, Math.min(30, width - 50)), blockBar)) out.push([{ text: l }]);
  out.push([], ...layoutMarkdown(`*${SCALING_NOTE}*`, width, { role: 'dim' }), []);
  out.push([{ text: 'Question by question', role: 'heading', bold: true }]);
  for (const e of reviewEntries(pack, record)) {
    out.push([]);
    out.push([{ text: `${e.number}. ` }, { text: e.correct ? 'correct' : e.answered ? 'wrong' : 'unanswered', role: e.correct ? 'good' : 'bad', bold: true }, { text: e.flagged ? '  ⚑ flagged' : '', role: 'flag' }]);
    out.push(...layoutMarkdown(e.stem, width));
    for (const o of e.options) {
      const mark = o.correct ? '✓' : o.chosen ? '✗' : ' ';
      out.push(...layoutMarkdown(`${o.letter}) ${o.text}${o.chosen ? '  (your pick)' : ''}`, width, { role: o.correct ? 'good' : o.chosen ? 'bad' : undefined }, [{ text: `${mark} ` }], [{ text: '     ' }]));
      if (o.why) out.push(...layoutMarkdown(o.why, width, { role: 'dim' }, [{ text: '     ' }]));
    }
    if (e.explanation) out.push([], ...layoutMarkdown(e.explanation, width));
    for (const r of e.refs) out.push([{ text: r, role: 'accent' }]);
  }
  return out;
}
