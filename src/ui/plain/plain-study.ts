/**
 * Study, cram and quiz in plain mode: one prompt per line (`reveal> `, `rate 1-4> `,
 * `answer> `), invalid input re-prompted and never counted, `u` undoes, `!` suspends the item
 * (out of study; `u` undoes that too), `q` stops.
 */
import type { Answer, Card, Item, Question } from '../../domain/pack/types.js';
import { parseLine } from '../../domain/quiz/parse-answer.js';
import type { ProgressEvent } from '../../domain/progress/events.js';
import { selectQuiz } from '../../domain/quiz/select-quiz.js';
import { RATING_NAMES, type Rating } from '../../domain/scheduler/fsrs-adapter.js';
import { answerQuestion, becameLeech, itemRecall, leechNotice, rateCard, ratingIntervals, setSuspended, undoReview, type StudyContext } from '../../domain/study/actions.js';
import { optionOrder, questionOrders } from '../../domain/study/options.js';
import { cramOrder, nextStudyItem, studyCounts } from '../../domain/study/queue.js';
import { seedFrom } from '../../domain/exam/create-exam.js';
import type { SessionDeps } from '../session-deps.js';
import { sessionSummary } from '../summary.js';
import type { LinePrompt } from './line-prompt.js';
import { printAnswerFeedback, printCardBack, printCardFront, printPart, printQuestion } from './plain-items.js';

type Step = 'next' | 'undo' | 'suspend' | 'quit';

/** A rating, an answer or a suspension (`!`) of this session: what `u` takes back. */
interface Done {
  readonly item: Item;
  readonly event: ProgressEvent;
}

export async function plainStudy(p: LinePrompt, deps: SessionDeps, quiz: boolean): Promise<void> {
  const ctx: StudyContext = { pack: deps.pack, port: deps.port, clock: deps.clock };
  const { options } = deps;
  const mode = quiz ? 'quiz' : options.cram ? 'cram' : 'study';
  const started = deps.clock.now();
  const done: Done[] = [];
  const seed = options.seed ?? seedFrom(started);
  let queue: Item[] | null = null;
  if (quiz) {
    queue = selectQuiz(deps.pack, deps.port.state, { seed, count: options.count, topics: options.topics, mistakes: options.mistakes });
    if (queue.length === 0) {
      p.print(options.mistakes ? 'No mistakes to drill: the last answer to every question you have tried was right.' : 'No questions match these topics.');
      return;
    }
    p.print(`Quiz: ${queue.length} question${queue.length === 1 ? '' : 's'}${options.mistakes ? ' you answered wrong most recently' : ''}. Type q to stop.`);
  } else if (options.cram) {
    queue = cramOrder({ pack: deps.pack, state: deps.port.state, now: started, offset: deps.clock.offset, topics: options.topics }, (item) => itemRecall(ctx, item));
    p.print(`Cram: ${queue.length} items, weakest first; the schedule is not changed. Type q to stop.`);
  } else {
    const counts = studyCounts({ pack: deps.pack, state: deps.port.state, now: started, offset: deps.clock.offset, topics: options.topics });
    p.print(`Due: ${counts.due}, new today: ${counts.newToday}. Type q to stop, u to undo, ! to suspend an item.`);
    if (counts.plan) p.print(`Exam on ${counts.plan.examDate} (${counts.plan.daysLeft} days): ${counts.plan.newLeft} items left to introduce, ${counts.plan.newPerDayNeeded} new a day needed.`);
  }
  let position = 0;
  for (;;) {
    const item = queue ? queue[position] : nextStudyItem({ pack: deps.pack, state: deps.port.state, now: deps.clock.now(), offset: deps.clock.offset, topics: options.topics }, done.at(-1)?.item.id);
    if (!item) break;
    p.print('');
    const shownAt = deps.clock.now().getTime();
    const step = item.kind === 'card' ? await cardStep(p, ctx, item, mode, shownAt, done) : await questionStep(p, ctx, item, mode, seed, shownAt, done);
    if (step === 'quit') break;
    if (step === 'suspend') {
      if (deps.port.state.items[item.id]?.suspended) {
        p.print(`${item.id} is already out of study. Bring it back with: examdrill item unsuspend ${item.id}`);
        continue;
      }
      done.push({ item, event: setSuspended(ctx, item, true) });
      p.print(`Suspended ${item.id}: out of study (quiz and exam still ask it). u undoes; or later: examdrill item unsuspend ${item.id}`);
      if (queue) position += 1;
      continue;
    }
    if (step === 'undo') {
      const last = done.pop();
      if (!last) {
        p.print('Nothing to undo yet.');
        continue;
      }
      if (last.event.type === 'suspend') {
        setSuspended(ctx, last.item, false);
        p.print(`Undone: ${last.item.id} is back in study.`);
        if (queue) position = Math.max(0, queue.indexOf(last.item));
        continue;
      }
      undoReview(ctx, last.event);
      p.print(`Undone: ${last.item.kind === 'card' ? 'the rating' : 'the answer'} of the previous item.`);
      if (queue) position = Math.max(0, queue.indexOf(last.item));
      continue;
    }
    if (queue) position += 1;
  }
  p.print('');
  for (const line of sessionSummary(deps, done.filter((d) => d.event.type === 'review').map((d) => d.event), started)) p.print(line);
}

