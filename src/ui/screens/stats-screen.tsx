/**
 * Statistics: the same lines as `examdrill stats`, scrollable, then the retention what-if. The
 * what-if simulates 90 days once per desired retention; its rows are computed one per timer
 * tick after the first frame, so the screen shows at once and keys are never held for long.
 */
import { useEffect, useMemo, useState } from 'react';
import { effectiveSettings } from '../../domain/progress/state.js';
import { checkModel } from '../../domain/scheduler/model-check.js';
import { computeStats } from '../../domain/stats/stats.js';
import { simulateRetention, WHAT_IF_RETENTIONS, whatIfInput, whatIfTarget, type WhatIfRow } from '../../domain/stats/what-if.js';
import { Frame } from '../components/frame.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import { useScroll } from '../hooks/use-scroll.js';
import type { ScreenProps } from '../screen-props.js';
import { modelLines, statsLines, whatIfLines } from '../stats-lines.js';

export function StatsScreen({ deps, nav, theme, columns, rows, active }: ScreenProps) {
  // Computed once per visit and width, not on every scroll key.
  const stats = useMemo(() => computeStats(deps.pack, deps.port.state, deps.clock.now(), deps.clock.offset), [deps]);
  const model = useMemo(() => checkModel(deps.readEvents(), effectiveSettings(deps.port.state).parameters), [deps]);
  const input = useMemo(() => whatIfInput(deps.pack, deps.port.state, deps.clock.now(), deps.clock.offset, { runs: 1 }), [deps]);
  const [whatIf, setWhatIf] = useState<readonly WhatIfRow[]>([]);
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    const next = (done: readonly WhatIfRow[]) => {
      if (done.length === WHAT_IF_RETENTIONS.length) return;
      timer = setTimeout(() => {
        const row = simulateRetention(input, WHAT_IF_RETENTIONS[done.length]!);
        const rows = [...done, row];
        setWhatIf(rows);
        next(rows);
      }, 0);
    };
    next([]);
    return () => clearTimeout(timer);
  }, [input]);
  const body = useMemo(() => {
    const lines = statsLines(stats, columns - 1);
    lines.push([], ...modelLines(model, columns - 1));
    const target = whatIfTarget(input);
    lines.push([], ...whatIfLines({ ...target, rows: whatIf }, stats.retention.target, stats.examDate, columns - 1));
    if (whatIf.length < WHAT_IF_RETENTIONS.length) lines.push([{ text: `simulating retention ${WHAT_IF_RETENTIONS[whatIf.length]!.toFixed(2)}...`, role: 'dim' }]);
    return lines;
  }, [stats, model, input, whatIf, columns]);
  const scroll = useScroll(body.length, rows);
  const keys = useScreenKeys('stats', active, nav, { up: scroll.up, down: scroll.down });
  return <Frame title={`${deps.pack.title} · statistics`} body={body} screen="stats" theme={theme} columns={columns} rows={rows} scroll={scroll.scroll} message={keys.message} />;
}
