/**
 * The timed mock exam: a countdown, one question at a time, flags, a question map, a review
 * before submitting, and the report. Every answer and flag is saved as it is made, and the time
 * used every 15 seconds, so an interrupted exam resumes with its answers and its time left.
 *
 *   AWS DevOps Pro · exam              Q 12/75 · 10 answered · ⚑ 2 · 2:41:07
 *   ─────────────────────────────────────────────────────────────────────────
 *   Question 12 · Lambda: VPC access and networking          Choose 2.
 *   › [x] a) ...
 *   ─────────────────────────────────────────────────────────────────────────
 *   1-8 a-h pick · n → next · p ← previous · f flag · m map · S review
 */
import { useEffect, useReducer, useRef } from 'react';
import { correctIndices, isChoice, type Answer, type Question } from '../../domain/pack/types.js';
import { questionOrders } from '../../domain/study/options.js';
import { recordExamChange, recordExamDiscard, recordExamEnd, recordExamTime, type ExamContext } from '../../domain/exam/exam-actions.js';
import { answeredCount, crossedWarning, examReducer, flaggedIndices, formatClock, startExam, timeLeftMs, unansweredIndices, type ExamAction, type ExamState } from '../../domain/exam/exam-reducer.js';
import { reportMarkdown } from '../../domain/exam/report.js';
import type { ExamRecord } from '../../domain/progress/events.js';
import { bodyHeight, Frame } from '../components/frame.js';
import { startNewExam } from '../exam-start.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import { scrollLimits } from '../hooks/use-scroll.js';
import type { ScreenKind } from '../keys/key-map.js';
import { reportLines } from '../report-lines.js';
import type { ScreenProps } from '../screen-props.js';
import { layoutMarkdown, type Line, type Segment } from '../text/layout.js';
import { bodiesOf, digit, draftAnswer, editorKind, erase, move, newDraft, nextPart, pick, toggle, typeText, withPart, type Draft, type Edit, type PartDraft } from './answer-draft.js';
import { draftQuestionLines } from './answer-lines.js';
import { questionLines } from './item-lines.js';

type View = 'resume' | 'question' | 'map' | 'review' | 'report';

/** Time used is saved this often, so a crash costs at most this much exam time. */
export const CHECKPOINT_MS = 15_000;

interface ExamUi {
  view: View;
  /** The highlighted option. */
  cursor: number;
  /** Digits typed in the map or the review. */
  typed: string;
  mapCursor: number;
  scroll: number;
  notice: string | undefined;
  /** A question of another type than choice: the answer being built, and for which question. */
  draft: Draft | null;
  draftFor: number;
  /** A text part: the keys type into its field (Esc leaves it, and the exam's keys work again). */
  focused: boolean;
}

const kindOf = (view: View): ScreenKind => (view === 'resume' ? 'confirm' : view === 'question' ? 'exam' : view === 'map' ? 'exam-map' : view === 'review' ? 'exam-review' : 'report');

