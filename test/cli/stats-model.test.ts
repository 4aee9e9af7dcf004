import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../src/domain/progress/events.js';
import type { FittedParameters } from '../../src/domain/scheduler/optimizer.js';
import { reviewEvents, simulate, TRUE_W } from '../helpers/simulated-learner.js';
import { runCli, tempDir } from '../helpers/run-cli.js';
import { storeWith } from '../helpers/stores.js';

const PACK = 'aws-dop-c02';
const env = (dir: string) => ({ EXAMDRILL_DATA_DIR: dir });

const machine = (events: readonly NewEvent[], dir?: string) => storeWith(PACK, events, dir);

interface Model {
  parameters: 'default' | { fittedAt: string; reviews: number };
  reviews: number;
  logLoss: number | null;
  rmseBins: number | null;
  calibration: { from: number; to: number; predicted: number | null; observed: number | null; count: number }[];
}

describe('stats: the model section', () => {
  it('--json scores a simulated history: 10 bins whose counts sum to the reviews scored', async () => {
    const dir = await machine(reviewEvents(simulate({ items: 160, perItem: 14, seed: 7 })));
    const run = await runCli(['stats', '--pack', PACK, '--json'], { env: env(dir) });
    expect(run.code).toBe(0);
    const model = (JSON.parse(run.stdout) as { model: Model }).model;
    expect(model.parameters).toBe('default');
    // Every review after an item's first (one per item per day) is scored.
    expect(model.reviews).toBe(160 * 13);
    expect(model.calibration).toHaveLength(10);
    expect(model.calibration.reduce((n, b) => n + b.count, 0)).toBe(model.reviews);
    model.calibration.forEach((b, i) => {
      expect(b.from).toBeCloseTo(i / 10, 10);
      expect(b.to).toBeCloseTo((i + 1) / 10, 10);
      if (b.count === 0) expect([b.predicted, b.observed]).toEqual([null, null]);
      else {
        expect(b.predicted!).toBeGreaterThanOrEqual(b.from);
        expect(b.predicted!).toBeLessThanOrEqual(b.to);
        expect(b.observed!).toBeGreaterThanOrEqual(0);
        expect(b.observed!).toBeLessThanOrEqual(1);
      }
    });
    // A learner FSRS-6 roughly fits: a log loss near srs-benchmark's, far under a coin's ln 2.
    expect(model.logLoss!).toBeGreaterThan(0.2);
    expect(model.logLoss!).toBeLessThan(0.6);
    expect(model.rmseBins!).toBeGreaterThan(0);
    expect(model.rmseBins!).toBeLessThan(0.2);

    const text = await runCli(['stats', '--pack', PACK], { env: env(dir) });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Parameters: default (FSRS-6).');
    expect(text.stdout).toContain(`Log loss ${model.logLoss!.toFixed(4)}, RMSE over the 10 bins ${model.rmseBins!.toFixed(4)}, on 2080 reviews`);
    expect(text.stdout).toMatch(/^90-100% +█+.* predicted +\d+$/m);
  }, 60_000);

  it('with fitted parameters: says when and from how many reviews, and scores those parameters', async () => {
    const events = reviewEvents(simulate({ items: 160, perItem: 14, seed: 7 }));
    const plain = await machine(events);
    const fitted: FittedParameters = { w: TRUE_W, fittedAt: '2026-11-20T09:30:00.000Z', reviews: 2240, items: 160, logLoss: 0.33, rmseBins: 0.04 };
    const dir = await machine([...events, { type: 'settings', at: '2026-11-20T09:30:00.000Z', day: '2026-11-20', key: 'parameters', value: fitted }]);
    const a = (JSON.parse((await runCli(['stats', '--pack', PACK, '--json'], { env: env(plain) })).stdout) as { model: Model }).model;
    const b = (JSON.parse((await runCli(['stats', '--pack', PACK, '--json'], { env: env(dir) })).stdout) as { model: Model }).model;
    expect(b.parameters).toEqual({ fittedAt: '2026-11-20T09:30:00.000Z', reviews: 2240 });
    expect(b.reviews).toBe(a.reviews);
    // The learner's true parameters predict their history better than the defaults.
    expect(b.logLoss!).toBeLessThan(a.logLoss!);
    const text = await runCli(['stats', '--pack', PACK], { env: env(dir) });
    expect(text.stdout).toContain('Parameters: fitted on 2026-11-20 from 2240 reviews (examdrill optimize).');
  }, 60_000);

  it('without history: "not enough reviews yet", null numbers, empty bins', async () => {
    const dir = tempDir();
    const run = await runCli(['stats', '--pack', PACK, '--json'], { env: env(dir) });
    expect(run.code).toBe(0);
    const model = (JSON.parse(run.stdout) as { model: Model }).model;
    expect(model).toMatchObject({ parameters: 'default', reviews: 0, logLoss: null, rmseBins: null });
    expect(model.calibration.map((b) => b.count)).toEqual(Array(10).fill(0));
    const text = await runCli(['stats', '--pack', PACK], { env: env(dir) });
    expect(text.stdout).toContain('Not enough reviews yet (0)');
    expect(text.stdout).not.toContain('Log loss');
  });

  it('one review per item is not enough either: nothing to predict yet', async () => {
    const dir = await machine(reviewEvents(simulate({ items: 12, perItem: 1, seed: 2 })));
    const text = await runCli(['stats', '--pack', PACK], { env: env(dir) });
    expect(text.stdout).toContain('Not enough reviews yet (0)');
  });
});

describe('settings: parameters', () => {
  it('shows "default" for FSRS-6 defaults, and the fit after one', async () => {
    const dir = tempDir();
    const list = await runCli(['settings', '--pack', PACK], { env: env(dir) });
    expect(list.stdout).toMatch(/^parameters +default +/m);
    expect(list.stdout).not.toMatch(/^parameters +none/m);
    const one = await runCli(['settings', 'parameters', '--pack', PACK], { env: env(dir) });
    expect(one.stdout).toMatch(/^parameters +default/m);
    const set = await runCli(['settings', 'parameters', 'default', '--pack', PACK], { env: env(dir) });
    expect(set.stdout).toContain(`parameters = default (pack ${PACK})`);
  });
});

describe('the re-optimize hint', () => {
  it('settings suggests optimize once there is enough history, and not right after a fit', async () => {
    const events = reviewEvents(simulate({ items: 160, perItem: 14, seed: 7 }));
    const dir = await machine(events);
    const before = await runCli(['settings', '--pack', PACK], { env: env(dir) });
    expect(before.stdout).toMatch(/^Hint: \d+ reviews of 160 items: enough to fit the memory model to you\. Run: examdrill optimize --pack aws-dop-c02/m);
    const last = events.at(-1)!;
    const fitted: FittedParameters = { w: TRUE_W, fittedAt: new Date(Date.parse(last.at) + 60_000).toISOString(), reviews: 2240, items: 160, logLoss: 0.33, rmseBins: 0.04 };
    const after = await machine([{ type: 'settings', at: fitted.fittedAt, day: last.day, key: 'parameters', value: fitted }], dir);
    const run = await runCli(['settings', '--pack', PACK], { env: env(after) });
    expect(run.stdout).toMatch(/^parameters +fitted /m);
    expect(run.stdout).not.toContain('Hint:');
  });

  it('no hint on a short history', async () => {
    const dir = await machine(reviewEvents(simulate({ items: 30, perItem: 5, seed: 3 })));
    expect((await runCli(['settings', '--pack', PACK], { env: env(dir) })).stdout).not.toContain('Hint:');
  });
});
