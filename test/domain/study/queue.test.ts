import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card, ChoiceQuestion, Item, Pack } from '../../../src/domain/pack/types.js';
import type { NewEvent, ProgressEvent } from '../../../src/domain/progress/events.js';
import { answerQuestion, rateCard, undoReview, type StudyContext } from '../../../src/domain/study/actions.js';
import { applyEvent, emptyProgress } from '../../../src/domain/progress/state.js';
import { newCardState, schedule } from '../../../src/domain/scheduler/fsrs-adapter.js';
import { cramOrder, examPlan, nextStudyItem, studyCounts, studyOrder } from '../../../src/domain/study/queue.js';
import { dayKey, dayStart, utcOffset } from '../../../src/domain/time/day.js';
import { blueprintPack, card, question } from '../../helpers/packs.js';

const pack = blueprintPack([10, 10, 10, 10, 10, 10]);
const now = new Date('2026-11-20T09:00:00Z');

describe('days', () => {
  it.each([
    ['2026-11-20T03:59:00Z', 0, '2026-11-19'],
    ['2026-11-20T04:00:00Z', 0, '2026-11-20'],
    ['2026-11-20T02:30:00Z', 120, '2026-11-20'],
    ['2026-11-20T08:30:00Z', -300, '2026-11-19'],
  ])('%s at offset %i minutes is day %s (the day starts at 4 a.m. local)', (at, offset, day) => {
    expect(dayKey(new Date(at), () => offset)).toBe(day);
  });

  it('a day starts at 4 a.m. local', () => {
    expect(dayStart('2026-11-20', () => 60).toISOString()).toBe('2026-11-20T03:00:00.000Z');
  });
});

describe('the study queue', () => {
  it('takes new items in topic order, cards first, within the daily new limit', () => {
    const state = emptyProgress();
    state.settings = { newPerDay: 3 };
    const ctx = { pack, state, now, offset: utcOffset };
    expect(nextStudyItem(ctx)?.id).toBe('c1');
    expect(studyCounts(ctx)).toMatchObject({ due: 0, newToday: 3, unseen: 62 });
    state.days['2026-11-20'] = { reviews: 3, correct: 3, introduced: 3, ms: 0 };
    expect(nextStudyItem(ctx)).toBeUndefined();
    expect(studyOrder(pack).slice(0, 3).map((i) => i.id)).toEqual(['c1', 'd0-q0', 'd0-q2']);
  });

  it('shows due learning items first, then reviews due today, oldest first', () => {
    const state = emptyProgress();
    const put = (id: string, card: ReturnType<typeof newCardState>) => (state.items[id] = { kind: 'question', card, seen: 1, correct: 1, recent: 1 });
    const learning = schedule(newCardState(new Date('2026-11-20T08:50:00Z')), new Date('2026-11-20T08:50:00Z'), 3).state;
    const review = { ...schedule(newCardState(new Date('2026-11-01T00:00:00Z')), new Date('2026-11-01T00:00:00Z'), 4).state, due: '2026-11-19T10:00:00.000Z' };
    const laterToday = { ...review, due: '2026-11-20T20:00:00.000Z' };
    put('d1-q1', laterToday);
    put('d2-q1', review);
    put('d3-q1', learning);
    const ctx = { pack, state, now, offset: utcOffset };
    expect(nextStudyItem(ctx)?.id).toBe('d3-q1');
    state.items['d3-q1'] = { ...state.items['d3-q1']!, card: { ...learning, due: '2026-11-20T12:00:00.000Z' } };
    expect(nextStudyItem(ctx)?.id).toBe('d2-q1');
    expect(studyCounts(ctx).due).toBe(2);
  });

  it('raises the new-item limit so every item is introduced before the exam', () => {
    const state = emptyProgress();
    applyEvent(state, { id: 'e1', type: 'settings', at: now.toISOString(), day: '2026-11-20', key: 'examDate', value: '2026-11-30' });
    const plan = examPlan({ pack, state, now, offset: utcOffset });
    expect(plan).toEqual({ examDate: '2026-11-30', daysLeft: 10, newLeft: 62, newPerDayNeeded: 9 });
    state.settings = { ...state.settings, newPerDay: 5 };
    expect(studyCounts({ pack, state, now, offset: utcOffset }).newToday).toBe(9);
  });
});

describe('study order', () => {
  it('is by topic as listed, cards before questions, then by file and line, whatever order the items come in', () => {
    const reference = (p: Pack): string[] => {
      const rank = new Map(p.topics.map((t, i) => [t.id, i]));
      const key = (i: Item) => [rank.get(i.topic)!, i.kind === 'card' ? 0 : 1, i.source.file, i.source.line] as const;
      return [...p.cards, ...p.questions]
        .sort((a, b) => {
          const [x, y] = [key(a), key(b)];
          return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0) || x[3] - y[3];
        })
        .map((i) => i.id);
    };
    const at = fc.record({ topic: fc.integer({ min: 0, max: 3 }), file: fc.constantFrom('a.yaml', 'b/c.yaml', 'b.yaml'), line: fc.integer({ min: 1, max: 40 }) });
    fc.assert(
      fc.property(fc.array(at, { maxLength: 30 }), fc.array(at, { maxLength: 30 }), (cs, qs) => {
        const topics = [3, 1, 0, 2].map((k) => ({ id: `t${k}`, title: `T${k}`, domain: 'd' }));
        const place = <T extends Item>(item: T, a: { topic: number; file: string; line: number }): T => ({ ...item, source: { file: a.file, line: a.line, column: 1, path: '' } });
        const p: Pack = {
          ...blueprintPack([0, 0, 0, 0, 0, 0]),
          topics,
          cards: cs.map((a, i) => place(card(`c${i}`, `t${a.topic}`), a)),
          questions: qs.map((a, i) => place(question(`q${i}`, `t${a.topic}`), a)),
        };
        expect(studyOrder(p).map((i) => i.id)).toEqual(reference(p));
      }),
      { numRuns: 300 },
    );
  });
});

