// Key to frame: in a pseudo-terminal, a 75-question mock exam on the bundled pack (193
// questions) with its countdown running and the question map open (`m`); Down and Up are
// written alternately (the map's cursor moves by a row of 10 and back), and each press is timed
// from the write to the first bytes of the next frame and to the frame's end (Ink wraps each
// frame in the synchronized-output markers ESC[?2026h ... ESC[?2026l).
// Budget: median < 16 ms (one frame at 60 Hz), to the end of the frame.
import { childEnv, KEYS, log, program, runIfMain, startPty, stripAnsi, summary, tempDir, timePty } from './lib.mjs';

export const BUDGET_MS = 16;

const FRAME_START = '\x1b[?2026h';
const FRAME_END = '\x1b[?2026l';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until `test(rawSoFar)` holds; rejects after timeoutMs. */
function waitFor(state, test, timeoutMs = 15_000) {
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`timed out; screen: ${JSON.stringify(stripAnsi(state.raw).slice(-600))}`)), timeoutMs);
    const check = () => {
      if (test(state.raw)) {
        clearTimeout(deadline);
        state.listeners.delete(check);
        resolve();
      }
    };
    state.listeners.add(check);
    check();
  });
}

export async function bench({ runs, quick = false } = {}) {
  const presses = runs ?? (quick ? 20 : 80);
  const prog = program();
  const node = process.execPath;
  const env = childEnv({ EXAMDRILL_DATA_DIR: tempDir() });
  await timePty(node, [prog, 'packs'], { env }); // warm the compiled-pack cache

  const p = await startPty(node, [prog, 'exam', '--questions', '75', '--seed', '7'], { env, cols: 100, rows: 30 });
  const state = { raw: '', listeners: new Set(), onChunk: undefined };
  p.onData((d) => {
    state.raw += d;
    state.onChunk?.(d);
    for (const l of [...state.listeners]) l();
  });
  const exited = new Promise((resolve) => p.onExit(resolve));
  try {
    await waitFor(state, (raw) => /Question 1\b/.test(stripAnsi(raw)) && /m map/.test(stripAnsi(raw)));
    state.raw = '';
    p.write('m');
    await waitFor(state, (raw) => /go \/ submit/.test(stripAnsi(raw)) && raw.includes(FRAME_END));
    await sleep(300);

    const firstByte = [];
    const frameEnd = [];
    let ticks = 0;
    let pending;
    // Frames are told apart by their body: a key moves the map's highlight, the countdown's
    // tick changes only the title line (the clock). A tick frame during a press is not the answer.
    const bodyOf = (frame) => frame.split('\n').slice(1).join('\n');
    const mapFrame = state.raw.slice(state.raw.lastIndexOf(FRAME_START));
    let lastBody = bodyOf(mapFrame.slice(0, mapFrame.indexOf(FRAME_END)));
    let frame = '';
    let frameStart = 0;
    state.onChunk = (d) => {
      const now = performance.now();
      const at = d.indexOf(FRAME_START);
      if (at >= 0) {
        frame = d.slice(at);
        frameStart = now;
      } else {
        frame += d;
      }
      const close = frame.indexOf(FRAME_END);
      if (close < 0) return;
      const body = bodyOf(frame.slice(0, close));
      frame = '';
      if (body === lastBody || !pending || frameStart < pending.t0) {
        ticks += 1;
        lastBody = body;
        return;
      }
      lastBody = body;
      firstByte.push(frameStart - pending.t0);
      frameEnd.push(now - pending.t0);
      const done = pending.done;
      pending = undefined;
      done();
    };
    log(`key-to-frame: ${presses} presses`);
    for (let i = 0; i < presses; i += 1) {
      // Every 10 presses, stay idle long enough for the countdown to tick and redraw.
      if (i > 0 && i % 10 === 0) await sleep(1_300);
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no frame (ESC[?2026h ... ESC[?2026l) with a changed body within 2 s of press ${i + 1}`)), 2_000);
        pending = {
          t0: performance.now(),
          done: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        p.write(i % 2 === 0 ? KEYS.Down : KEYS.Up);
      });
      await sleep(25 + (i % 5) * 7); // let the frame settle; vary the phase between presses
    }
    const result = {
      id: 'key-to-frame',
      title: 'Key to frame: exam question map (75 questions, countdown running), Down/Up alternately',
      rows: [
        { name: 'key -> first bytes of the next frame', unit: 'ms', values: firstByte, p95: true },
        { name: 'key -> end of the next frame', unit: 'ms', values: frameEnd, p95: true },
      ],
      budgets: [{ name: 'key -> end of frame, median', value: summary(frameEnd).median, limit: BUDGET_MS, unit: 'ms', op: '<' }],
      notes: [`The countdown drew ${ticks} frame${ticks === 1 ? '' : 's'} of its own meanwhile (told apart by content: a tick changes only the clock); the run pauses 1.3 s every 10 presses so it certainly ticks.`],
    };
    if (ticks === 0) throw new Error('the countdown never redrew: is the exam running?');
    return result;
  } finally {
    p.kill('SIGHUP');
    await Promise.race([exited, sleep(5_000)]);
  }
}

await runIfMain(import.meta.url, bench);