/** Same answer? (Answers are plain data; a draft makes a new object for the same answer.) */
const sameAnswer = (a: Answer | null | undefined, b: Answer | null | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function ExamScreen({ deps, nav, theme, columns, rows, active }: ScreenProps) {
  const ctx: ExamContext = { pack: deps.pack, port: deps.port, clock: deps.clock };
  const exam = useRef<ExamState | null>(null);
  const record = useRef<ExamRecord | null>(null);
  const lastCheckpoint = useRef(0);
  // UI state lives in a ref that handlers read and write at once, so a burst of keys (m, 4,
  // Enter) acts on the view the previous key made, not on the last render's.
  const ui = useRef<ExamUi | null>(null);
  if (!ui.current) ui.current = { view: deps.port.state.activeExam ? 'resume' : 'question', cursor: 0, typed: '', mapCursor: 0, scroll: 0, notice: undefined, draft: null, draftFor: -1, focused: true };
  const u = ui.current;
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const set = (patch: Partial<ExamUi>) => {
    Object.assign(u, patch);
    rerender();
  };

  const begin = () => {
    const started = startNewExam(deps, ctx);
    if (started.notice) u.notice = started.notice;
    exam.current = started.state;
    lastCheckpoint.current = 0;
  };
  if (u.view === 'question' && !exam.current && !record.current) begin();

  const finish = () => {
    record.current = recordExamEnd(ctx, exam.current!);
    if (deps.options.reportFile) {
      try {
        deps.writeFile(deps.options.reportFile, reportMarkdown(deps.pack, record.current));
        u.notice = `${u.notice ? `${u.notice} ` : ''}Report written to ${deps.options.reportFile}.`;
      } catch (e) {
        u.notice = (e as Error).message;
      }
    }
    set({ view: 'report', scroll: 0 });
  };

  const apply = (action: ExamAction) => {
    if ((action.type === 'tick' || action.type === 'submit') && u.focused && u.draft) sync();
    const before = exam.current;
    if (!before) return;
    const after = examReducer(before, action);
    exam.current = after;
    recordExamChange(ctx, before, after);
    if (after.current !== before.current) u.notice = undefined; // a notice stays until the learner moves on
    const warned = crossedWarning(timeLeftMs(before), timeLeftMs(after));
    if (warned) u.notice = `${warned} minute${warned === 1 ? '' : 's'} left.`;
    if (after.elapsedMs - lastCheckpoint.current >= CHECKPOINT_MS) {
      lastCheckpoint.current = after.elapsedMs;
      recordExamTime(ctx, after);
    }
    if (after.phase !== 'in-progress' && before.phase === 'in-progress') {
      if (after.phase === 'expired') u.notice = 'Time is up: the exam was submitted with the answers given.';
      finish();
      return;
    }
    rerender();
  };

  // One interval for the life of the running exam; it calls the latest `apply` through a ref.
  /** How far the report scrolls, from its last render (the keys' handlers read it). */
  const reportScroll = useRef({ max: 0, page: 1 });
  const applyRef = useRef(apply);
  applyRef.current = apply;
  const running = u.view !== 'resume' && u.view !== 'report';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => applyRef.current({ type: 'tick', now: deps.clock.now().getTime() }), 1000);
    return () => clearInterval(timer);
  }, [running, deps.clock]);

  /** The current question, its option order and the picks, from the latest state. */
  const current = () => {
    const st = exam.current;
    const found = st ? deps.pack.questions.find((q) => q.id === st.spec.questionIds[st.current]) : undefined;
    const question = found && isChoice(found) ? found : undefined;
    const order = st ? (st.spec.optionOrders[st.current] ?? []) : [];
    const keysNeeded = question ? correctIndices(question).length : 1;
    const answer = st?.answers[st.current];
    const picks = st && question && Array.isArray(answer) ? (answer as readonly number[]).map((k) => order.indexOf(k)).filter((p) => p >= 0) : [];
    const typed: Question | undefined = found && !isChoice(found) ? found : undefined;
    const orders = st && typed ? questionOrders(typed, order, st.spec.seed) : [];
    if (st && typed && (u.draftFor !== st.current || !u.draft)) {
      // Arriving at the question: its draft from the answer saved, and a text field ready to type in.
      u.draft = newDraft(typed, orders, answer ?? null);
      u.draftFor = st.current;
      u.focused = true;
    }
    const draft = typed ? u.draft : null;
    const body = typed && draft ? bodiesOf(typed)[draft.part] : undefined;
    return { st, question, order, keysNeeded, picks, n: st?.spec.questionIds.length ?? 0, typed, orders, draft, body, partOrder: draft ? (orders[draft.part] ?? []) : [] };
  };
  /** The keys' screen: a question of another type has the kind of the part being answered. */
  const screenKind = (): ScreenKind => {
    if (u.view !== 'question') return kindOf(u.view);
    const { body } = current();
    if (!body) return 'exam';
    const kind = editorKind(body);
    return kind === 'options' ? 'exam' : kind === 'text' ? (u.focused ? 'exam-typing' : 'exam-typed') : kind === 'matching' ? 'exam-matching' : 'exam-ordering';
  };
  /** Saves the draft's answer when it differs from the one saved (typing is saved as the field is left). */
  const sync = () => {
    const { st, typed, draft, orders } = current();
    if (!st || !typed || !draft || u.view !== 'question') return;
    const answer = draftAnswer(typed, draft, orders);
    if (!sameAnswer(answer, st.answers[st.current])) apply({ type: 'set-answer', answer });
  };
  /** Applies an edit to the part on screen; false when the question has no draft. */
  const editExam = (fn: (body: NonNullable<ReturnType<typeof current>['body']>, part: PartDraft, order: readonly number[]) => Edit, save = true): boolean => {
    const { draft, body, partOrder } = current();
    if (!draft || !body || u.view !== 'question') return false;
    const e = fn(body, draft.parts[draft.part]!, partOrder);
    u.draft = withPart(draft, e.draft);
    if (e.message) keys.say(e.message);
    if (save) sync();
    rerender();
    return true;
  };
  const go = (index: number) => {
    sync();
    apply({ type: 'go-to', index });
    set({ cursor: 0, view: 'question' });
  };
  const leave = (code: number | null) => {
    sync();
    if (exam.current && !record.current) recordExamTime(ctx, exam.current);
    if (code === null) nav.back();
    else nav.exit(code);
  };
  const askLeave = (code: number | null) =>
    nav.push({ name: 'confirm', message: `${code === null ? 'Stop' : 'Quit'} the exam now? Your answers and the ${formatClock(exam.current ? timeLeftMs(exam.current) : 0)} left are saved: \`examdrill exam\` resumes it.`, onYes: () => leave(code) });
  const typedJump = () => {
    const { n } = current();
    const typed = u.typed;
    const k = Number(typed);
    u.typed = '';
    if (!Number.isInteger(k) || k < 1 || k > n) {
      keys.say(`There is no question ${typed}: 1 to ${n}.`);
      return rerender();
    }
    return go(k - 1);
  };

  const keys = useScreenKeys(screenKind, active, nav, {
    yes: () => {
      const saved = deps.port.state.activeExam!;
      exam.current = startExam(saved.spec, deps.clock.now().getTime(), saved);
      lastCheckpoint.current = saved.elapsedMs;
      if (exam.current.phase === 'expired') return finish();
      set({ view: 'question' });
    },
    no: () => {
      recordExamDiscard(ctx, deps.port.state.activeExam!.spec.examId);
      u.notice = 'The unfinished exam was discarded.';
      begin();
      set({ view: 'question' });
    },
    pick: (m) => {
      const { order, keysNeeded, picks } = current();
      const position = /\d/.test(m.input) ? Number(m.input) - 1 : m.input.charCodeAt(0) - 97;
      if (editExam((b, d, o) => pick(b, d, position, o))) return;
      if (position >= order.length) return keys.say(`There are ${order.length} options.`);
      if (keysNeeded > 1 && !picks.includes(position) && picks.length >= keysNeeded) return keys.say(`Choose at most ${keysNeeded}: unpick one first.`);
      u.cursor = position;
      apply({ type: 'select-option', position, multiple: keysNeeded > 1 });
    },
    toggle: () => {
      if (editExam(toggle)) return;
      const { keysNeeded, picks } = current();
      if (keysNeeded > 1 && !picks.includes(u.cursor) && picks.length >= keysNeeded) return keys.say(`Choose at most ${keysNeeded}.`);
      apply({ type: 'select-option', position: u.cursor, multiple: keysNeeded > 1 });
    },
    up: (m) => {
      if (editExam((b, d, o) => move(b, d, -1, o))) return;
      if (u.view === 'question') set({ cursor: Math.max(0, u.cursor - 1) });
      else if (u.view === 'map') set({ mapCursor: Math.max(0, u.mapCursor - 10) });
      else set({ scroll: Math.max(0, Math.min(u.scroll, reportScroll.current.max) - (m.pageJump ? reportScroll.current.page : 1)) });
    },
    down: (m) => {
      if (editExam((b, d, o) => move(b, d, 1, o))) return;
      const { order, n } = current();
      if (u.view === 'question') set({ cursor: Math.min(order.length - 1, u.cursor + 1) });
      else if (u.view === 'map') set({ mapCursor: Math.min(n - 1, u.mapCursor + 10) });
      else set({ scroll: Math.min(reportScroll.current.max, u.scroll + (m.pageJump ? reportScroll.current.page : 1)) });
    },
    type: (m) => {
      // `?` on an empty field shows the keys (typed anywhere else, it is text).
      if (m.input === '?' && u.draft?.parts[u.draft.part]?.text === '') return nav.push({ name: 'help', screen: screenKind() });
      editExam((_b, d) => typeText(d, m.input), false);
    },
    erase: () => {
      if (u.view === 'question') return void editExam(erase, screenKind() !== 'exam-typing');
      return set({ typed: u.typed.slice(0, -1) });
    },
    part: () => {
      const { typed, draft } = current();
      if (typed?.type !== 'case-study' || !draft) return keys.say('Tab moves between the parts of a case study; this question has one part.');
      sync();
      u.draft = nextPart(draft);
      u.focused = true;
      rerender();
    },
    blur: () => {
      sync();
      set({ focused: false });
    },
    focus: () => set({ focused: true }),
    next: () => {
      const { st, n } = current();
      if (u.view === 'map') return set({ mapCursor: Math.min(n - 1, u.mapCursor + 1) });
      sync();
      if (st && st.current === n - 1) return set({ view: 'review', typed: '' });
      u.cursor = 0;
      apply({ type: 'next' });
    },
    previous: () => {
      if (u.view === 'map') return set({ mapCursor: Math.max(0, u.mapCursor - 1) });
      sync();
      u.cursor = 0;
      apply({ type: 'previous' });
    },
    flag: () => apply({ type: 'toggle-flag' }),
    map: () => {
      sync();
      set({ view: 'map', mapCursor: exam.current?.current ?? 0, typed: '' });
    },
    review: () => {
      sync();
      set({ view: 'review', typed: '' });
    },
    digit: (m) => (u.view === 'question' ? void editExam((b, d, o) => digit(b, d, m.input, o)) : set({ typed: (u.typed + m.input).slice(-3) })),
    submit: () => {
      if (u.view === 'map') return u.typed ? typedJump() : go(u.mapCursor);
      if (u.view === 'review') {
        if (u.typed) return typedJump();
        const st = exam.current!;
        return nav.push({ name: 'confirm', message: `Submit the exam now? ${answeredCount(st)} of ${st.spec.questionIds.length} answered; ${unansweredIndices(st).length} unanswered questions score as wrong.`, onYes: () => apply({ type: 'submit', now: deps.clock.now().getTime() }) });
      }
      return undefined;
    },
    back: () => {
      if (u.view === 'map' || u.view === 'review') return set({ view: 'question' });
      if (u.view === 'report' || u.view === 'resume') return nav.back();
      return askLeave(null);
    },
    interrupt: () => (u.view === 'report' || u.view === 'resume' ? leave(130) : askLeave(130)),
  });

  const width = columns - 1;
  const { st: state, question, order, picks, n, typed, orders, draft } = current();
  let body: Line[] = [];
  let status: Line = [];
  let bodyScroll = u.scroll;
  const message = keys.message ?? u.notice;
  if (u.view === 'resume') {
    const a = deps.port.state.activeExam;
    body = a
      ? [[], ...layoutMarkdown(`An unfinished exam from ${a.startedAt.slice(0, 16).replace('T', ' ')} UTC: **${a.answers.filter((x) => x !== null).length} of ${a.spec.questionIds.length}** answered, **${formatClock(Math.max(0, a.spec.minutes * 60_000 - a.elapsedMs))}** left.`, width), [], [{ text: 'y resume it · n discard it and start a new exam', role: 'accent', bold: true }]]
      : [];
  } else if (u.view === 'report' && record.current) {
    body = reportLines(deps.pack, record.current, width);
    reportScroll.current = scrollLimits(body.length, rows);
    bodyScroll = Math.min(u.scroll, reportScroll.current.max);
    status = [{ text: `${record.current.result.scaled}/1000 ${record.current.result.passed ? 'pass' : 'fail'}`, role: record.current.result.passed ? 'good' : 'bad', bold: true }];
  } else if (state) {
    const left = timeLeftMs(state);
    status = [{ text: `Q ${state.current + 1}/${n} · ${answeredCount(state)} answered · ⚑ ${flaggedIndices(state).length} · ` }, { text: formatClock(left), bold: true, role: left <= 10 * 60_000 ? 'bad' : left <= 30 * 60_000 ? 'warn' : 'accent' }];
    if (u.view === 'question' && question) {
      const laid = questionLines(deps.pack, question, order, u.cursor, picks, width, `Question ${state.current + 1}${state.flags[state.current] ? ' ⚑ flagged' : ''}`);
      body = laid.lines;
      const height = bodyHeight(rows, message !== undefined);
      bodyScroll = laid.cursorLine >= height - 1 ? laid.cursorLine - height + 2 : 0;
    } else if (u.view === 'question' && typed && draft) {
      const laid = draftQuestionLines(deps.pack, typed, orders, draft, width, `Question ${state.current + 1}${state.flags[state.current] ? ' ⚑ flagged' : ''}`, u.focused);
      body = laid.lines;
      const height = bodyHeight(rows, message !== undefined);
      bodyScroll = laid.cursorLine >= height - 1 ? laid.cursorLine - height + 2 : 0;
    } else if (u.view === 'question') {
      body = [[{ text: 'This question has been removed from the pack since the exam began; it is not scored. Press n for the next one.' }]];
    } else if (u.view === 'map') {
      body = mapLines(state, u.mapCursor, u.typed);
    } else {
      const unanswered = unansweredIndices(state);
      const flagged = flaggedIndices(state);
      body = [
        [{ text: `Review: ${answeredCount(state)} of ${n} answered.`, bold: true }],
        [],
        ...layoutMarkdown(`Unanswered: ${unanswered.length ? unanswered.map((i) => i + 1).join(', ') : 'none'}`, width, { role: unanswered.length ? 'warn' : 'good' }),
        ...layoutMarkdown(`Flagged: ${flagged.length ? flagged.map((i) => i + 1).join(', ') : 'none'}`, width, { role: flagged.length ? 'flag' : 'good' }),
        [],
        [{ text: 'Type a question number and Enter to go back to it; Enter alone submits (after you confirm).' }],
        [{ text: `Go to: ${u.typed || '_'}`, role: 'accent', bold: true }],
      ];
    }
  }
  return <Frame title={`${deps.pack.title} · exam`} status={status} body={body} screen={screenKind()} theme={theme} columns={columns} rows={rows} scroll={bodyScroll} message={message} />;
}

/** The question map: ten to a row; answered, unanswered, flagged and current at a glance. */
function mapLines(state: ExamState, cursor: number, typed: string): Line[] {
  const out: Line[] = [[{ text: 'Question map: ' }, { text: '■ answered ', role: 'good' }, { text: '□ unanswered ', role: 'dim' }, { text: '⚑ flagged ', role: 'flag' }, { text: '[current]', bold: true }], []];
  for (let row = 0; row * 10 < state.answers.length; row += 1) {
    const line: Segment[] = [];
    for (let i = row * 10; i < Math.min(state.answers.length, row * 10 + 10); i += 1) {
      const answered = state.answers[i] !== null;
      const label = `${state.flags[i] ? '⚑' : answered ? '■' : '□'}${String(i + 1).padStart(2)}`;
      line.push({ text: i === state.current ? `[${label}]` : ` ${label} `, role: state.flags[i] ? 'flag' : answered ? 'good' : 'dim', bold: i === state.current, inverse: i === cursor });
    }
    out.push(line);
  }
  out.push([], [{ text: `Go to: ${typed || '_'}  (type a number, or move with ↑↓ and press Enter; Esc returns)`, role: 'accent' }]);
  return out;
}