describe('siblings', () => {
  // A card and a question that teach the same fact, as the compiler gives them (symmetric).
  const siblingPack: Pack = {
    ...pack,
    cards: [{ ...card('c-fact', 'd0-t0'), siblings: ['d0-q0'] }, card('c-other', 'd0-t0')],
    questions: pack.questions.map((q) => (q.id === 'd0-q0' ? { ...q, siblings: ['c-fact'] } : q)),
  };
  const studyAt = (state: ReturnType<typeof emptyProgress>, at: Date) => ({ pack: siblingPack, state, now: at, offset: utcOffset });
  let ids = 0;
  const port = (state: ReturnType<typeof emptyProgress>) => ({
    state,
    record(e: NewEvent): ProgressEvent {
      ids += 1;
      const event = { ...e, id: `e${ids}` } as ProgressEvent;
      applyEvent(state, event);
      return event;
    },
  });
  const actions = (state: ReturnType<typeof emptyProgress>, at: Date): StudyContext => ({ pack: siblingPack, port: port(state), clock: { now: () => at, offset: utcOffset } });
  const byId = (id: string) => [...siblingPack.cards, ...siblingPack.questions].find((i) => i.id === id)!;

  it('a new card answered today keeps its new sibling question out of study until 4 a.m. tomorrow', () => {
    const state = emptyProgress();
    state.settings = { newPerDay: 200 };
    const order = studyOrder(siblingPack).map((i) => i.id);
    expect(order.slice(0, 3)).toEqual(['c-fact', 'c-other', 'd0-q0']);
    const event = rateCard(actions(state, now), byId('c-fact') as Card, 4, 1000, 'study');
    expect(nextStudyItem(studyAt(state, now))?.id).toBe('c-other');
    state.items['c-other'] = { kind: 'card', card: { ...schedule(newCardState(now), now, 4).state, due: '2026-12-30T00:00:00.000Z' }, seen: 1, correct: 1, recent: 1, lastAt: now.toISOString() };
    // d0-q0 is next in study order; it is buried, so the next new question is served instead.
    expect(nextStudyItem(studyAt(state, now))?.id).toBe('d0-q2');
    const counts = studyCounts(studyAt(state, now));
    expect(counts.unseen).toBe(60); // still unseen, for the exam plan
    expect(counts.newToday).toBe(60 - 1); // every unseen item but the buried one
    expect(nextStudyItem(studyAt(state, new Date('2026-11-21T03:59:00Z')))?.id).toBe('d0-q2'); // still today
    // At 4 a.m. a new day starts: the card (Easy) is days away, and the question is served.
    expect(nextStudyItem(studyAt(state, new Date('2026-11-21T04:00:00Z')))?.id).toBe('d0-q0');
    // Undoing the answer unburies at once.
    undoReview(actions(state, now), event);
    delete state.items['c-other'];
    expect(nextStudyItem(studyAt(state, now))?.id).toBe('c-fact');
  });

  it('a due review whose sibling was answered today (in cram too) stays due and comes first tomorrow', () => {
    const state = emptyProgress();
    state.settings = { newPerDay: 0 };
    const long = schedule(newCardState(new Date('2026-10-01T00:00:00Z')), new Date('2026-10-01T00:00:00Z'), 4).state;
    state.items['c-fact'] = { kind: 'card', card: { ...long, due: '2026-11-20T05:00:00.000Z' }, seen: 1, correct: 1, recent: 1 };
    expect(nextStudyItem(studyAt(state, now))?.id).toBe('c-fact');
    answerQuestion(actions(state, now), byId('d0-q0') as ChoiceQuestion, (byId('d0-q0') as ChoiceQuestion).options.flatMap((o, i) => (o.correct ? [i] : [])), 1000, 'cram');
    expect(nextStudyItem(studyAt(state, now))).toBeUndefined();
    expect(studyCounts(studyAt(state, now)).due).toBe(0);
    expect(state.items['c-fact']!.card!.due).toBe('2026-11-20T05:00:00.000Z'); // not rescheduled
    expect(nextStudyItem(studyAt(state, new Date('2026-11-21T04:00:00Z')))?.id).toBe('c-fact');
    expect(studyCounts(studyAt(state, new Date('2026-11-21T04:00:00Z'))).due).toBe(1);
  });

  it('an item in its learning steps is not buried: the step under way goes on', () => {
    const state = emptyProgress();
    state.settings = { newPerDay: 0 };
    const learning = schedule(newCardState(new Date('2026-11-20T08:50:00Z')), new Date('2026-11-20T08:50:00Z'), 1).state;
    state.items['d0-q0'] = { kind: 'question', card: learning, seen: 1, correct: 0, recent: 0, lastAt: '2026-11-20T08:50:00.000Z' };
    state.items['c-fact'] = { kind: 'card', card: { ...learning, due: '2026-11-20T08:55:00.000Z' }, seen: 1, correct: 0, recent: 0, lastAt: '2026-11-20T08:51:00.000Z' };
    expect(nextStudyItem(studyAt(state, now))?.id).toBe('d0-q0');
    expect(studyCounts(studyAt(state, now)).due).toBe(2);
  });

  it('cram is not buried: it asks every item the learner chose', () => {
    const state = emptyProgress();
    rateCard(actions(state, now), byId('c-fact') as Card, 3, 1000, 'study');
    expect(cramOrder(studyAt(state, now), () => 0.5).map((i) => i.id)).toContain('d0-q0');
  });
});
