/** The home screen's facts as lines, for plain mode (the Ink screen lays out the same facts). */
import { readinessCheckText, readinessValue } from './readiness-text.js';
import { bar } from '../domain/exam/report.js';
import { actionCommand, nextAction } from '../domain/stats/next-action.js';
import { computeStats } from '../domain/stats/stats.js';
import { studyCounts } from '../domain/study/queue.js';
import type { SessionDeps } from './session-deps.js';

export function homeFacts(deps: SessionDeps) {
  const now = deps.clock.now();
  const counts = studyCounts({ pack: deps.pack, state: deps.port.state, now, offset: deps.clock.offset });
  const stats = computeStats(deps.pack, deps.port.state, now, deps.clock.offset);
  return { counts, stats, action: nextAction(counts, stats), firstRun: deps.port.state.totalReviews === 0 };
}

export function homeLines(deps: SessionDeps): string[] {
  const { counts, stats, action, firstRun } = homeFacts(deps);
  const lines: string[] = [];
  if (firstRun) {
    lines.push(
      'Welcome. examdrill schedules flashcards and scenario questions so you review each just before you would forget it.',
      'Study a little every day (examdrill study), practise with quizzes (examdrill quiz), and sit a timed mock exam (examdrill exam).',
      'Set your exam day with --exam-date YYYY-MM-DD and the plan aims at it.',
      '',
    );
  }
  lines.push(`Due now: ${counts.due}. New today: ${counts.newToday}. Not yet seen: ${counts.unseen}.`);
  if (counts.plan) lines.push(`Exam on ${counts.plan.examDate}: ${counts.plan.daysLeft} days left; ${counts.plan.newLeft} items to introduce, ${counts.plan.newPerDayNeeded} a day.`);
  lines.push(`Readiness: ${readinessValue(stats.readiness)} on this pack's topics if the exam were today (passing ${stats.readiness.passingScore}); ${Math.round(stats.readiness.coverage * 100)}% of questions tried.`);
  const check = readinessCheckText(stats.readiness);
  if (check) lines.push(check);
  const width = Math.max(...stats.domains.map((d) => d.title.length));
  for (const d of stats.domains) lines.push(`  ${d.title.padEnd(width)}  ${bar(d.expectedAccuracy, 20)}  ${Math.round(d.expectedAccuracy * 100)}%`);
  const last = stats.exams[stats.exams.length - 1];
  lines.push(last ? `Last exam: ${last.scaled}/1000, ${last.passed ? 'pass' : 'fail'} (${last.startedAt.slice(0, 10)}).` : 'No mock exam yet.');
  for (const o of deps.otherPacks) lines.push(`Other pack: ${o.id} (${o.title})${o.due === null ? '' : `, ${o.due} due`}; open it with --pack ${o.id}.`);
  lines.push(`Next: ${actionCommand(action)}  (${action.reason})`);
  return lines;
}
