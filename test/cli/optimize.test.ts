import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../src/domain/progress/events.js';
import { schedulerSettings } from '../../src/domain/progress/settings.js';
import { effectiveSettings } from '../../src/domain/progress/state.js';
import { newCardState, schedule } from '../../src/domain/scheduler/fsrs-adapter.js';
import { dailyHistories, daySequences } from '../../src/domain/scheduler/optimizer.js';
import { bindingOptimizer } from '../../src/store/scheduler/optimizer-runner.js';
import { reviewEvents, simulate } from '../helpers/simulated-learner.js';
import { runCli, tempDir } from '../helpers/run-cli.js';
import { readStore, storeWith } from '../helpers/stores.js';

const PACK = 'aws-dop-c02';
const env = (dir: string) => ({ EXAMDRILL_DATA_DIR: dir });

const machine = (events: readonly NewEvent[], dir?: string) => storeWith(PACK, events, dir);

const settingsOf = (dir: string) => readStore(dir, PACK, effectiveSettings);

describe('examdrill optimize', () => {
  it('fits a simulated learner better than the defaults, on reviews it never saw, and the next review uses the fit', async () => {
    const history = simulate({ items: 160, perItem: 14, seed: 7 });
    expect(history.length).toBeGreaterThanOrEqual(2000);
    const dir = await machine(reviewEvents(history));

    const run = await runCli(['optimize', '--pack', PACK, '--json'], { env: env(dir) });
    expect(run.stderr).toMatch(/fitting: 100%/);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { reviews: number; items: number; kept: boolean; before: { logLoss: number }; fitted: { logLoss: number; w: number[] } };
    expect(out.reviews).toBe(history.length);
    expect(out.items).toBe(160);
    expect(out.kept).toBe(true);
    expect(out.fitted.logLoss).toBeLessThan(out.before.logLoss);
    // Plain mode: one line per 10%.
    expect(run.stderr.split('\n').filter((l) => l.startsWith('fitting:')).length).toBeLessThanOrEqual(11);

    // Held out: another group of items of the same learner.
    const heldOut = daySequences(dailyHistories(simulate({ items: 120, perItem: 14, seed: 99, prefix: 'h' })));
    const withDefaults = await bindingOptimizer.evaluate(heldOut, null);
    const withFit = await bindingOptimizer.evaluate(heldOut, out.fitted.w);
    expect(withFit.logLoss).toBeLessThan(withDefaults.logLoss);
    // The scores the fit printed are those of its history, as a separate evaluation finds them.
    const own = daySequences(dailyHistories(history));
    expect((await bindingOptimizer.evaluate(own, null)).logLoss).toBeCloseTo(out.before.logLoss, 6);
    expect((await bindingOptimizer.evaluate(own, out.fitted.w)).logLoss).toBeCloseTo(out.fitted.logLoss, 3);

    // The parameters are a settings event, and the scheduler takes them from the next answer.
    const settings = await settingsOf(dir);
    expect(settings.parameters?.w).toEqual(out.fitted.w);
    expect(settings.parameters?.reviews).toBe(history.length);
    const scheduler = schedulerSettings(settings);
    expect(scheduler.parameters).toEqual(out.fitted.w);
    const now = new Date('2026-12-01T10:00:00Z');
    const first = schedule(newCardState(now), now, 3, { ...scheduler, learningSteps: [], fuzz: false });
    const later = new Date(Date.parse(first.state.due));
    const fitted = schedule(first.state, later, 3, { ...scheduler, learningSteps: [], fuzz: false }).state.due;
    const plain = schedule(schedule(newCardState(now), now, 3, { ...scheduler, parameters: undefined, learningSteps: [], fuzz: false }).state, later, 3, { ...scheduler, parameters: undefined, learningSteps: [], fuzz: false }).state.due;
    expect(fitted).not.toBe(plain);

    // Undo: back to the defaults, through the log.
    const reset = await runCli(['settings', 'parameters', 'default', '--pack', PACK], { env: env(dir) });
    expect(reset.code).toBe(0);
    expect((await settingsOf(dir)).parameters).toBeNull();
  }, 120_000);

  it('refuses too little history, with the counts, and changes nothing', async () => {
    const dir = await machine(reviewEvents(simulate({ items: 30, perItem: 5, seed: 3 })));
    const run = await runCli(['optimize', '--pack', PACK], { env: env(dir) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('150 reviews of 30 items');
    expect(run.stderr).toContain('needs 400 reviews of 100 items');
    expect(run.stdout).toBe('');
    expect((await settingsOf(dir)).parameters).toBeNull();
  });

  it('says so, in two lines, where the optimizer cannot load (no build of the binding for the platform), changing nothing', async () => {
    const dir = await machine(reviewEvents(simulate({ items: 100, perItem: 5, seed: 4 })));
    const run = await runCli(['optimize', '--pack', PACK], { env: { ...env(dir), EXAMDRILL_FSRS_BINDING: '/nonexistent/fsrs-binding.node.js' } });
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^examdrill: the FSRS optimizer is not available on ${process.platform}-${process.arch}: @open-spaced-repetition/binding has no build for it \\(.*fsrs-binding`));
    expect(lines[1]).toBe('Nothing was changed: the schedule keeps the default FSRS-6 parameters. Fitting runs on Linux x64 (copy your progress there with `examdrill progress export`).');
    expect(run.stdout).toBe('');
    expect((await settingsOf(dir)).parameters).toBeNull();
    // A binding package that is there but whose native part is not (as on macOS with 0.5.0): the worker says so.
    const broken = join(tempDir(), 'binding.cjs');
    writeFileSync(broken, "throw new Error('Cannot find native binding. npm has a bug related to optional dependencies');\n");
    const again = await runCli(['optimize', '--pack', PACK], { env: { ...env(dir), EXAMDRILL_FSRS_BINDING: broken } });
    expect(again.code).toBe(2);
    expect(again.stderr.split('\n')[0]).toBe(`examdrill: the FSRS optimizer is not available on ${process.platform}-${process.arch}: @open-spaced-repetition/binding has no build for it (Cannot find native binding. npm has a bug related to optional dependencies)`);
    expect((await settingsOf(dir)).parameters).toBeNull();
  });
});
