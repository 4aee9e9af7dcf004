/** Past exams: pick one with ↑↓ and Enter to reopen its report. */
import { useMemo, useReducer, useRef } from 'react';
import { formatClock } from '../../domain/exam/exam-reducer.js';
import { Frame } from '../components/frame.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import { useScroll } from '../hooks/use-scroll.js';
import { reportLines } from '../report-lines.js';
import type { ScreenProps } from '../screen-props.js';
import type { Line } from '../text/layout.js';

export function HistoryScreen({ deps, nav, theme, columns, rows, active }: ScreenProps) {
  const exams = [...deps.port.state.exams].reverse();
  // In a ref, read when a key arrives: keys that come in one read (j j Enter) each see the
  // state the one before left, not the last render's.
  const st = useRef<{ cursor: number; open: number | null }>({ cursor: 0, open: null });
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const { cursor, open } = st.current;
  const record = open !== null ? exams[open] : undefined;
  const report = useMemo(() => (record ? reportLines(deps.pack, record, columns - 1) : []), [deps.pack, record, columns]);
  const scroll = useScroll(report.length, rows);
  const keys = useScreenKeys(() => (st.current.open === null ? 'history' : 'report'), active, nav, {
    up: (m) => {
      if (st.current.open !== null) return scroll.up(m);
      st.current.cursor = Math.max(0, st.current.cursor - 1);
      rerender();
    },
    down: (m) => {
      if (st.current.open !== null) return scroll.down(m);
      st.current.cursor = Math.min(exams.length - 1, st.current.cursor + 1);
      rerender();
    },
    submit: () => {
      if (st.current.open !== null || !exams[st.current.cursor]) return;
      st.current.open = st.current.cursor;
      scroll.reset();
      rerender();
    },
    back: () => {
      if (st.current.open === null) return nav.back();
      st.current.open = null;
      rerender();
    },
  });
  const body: Line[] = record
    ? report
    : exams.length === 0
      ? [[{ text: 'No exams taken yet. Press q, then e for a mock exam.' }]]
      : exams.map((e, i): Line => [
          { text: i === cursor ? '› ' : '  ', role: 'selected', bold: true },
          { text: `${e.startedAt.slice(0, 16).replace('T', ' ')}  `, inverse: i === cursor },
          { text: `${e.result.scaled}/1000 ${e.result.passed ? 'pass' : 'fail'}`, role: e.result.passed ? 'good' : 'bad', bold: true },
          { text: `  ${e.result.correct}/${e.result.total}  ${formatClock(e.elapsedMs)}${e.outcome === 'expired' ? '  (time ran out)' : ''}` },
        ]);
  return <Frame title={`${deps.pack.title} · exam history`} body={body} screen={open === null ? 'history' : 'report'} theme={theme} columns={columns} rows={rows} scroll={record ? scroll.scroll : 0} message={keys.message} />;
}
