import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../src/domain/progress/events.js';
import { applyEvent, emptyProgress, type ProgressState } from '../../../src/domain/progress/state.js';
import { answerQuestion, rateCard, undoReview, type StudyContext } from '../../../src/domain/study/actions.js';
import { utcOffset } from '../../../src/domain/time/day.js';
import { blueprintPack } from '../../helpers/packs.js';

function memoryPort(): StudyContext['port'] & { events: ProgressEvent[] } {
  const state = emptyProgress();
  const events: ProgressEvent[] = [];
  let n = 0;
  return {
    state,
    events,
    record(e) {
      const event = { ...e, id: `e${(n += 1)}` } as ProgressEvent;
      events.push(event);
      applyEvent(state, event);
      return event;
    },
  };
}

const pack = blueprintPack();
let clock = new Date('2026-11-20T09:00:00Z');
const ctx = (port = memoryPort()): StudyContext & { port: ReturnType<typeof memoryPort> } => ({ pack, port, clock: { now: () => clock, offset: utcOffset } });

describe('the progress fold', () => {
  it('counts reviews, days, misconceptions and recent accuracy', () => {
    const c = ctx();
    const q = pack.questions[1]!; // single answer, key 1
    answerQuestion(c, q, [2], 4000, 'quiz');
    answerQuestion(c, q, [2], 4000, 'quiz');
    answerQuestion(c, q, [1], 4000, 'quiz');
    rateCard(c, pack.cards[0]!, 3, 2000, 'study');
    const s = c.port.state;
    expect(s.totalReviews).toBe(4);
    expect(s.days['2026-11-20']).toMatchObject({ reviews: 4, correct: 2, introduced: 2 });
    expect(s.misconceptions).toEqual({ [`${q.id}#2`]: 2 });
    expect(s.items[q.id]).toMatchObject({ seen: 3, correct: 1, lastWrongAt: '2026-11-20T09:00:00.000Z' });
    expect(s.items[q.id]!.recent).toBeCloseTo(0.35, 5);
  });

  it('undo puts every count and the item back exactly as they were', () => {
    const c = ctx();
    const q = pack.questions[1]!;
    answerQuestion(c, q, [1], 4000, 'study');
    const before = structuredClone(c.port.state);
    clock = new Date('2026-11-21T09:00:00Z');
    const { event } = answerQuestion(c, q, [3], 4000, 'study');
    expect(c.port.state).not.toEqual(before);
    undoReview(c, event);
    expect(c.port.state).toEqual(before);
  });

  it('replaying the same events gives the same state', () => {
    const c = ctx();
    for (const [i, q] of pack.questions.slice(0, 12).entries()) answerQuestion(c, q, [i % 4], 1000 * i, i % 2 ? 'quiz' : 'study');
    const replayed = c.port.events.reduce((s: ProgressState, e) => applyEvent(s, e), emptyProgress());
    expect(replayed).toEqual(c.port.state);
  });

  it('keeps answers to items later removed from the pack in the totals', () => {
    const c = ctx();
    answerQuestion(c, pack.questions[0]!, [0, 2], 1000, 'quiz');
    const smaller = { ...pack, questions: pack.questions.slice(1) };
    expect(smaller.questions.some((q) => q.id === pack.questions[0]!.id)).toBe(false);
    expect(c.port.state.totalReviews).toBe(1);
    expect(c.port.state.items[pack.questions[0]!.id]).toBeDefined();
  });
});
