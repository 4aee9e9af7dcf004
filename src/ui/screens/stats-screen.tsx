/** Statistics: the same lines as `examdrill stats`, scrollable. */
import { useMemo } from 'react';
import { computeStats } from '../../domain/stats/stats.js';
import { Frame } from '../components/frame.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import { useScroll } from '../hooks/use-scroll.js';
import type { ScreenProps } from '../screen-props.js';
import { statsLines } from '../stats-lines.js';

export function StatsScreen({ deps, nav, theme, columns, rows, active }: ScreenProps) {
  // Computed once per visit and width, not on every scroll key.
  const body = useMemo(() => statsLines(computeStats(deps.pack, deps.port.state, deps.clock.now(), deps.clock.offset), columns - 1), [deps, columns]);
  const scroll = useScroll(body.length, rows);
  const keys = useScreenKeys('stats', active, nav, { up: scroll.up, down: scroll.down });
  return <Frame title={`${deps.pack.title} · statistics`} body={body} screen="stats" theme={theme} columns={columns} rows={rows} scroll={scroll.scroll} message={keys.message} />;
}
