// Shared helpers for the benchmarks: where things are, a frozen copy of the built program,
// child-process and pseudo-terminal timers, statistics, and the tables every script prints.
//
// Every benchmark script exports `bench({ runs, quick })`, which resolves with a result:
//   { id, title, rows: [{ name, unit, values, baseline?, p95? }], budgets: [{ name, value, limit, unit, op }], notes }
// and runs itself when started directly (`node bench/startup.mjs`).
import { plainInkOptions, programOptions } from '../scripts/esbuild-options.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT = join(ROOT, 'bench', '.out');
export const DIST = join(ROOT, 'dist', 'examdrill.js');

/** Named keys, each written in one `write` so Ink reads one key press. */
export const KEYS = { Up: '\x1b[A', Down: '\x1b[B', Enter: '\r', Escape: '\x1b' };

// ---------------------------------------------------------------------------------------------
// The program under test

let programPath;

/** Runs `npm run build` (dist/examdrill.js), as the user would. */
export function buildProgram() {
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (${r.status})`);
}

/**
 * A byte-identical copy of dist/ (examdrill.js and its chunks), taken once per benchmark run and
 * laid out as an installed package (package.json, dist/, content/), so the program finds its
 * bundled pack as it does when installed. Other work rebuilds dist/ at any time; the copy keeps
 * one run on one build. It sits in bench/.out/node_modules/, which linters and test runners
 * skip. EXAMDRILL_BENCH_PROGRAM=path/to/examdrill.js measures another build instead.
 */
export function program() {
  if (process.env.EXAMDRILL_BENCH_PROGRAM) return process.env.EXAMDRILL_BENCH_PROGRAM;
  if (programPath && existsSync(programPath)) return programPath;
  if (!existsSync(DIST)) buildProgram();
  const base = join(OUT, 'node_modules', `examdrill-${process.pid}`);
  programPath = join(base, 'dist', 'examdrill.js');
  // A rebuild elsewhere empties dist/ for a moment: copy again until the copy runs.
  for (let attempt = 1; ; attempt += 1) {
    rmSync(base, { recursive: true, force: true });
    mkdirSync(base, { recursive: true });
    cpSync(join(ROOT, 'dist'), join(base, 'dist'), { recursive: true });
    // package.json says "type": "module": without it Node would first try the bundle as CommonJS.
    copyFileSync(join(ROOT, 'package.json'), join(base, 'package.json'));
    symlinkSync(join(ROOT, 'content'), join(base, 'content'));
    const check = spawnSync(process.execPath, [programPath, 'pack', 'schema'], { stdio: 'ignore' });
    if (check.status === 0) break;
    if (attempt === 5) throw new Error(`the copy of dist/ in ${base} does not run (exit ${check.status})`);
    spawnSync('sleep', ['2']);
  }
  process.env.EXAMDRILL_BENCH_PROGRAM = programPath; // scripts started from this one share it
  process.on('exit', () => {
    delete process.env.EXAMDRILL_BENCH_PROGRAM;
    rmSync(base, { recursive: true, force: true });
  });
  return programPath;
}

/** The environment of a measured child: ours minus what changes drawing or where data lives. */
export function childEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION', 'NO_COLOR', 'FORCE_COLOR', 'NODE_ENV', 'NODE_OPTIONS', 'DEBUG', 'EXAMDRILL_PACKS_DIR', 'EXAMDRILL_DATA_DIR', 'COLUMNS', 'LINES']) delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k.startsWith('npm_')) delete env[k];
  env.TERM = 'xterm-256color';
  return { ...env, ...extra };
}

const temps = [];
/**
 * A temporary folder (data dirs, copies of stores) in bench/.out/tmp, removed when the process
 * exits. Not in the system's temporary folder, which other work on this machine cleans.
 */
export function tempDir(prefix = 'examdrill-bench-') {
  mkdirSync(join(OUT, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(OUT, 'tmp', prefix));
  temps.push(dir);
  return dir;
}
process.on('exit', () => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
// Ctrl-C or a CI timeout: exit through 'exit', so the temporary folders and the program copy go.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) process.once(signal, () => process.exit(code));

// ---------------------------------------------------------------------------------------------
// Timers

/** Spawns a command with pipes and resolves with the milliseconds from spawn to close. */
export function timeExit(cmd, args, { env = childEnv(), cwd = ROOT, expectCode = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (expectCode !== undefined && code !== expectCode) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(0, 500)}`));
      else resolve({ ms, stdout: out, stderr: err });
    });
  });
}

/** Peak resident memory (MB) of a command, by GNU time's %M (kilobytes). */
export function maxRssMb(cmd, args, { env = childEnv(), cwd = ROOT } = {}) {
  const file = join(tempDir('examdrill-bench-rss-'), 'rss');
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', file, cmd, ...args], { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  return Number(readFileSync(file, 'utf8').trim().split('\n').pop()) / 1024;
}

