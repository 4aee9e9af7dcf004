/**
 * The optimizer port (domain/scheduler/optimizer.ts) on @open-spaced-repetition/binding, the FSRS
 * reference optimizer (the Rust fsrs-rs that Anki runs) compiled as a Node binding. A fit runs in
 * a worker thread, so the process that asked stays responsive and can draw progress; a score runs
 * here (it is one pass over the history).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
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
        // The package by its literal name, so the bundle's dependency on it is plain to see (and to check).
        const m = (await (specifier === BINDING_PACKAGE ? import('@open-spaced-repetition/binding') : import(specifier))) as Binding & { default?: Binding };
        const b = m.default ?? m;
        if (typeof b.computeParameters !== 'function' || typeof b.FSRSBinding !== 'function') throw new Error(`${specifier} is not the FSRS binding (no computeParameters)`);
        return b;
      } catch (e) {
        binding = undefined;
        throw new OptimizerUnavailable(`${process.platform}-${process.arch}`, e instanceof Error ? e.message.split('\n')[0]! : String(e));
      }
    })());
}

/** Items encoded per slice before the event loop gets a turn: ~2 ms of work at a time. */
const ENCODE_SLICE = 10_000;

/**
 * The items in one Int32Array, moved (not copied) to the worker: the item count, each item's
 * length, then every review's rating and deltaT. Encoded a slice at a time between turns of the
 * event loop, so a history of 100,000 reviews never holds up the screen for long
 * (bench/optimize.mjs). Copying them as nested arrays held the loop for about half a second.
 */
async function encodeItems(items: readonly OptimizerItem[]): Promise<Int32Array> {
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  let reviews = 0;
  for (let i = 0; i < items.length; i += 1) {
    if (i > 0 && i % ENCODE_SLICE === 0) await turn();
    reviews += items[i]!.length;
  }
  const out = new Int32Array(1 + items.length + 2 * reviews);
  out[0] = items.length;
  let at = 1 + items.length;
  for (let start = 0; start < items.length; start += ENCODE_SLICE) {
    await turn();
    for (let i = start; i < Math.min(items.length, start + ENCODE_SLICE); i += 1) {
      const item = items[i]!;
      out[1 + i] = item.length;
      for (const r of item) {
        out[at++] = r.rating;
        out[at++] = r.deltaT;
      }
    }
  }
  return out;
}

function toBinding(b: Binding, items: readonly OptimizerItem[]) {
  return items.map((item) => new b.FSRSBindingItem(item.map((r) => new b.FSRSBindingReview(r.rating, r.deltaT))));
}

/**
 * The worker's code: CommonJS, given the binding's resolved path, so it runs from source and from
 * the bundle alike. It loads the binding itself (a native module of some megabytes: loading it on
 * the asking thread held that thread up) and says when it cannot.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let b;
try { b = require(workerData.binding); } catch (e) { parentPort.postMessage({ type: 'unavailable', message: String(e && e.message || e).split('\\n')[0] }); }
if (b) fit();
function fit() {
  const data = workerData.items;
  const count = data[0];
  const items = new Array(count);
  let at = 1 + count;
  for (let i = 0; i < count; i++) {
    const reviews = new Array(data[1 + i]);
    for (let k = 0; k < reviews.length; k++, at += 2) reviews[k] = new b.FSRSBindingReview(data[at], data[at + 1]);
    items[i] = new b.FSRSBindingItem(reviews);
  }
  let last = -1;
  b.computeParameters(items, {
    enableShortTerm: true,
    progress: (current, total) => {
      const pct = total > 0 ? Math.floor((current / total) * 100) : 0;
      if (pct !== last) { last = pct; parentPort.postMessage({ type: 'progress', current, total }); }
    },
  }).then((w) => parentPort.postMessage({ type: 'done', w: Array.from(w) }), (e) => parentPort.postMessage({ type: 'error', message: String(e && e.message || e) }));
}
`;

type WorkerMessage = { type: 'progress'; current: number; total: number } | { type: 'done'; w: number[] } | { type: 'error' | 'unavailable'; message: string };

/**
 * The optimizer on the binding loaded from `specifier` (a package name or a file path): for
 * another build of the binding, made for a platform the package does not cover.
 */
export function bindingOptimizerFrom(specifier: string): OptimizerPort {
  const load = loader(specifier);
  const platform = `${process.platform}-${process.arch}`;
  return {
    async fit(items, onProgress) {
      let path: string;
      try {
        path = createRequire(import.meta.url).resolve(specifier);
      } catch (e) {
        throw new OptimizerUnavailable(platform, (e as Error).message.split('\n')[0]!);
      }
      const { Worker } = await import('node:worker_threads');
      const encoded = await encodeItems(items);
      // The fit's threads leave one core to this thread, which draws the screen: with all of them
      // busy, a 2-core machine starved it for 20-170 ms at a time (bench/optimize.mjs). The fit
      // takes about as long (the optimizer's work is mostly on one thread anyway). The binding's
      // thread pool reads this once, from the process environment, when the worker starts it.
      process.env.RAYON_NUM_THREADS ??= String(Math.max(1, availableParallelism() - 1));
      return new Promise((resolve, reject) => {
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { binding: path, items: encoded }, transferList: [encoded.buffer as ArrayBuffer] });
        let fitted: number[] | undefined;
        let failed: Error | undefined;
        worker.on('message', (m: WorkerMessage) => {
          if (m.type === 'progress') return onProgress?.(m.current, m.total);
          if (m.type === 'done') fitted = m.w;
          else failed = m.type === 'unavailable' ? new OptimizerUnavailable(platform, m.message) : new Error(`the optimizer failed: ${m.message}`);
        });
        worker.once('error', (e) => (failed ??= e));
        // Settled once the worker has ended by itself: terminating it, or leaving the process
        // while it winds down, can catch the binding's threads mid-teardown (a Rust abort).
        worker.once('exit', () => (fitted ? resolve(fitted) : reject(failed ?? new Error('the optimizer stopped before it finished'))));
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
