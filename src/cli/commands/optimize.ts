/**
 * `examdrill optimize`: fits the FSRS parameters to the learner's review history (in a worker
 * thread), scores the parameters in use and the fitted ones on that same history, and keeps the
 * fitted ones only when they predict it better. Kept parameters are a settings event in the log:
 * `examdrill settings parameters default` undoes them.
 */
import { effectiveSettings } from '../../domain/progress/state.js';
import { fitHistory, MIN_FIT_ITEMS, MIN_FIT_REVIEWS, predictsBetter, type FittedParameters } from '../../domain/scheduler/optimizer.js';
import { stripControlChars } from '../../domain/text/control-chars.js';
import { dayKey } from '../../domain/time/day.js';
import { bindingOptimizer, bindingOptimizerFrom, OptimizerUnavailable } from '../../store/scheduler/optimizer-runner.js';
import { readModelEvents } from '../../store/scheduler/review-history.js';
import type { CommandContext } from '../command-table.js';
import { choosePack, localOffset, locatePacks, openStore } from '../context.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';

export async function runOptimize({ io, args }: CommandContext): Promise<number> {
  const json = args.options.json === true;
  const located = await locatePacks(args.options, io, { quiet: json });
  const { pack } = choosePack(located, args.options.pack as string | undefined);
  const store = await openStore(located.dataDir, pack.id, io, { autoFlush: false });
  try {
    const history = fitHistory(readModelEvents(store.dir));
    if (history.reviews < MIN_FIT_REVIEWS || history.itemCount < MIN_FIT_ITEMS) {
      throw new UserError(
        `too little history to fit: ${history.reviews} reviews of ${history.itemCount} items in pack ${pack.id} (needs ${MIN_FIT_REVIEWS} reviews of ${MIN_FIT_ITEMS} items)`,
        'Keep studying; nothing was changed. The default parameters stay in use.',
      );
    }
    const current = effectiveSettings(store.state).parameters;
    const progress = progressWriter(io.stderr);
    const optimizer = io.env.EXAMDRILL_FSRS_BINDING ? bindingOptimizerFrom(io.env.EXAMDRILL_FSRS_BINDING) : bindingOptimizer;
    const { w, before, after } = await optimizer.fit(history.sequences, current?.w ?? null, progress.update).catch((e: unknown) => {
      if (!(e instanceof OptimizerUnavailable)) throw e;
      throw new UserError(
        `${e.message}: @open-spaced-repetition/binding has no build for it (${stripControlChars(e.reason).slice(0, 160)})`,
        `Nothing was changed: the schedule keeps the ${current ? `parameters fitted on ${current.fittedAt.slice(0, 10)}` : 'default FSRS-6 parameters'}. Fitting runs on Linux x64 (copy your progress there with \`examdrill progress export\`).`,
      );
    });
    progress.end();
    const kept = predictsBetter(after, before);
    const now = io.now();
    const fitted: FittedParameters = { w: w.map((x) => Number(x.toFixed(6))), fittedAt: now.toISOString(), reviews: history.reviews, items: history.itemCount, logLoss: after.logLoss, rmseBins: after.rmseBins };
    if (kept) store.record({ type: 'settings', at: now.toISOString(), day: dayKey(now, localOffset), key: 'parameters', value: fitted });
    const was = current ? `fitted ${current.fittedAt.slice(0, 10)}` : 'default';
    if (json) {
      writeLine(io.stdout, JSON.stringify({ pack: pack.id, reviews: history.reviews, items: history.itemCount, before: { parameters: was, ...before }, fitted: { ...after, w: fitted.w }, kept }, null, 2));
      return 0;
    }
    writeLine(io.stdout, `Fitted to ${history.reviews} reviews of ${history.itemCount} items (pack ${pack.id}).`);
    writeLine(io.stdout, `${''.padEnd(22)}log loss  RMSE(bins)`);
    writeLine(io.stdout, `${`in use (${was})`.padEnd(22)}${before.logLoss.toFixed(4).padEnd(10)}${before.rmseBins.toFixed(4)}`);
    writeLine(io.stdout, `${'fitted'.padEnd(22)}${after.logLoss.toFixed(4).padEnd(10)}${after.rmseBins.toFixed(4)}`);
    writeLine(io.stdout, kept ? 'Kept the fitted parameters: they predict your history better. The schedule uses them from your next answer. To go back: examdrill settings parameters default' : 'Kept the parameters in use: the fitted ones do not predict your history better.');
    return 0;
  } finally {
    await store.close();
  }
}

/** A percentage redrawn in place on a terminal; one line per 10% otherwise. */
function progressWriter(out: NodeJS.WritableStream & { isTTY?: boolean }) {
  const tty = out.isTTY === true;
  let shown = -1;
  return {
    update: (done: number, total: number) => {
      const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
      if (tty) {
        if (pct !== shown) out.write(`\rFitting the memory model... ${pct}%`);
        shown = pct;
      } else {
        const step = Math.floor(pct / 10) * 10;
        if (step > shown) {
          out.write(`fitting: ${step}%\n`);
          shown = step;
        }
      }
    },
    end: () => {
      if (tty) out.write('\rFitting the memory model... 100%\n');
      else if (shown < 100) out.write('fitting: 100%\n');
    },
  };
}