let ptyModule;
async function pty() {
  ptyModule ??= (await import('@lydell/node-pty')).default;
  return ptyModule;
}

/** Strips ANSI escape sequences, for matching text in a byte stream. */
export function stripAnsi(s) {
  return s.replace(/\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g, '');
}

/**
 * Starts a command in a pseudo-terminal (cols x rows). `until(text)` is tested against the
 * ANSI-stripped output after each chunk; resolves with { ms } from spawn to the first match, then
 * ends the process (SIGHUP, as a closed terminal) and waits for it to exit, so the next run does
 * not compete with it for the CPU. With no `until`, resolves at exit.
 */
export async function timePty(cmd, args, { env = childEnv(), cwd = ROOT, until, cols = 100, rows = 30, timeoutMs = 30_000 } = {}) {
  const { spawn: spawnPty } = await pty();
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawnPty(cmd, args, { name: 'xterm-256color', cols, rows, cwd, env });
    let raw = '';
    let matched;
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${cmd} ${args.join(' ')}; output: ${JSON.stringify(stripAnsi(raw).slice(-400))}`));
    }, timeoutMs);
    p.onData((d) => {
      raw += d;
      if (until && matched === undefined && until(stripAnsi(raw))) {
        matched = performance.now() - t0;
        p.kill('SIGHUP');
      }
    });
    p.onExit(({ exitCode }) => {
      clearTimeout(timer);
      const exitMs = performance.now() - t0;
      if (until && matched === undefined) reject(new Error(`${cmd} ${args.join(' ')} exited ${exitCode} before the expected output: ${JSON.stringify(stripAnsi(raw).slice(-400))}`));
      else resolve({ ms: until ? matched : exitMs, exitMs, raw });
    });
  });
}

/**
 * Peak resident memory (MB) of an interactive run: the command runs under GNU time in a
 * pseudo-terminal until `until(text)` holds, then `quit` is typed so it exits normally.
 */
export async function ptyMaxRssMb(cmd, args, { env = childEnv(), cwd = ROOT, until, quit = 'q', cols = 100, rows = 30, timeoutMs = 60_000 } = {}) {
  const file = join(tempDir('examdrill-bench-rss-'), 'rss');
  const { spawn: spawnPty } = await pty();
  return new Promise((resolve, reject) => {
    const p = spawnPty('/usr/bin/time', ['-f', '%M', '-o', file, cmd, ...args], { name: 'xterm-256color', cols, rows, cwd, env });
    let raw = '';
    let sent = false;
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`timed out waiting for ${cmd} ${args.join(' ')}`));
    }, timeoutMs);
    p.onData((d) => {
      raw += d;
      if (!sent && until(stripAnsi(raw))) {
        sent = true;
        p.write(quit);
      }
    });
    p.onExit(({ exitCode }) => {
      clearTimeout(timer);
      if (exitCode !== 0 || !sent) reject(new Error(`${cmd} ${args.join(' ')} exited ${exitCode}: ${JSON.stringify(stripAnsi(raw).slice(-400))}`));
      else resolve(Number(readFileSync(file, 'utf8').trim().split('\n').pop()) / 1024);
    });
  });
}

/** Starts a command in a pseudo-terminal for interactive use (key-to-frame). */
export async function startPty(cmd, args, { env = childEnv(), cwd = ROOT, cols = 100, rows = 30 } = {}) {
  const { spawn: spawnPty } = await pty();
  return spawnPty(cmd, args, { name: 'xterm-256color', cols, rows, cwd, env });
}

/**
 * Table rows of timings from interleave()'s samples, in their order, each row named as its task;
 * `baselines` maps a row's name to the row it is a ratio of.
 */
export function timedRows(samples, baselines = {}) {
  return Object.entries(samples).map(([name, values]) => ({ name, unit: 'ms', values, ...(baselines[name] ? { baseline: baselines[name] } : {}) }));
}

/**
 * Runs `tasks` ({ name: () => Promise<number> }) `runs` times each after `warmup` unmeasured
 * rounds, interleaved and in a rotating order, so drifting machine load hits every task alike.
 * Resolves with { name: number[] }.
 */
export async function interleave(tasks, { runs, warmup = 2, onRound } = {}) {
  const names = Object.keys(tasks);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < warmup + runs; round += 1) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      const ms = await tasks[name]();
      if (round >= warmup) samples[name].push(ms);
    }
    onRound?.(round - warmup + 1);
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------
// Statistics and tables

export function summary(values) {
  const v = [...values].sort((a, b) => a - b);
  const at = (q) => {
    if (v.length === 0) return NaN;
    const i = (v.length - 1) * q;
    const lo = Math.floor(i);
    return v[lo] + (v[Math.min(lo + 1, v.length - 1)] - v[lo]) * (i - lo);
  };
  return { n: v.length, median: at(0.5), p95: at(0.95), min: v[0] ?? NaN, max: v[v.length - 1] ?? NaN };
}

export function median(values) {
  return summary(values).median;
}

/** A value with its unit, as the tables print it. */
export function num(x, unit) {
  if (!Number.isFinite(x)) return 'n/a';
  if (unit === 'x') return `${x.toFixed(2)}x`;
  if (unit === 'MB') return `${x.toFixed(1)} MB`;
  return x >= 100 ? `${x.toFixed(0)} ${unit}` : x >= 10 ? `${x.toFixed(1)} ${unit}` : `${x.toFixed(2)} ${unit}`;
}

function markdownTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** Whether a budget holds; `limit` is inclusive for `<=` budgets and exclusive for `<`. */
export function budgetMet(b) {
  return b.op === '<' ? b.value < b.limit : b.value <= b.limit;
}

/** The result as Markdown: the measurements (median, min, max, p95, ratio) and the budgets. */
export function formatResult(result) {
  const rowsByName = new Map(result.rows.map((r) => [r.name, r]));
  const rows = result.rows.map((r) => {
    const s = summary(r.values);
    const base = r.baseline ? rowsByName.get(r.baseline) : undefined;
    const ratio = base ? `${(s.median / median(base.values)).toFixed(2)}x ${r.baseline}` : '';
    return [r.name, s.n, num(s.median, r.unit), num(s.min, r.unit), num(s.max, r.unit), r.p95 ? num(s.p95, r.unit) : '', ratio];
  });
  const parts = [`### ${result.title}`, '', markdownTable(['measurement', 'runs', 'median', 'min', 'max', 'p95', 'ratio (of medians)'], rows)];
  if (result.budgets.length > 0) {
    parts.push(
      '',
      markdownTable(
        ['budget', 'measured', 'limit', 'status'],
        result.budgets.map((b) => [b.name, num(b.value, b.unit), `${b.op ?? '<='} ${num(b.limit, b.unit)}`, budgetMet(b) ? 'met' : `NOT MET (${(b.value / b.limit).toFixed(2)}x the limit)`]),
      ),
    );
  }
  if (result.notes?.length) parts.push('', ...result.notes.map((n) => `- ${n}`));
  return parts.join('\n');
}

