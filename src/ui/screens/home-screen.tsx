/**
 * The home screen: due counts, the exam plan, readiness per domain, the last exam, and one
 * obvious next step (Enter takes it).
 *
 *   AWS DevOps Pro (DOP-C02) 1.0.0                         12 due · 5 new
 *   ──────────────────────────────────────────────────────────────────────
 *   Due now: 12. New today: 5. Not yet seen: 311.
 *   Readiness: about 640/1000 on this pack's topics (passing 750)
 *     SDLC Automation          ████████░░░░░░░░  52%
 *   Last exam: 702/1000, fail (2026-11-20).
 *   Next: Enter  study: 12 items are due
 */
import { readinessValue } from '../readiness-text.js';
import { useMemo } from 'react';
import { homeFacts } from '../home-lines.js';
import { Frame } from '../components/frame.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import type { ScreenProps } from '../screen-props.js';
import { blockBar } from '../../domain/exam/report.js';
import { layoutMarkdown, type Line } from '../text/layout.js';
import { actionCommand } from '../../domain/stats/next-action.js';
import { effectiveSettings } from '../../domain/progress/state.js';
import { optimizeHint } from '../../domain/scheduler/optimizer.js';

export function HomeScreen({ deps, nav, theme, columns, rows, active }: ScreenProps) {
  // Counted again when the learner comes back to home (active), not on every render: on a
  // 7,500-item pack the count takes about 10 ms.
  const { counts, stats, action, firstRun } = useMemo(() => homeFacts(deps), [deps, active]);
  const hint = useMemo(() => optimizeHint(deps.port.state, effectiveSettings(deps.port.state).parameters, deps.clock.offset), [deps, active]);
  const width = columns - 1;
  const go = {
    study: () => nav.push({ name: 'study', mode: 'study' }),
    cram: () => nav.push({ name: 'study', mode: 'cram' }),
    quiz: () => nav.push({ name: 'study', mode: 'quiz' }),
    exam: () => nav.push({ name: 'exam' }),
    stats: () => nav.push({ name: 'stats' }),
    history: () => nav.push({ name: 'history' }),
    settings: () => nav.push({ name: 'settings' }),
    continue: () => {
      if (action.kind === 'quiz') nav.push({ name: 'study', mode: 'quiz', topics: [action.topic] });
      else if (action.kind === 'exam') nav.push({ name: 'exam' });
      else nav.push({ name: 'study', mode: 'study' });
    },
  };
  const keys = useScreenKeys('home', active, nav, go);
  const body: Line[] = [];
  for (const n of deps.notices) body.push(...layoutMarkdown(n, width, { role: 'warn' }));
  if (firstRun) {
    body.push(
      ...layoutMarkdown('Welcome. examdrill shows each card and question just before you would forget it. Study a little every day (**s**), practise with quizzes (**t**), and rehearse with a timed mock exam (**e**).', width),
      ...layoutMarkdown('Set your exam day with `examdrill settings exam-date YYYY-MM-DD`: the plan then aims at it.', width, { role: 'dim' }),
      [],
    );
  }
  body.push([{ text: 'Due now: ' }, { text: String(counts.due), bold: true, role: counts.due ? 'warn' : 'good' }, { text: `. New today: ${counts.newToday}. Not yet seen: ${counts.unseen}.` }]);
  if (counts.plan) body.push([{ text: `Exam on ${counts.plan.examDate}: ${counts.plan.daysLeft} days left; ${counts.plan.newLeft} items to introduce, ${counts.plan.newPerDayNeeded} a day.`, role: 'accent' }]);
  body.push([], [{ text: 'Readiness: ' }, { text: readinessValue(stats.readiness), bold: true, role: stats.readiness.scaled >= stats.readiness.passingScore ? 'good' : 'warn' }, { text: ` on this pack's topics (passing ${stats.readiness.passingScore})` }]);
  const labelWidth = Math.min(34, Math.max(...stats.domains.map((d) => d.title.length)));
  const barWidth = Math.max(8, Math.min(24, width - labelWidth - 12));
  for (const d of stats.domains) {
    const label = d.title.length > labelWidth ? `${d.title.slice(0, labelWidth - 1)}…` : d.title.padEnd(labelWidth);
    body.push([{ text: `  ${label}  ` }, { text: blockBar(d.expectedAccuracy, barWidth), role: d.expectedAccuracy >= 0.72 ? 'good' : 'warn' }, { text: ` ${String(Math.round(d.expectedAccuracy * 100)).padStart(3)}%` }]);
  }
  const last = stats.exams[stats.exams.length - 1];
  body.push([], last ? [{ text: 'Last exam: ' }, { text: `${last.scaled}/1000 ${last.passed ? 'pass' : 'fail'}`, role: last.passed ? 'good' : 'bad', bold: true }, { text: ` (${last.startedAt.slice(0, 10)})` }] : [{ text: 'No mock exam yet.', role: 'dim' }]);
  if (deps.otherPacks.length > 0) {
    body.push([], [{ text: 'Other packs (examdrill --pack ID):', role: 'dim' }]);
    for (const o of deps.otherPacks) body.push([{ text: `  ${o.id}`, role: 'accent' }, { text: `  ${o.title}` }, { text: o.due === null ? '' : `  ${o.due} due`, role: o.due ? 'warn' : 'dim' }]);
  }
  if (hint) body.push([], ...layoutMarkdown(`Memory model: ${hint.reason}. Run examdrill optimize to fit it.`, width, { role: 'accent' }));
  body.push([], [{ text: 'Next: ', bold: true }, { text: 'Enter ', role: 'accent', bold: true }, { text: `${actionCommand(action).replace('examdrill ', '')}: ${action.reason}` }]);
  const status: Line = [{ text: `${counts.due} due · ${counts.newToday} new`, role: 'accent' }];
  return <Frame title={`${deps.pack.title} ${deps.pack.version}`} status={status} body={body} screen="home" theme={theme} columns={columns} rows={rows} message={keys.message} />;
}
