/**
 * The statistics as laid-out lines: used by the stats screen and by `examdrill stats` as text,
 * which must not load Ink. Bars, a due forecast chart, a 12-week calendar and a score trend.
 */
import type { WhatIf } from '../domain/stats/what-if.js';
import { readinessCheckText, readinessValue } from './readiness-text.js';
import type { StatsReport } from '../domain/stats/stats.js';
import type { ModelCheck } from '../domain/scheduler/model-check.js';
import { blockBar } from '../domain/exam/report.js';
import { layoutMarkdown, type Line, type Segment } from './text/layout.js';

const pct = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`);
const SHADES = [' ', '░', '▒', '▓', '█'];
const SPARK = '▁▂▃▄▅▆▇█';

export function statsLines(s: StatsReport, width: number): Line[] {
  const out: Line[] = [];
  const h = (text: string) => out.push([], [{ text, role: 'heading', bold: true }]);
  const barWidth = Math.max(10, Math.min(30, width - 50));
  out.push([{ text: `Reviews: ${s.reviews.total} in all, ${s.reviews.today} today. Due now: ${s.due.now}.` }]);
  out.push([{ text: `Retention (last 30 days): ${pct(s.retention.observed)} observed over ${s.retention.reviews} reviews, target ${pct(s.retention.target)}.` }]);
  out.push([
    { text: 'Readiness: ' },
    { text: readinessValue(s.readiness), bold: true, role: s.readiness.scaled >= s.readiness.passingScore ? 'good' : 'warn' },
    { text: ` on this pack's topics if the exam were today (passing ${s.readiness.passingScore}; ${pct(s.readiness.coverage)} of questions tried).` },
  ]);
  const check = readinessCheckText(s.readiness);
  if (check) out.push([{ text: check, role: 'dim' }]);
  if (s.examDate) out.push([{ text: `Exam date: ${s.examDate}.` }]);

  h('Due forecast (next 3 weeks)');
  const max = Math.max(1, ...s.due.forecast.map((f) => f.count));
  const chartRows = 5;
  for (let r = chartRows; r >= 1; r -= 1) {
    const cells = s.due.forecast.map((f) => (f.count / max) * chartRows >= r - 0.5 && f.count > 0 ? '█' : ' ');
    out.push([{ text: `${r === chartRows ? String(max).padStart(4) : r === 1 ? '   1' : '    '} │`, role: 'dim' }, { text: cells.map((c) => `${c}${c}`).join(' '), role: 'accent' }]);
  }
  out.push([{ text: '     └', role: 'dim' }, { text: s.due.forecast.map((_, i) => (i % 7 === 0 ? `${i}d`.padEnd(3) : '   ')).join(''), role: 'dim' }]);

  h('Mastery by domain (memory and results)                 exam');
  const dw = Math.max(...s.domains.map((d) => d.title.length), 10);
  for (const d of s.domains) out.push(barLine(d.title, dw, d.mastery, barWidth, ` ${pct(d.mastery).padStart(4)}   ${pct(d.examAccuracy).padStart(4)}`));

  h('Mastery by topic');
  const tw = Math.min(40, Math.max(...s.topics.map((t) => t.title.length), 10));
  for (const t of s.topics) out.push(barLine(t.title.length > tw ? `${t.title.slice(0, tw - 1)}…` : t.title, tw, t.mastery, barWidth, ` ${pct(t.mastery).padStart(4)}  ${t.seen}/${t.total} seen`));

  h('Exam history');
  if (s.exams.length === 0) out.push([{ text: 'No mock exam yet.', role: 'dim' }]);
  else {
    const trend = s.exams.map((e) => SPARK[Math.min(7, Math.max(0, Math.floor(((e.scaled - 100) / 900) * 8)))]).join('');
    out.push([{ text: `Trend: ${trend}  (${s.exams.map((e) => e.scaled).join(' → ')})` }]);
    for (const e of s.exams.slice(-5)) out.push([{ text: `${e.startedAt.slice(0, 16).replace('T', ' ')}  ` }, { text: `${e.scaled}/1000 ${e.passed ? 'pass' : 'fail'}`, role: e.passed ? 'good' : 'bad' }]);
  }

  h('Misconceptions: the wrong options chosen most often');
  if (s.misconceptions.length === 0) out.push([{ text: 'None yet.', role: 'dim' }]);
  for (const m of s.misconceptions.slice(0, 5)) {
    out.push([{ text: `${m.times}× `, role: 'bad', bold: true }, { text: oneLine(m.stem, width - 6) }]);
    out.push([{ text: '   chose: ', role: 'dim' }, { text: oneLine(m.optionText, width - 12) }]);
    if (m.why) out.push([{ text: '   why not: ', role: 'dim' }, { text: oneLine(m.why, width - 14) }]);
  }

  if (s.suspended.count > 0) {
    h(`Suspended: ${s.suspended.count} item${s.suspended.count === 1 ? '' : 's'} out of study (${s.suspended.leeches.length} leech${s.suspended.leeches.length === 1 ? '' : 'es'})`);
    for (const l of s.suspended.leeches.slice(0, 10)) {
      out.push([{ text: `${l.lapses} lapses `, role: 'bad', bold: true }, { text: oneLine(`${l.item}: ${l.text}`, width - 12) }]);
      for (const m of l.misconceptions) out.push([{ text: `   answered ${m.times}×: `, role: 'dim' }, { text: oneLine(m.answer, width - 18) }]);
    }
    out.push([{ text: 'Bring one back with: examdrill item unsuspend ID', role: 'dim' }]);
  }

  h('Activity, last 12 weeks');
  const weeks: Segment[][] = Array.from({ length: 7 }, () => []);
  const top = Math.max(1, ...s.calendar.map((d) => d.reviews));
  s.calendar.forEach((d, i) => {
    const level = d.reviews === 0 ? 0 : Math.min(4, 1 + Math.floor((d.reviews / top) * 3.999));
    weeks[i % 7]!.push({ text: `${SHADES[level]}${SHADES[level]}`, role: level ? 'good' : 'dim' }, { text: ' ' });
  });
  for (const w of weeks) out.push(w);
  return out;
}

