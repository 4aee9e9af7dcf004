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
import { useEffect, useReducer, useRef, useState } from 'react';
import { correctIndices } from '../../domain/pack/types.js';
import { createExam, seedFrom } from '../../domain/exam/create-exam.js';
import { recordExamChange, recordExamDiscard, recordExamEnd, recordExamStart, recordExamTime, type ExamContext } from '../../domain/exam/exam-actions.js';
import { answeredCount, crossedWarning, examReducer, flaggedIndices, formatClock, startExam, timeLeftMs, unansweredIndices, type ExamAction, type ExamState } from '../../domain/exam/exam-reducer.js';
import { reportMarkdown } from '../../domain/exam/report.js';
import type { ExamRecord } from '../../domain/progress/events.js';
import { effectiveSettings } from '../../domain/progress/state.js';
import { bodyHeight, Frame } from '../components/frame.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import type { ScreenKind } from '../keys/key-map.js';
import { reportLines } from '../report-lines.js';
import type { ScreenProps } from '../screen-props.js';
import { layoutMarkdown, type Line, type Segment } from '../text/layout.js';
import { questionLines } from './item-lines.js';

type View = 'resume' | 'question' | 'map' | 'review' | 'report';

/** Time used is saved this often, so a crash costs at most this much exam time. */
export const CHECKPOINT_MS = 15_000;