/** The budget of a ratio of two rows' medians. */
export function ratioBudget(result, name, row, baseline, limit) {
  const r = result.rows.find((x) => x.name === row);
  const b = result.rows.find((x) => x.name === baseline);
  return { name, value: median(r.values) / median(b.values), limit, unit: 'x', op: '<=' };
}

/** Whether the module is the script node was started with. */
export function isMain(metaUrl) {
  return Boolean(process.argv[1]) && pathToFileURL(process.argv[1]).href === metaUrl;
}

/** Runs a benchmark module's `bench` when the module is the main script, and prints its table. */
export async function runIfMain(metaUrl, bench) {
  if (isMain(metaUrl)) {
    const quick = process.argv.includes('--quick');
    const runsArg = process.argv.find((a) => a.startsWith('--runs='));
    const result = await bench({ quick, ...(runsArg ? { runs: Number(runsArg.slice(7)) } : {}) });
    console.log(formatResult(result));
  }
}

/** Logs progress on stderr, so stdout holds only tables. */
export function log(...args) {
  process.stderr.write(`${args.join(' ')}\n`);
}

export function fileSizeMb(path) {
  return statSync(path).size / 1024 / 1024;
}

/**
 * Bundles `entry` into bench/.out/<name><ext> the way scripts/build.mjs bundles the program (ESM
 * for Node 20 with on-demand chunks, minified, production React, the createRequire banner,
 * react-devtools-core stubbed), so a comparison with the program measures the code and not the
 * packaging. With `plain`, bundled as anyone would bundle an Ink app instead (plainInkOptions:
 * none of the program's start-up changes). Each output file starts with an eslint-disable
 * comment: bench/.out is inside the linted tree. Resolves with the entry file's path.
 */
export async function bundleLikeProgram(entry, name, { ext = '.js', outdir = OUT, plain = false, ...overrides } = {}) {
  const { build } = await import('esbuild');
  // Each bundle's chunks in a folder of their own: a name prefix would also match another bundle
  // whose name starts with this one (minimal-ink and minimal-ink-tuned).
  rmSync(join(outdir, 'chunks', name), { recursive: true, force: true });
  await build(
    (plain ? plainInkOptions : programOptions)({
      entryPoints: { [name]: entry },
      outdir,
      outExtension: { '.js': ext },
      chunkNames: `chunks/${name}/[name]-[hash]`,
      banner: { js: ['/* eslint-disable */', "import { createRequire as __examdrillCreateRequire } from 'node:module';", 'const require = __examdrillCreateRequire(import.meta.url);'].join('\n') },
      ...overrides,
    }),
  );

  return join(outdir, `${name}${ext}`);
}
