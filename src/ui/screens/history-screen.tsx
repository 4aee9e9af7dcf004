/** Past exams: pick one with ↑↓ and Enter to reopen its report. */
import { useState } from 'react';
import { formatClock } from '../../domain/exam/exam-reducer.js';
import { Frame } from '../components/frame.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import { reportLines } from '../report-lines.js';
import type { ScreenProps } from '../screen-props.js';
import type { Line } from '../text/layout.js';

export function HistoryScreen({ deps, nav, theme, columns, rows, active }: ScreenProps) {
  const exams = [...deps.port.state.exams].reverse();
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const [scroll, setScroll] = useState(0);
  const keys = useScreenKeys(open === null ? 'history' : 'report', active, nav, {
    up: () => (open === null ? setCursor((c) => Math.max(0, c - 1)) : setScroll((s) => Math.max(0, s - 1))),
    down: () => (open === null ? setCursor((c) => Math.min(exams.length - 1, c + 1)) : setScroll((s) => s + 1)),
    submit: () => {
      if (exams[cursor]) {
        setOpen(cursor);
        setScroll(0);
      }
    },
    back: () => (open === null ? nav.back() : setOpen(null)),
  });
  const record = open !== null ? exams[open] : undefined;
  const body: Line[] = record
    ? reportLines(deps.pack, record, columns - 1)
    : exams.length === 0
      ? [[{ text: 'No exams taken yet. Press q, then e for a mock exam.' }]]
      : exams.map((e, i): Line => [
          { text: i === cursor ? '› ' : '  ', role: 'selected', bold: true },
          { text: `${e.startedAt.slice(0, 16).replace('T', ' ')}  `, inverse: i === cursor },
          { text: `${e.result.scaled}/1000 ${e.result.passed ? 'pass' : 'fail'}`, role: e.result.passed ? 'good' : 'bad', bold: true },
          { text: `  ${e.result.correct}/${e.result.total}  ${formatClock(e.elapsedMs)}${e.outcome === 'expired' ? '  (time ran out)' : ''}` },
        ]);
  return <Frame title={`${deps.pack.title} · exam history`} body={body} screen={open === null ? 'history' : 'report'} theme={theme} columns={columns} rows={rows} scroll={record ? scroll : 0} message={keys.message} />;
}
