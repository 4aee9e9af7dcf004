/**
 * The optimizer port (domain/scheduler/optimizer.ts) on @open-spaced-repetition/binding, the FSRS
 * reference optimizer (the Rust fsrs-rs that Anki runs) compiled as a Node binding. A fit runs in
 * a worker thread, so the process that asked stays responsive and can draw progress; a score runs
 * here (it is one pass over the history).
 */
import { createRequire } from 'node:module';
import type * as BindingModule from '@open-spaced-repetition/binding';
import type { ModelScore, OptimizerItem, OptimizerPort } from '../../domain/scheduler/optimizer.js';

type Binding = typeof BindingModule;

/**
 * The optimizer cannot run here: @open-spaced-repetition/binding has no build for this platform
 * (0.5.0 publishes linux-x64 only; its darwin, win32, linux-arm64 and wasm32-wasi packages are
 * missing from the registry). Nothing else needs the binding: it is loaded only by `optimize`.
 */
export class OptimizerUnavailable extends Error {
  constructor(
    readonly platform: string,
    /** Why the load failed, in one line. */
    readonly reason: string,
  ) {
    super(`the FSRS optimizer is not available on ${platform}`);
  }
}

/** The binding's package; `EXAMDRILL_FSRS_BINDING` may name another module (optimize.ts). */
export const BINDING_PACKAGE = '@open-spaced-repetition/binding';

/** Loads the binding from `specifier` once; a failure is an OptimizerUnavailable (and is tried again next time). */
function loader(specifier: string): () => Promise<Binding> {
  let binding: Promise<Binding> | undefined;
  return () =>
    (binding ??= (async () => {
      try {
        const m = (await import(specifier)) as Binding & { default?: Binding };
        const b = m.default ?? m;
        if (typeof b.computeParameters !== 'function' || typeof b.FSRSBinding !== 'function') throw new Error(`${specifier} is not the FSRS binding (no computeParameters)`);
        return b;
      } catch (e) {
        binding = undefined;
        throw new OptimizerUnavailable(`${process.platform}-${process.arch}`, e instanceof Error ? e.message.split('\n')[0]! : String(e));
      }
    })());
}

/** The items as plain arrays of [rating, deltaT] pairs, which cross to a worker cheaply. */
const plain = (items: readonly OptimizerItem[]): number[][][] => items.map((item) => item.map((r) => [r.rating, r.deltaT]));

function toBinding(b: Binding, items: readonly OptimizerItem[]) {
  return items.map((item) => new b.FSRSBindingItem(item.map((r) => new b.FSRSBindingReview(r.rating, r.deltaT))));
}

/** The worker's code: CommonJS, given the binding's resolved path, so it runs from source and from the bundle alike. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const b = require(workerData.binding);
const items = workerData.items.map((item) => new b.FSRSBindingItem(item.map(([rating, deltaT]) => new b.FSRSBindingReview(rating, deltaT))));
let last = -1;
b.computeParameters(items, {
  enableShortTerm: true,
  progress: (current, total) => {
    const pct = total > 0 ? Math.floor((current / total) * 100) : 0;
    if (pct !== last) { last = pct; parentPort.postMessage({ type: 'progress', current, total }); }
  },
}).then((w) => parentPort.postMessage({ type: 'done', w: Array.from(w) }), (e) => parentPort.postMessage({ type: 'error', message: String(e && e.message || e) }));
`;

/**
 * The optimizer on the binding loaded from `specifier` (a package name or a file path): for
 * another build of the binding, made for a platform the package does not cover.
 */
export function bindingOptimizerFrom(specifier: string): OptimizerPort {
  const load = loader(specifier);
  return {
  async fit(items, onProgress) {
    // Loaded here first, so a platform without the binding is refused before a worker starts.
    await load();
    const { Worker } = await import('node:worker_threads');
    const path = createRequire(import.meta.url).resolve(specifier);
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { binding: path, items: plain(items) } });
      let done = false;
      worker.on('message', (m: { type: 'progress'; current: number; total: number } | { type: 'done'; w: number[] } | { type: 'error'; message: string }) => {
        if (m.type === 'progress') onProgress?.(m.current, m.total);
        else {
          done = true;
          void worker.terminate();
          if (m.type === 'done') resolve(m.w);
          else reject(new Error(`the optimizer failed: ${m.message}`));
        }
      });
      worker.once('error', (e) => !done && reject(e));
      worker.once('exit', () => !done && reject(new Error('the optimizer stopped before it finished')));
    });
  },
  async evaluate(items, w): Promise<ModelScore> {
    const b = await load();
    const model = w ? new b.FSRSBinding([...w]) : new b.FSRSBinding();
    const { logLoss, rmseBins } = model.evaluate(toBinding(b, items));
    return { logLoss, rmseBins };
  },
  };
}

export const bindingOptimizer: OptimizerPort = bindingOptimizerFrom(BINDING_PACKAGE);
