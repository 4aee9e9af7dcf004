import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULER, newCardState, schedule, type CardState } from '../../../src/domain/scheduler/fsrs-adapter.js';
import { simulateRetentions, type WhatIfInput } from '../../../src/domain/stats/what-if.js';
import { runCli, tempDir } from '../../helpers/run-cli.js';

const DAY = 86_400_000;
const start = new Date('2026-12-06T04:00:00Z');

/** A learner 60 days in: 300 items, each reviewed a few times, due on various days ahead. */
function learner(n = 300): CardState[] {
  return Array.from({ length: n }, (_, i) => {
    let t = start.getTime() - 60 * DAY + (i % 30) * DAY;
    let c = schedule(newCardState(new Date(t)), new Date(t), 3).state;
    for (let k = 0; k < 1 + (i % 3); k += 1) {
      t = Math.min(Date.parse(c.due), start.getTime() - DAY);
      c = schedule(c, new Date(t), i % 7 === 0 ? 1 : 3).state;
    }
    return c;
  });
}

const input = (over: Partial<WhatIfInput> = {}): WhatIfInput => ({ cards: learner(), unseen: 100, newPerDay: 10, start, examInDays: 45, settings: DEFAULT_SCHEDULER, ...over });

describe('the retention what-if', () => {
  it('costs more reviews and gives more recall as the desired retention rises', () => {
    const w = simulateRetentions(input());
    expect(w.rows.map((r) => r.retention)).toEqual([0.8, 0.85, 0.9, 0.95]);
    const reviews = w.rows.map((r) => r.reviewsPerDay);
    const recall = w.rows.map((r) => r.recallOnTarget);
    for (let i = 1; i < 4; i += 1) expect(reviews[i]).toBeGreaterThan(reviews[i - 1]!);
    expect(recall[3]).toBeGreaterThan(recall[0]!);
    expect(recall[2]).toBeGreaterThan(recall[0]!);
    for (const r of w.rows) {
      expect(r.recallOnTarget).toBeGreaterThan(0.5);
      expect(r.recallOnTarget).toBeLessThanOrEqual(1);
      expect(r.busiestDay).toBeGreaterThanOrEqual(Math.ceil(r.reviewsPerDay));
    }
  });

  it('is reproducible, measures on the exam date when it falls inside the 90 days, else at their end', () => {
    expect(simulateRetentions(input())).toEqual(simulateRetentions(input()));
    expect(simulateRetentions(input({ examInDays: 45 }))).toMatchObject({ days: 90, targetIsExam: true, targetDay: 45 });
    expect(simulateRetentions(input({ examInDays: 200 }))).toMatchObject({ targetIsExam: false, targetDay: 89 });
    expect(simulateRetentions(input({ examInDays: null }))).toMatchObject({ targetIsExam: false });
  });

  it('introduces unseen items at new-per-day, and counts never-seen ones as not known', () => {
    const fresh = simulateRetentions(input({ cards: [], unseen: 50, newPerDay: 10, examInDays: null, days: 30 }), [0.9]);
    // 50 new items over the first 5 days, then their reviews: at least 10 a day on average early on.
    expect(fresh.rows[0]!.reviewsPerDay).toBeGreaterThanOrEqual(50 / 30);
    expect(fresh.rows[0]!.recallOnTarget).toBeGreaterThan(0.5);
    const slow = simulateRetentions(input({ cards: [], unseen: 1000, newPerDay: 1, examInDays: null, days: 30 }), [0.9]);
    // 30 of 1,000 items met: recall over the pack stays under 3%.
    expect(slow.rows[0]!.recallOnTarget).toBeLessThan(0.03);
    expect(simulateRetentions(input({ cards: [], unseen: 0 })).rows[0]).toMatchObject({ reviewsPerDay: 0, recallOnTarget: 0 });
  });

  it('stats --what-if prints the table and marks the learner’s retention; --json adds whatIf', async () => {
    const env = { EXAMDRILL_DATA_DIR: tempDir() };
    await runCli(['settings', 'retention', '0.85'], { env });
    const text = (await runCli(['stats', '--what-if'], { env })).stdout;
    expect(text).toMatch(/What if: the next 90 days at each desired retention\nretention {2}reviews a day {2}busiest day {2}recall in 90 days\n0\.80 .*\n0\.85 .*\(yours\)\n0\.90 .*\n0\.95 /);
    const json = JSON.parse((await runCli(['stats', '--what-if', '--json'], { env })).stdout) as { whatIf: { rows: { retention: number }[] } };
    expect(json.whatIf.rows.map((r) => r.retention)).toEqual([0.8, 0.85, 0.9, 0.95]);
    expect(JSON.parse((await runCli(['stats', '--json'], { env })).stdout)).not.toHaveProperty('whatIf');
  });
});