async function cardStep(p: LinePrompt, ctx: StudyContext, card: Card, mode: 'study' | 'cram' | 'quiz', shownAt: number, done: Done[]): Promise<Step> {
  printCardFront(p, card);
  const reveal = await p.ask('reveal> ');
  if (reveal === null || reveal.trim() === 'q') return 'quit';
  if (reveal.trim() === 'u') return 'undo';
  if (reveal.trim() === '!') return 'suspend';
  printCardBack(p, card);
  const intervals = ratingIntervals(ctx, card);
  p.print(([1, 2, 3, 4] as Rating[]).map((r) => `${r} ${RATING_NAMES[r]} (${mode === 'cram' ? 'no change' : intervals[r]})`).join('   '));
  for (;;) {
    const line = await p.ask('rate 1-4> ');
    if (line === null || line.trim() === 'q') return 'quit';
    if (line.trim() === 'u') return 'undo';
    if (line.trim() === '!') return 'suspend';
    const rating = Number(line.trim());
    if (![1, 2, 3, 4].includes(rating)) {
      p.print('Type 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy); u undoes, ! suspends, q stops.');
      continue;
    }
    const event = rateCard(ctx, card, rating as Rating, ctx.clock.now().getTime() - shownAt, mode);
    done.push({ item: card, event });
    if (becameLeech(ctx, event)) p.print(leechNotice(ctx, card.id));
    return 'next';
  }
}

async function questionStep(p: LinePrompt, ctx: StudyContext, q: Question, mode: 'study' | 'cram' | 'quiz', seed: number, shownAt: number, done: Done[]): Promise<Step> {
  const orders = questionOrders(q, optionOrder(q, seed), seed);
  printQuestion(p, q, orders[0] ?? []);
  const bodies = q.type === 'case-study' ? q.parts : [q];
  const answers: Answer[] = [];
  for (const [k, body] of bodies.entries()) {
    if (q.type === 'case-study') {
      p.print('');
      p.print(`Part ${k + 1} of ${bodies.length}:`);
      printPart(p, body, orders[k] ?? []);
    }
    for (;;) {
      const line = await p.ask('answer> ');
      if (line === null || line.trim() === 'q') return 'quit';
      if (line.trim() === 'u') return 'undo';
      if (line.trim() === '!') return 'suspend';
      const parsed = parseLine(body, line, orders[k] ?? []);
      if ('error' in parsed) {
        p.print(parsed.error);
        continue;
      }
      answers.push(parsed.answer);
      break;
    }
  }
  const answer: Answer = q.type === 'case-study' ? { parts: answers } : answers[0]!;
  const outcome = answerQuestion(ctx, q, answer, ctx.clock.now().getTime() - shownAt, mode);
  done.push({ item: q, event: outcome.event });
  printAnswerFeedback(p, q, orders, answer, outcome.correct);
  if (becameLeech(ctx, outcome.event)) p.print(leechNotice(ctx, q.id));
  return 'next';
}