/**
 * The memory model section: parameters in use, log loss and RMSE(bins) on this learner's
 * history, and the calibration as paired bars per bin (predicted, then observed, with counts).
 */
export function modelLines(m: ModelCheck, width: number): Line[] {
  const out: Line[] = [[{ text: 'Memory model: how well it predicts you', role: 'heading', bold: true }]];
  const inUse = m.parameters === 'default' ? 'default (FSRS-6)' : `fitted on ${m.parameters.fittedAt.slice(0, 10)} from ${m.parameters.reviews} reviews (examdrill optimize)`;
  out.push([{ text: `Parameters: ${inUse}.` }]);
  if (m.logLoss === null || m.rmseBins === null) {
    out.push([{ text: `Not enough reviews yet (${m.reviews}): the model is checked on reviews of items you had seen on an earlier day.`, role: 'dim' }]);
    return out;
  }
  out.push([{ text: `Log loss ${m.logLoss.toFixed(4)}, RMSE over the 10 bins ${m.rmseBins.toFixed(4)}, on ${m.reviews} reviews (lower is better).` }]);
  const barWidth = Math.max(10, Math.min(30, width - 40));
  out.push([{ text: 'predicted recall  bars: predicted / observed            reviews', role: 'dim' }]);
  for (const b of m.calibration) {
    const label = `${Math.round(b.from * 100)}-${Math.round(b.to * 100)}%`.padEnd(8);
    if (b.count === 0) {
      out.push([{ text: `${label}  `, role: 'dim' }, { text: 'no reviews', role: 'dim' }]);
      continue;
    }
    const gap = Math.abs((b.predicted ?? 0) - (b.observed ?? 0));
    out.push([{ text: `${label}  ` }, { text: blockBar(b.predicted ?? 0, barWidth), role: 'accent' }, { text: ` ${pct(b.predicted).padStart(4)} predicted` }, { text: `  ${String(b.count).padStart(6)}`, role: 'dim' }]);
    out.push([{ text: `${''.padEnd(8)}  ` }, { text: blockBar(b.observed ?? 0, barWidth), role: gap <= 0.05 ? 'good' : gap <= 0.15 ? 'warn' : 'bad' }, { text: ` ${pct(b.observed).padStart(4)} observed` }]);
  }
  out.push(...layoutMarkdown('Each bin holds the reviews whose predicted recall fell in it; a well-fitted model has the two bars of each bin about equal. See docs/stats.md.', width, { role: 'dim' }));
  return out;
}

/** The retention what-if as a table: one row per desired retention, the current one marked. */
export function whatIfLines(w: WhatIf, current: number, examDate: string | null, width: number): Line[] {
  const target = w.targetIsExam ? `recall on ${examDate ?? 'the exam date'}` : `recall in ${w.days} days`;
  const out: Line[] = [[{ text: `What if: the next ${w.days} days at each desired retention`, role: 'heading', bold: true }]];
  const header = `retention  reviews a day  busiest day  ${target}`;
  out.push([{ text: header, role: 'dim' }]);
  for (const r of w.rows) {
    const mine = Math.abs(r.retention - current) < 0.005;
    const cells = `${r.retention.toFixed(2).padEnd(9)}  ${r.reviewsPerDay.toFixed(1).padStart(13)}  ${String(r.busiestDay).padStart(11)}  ${`${Math.round(r.recallOnTarget * 100)}%`.padStart(target.length)}`;
    out.push([{ text: cells, bold: mine }, { text: mine ? '  (yours)' : '', role: 'accent' }]);
  }
  out.push(...layoutMarkdown('Simulated from your memory states, with new items at your new-per-day. To change: `examdrill settings retention 0.85`.', width, { role: 'dim' }));
  return out;
}

function barLine(label: string, labelWidth: number, value: number, width: number, tail: string): Line {
  return [{ text: `${label.padEnd(labelWidth)}  ` }, { text: blockBar(value, width), role: value >= 0.75 ? 'good' : value >= 0.5 ? 'warn' : 'bad' }, { text: tail }];
}

function oneLine(text: string, width: number): string {
  const flat = text.replace(/```[\s\S]*?```/g, '[code]').replace(/[*`]/g, '').replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, Math.max(0, width - 1))}…` : flat;
}

/** Lines as plain text, for `stats` on a pipe or with NO_COLOR. */
export function linesToText(lines: readonly Line[]): string {
  return lines.map((l) => l.map((s) => s.text).join('').replace(/\s+$/, '')).join('\n');
}

const ANSI: Record<string, string> = { accent: '36', good: '32', bad: '31', warn: '33', dim: '90', code: '35', heading: '1;36', selected: '36', flag: '33' };

/** Lines with ANSI colours, for `stats` on a terminal. */
export function linesToAnsi(lines: readonly Line[]): string {
  return lines.map((l) => l.map((s) => (s.role || s.bold ? `\u001b[${[s.bold ? '1' : '', s.role ? ANSI[s.role] : ''].filter(Boolean).join(';')}m${s.text}\u001b[0m` : s.text)).join('').replace(/\s+$/, '')).join('\n');
}
