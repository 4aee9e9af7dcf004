/**
 * The optimizer port (domain/scheduler/optimizer.ts) on @open-spaced-repetition/binding, the FSRS
 * reference optimizer (the Rust fsrs-rs that Anki runs) compiled as a Node binding. Everything
 * the binding does runs in a worker thread: building its items, the fit, and the scores. So the
 * process that asked stays responsive and draws progress: with a history of 100,000 reviews the
 * binding's items alone are about 570,000 reviews, which took seconds to build on the asking
 * thread, and their garbage paused it for tens of milliseconds afterwards (bench/optimize.mjs).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { FitResult, ModelScore, OptimizerPort, ReviewSequence } from '../../domain/scheduler/optimizer.js';

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

/** Reviews encoded before the event loop gets a turn: a millisecond or two of work, even before the code is optimised. */
const ENCODE_SLICE = 5_000;

/**
 * The sequences in one Int32Array, moved (not copied) to the worker: the sequence count, each
 * one's length, then every review's rating and deltaT. Encoded a slice at a time between turns
 * of the event loop, so a history of 100,000 reviews never holds up the screen for long
 * (bench/optimize.mjs). Copying them as nested arrays held the loop for about half a second.
 */
async function encodeSequences(items: readonly ReviewSequence[]): Promise<Int32Array> {
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  let reviews = 0;
  for (const item of items) reviews += item.length;
  const out = new Int32Array(1 + items.length + 2 * reviews);
  out[0] = items.length;
  let at = 1 + items.length;
  let slice = 0;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i]!;
    out[1 + i] = item.length;
    for (const r of item) {
      out[at++] = r.rating;
      out[at++] = r.deltaT;
    }
    slice += item.length + 1;
    if (slice >= ENCODE_SLICE) {
      slice = 0;
      await turn();
    }
  }
  return out;
}

/**
 * The worker's code: CommonJS, given the binding's resolved path, so it runs from source and from
 * the bundle alike. It loads the binding itself (a native module of some megabytes: loading it on
 * the asking thread held that thread up) and says when it cannot. The binding's items are every
 * prefix of a sequence from two reviews on; the prefixes share one object per review.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let b;
try { b = require(workerData.binding); } catch (e) { parentPort.postMessage({ type: 'unavailable', message: String(e && e.message || e).split('\\n')[0] }); }
if (b) run().then((result) => parentPort.postMessage({ type: 'done', result }), (e) => parentPort.postMessage({ type: 'error', message: String(e && e.message || e) }));
function items() {
  const data = workerData.sequences;
  const count = data[0];
  const out = [];
  let at = 1 + count;
  for (let i = 0; i < count; i++) {
    const reviews = new Array(data[1 + i]);
    for (let k = 0; k < reviews.length; k++, at += 2) reviews[k] = new b.FSRSBindingReview(data[at], data[at + 1]);
    for (let n = 2; n <= reviews.length; n++) out.push(new b.FSRSBindingItem(reviews.slice(0, n)));
  }
  return out;
}
function score(set, w) {
  const s = (w ? new b.FSRSBinding(w) : new b.FSRSBinding()).evaluate(set);
  return { logLoss: s.logLoss, rmseBins: s.rmseBins };
}
async function run() {
  const set = items();
  if (workerData.job === 'evaluate') return score(set, workerData.w);
  let last = -1;
  const w = Array.from(await b.computeParameters(set, {
    enableShortTerm: true,
    // How often (ms) the binding reports progress; by default it waits so long that a fit of a
    // second or two never reports at all.
    timeout: 100,
    progress: (current, total) => {
      const pct = total > 0 ? Math.floor((current / total) * 100) : 0;
      if (pct !== last) { last = pct; parentPort.postMessage({ type: 'progress', current, total }); }
    },
  }));
  return { w, before: score(set, workerData.w), after: score(set, w) };
}
`;

type WorkerMessage = { type: 'progress'; current: number; total: number } | { type: 'done'; result: unknown } | { type: 'error' | 'unavailable'; message: string };

/**
 * The optimizer on the binding loaded from `specifier` (a package name or a file path): for
 * another build of the binding, made for a platform the package does not cover.
 */
export function bindingOptimizerFrom(specifier: string): OptimizerPort {
  const platform = `${process.platform}-${process.arch}`;
  /** Runs one job in a worker; settles once the worker has ended by itself. */
  async function inWorker<T>(job: 'fit' | 'evaluate', sequences: readonly ReviewSequence[], w: readonly number[] | null, onProgress?: (done: number, total: number) => void): Promise<T> {
    let path: string;
    try {
      const require = createRequire(import.meta.url);
      // The package by its literal name, so the bundle's dependency on it is plain to see (and to check).
      path = specifier === BINDING_PACKAGE ? require.resolve('@open-spaced-repetition/binding') : require.resolve(specifier);
    } catch (e) {
      throw new OptimizerUnavailable(platform, (e as Error).message.split('\n')[0]!);
    }
    const { Worker } = await import('node:worker_threads');
    const encoded = await encodeSequences(sequences);
    // The fit's threads leave one core to this thread, which draws the screen: with all of them
    // busy, a 2-core machine starved it for 20-170 ms at a time (bench/optimize.mjs). The fit
    // takes about as long (the optimizer's work is mostly on one thread anyway). The binding's
    // thread pool reads this once, from the process environment, when the worker starts it.
    process.env.RAYON_NUM_THREADS ??= String(Math.max(1, availableParallelism() - 1));
    return new Promise<T>((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { binding: path, job, w: w ? [...w] : null, sequences: encoded }, transferList: [encoded.buffer as ArrayBuffer] });
      let result: { value: T } | undefined;
      let failed: Error | undefined;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') return onProgress?.(m.current, m.total);
        if (m.type === 'done') result = { value: m.result as T };
        else failed = m.type === 'unavailable' ? new OptimizerUnavailable(platform, m.message) : new Error(`the optimizer failed: ${m.message}`);
      });
      worker.once('error', (e) => (failed ??= e));
      // Settled once the worker has ended by itself: terminating it, or leaving the process
      // while it winds down, can catch the binding's threads mid-teardown (a Rust abort).
      worker.once('exit', () => (result ? resolve(result.value) : reject(failed ?? new Error('the optimizer stopped before it finished'))));
    });
  }
  return {
    fit: (sequences, current, onProgress) => inWorker<FitResult>('fit', sequences, current, onProgress),
    evaluate: (sequences, w) => inWorker<ModelScore>('evaluate', sequences, w),
  };
}

export const bindingOptimizer: OptimizerPort = bindingOptimizerFrom(BINDING_PACKAGE);
