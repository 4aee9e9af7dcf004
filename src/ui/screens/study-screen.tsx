/**
 * Study, cram and quiz: one item at a time. A card shows its front, then its back with the four
 * ratings and when each brings it back; a question takes a pick (or several), then shows every
 * option's why. `u` undoes the last rating or answer; `!` suspends the item on screen (undone by `u`
 * too). A summary ends the session.
 *
 *   AWS DevOps Pro · study                               due 12 · new 5
 *   ─────────────────────────────────────────────────────────────────────
 *   Question · Lambda: concurrency, throttling and scaling
 *   A function is throttled ... Which change ...? Choose 2.
 *   › [x] a) Request a higher account concurrency quota
 *     [ ] b) ...
 */
import { useMemo, useRef } from 'react';
import { correctIndices, isChoice, type Answer, type Item, type Question } from '../../domain/pack/types.js';
import type { ProgressEvent } from '../../domain/progress/events.js';
import { selectQuiz } from '../../domain/quiz/select-quiz.js';
import type { Rating } from '../../domain/scheduler/fsrs-adapter.js';
import { answerQuestion, becameLeech, itemRecall, leechNotice, rateCard, ratingIntervals, setSuspended, undoReview, type StudyContext } from '../../domain/study/actions.js';
import { optionOrder, questionOrders } from '../../domain/study/options.js';
import { cramOrder, nextStudyItem, studyCounts } from '../../domain/study/queue.js';
import { seedFrom } from '../../domain/exam/create-exam.js';
import { bodyHeight, Frame } from '../components/frame.js';
import { useLatestReducer } from '../hooks/use-latest-reducer.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import type { ScreenKind } from '../keys/key-map.js';
import type { ScreenProps } from '../screen-props.js';
import { sessionSummary } from '../summary.js';
import { layoutMarkdown, type Line } from '../text/layout.js';
import { bodiesOf, checkPart, digit, editorKind, erase, move, newDraft, nextPart, partAnswer, pick, toggle, typeText, withPart, type Edit, type PartDraft } from './answer-draft.js';
import { draftQuestionLines, typedFeedbackLines } from './answer-lines.js';
import { cardLines, feedbackLines, questionLines } from './item-lines.js';
import { initialStudyState, studyReducer, type StudyState } from './study-state.js';

export interface StudyScreenProps extends ScreenProps {
  readonly mode: 'study' | 'cram' | 'quiz';
  readonly topics?: readonly string[];
}

interface Session {
  readonly started: Date;
  readonly seed: number;
  readonly queue: Item[] | null;
  position: number;
  /** This session's ratings, answers and suspensions (`!`), in order: what `u` undoes. */
  readonly done: { item: Item; event: ProgressEvent }[];
}

