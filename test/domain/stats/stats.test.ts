import { describe, expect, it } from 'vitest';
import { emptyProgress } from '../../../src/domain/progress/state.js';
import { newCardState, schedule } from '../../../src/domain/scheduler/fsrs-adapter.js';
import { nextAction } from '../../../src/domain/stats/next-action.js';
import { computeStats, guessRate } from '../../../src/domain/stats/stats.js';
import { utcOffset } from '../../../src/domain/time/day.js';
import { loadPack } from '../../../src/store/pack/load-pack.js';
import { FIXTURES } from '../../helpers/run-cli.js';
import { blueprintPack, card } from '../../helpers/packs.js';

const pack = blueprintPack([4, 4, 4, 4, 4, 4]);
const now = new Date('2026-11-20T09:00:00Z');

describe('stats', () => {
  it.each([
    [4, 1, 0.25],
    [5, 2, 0.1],
    [6, 3, 0.05],
  ])('guessing %i options with %i keys is right with probability %f', (o, k, p) => expect(guessRate(o, k)).toBeCloseTo(p, 10));

  it('an empty progress file: zero mastery, readiness at guessing level, nothing due', () => {
    const s = computeStats(pack, emptyProgress(), now, utcOffset);
    expect(s.reviews).toEqual({ total: 0, today: 0 });
    expect(s.due.now).toBe(0);
    expect(s.due.forecast).toHaveLength(21);
    expect(s.topics.every((t) => t.mastery === 0 && t.seen === 0)).toBe(true);
    expect(s.readiness.scaled).toBeGreaterThan(100);
    expect(s.readiness.scaled).toBeLessThan(350);
    expect(s.retention.observed).toBeNull();
    expect(s.calendar).toHaveLength(84);
  });

  it('joins memory and results per topic, and exams per domain with the latest weighted most', () => {
    const state = emptyProgress();
    const card = schedule(newCardState(now), now, 4).state;
    state.items['d0-q0'] = { kind: 'question', card, seen: 2, correct: 2, recent: 1 };
    state.items['d0-q2'] = { kind: 'question', card, seen: 2, correct: 0, recent: 0 };
    state.exams = [
      { examId: 'a', questionIds: [], optionOrders: [], minutes: 1, passingScore: 750, seed: 1, packVersion: '1', startedAt: '2026-11-01T00:00:00Z', endedAt: '2026-11-01T01:00:00Z', outcome: 'submitted', elapsedMs: 1, answers: [], flags: [], result: { correct: 0, total: 4, scaled: 100, passed: false, domains: [{ id: 'd0', correct: 0, total: 4 }] } },
      { examId: 'b', questionIds: [], optionOrders: [], minutes: 1, passingScore: 750, seed: 1, packVersion: '1', startedAt: '2026-11-10T00:00:00Z', endedAt: '2026-11-10T01:00:00Z', outcome: 'submitted', elapsedMs: 1, answers: [], flags: [], result: { correct: 4, total: 4, scaled: 1000, passed: true, domains: [{ id: 'd0', correct: 4, total: 4 }] } },
    ];
    state.misconceptions = { 'd0-q2#1': 3, 'd0-q0#3': 1, 'gone#0': 9 };
    const s = computeStats(pack, state, now, utcOffset);
    const t0 = s.topics.find((t) => t.id === 'd0-t0')!;
    expect(t0.seen).toBe(2);
    // The card is unseen (0); d0-q0 is fresh and right (1); d0-q2 is fresh and wrong ((1 + 0) / 2).
    expect(t0.mastery).toBeCloseTo((0 + 1 + 0.5) / 3, 3);
    expect(s.domains[0]!.examAccuracy).toBeCloseTo(2 / 3, 10);
    expect(s.exams.map((e) => e.scaled)).toEqual([100, 1000]);
    expect(s.misconceptions.map((m) => [m.question, m.option, m.times])).toEqual([['d0-q2', 1, 3], ['d0-q0', 3, 1]]);
    expect(s.misconceptions[0]!.optionText).toBe('Option 1 of d0-q2');
  });

  it('suggests study when items are due, a quiz on the weakest topic, else an exam', () => {
    const s = computeStats(pack, emptyProgress(), now, utcOffset);
    expect(nextAction({ due: 3, newToday: 0, unseen: 0, plan: null }, s).kind).toBe('study');
    expect(nextAction({ due: 0, newToday: 0, unseen: 0, plan: null }, s)).toMatchObject({ kind: 'quiz', topic: 'd0-t0' });
    const strong = { ...s, topics: s.topics.map((t) => ({ ...t, mastery: 0.9 })) };
    expect(nextAction({ due: 0, newToday: 0, unseen: 0, plan: null }, strong).kind).toBe('exam');
  });

  it('never suggests a quiz on a topic of cards only, nor a quiz or exam on a pack without questions', () => {
    const cardsOnly = { ...pack, topics: [{ id: 'cards', title: 'Cards only', domain: 'd0' }, ...pack.topics], cards: [...pack.cards, card('c9', 'cards')] };
    const s = computeStats(cardsOnly, emptyProgress(), now, utcOffset);
    expect(s.topics.find((t) => t.id === 'cards')).toMatchObject({ total: 1, questions: 0, mastery: 0 });
    expect(nextAction({ due: 0, newToday: 0, unseen: 0, plan: null }, s)).toMatchObject({ kind: 'quiz', topic: 'd0-t0' });
    const noQuestions = computeStats({ ...pack, questions: [] }, emptyProgress(), now, utcOffset);
    expect(nextAction({ due: 0, newToday: 0, unseen: 0, plan: null }, noQuestions).kind).toBe('study');
  });
});

describe('leeches of other question types', () => {
  it('name their wrong answers in words: the pair, the order, the text typed, a case study part', async () => {
    const loaded = await loadPack(`${FIXTURES}/qtypes-packs/qtypes`);
    if (!loaded.ok) throw new Error('the qtypes fixture does not load');
    const state = emptyProgress();
    const leech = { kind: 'question' as const, card: null, seen: 9, correct: 1, recent: 0.1, suspended: { reason: 'leech' as const, at: now.toISOString() } };
    for (const id of ['match-invocation', 'order-worker', 'sa-dockerrun', 'case-worker']) state.items[id] = leech;
    state.misconceptions = { 'match-invocation#m1>2': 5, 'order-worker#o2-1-3-4': 4, 'sa-dockerrun#=dockerfile': 3, 'case-worker#p1/=4': 2 };
    const leeches = computeStats(loaded.pack, state, now, utcOffset).suspended.leeches;
    const answers = Object.fromEntries(leeches.map((l) => [l.item, l.misconceptions.map((m) => `${m.answer} ×${m.times}`)]));
    expect(answers).toEqual({
      'match-invocation': ['paired Amazon SQS queue with Synchronous ×5'],
      'order-worker': ['ordered The daemon posts the message body to the application over HTTP. > The daemon reads a message from the SQS queue. > The application answers 200 OK. > The daemon deletes the message from the queue. ×4'],
      'sa-dockerrun': ['typed "dockerfile" ×3'],
      'case-worker': ['typed "4" ×2'],
    });
  });
});
