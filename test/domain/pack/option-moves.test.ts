import { describe, expect, it } from 'vitest';
import { compareVersions, movesBetween } from '../../../src/domain/pack/option-moves.js';
import type { ExamSpec, ProgressEvent } from '../../../src/domain/progress/events.js';
import { applyEvent, emptyProgress } from '../../../src/domain/progress/state.js';

describe('option moves between pack versions', () => {
  it('orders versions by number, a pre-release before its release', () => {
    expect(['1.10.0', '1.2.0', '1.2.0-beta.1', '0.9.9', '1.2.1'].sort(compareVersions)).toEqual(['0.9.9', '1.2.0-beta.1', '1.2.0', '1.2.1', '1.10.0']);
  });

  it('applies only the versions after the learner\'s and up to the pack\'s, composed in order', () => {
    const moves = {
      '1.1.0': { q: [2, 0, 1, 3] }, // new A was old C, ...
      '1.2.0': { q: [1, 0, 2, 3, null], other: [1, 0] }, // then A and B swap, and a fifth option is new
      '2.0.0': { other: [0, 1] },
    };
    // From 1.0.0 to 1.2.0: now A = 1.1.0's B = 1.0.0's A; now B = 1.1.0's A = 1.0.0's C.
    expect(movesBetween(moves, '1.0.0', '1.2.0')).toEqual({ q: [0, 2, 1, 3, null], other: [1, 0] });
    expect(movesBetween(moves, '1.1.0', '1.2.0')).toEqual({ q: [1, 0, 2, 3, null], other: [1, 0] });
    expect(movesBetween(moves, '1.2.0', '1.2.0')).toEqual({});
    expect(movesBetween(undefined, '1.0.0', '9.0.0')).toEqual({});
  });
});

describe('the fold renumbers what points at moved options', () => {
  const spec: ExamSpec = { examId: 'x1', questionIds: ['q', 'r'], optionOrders: [[3, 2, 1, 0], [1, 0]], minutes: 5, passingScore: 750, seed: 1, packVersion: '1.0.0' };
  const base = { day: '2026-12-01' };
  const events: ProgressEvent[] = [
    { ...base, id: 'e1', at: '2026-12-01T10:00:00.000Z', type: 'exam-start', exam: spec },
    { ...base, id: 'e2', at: '2026-12-01T10:01:00.000Z', type: 'exam-answer', examId: 'x1', index: 0, chosen: [2], elapsedMs: 1000 },
    { ...base, id: 'e3', at: '2026-12-01T10:02:00.000Z', type: 'exam-answer', examId: 'x1', index: 1, chosen: [1], elapsedMs: 2000 },
  ];

  it('misconceptions, a past exam and the exam in progress follow their options; a removed option takes its count along', () => {
    const state = emptyProgress();
    for (const e of events) applyEvent(state, e);
    state.exams.push({ ...spec, examId: 'x0', startedAt: 'a', endedAt: 'b', outcome: 'submitted', elapsedMs: 1, answers: [[2], [1]], flags: [false, false], result: { correct: 0, total: 2, scaled: 100, passed: false, domains: [] } });
    state.misconceptions = { 'q#2': 3, 'q#0': 1, 'r#1': 2 };
    applyEvent(state, { ...base, id: 'e4', at: '2026-12-02T09:00:00.000Z', type: 'pack-sync', version: '1.1.0', hashes: {}, moves: { q: [2, 1, 3] } });
    // q: old C is now A, old B stays B, old D is now C, old A was removed.
    expect(state.misconceptions).toEqual({ 'q#0': 3, 'r#1': 2 });
    // The display order D, C, B, A becomes new C, new A, new B (old A is gone).
    expect(state.exams[0]!.optionOrders).toEqual([[2, 0, 1], [1, 0]]);
    expect(state.exams[0]!.answers).toEqual([[0], [1]]);
    expect(state.activeExam!.spec.optionOrders).toEqual([[2, 0, 1], [1, 0]]);
    expect(state.activeExam!.answers).toEqual([[0], [1]]);
  });

  it('a pack-sync without moves leaves them alone', () => {
    const state = emptyProgress();
    for (const e of events) applyEvent(state, e);
    state.misconceptions = { 'q#2': 3 };
    applyEvent(state, { ...base, id: 'e4', at: '2026-12-02T09:00:00.000Z', type: 'pack-sync', version: '1.1.0', hashes: {} });
    expect(state.misconceptions).toEqual({ 'q#2': 3 });
    expect(state.activeExam!.answers).toEqual([[2], [1]]);
  });
});