export function StudyScreen({ deps, nav, theme, columns, rows, active, mode, topics }: StudyScreenProps) {
  const ctx: StudyContext = { pack: deps.pack, port: deps.port, clock: deps.clock };
  const chosenTopics = topics ?? deps.options.topics;
  const session = useRef<Session | null>(null);
  if (!session.current) {
    const started = deps.clock.now();
    const seed = deps.options.seed ?? seedFrom(started);
    const queue =
      mode === 'quiz'
        ? selectQuiz(deps.pack, deps.port.state, { seed, count: deps.options.count, topics: chosenTopics, mistakes: deps.options.mistakes })
        : mode === 'cram'
          ? cramOrder({ pack: deps.pack, state: deps.port.state, now: started, offset: deps.clock.offset, topics: chosenTopics }, (item) => itemRecall(ctx, item))
          : null;
    session.current = { started, seed, queue, position: 0, done: [] };
  }
  const s = session.current;
  /** Questions of the other types: the orders they are shown in, and a fresh draft to answer in. */
  const ordersOf = (q: Question) => questionOrders(q, optionOrder(q, s.seed), s.seed);
  const draftFor = (item: Item | null) => (item?.kind === 'question' && !isChoice(item) ? newDraft(item, ordersOf(item)) : null);
  const nextItem = (): Item | null => (s.queue ? (s.queue[s.position] ?? null) : (nextStudyItem({ pack: deps.pack, state: deps.port.state, now: deps.clock.now(), offset: deps.clock.offset, topics: chosenTopics }, s.done.at(-1)?.item.id) ?? null));
  const [state, dispatch, latest] = useLatestReducer(studyReducer, () => {
    const first = nextItem();
    return studyReducer(initialStudyState, { type: 'show', item: first, now: deps.clock.now().getTime(), draft: draftFor(first) });
  });
  const show = (item: Item | null) => dispatch({ type: 'show', item, now: deps.clock.now().getTime(), draft: draftFor(item) });
  const width = columns - 1;
  /** What the handlers need, from the latest state (not this render's). */
  const view = (st: StudyState = latest()) => {
    const question = st.item?.kind === 'question' && isChoice(st.item) ? st.item : null;
    const order = question ? optionOrder(question, s.seed) : [];
    const keysNeeded = question ? correctIndices(question).length : 0;
    const typed = st.item?.kind === 'question' && !isChoice(st.item) ? st.item : null;
    const orders = typed ? ordersOf(typed) : [];
    const draft = typed && st.phase === 'answering' ? st.draft : null;
    const body = typed && draft ? bodiesOf(typed)[draft.part] : undefined;
    return { st, question, order, keysNeeded, multiple: keysNeeded > 1, typed, orders, draft, body, partOrder: draft ? (orders[draft.part] ?? []) : [] };
  };
  const kindOf = (st: StudyState): ScreenKind => {
    if (st.phase === 'front' || st.phase === 'back') return 'card';
    if (st.phase === 'feedback') return 'feedback';
    if (st.phase === 'done') return 'summary';
    const { body } = view(st);
    if (!body) return 'question';
    const kind = editorKind(body);
    return kind === 'options' ? 'question' : kind === 'text' ? 'typing' : kind;
  };
  /** Applies an edit to the part being answered; false when no draft is on screen. */
  const edit = (fn: (body: NonNullable<ReturnType<typeof view>['body']>, part: PartDraft, order: readonly number[]) => Edit): boolean => {
    const { draft, body, partOrder } = view();
    if (!draft || !body) return false;
    const e = fn(body, draft.parts[draft.part]!, partOrder);
    dispatch({ type: 'draft', draft: withPart(draft, e.draft) });
    if (e.message) keys.say(e.message);
    return true;
  };
  /**
   * Enter on a question of another type: the part is checked; in a case study the next part
   * still to answer comes next, and the question is scored once every part holds an answer.
   */
  const submitDraft = () => {
    const { typed, draft, orders } = view();
    if (!typed || !draft) return;
    const bodies = bodiesOf(typed);
    const current = checkPart(bodies[draft.part]!, draft.parts[draft.part]!, orders[draft.part] ?? []);
    if ('error' in current) return keys.say(current.error);
    // Confirming an ordering part takes the order as shown, even untouched.
    const confirmed = withPart(draft, { ...draft.parts[draft.part]!, touched: true, carrying: false, digits: '' });
    const pending = bodies.map((_, k) => (draft.part + 1 + k) % bodies.length).find((k) => partAnswer(bodies[k]!, confirmed.parts[k]!, orders[k] ?? []) === null);
    if (pending !== undefined) return dispatch({ type: 'draft', draft: { ...confirmed, part: pending } });
    const checked = bodies.map((b, k) => checkPart(b, confirmed.parts[k]!, orders[k] ?? []));
    const invalid = checked.findIndex((c) => 'error' in c);
    if (invalid >= 0) {
      dispatch({ type: 'draft', draft: { ...confirmed, part: invalid } });
      return keys.say(`Part ${invalid + 1}: ${(checked[invalid] as { error: string }).error}`);
    }
    const answers = checked.map((c) => (c as { answer: Answer }).answer);
    const answer: Answer = typed.type === 'case-study' ? { parts: answers } : answers[0]!;
    const outcome = answerQuestion(ctx, typed, answer, elapsed(), mode);
    s.done.push({ item: typed, event: outcome.event });
    dispatch({ type: 'answered', correct: outcome.correct, chosen: [], answer });
    if (becameLeech(ctx, outcome.event)) keys.say(leechNotice(ctx, typed.id));
  };
  const elapsed = () => deps.clock.now().getTime() - latest().shownAt;
  const advance = () => {
    if (s.queue) s.position += 1;
    show(nextItem());
  };
  const submit = () => {
    const { st, question, order, draft } = view();
    if (draft) return submitDraft();
    if (!question || st.phase !== 'answering') return;
    if (st.picks.length === 0) {
      keys.say(`Pick an option first: 1-${order.length} or a-${String.fromCharCode(96 + order.length)}.`);
      return;
    }
    const chosen = st.picks.map((p) => order[p]!);
    const outcome = answerQuestion(ctx, question, chosen, elapsed(), mode);
    s.done.push({ item: question, event: outcome.event });
    dispatch({ type: 'answered', correct: outcome.correct, chosen });
    if (becameLeech(ctx, outcome.event)) keys.say(leechNotice(ctx, question.id));
  };
  const rate = (rating: Rating) => {
    const { st } = view();
    if (st.item?.kind !== 'card' || st.phase !== 'back') return;
    const event = rateCard(ctx, st.item, rating, elapsed(), mode);
    s.done.push({ item: st.item, event });
    advance();
    if (becameLeech(ctx, event)) keys.say(leechNotice(ctx, st.item.id));
  };
  const keys = useScreenKeys(
    () => kindOf(latest()),
    active,
    nav,
    {
      reveal: (m) => {
        const { st } = view();
        if (st.phase === 'front') return dispatch({ type: 'reveal' });
        if (st.phase === 'back' && m.input !== ' ') rate((st.cursor + 1) as Rating);
      },
      rate: (m) => rate(Number(m.input) as Rating),
      up: (m) => edit((b, d, o) => move(b, d, -1, o)) || (latest().phase === 'answering' ? dispatch({ type: 'move', delta: -1, count: view().order.length }) : dispatch({ type: 'scroll', delta: m.pageJump ? -10 : -1 })),
      down: (m) => edit((b, d, o) => move(b, d, 1, o)) || (latest().phase === 'answering' ? dispatch({ type: 'move', delta: 1, count: view().order.length }) : dispatch({ type: 'scroll', delta: m.pageJump ? 10 : 1 })),
      pick: (m) => {
        const { st, order, keysNeeded, multiple } = view();
        const position = /\d/.test(m.input) ? Number(m.input) - 1 : m.input.charCodeAt(0) - 97;
        if (edit((b, d, o) => pick(b, d, position, o))) return;
        if (position >= order.length) return keys.say(`There are ${order.length} options: 1-${order.length} or a-${String.fromCharCode(96 + order.length)}.`);
        if (multiple && !st.picks.includes(position) && st.picks.length >= keysNeeded) return keys.say(`Choose at most ${keysNeeded}: unpick one first (Space or its key).`);
        dispatch({ type: 'pick', position, multiple });
      },
      toggle: () => {
        if (edit(toggle)) return;
        const { st, keysNeeded, multiple } = view();
        if (!multiple) return dispatch({ type: 'pick', position: st.cursor, multiple: false });
        if (!st.picks.includes(st.cursor) && st.picks.length >= keysNeeded) return keys.say(`Choose at most ${keysNeeded}.`);
        dispatch({ type: 'toggle-cursor' });
      },
      submit,
      type: (m) => {
        const { draft } = view();
        // `?` on an empty field shows the keys (typed anywhere else, it is text).
        if (m.input === '?' && draft?.parts[draft.part]?.text === '') return nav.push({ name: 'help', screen: kindOf(latest()) });
        edit((_b, d) => typeText(d, m.input));
      },
      erase: () => void edit(erase),
      digit: (m) => void edit((b, d, o) => digit(b, d, m.input, o)),
      part: () => {
        const { typed, draft } = view();
        if (typed?.type === 'case-study' && draft) return dispatch({ type: 'draft', draft: nextPart(draft) });
        keys.say('Tab moves between the parts of a case study; this question has one part.');
      },
      next: () => {
        const st = latest();
        if (st.phase === 'back') return dispatch({ type: 'move', delta: 1, count: 4 });
        if (st.phase === 'front') return undefined;
        return st.phase === 'done' ? nav.back() : advance();
      },
      previous: () => (latest().phase === 'back' ? dispatch({ type: 'move', delta: -1, count: 4 }) : undefined),
      suspend: () => {
        const { st } = view();
        if (!st.item || st.phase === 'done') return;
        if (deps.port.state.items[st.item.id]?.suspended) return keys.say(`${st.item.id} is already out of study. Bring it back with: examdrill item unsuspend ${st.item.id}`);
        s.done.push({ item: st.item, event: setSuspended(ctx, st.item, true) });
        advance();
        keys.say(`Suspended ${st.item.id}: out of study. u undoes; or: examdrill item unsuspend ${st.item.id}`);
      },
      undo: () => {
        const last = s.done.pop();
        if (!last) return;
        if (last.event.type === 'suspend') {
          setSuspended(ctx, last.item, false);
          if (s.queue) s.position = Math.max(0, s.queue.indexOf(last.item));
          show(last.item);
          return keys.say(`Undone: ${last.item.id} is back in study.`);
        }
        undoReview(ctx, last.event);
        if (s.queue) s.position = Math.max(0, s.queue.indexOf(last.item));
        show(last.item);
        keys.say(`Undone: the ${last.item.kind === 'card' ? 'rating' : 'answer'} of that item. Answer it again.`);
      },
    },
    () => ({ undo: s.done.length === 0 ? 'Nothing to undo yet in this session.' : undefined, rate: latest().phase === 'front' ? 'Show the answer first: Space or Enter.' : undefined }),
  );
  const { question, order, typed, orders } = view(state);
  const item = state.item;
  const screen = kindOf(state);

  let body: Line[];
  let scroll = state.scroll;
  if (state.phase === 'done') {
    const empty = s.done.length === 0;
    const reason = mode === 'quiz' ? (deps.options.mistakes ? 'No mistakes to drill: your last answer to every question was right.' : 'No questions match.') : mode === 'cram' ? 'Nothing to cram.' : 'Nothing is due and no new items are left for today. Come back tomorrow, or cram (c on the home screen).';
    body = [...(empty ? layoutMarkdown(reason, width) : []), [], ...sessionSummary(deps, s.done.filter((d) => d.event.type === 'review').map((d) => d.event), s.started).map((l): Line => [{ text: l }]), [], [{ text: 'Enter or q to go back.', role: 'dim' }]];
  } else if (item?.kind === 'card') {
    body = cardLines(deps.pack, item, state.phase === 'back', mode === 'cram' ? null : ratingIntervals(ctx, item), width, state.cursor);
  } else if (typed && state.phase === 'feedback' && state.outcome?.answer !== undefined) {
    body = typedFeedbackLines(deps.pack, typed, orders, state.outcome.answer, state.outcome.correct, width);
  } else if (typed && state.draft) {
    const header = mode === 'quiz' ? `Question ${s.position + 1} of ${s.queue?.length ?? 0}` : 'Question';
    const laid = draftQuestionLines(deps.pack, typed, orders, state.draft, width, header, true);
    body = laid.lines;
    const height = bodyHeight(rows, keys.message !== undefined);
    scroll = laid.cursorLine >= height - 1 ? laid.cursorLine - height + 2 : 0;
  } else if (question && state.phase === 'feedback' && state.outcome) {
    body = feedbackLines(deps.pack, question, order, state.outcome.chosen, state.outcome.correct, width);
  } else if (question) {
    const header = mode === 'quiz' ? `Question ${s.position + 1} of ${s.queue?.length ?? 0}` : 'Question';
    const laid = questionLines(deps.pack, question, order, state.cursor, state.picks, width, header);
    body = laid.lines;
    const height = bodyHeight(rows, keys.message !== undefined);
    scroll = laid.cursorLine >= height - 1 ? laid.cursorLine - height + 2 : 0;
  } else body = [];

  // Counted again after each answer or undo, not on every key (a pass over the whole pack).
  const answered = s.done.length;
  const counts = useMemo(
    () => (mode === 'study' ? studyCounts({ pack: deps.pack, state: deps.port.state, now: deps.clock.now(), offset: deps.clock.offset, topics: chosenTopics }) : null),
    // `answered` stands for the store's state, which changes in place.
    [deps, mode, chosenTopics, answered],
  );
  const status: Line = counts ? [{ text: `due ${counts.due} · new ${counts.newToday}`, role: 'accent' }] : [{ text: mode === 'quiz' ? `${Math.min(s.position + 1, s.queue?.length ?? 0)}/${s.queue?.length ?? 0}` : `${s.position}/${s.queue?.length ?? 0} · schedule untouched`, role: 'accent' }];
  return <Frame title={`${deps.pack.title} · ${mode}`} status={status} body={body} screen={screen} theme={theme} columns={columns} rows={rows} scroll={scroll} message={keys.message} />;
}
