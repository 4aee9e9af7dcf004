/** Statistics: the same lines as `examdrill stats`, scrollable. */
import { useState } from 'react';
import { computeStats } from '../../domain/stats/stats.js';
import { Frame } from '../components/frame.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import type { ScreenProps } from '../screen-props.js';
import { statsLines } from '../stats-lines.js';

export function StatsScreen({ deps, nav, theme, columns, rows, active }: ScreenProps) {
  const [scroll, setScroll] = useState(0);
  const keys = useScreenKeys('stats', active, nav, {
    up: (m) => setScroll((s) => Math.max(0, s - (m.pageJump ? 10 : 1))),
    down: (m) => setScroll((s) => s + (m.pageJump ? 10 : 1)),
  });
  const stats = computeStats(deps.pack, deps.port.state, deps.clock.now(), deps.clock.offset);
  return <Frame title={`${deps.pack.title} · statistics`} body={statsLines(stats, columns - 1)} screen="stats" theme={theme} columns={columns} rows={rows} scroll={scroll} message={keys.message} />;
}
