import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResults, resultsFileSchema, resultsJsonSchema } from '../../../src/domain/analysis/results-format.js';
import { resultsFromLog } from '../../../src/domain/analysis/results-from-log.js';
import type { ProgressEvent, ReviewPayload } from '../../../src/domain/progress/events.js';

const SCHEMA_FILE = join(import.meta.dirname, '..', '..', '..', 'data', 'results.schema.json');

let n = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 3, 9, minute)).toISOString();
function review(item: string, minute: number, extra: Partial<ReviewPayload> = {}): ProgressEvent {
  n += 1;
  return { type: 'review', id: `r${n}`, at: at(minute), day: '2026-11-03', item, kind: 'question', mode: 'quiz', rating: 3, correct: true, chosen: [0], ms: 12_340, phaseBefore: 'new', elapsedDays: 0, after: null, prev: null, ...extra } as ProgressEvent;
}
const payload = (e: ProgressEvent): ReviewPayload => {
  const { type: _t, id: _i, at: _a, day: _d, ...rest } = e as ProgressEvent & { type: 'review' };
  return rest;
};

describe('results from the review log', () => {
  const options = { pack: { id: 'p', version: '1.2.0' }, currentHashes: new Map([['q1', 'now1'], ['q2', 'now2']]), today: '2026-11-04' };

  it('takes every answer to a question once, less undone ones, with the hash the learner saw', () => {
    const undone = review('q2', 3, { correct: false, chosen: [2] });
    const events: ProgressEvent[] = [
      review('q1', 1), // before any pack-sync: the hash now
      { type: 'pack-sync', id: 's1', at: at(2), day: '2026-11-03', version: '1.1.0', hashes: { q1: 'old1', q2: 'old2' } },
      undone,
      { type: 'undo', id: 'u1', at: at(4), day: '2026-11-03', target: undone.id, review: payload(undone) },
      review('c1', 5, { kind: 'card', chosen: undefined }),
      review('q2', 6, { correct: false, chosen: [1, 3], mode: 'cram' }),
    ];
    const r = resultsFromLog(events, options);
    expect(r.answers).toEqual([
      { item: 'q1', hash: 'now1', mode: 'quiz', chosen: [0], correct: true, seconds: 12.3, day: '2026-11-03' },
      { item: 'q2', hash: 'old2', mode: 'cram', chosen: [1, 3], correct: false, seconds: 12.3, day: '2026-11-03' },
    ]);
    expect(r).not.toHaveProperty('name');
    expect(JSON.stringify(r)).not.toMatch(/T\d\d:\d\d/); // no clock times
    expect(resultsFileSchema.parse(r)).toEqual(r);
  });

  it('keeps the exam answers with their exam number, and each finished exam total once', () => {
    const spec = { examId: 'e1', questionIds: ['q1', 'q2'], optionOrders: [[0, 1], [1, 0]], minutes: 10, passingScore: 750, seed: 1, packVersion: '1.2.0' };
    const result = { correct: 1, total: 2, scaled: 550, passed: false, domains: [] };
    const end: ProgressEvent = { type: 'exam-end', id: 'x2', at: at(9), day: '2026-11-03', examId: 'e1', outcome: 'submitted', elapsedMs: 300_400, result, reviews: [payload(review('q1', 8, { mode: 'exam' })), payload(review('q2', 8, { mode: 'exam', correct: false, chosen: [1] }))] };
    const events: ProgressEvent[] = [{ type: 'exam-start', id: 'x1', at: at(7), day: '2026-11-03', exam: spec }, end, { ...end, id: 'x3', at: at(10) }];
    const r = resultsFromLog(events, { ...options, name: 'Ada' });
    expect(r.name).toBe('Ada');
    expect(r.exams).toEqual([{ number: 1, day: '2026-11-03', outcome: 'submitted', questions: 2, correct: 1, total: 2, scaled: 550, passingScore: 750, passed: false, seconds: 300 }]);
    expect(r.answers.map((a) => [a.item, a.mode, a.exam, a.correct])).toEqual([['q1', 'exam', 1, true], ['q2', 'exam', 1, false]]);
  });

  it('keeps an answer of another kind (a typed one of a newer question type) as response', () => {
    const typed = review('q3', 1, { chosen: undefined, ...({ typed: 'us-east-1' } as object) });
    const r = resultsFromLog([typed], options);
    expect(r.answers[0]).toMatchObject({ item: 'q3', response: 'us-east-1', hash: '' });
    expect(r.answers[0]).not.toHaveProperty('chosen');
    expect(resultsFileSchema.safeParse(r).success).toBe(true);
  });
});

describe('reading a results file', () => {
  const good = { format: 'examdrill-results', version: 1, pack: { id: 'p', version: '1' }, exported: '2026-11-04', answers: [], exams: [] };
  it('accepts format 1, tells a newer format and a foreign file from a broken one', () => {
    expect(parseResults(good).ok).toBe(true);
    expect(parseResults({ ...good, version: 2 })).toEqual({ ok: false, problem: { kind: 'newer', version: 2 } });
    expect(parseResults({ hello: 1 })).toEqual({ ok: false, problem: { kind: 'not-results' } });
    const bad = parseResults({ ...good, answers: [{ item: 'q', hash: 'h', mode: 'quiz', correct: 'yes', seconds: 1, day: '2026-11-04' }] });
    expect(bad).toMatchObject({ ok: false, problem: { kind: 'invalid', path: 'answers[0].correct' } });
    expect(parseResults({ ...good, extra: true })).toMatchObject({ ok: false, problem: { kind: 'invalid' } });
  });

  it('data/results.schema.json is the JSON Schema of the zod schema (UPDATE_SCHEMA=1 rewrites it)', () => {
    const schema = resultsJsonSchema();
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, `${JSON.stringify(schema, null, 2)}\n`);
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')), 'run UPDATE_SCHEMA=1 npx vitest run test/domain/analysis/results-format.test.ts').toEqual(schema);
  });
});