export function ExamScreen({ deps, nav, theme, columns, rows, active }: ScreenProps) {
  const ctx: ExamContext = { pack: deps.pack, port: deps.port, clock: deps.clock };
  const exam = useRef<ExamState | null>(null);
  const record = useRef<ExamRecord | null>(null);
  const lastCheckpoint = useRef(0);
  const [view, setView] = useState<View>(() => (deps.port.state.activeExam ? 'resume' : 'question'));
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [cursor, setCursor] = useState(0);
  const [typed, setTyped] = useState('');
  const [mapCursor, setMapCursor] = useState(0);
  const [scroll, setScroll] = useState(0);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const begin = () => {
    const now = deps.clock.now();
    const created = createExam(deps.pack, deps.port.state, {
      seed: deps.options.seed ?? seedFrom(now),
      now,
      ...(deps.options.questions ? { questions: deps.options.questions } : {}),
      ...(deps.options.minutes ? { minutes: deps.options.minutes } : {}),
      extraMinutes: effectiveSettings(deps.port.state).extraMinutes,
    });
    if (created.shortfall) setNotice(`The pack holds ${created.shortfall.available} questions, fewer than the ${created.shortfall.asked} asked for: this exam uses all of them.`);
    recordExamStart(ctx, created.spec);
    exam.current = startExam(created.spec, now.getTime());
    lastCheckpoint.current = 0;
  };
  if (view === 'question' && !exam.current && !record.current) begin();

  const finish = () => {
    const state = exam.current!;
    record.current = recordExamEnd(ctx, state);
    if (deps.options.reportFile) {
      try {
        deps.writeFile(deps.options.reportFile, reportMarkdown(deps.pack, record.current));
        setNotice(`Report written to ${deps.options.reportFile}.`);
      } catch (e) {
        setNotice((e as Error).message);
      }
    }
    setScroll(0);
    setView('report');
  };

  const apply = (action: ExamAction) => {
    const before = exam.current;
    if (!before) return;
    const after = examReducer(before, action);
    exam.current = after;
    recordExamChange(ctx, before, after);
    const warned = crossedWarning(timeLeftMs(before), timeLeftMs(after));
    if (warned) setNotice(`${warned} minute${warned === 1 ? '' : 's'} left.`);
    if (after.elapsedMs - lastCheckpoint.current >= CHECKPOINT_MS) {
      lastCheckpoint.current = after.elapsedMs;
      recordExamTime(ctx, after);
    }
    if (after.phase !== 'in-progress' && before.phase === 'in-progress') {
      if (after.phase === 'expired') setNotice('Time is up: the exam was submitted with the answers given.');
      finish();
      return;
    }
    rerender();
  };

  // One interval for the life of the running exam; it calls the latest `apply` through a ref.
  const applyRef = useRef(apply);
  applyRef.current = apply;
  const running = view !== 'resume' && view !== 'report';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => applyRef.current({ type: 'tick', now: deps.clock.now().getTime() }), 1000);
    return () => clearInterval(timer);
  }, [running, deps.clock]);

  const state = exam.current;
  const n = state?.spec.questionIds.length ?? 0;
  const question = state ? deps.pack.questions.find((q) => q.id === state.spec.questionIds[state.current]) : undefined;
  const order = state ? (state.spec.optionOrders[state.current] ?? []) : [];
  const keysNeeded = question ? correctIndices(question).length : 1;
  const picks = state && question ? (state.answers[state.current] ?? []).map((k) => order.indexOf(k)).filter((p) => p >= 0) : [];
  const go = (index: number) => {
    apply({ type: 'go-to', index });
    setCursor(0);
    setView('question');
  };
  const leave = (code: number | null) => {
    if (exam.current && !record.current) recordExamTime(ctx, exam.current);
    if (code === null) nav.back();
    else nav.exit(code);
  };
  const askLeave = (code: number | null) =>
    nav.push({ name: 'confirm', message: `${code === null ? 'Stop' : 'Quit'} the exam now? Your answers and the ${formatClock(state ? timeLeftMs(state) : 0)} left are saved: \`examdrill exam\` resumes it.`, onYes: () => leave(code) });
  const typedJump = () => {
    const k = Number(typed);
    setTyped('');
    if (typed && (!Number.isInteger(k) || k < 1 || k > n)) return keys.say(`There is no question ${typed}: 1 to ${n}.`);
    return typed ? go(k - 1) : undefined;
  };

  const screen: ScreenKind = view === 'resume' ? 'confirm' : view === 'question' ? 'exam' : view === 'map' ? 'exam-map' : view === 'review' ? 'exam-review' : 'report';
  const keys = useScreenKeys(screen, active, nav, {
    yes: () => {
      const saved = deps.port.state.activeExam!;
      exam.current = startExam(saved.spec, deps.clock.now().getTime(), saved);
      lastCheckpoint.current = saved.elapsedMs;
      if (exam.current.phase === 'expired') return finish();
      setView('question');
    },
    no: () => {
      recordExamDiscard(ctx, deps.port.state.activeExam!.spec.examId);
      setNotice('The unfinished exam was discarded.');
      begin();
      setView('question');
    },
    pick: (m) => {
      const position = /\d/.test(m.input) ? Number(m.input) - 1 : m.input.charCodeAt(0) - 97;
      if (position >= order.length) return keys.say(`There are ${order.length} options.`);
      if (keysNeeded > 1 && !picks.includes(position) && picks.length >= keysNeeded) return keys.say(`Choose at most ${keysNeeded}: unpick one first.`);
      setCursor(position);
      apply({ type: 'select-option', position, multiple: keysNeeded > 1 });
    },
    toggle: () => {
      if (keysNeeded > 1 && !picks.includes(cursor) && picks.length >= keysNeeded) return keys.say(`Choose at most ${keysNeeded}.`);
      apply({ type: 'select-option', position: cursor, multiple: keysNeeded > 1 });
    },
    up: () => {
      if (view === 'question') setCursor((c) => Math.max(0, c - 1));
      else if (view === 'map') setMapCursor((c) => Math.max(0, c - 10));
      else setScroll((s) => Math.max(0, s - 1));
    },
    down: () => {
      if (view === 'question') setCursor((c) => Math.min(order.length - 1, c + 1));
      else if (view === 'map') setMapCursor((c) => Math.min(n - 1, c + 10));
      else setScroll((s) => s + 1);
    },
    next: () => {
      if (view === 'map') return setMapCursor((c) => Math.min(n - 1, c + 1));
      if (state && state.current === n - 1) return setView('review');
      apply({ type: 'next' });
      setCursor(0);
    },
    previous: () => {
      if (view === 'map') return setMapCursor((c) => Math.max(0, c - 1));
      apply({ type: 'previous' });
      setCursor(0);
    },
    flag: () => apply({ type: 'toggle-flag' }),
    map: () => {
      setMapCursor(state?.current ?? 0);
      setTyped('');
      setView('map');
    },
    review: () => {
      setTyped('');
      setView('review');
    },
    digit: (m) => setTyped((t) => (t + m.input).slice(-3)),
    erase: () => setTyped((t) => t.slice(0, -1)),
    submit: () => {
      if (view === 'map') return typed ? typedJump() : go(mapCursor);
      if (view === 'review') {
        if (typed) return typedJump();
        return nav.push({ name: 'confirm', message: `Submit the exam now? ${answeredCount(state!)} of ${n} answered; ${unansweredIndices(state!).length} unanswered questions score as wrong.`, onYes: () => apply({ type: 'submit', now: deps.clock.now().getTime() }) });
      }
      return undefined;
    },
    back: () => {
      if (view === 'map' || view === 'review') return setView('question');
      if (view === 'report' || view === 'resume') return nav.back();
      return askLeave(null);
    },
    interrupt: () => (view === 'report' || view === 'resume' ? leave(130) : askLeave(130)),
  });

  const width = columns - 1;
  let body: Line[] = [];
  let status: Line = [];
  let bodyScroll = scroll;
  const message = keys.message ?? notice;
  if (view === 'resume') {
    const a = deps.port.state.activeExam;
    body = a
      ? [[], ...layoutMarkdown(`An unfinished exam from ${a.startedAt.slice(0, 16).replace('T', ' ')} UTC: **${a.answers.filter((x) => x !== null).length} of ${a.spec.questionIds.length}** answered, **${formatClock(Math.max(0, a.spec.minutes * 60_000 - a.elapsedMs))}** left.`, width), [], [{ text: 'y resume it · n discard it and start a new exam', role: 'accent', bold: true }]]
      : [];
  } else if (view === 'report' && record.current) {
    body = reportLines(deps.pack, record.current, width);
    status = [{ text: `${record.current.result.scaled}/1000 ${record.current.result.passed ? 'pass' : 'fail'}`, role: record.current.result.passed ? 'good' : 'bad', bold: true }];
  } else if (state) {
    const left = timeLeftMs(state);
    status = [{ text: `Q ${state.current + 1}/${n} · ${answeredCount(state)} answered · ⚑ ${flaggedIndices(state).length} · ` }, { text: formatClock(left), bold: true, role: left <= 10 * 60_000 ? 'bad' : left <= 30 * 60_000 ? 'warn' : 'accent' }];
    if (view === 'question' && question) {
      const laid = questionLines(deps.pack, question, order, cursor, picks, width, `Question ${state.current + 1}${state.flags[state.current] ? ' ⚑ flagged' : ''}`);
      body = laid.lines;
      const height = bodyHeight(rows, message !== undefined);
      bodyScroll = laid.cursorLine >= height - 1 ? laid.cursorLine - height + 2 : 0;
    } else if (view === 'question') {
      body = [[{ text: 'This question has been removed from the pack since the exam began; it is not scored. Press n for the next one.' }]];
    } else if (view === 'map') {
      body = mapLines(state, mapCursor, typed);
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
        [{ text: `Go to: ${typed || '_'}`, role: 'accent', bold: true }],
      ];
    }
  }
  return <Frame title={`${deps.pack.title} · exam`} status={status} body={body} screen={screen} theme={theme} columns={columns} rows={rows} scroll={bodyScroll} message={message} />;
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
