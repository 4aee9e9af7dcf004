/** The one obvious next step on the home screen. */
import type { StudyCounts } from '../study/queue.js';
import type { StatsReport } from './stats.js';

export type NextAction =
  | { readonly kind: 'study'; readonly reason: string }
  | { readonly kind: 'quiz'; readonly topic: string; readonly reason: string }
  | { readonly kind: 'exam'; readonly reason: string };

/** Below this mastery a topic is worth a focused quiz before a mock exam. */
export const WEAK_TOPIC = 0.6;

export function nextAction(counts: StudyCounts, stats: StatsReport): NextAction {
  if (counts.due > 0) return { kind: 'study', reason: `${counts.due} item${counts.due === 1 ? ' is' : 's are'} due: review before you forget` };
  if (counts.newToday > 0) return { kind: 'study', reason: `${counts.newToday} new item${counts.newToday === 1 ? '' : 's'} to learn today` };
  // Quizzes and exams draw on questions: a topic of cards only, or a pack without questions, has none.
  const quizzable = stats.topics.filter((t) => t.questions > 0);
  if (quizzable.length === 0) return { kind: 'study', reason: 'nothing is due today, and this pack has no questions to quiz on' };
  const weakest = [...quizzable].sort((a, b) => a.mastery - b.mastery)[0]!;
  if (weakest.mastery < WEAK_TOPIC) return { kind: 'quiz', topic: weakest.id, reason: `your weakest topic is ${weakest.title} (${Math.round(weakest.mastery * 100)}%)` };
  return { kind: 'exam', reason: 'nothing is due: rehearse the real thing' };
}

export function actionCommand(action: NextAction): string {
  return action.kind === 'quiz' ? `examdrill quiz --topic ${action.topic}` : `examdrill ${action.kind}`;
}
