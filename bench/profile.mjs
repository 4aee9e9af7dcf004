// Where the time goes: CPU profiles (node --cpu-prof) of an unminified build of the program,
// cut at the first frame and summed by category. Not a benchmark and no budget: the tool used
// for the findings in docs/performance.md.
//
//   node bench/profile.mjs home         home screen, bundled pack, to the end of the first frame
//   node bench/profile.mjs minimal      the minimal Ink app, to its first frame
//   node bench/profile.mjs large        home screen with the 5,000-question pack, cached
//   node bench/profile.mjs packs|stats  `packs --json` / `stats --json`, whole run
//   node bench/profile.mjs keys         100 Down/Up presses in the exam's question map
//   options: --runs=N (default 5), --top=N (functions listed, default 15)
import { programOptions } from '../scripts/esbuild-options.mjs';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { homeFooter } from './first-frame.mjs';
import { fixturePack } from './generate.mjs';
import { bundleLikeProgram, childEnv, KEYS, OUT, ROOT, startPty, stripAnsi, tempDir, timeExit, timePty } from './lib.mjs';

const fn = (n) => n.callFrame.functionName;
const any = (re) => (stack) => stack.some((n) => re.test(fn(n)));
/** First matching category wins; module init functions of an unminified bundle are named by path. */
const CATEGORIES = [
  ['string-width: text widths', any(/stringWidth|string-width|get-east-asian-width|widest-line|measure-text/)],
  ['zod', any(/zod|progress-schema|pack\/schema/)],
  ['yoga-layout (wasm start-up, layout)', (s) => s.some((n) => /yoga|undici|Wasm/.test(`${fn(n)} ${n.callFrame.url}`))],
  ['YAML parse + validation', any(/validatePackFiles|yaml\//)],
  ['pack discovery and load (hash, JSON)', any(/^(loadPack|discoverPacks|locatePacks|hashFiles|readCache)$/)],
  ['progress store open', any(/^(openProgressStore|openStore)$/)],
  ['pack-sync check', any(/^syncPackVersion$/)],
  ['home facts / stats', any(/^(homeFacts|computeStats)$/)],
  ['module compile and link', any(/compileSourceTextModule|loadAndTranslate|compileForInternalLoader|^decode$|ModuleJob|moduleStrategy/)],
  ['Ink output (frame to text)', any(/^(renderer|onRender)$/)],
  ['React render and commit', any(/performWorkOnRoot|renderRootSync|commitRoot|flushSyncWork|performWorkUntilDeadline/)],
  // A module's top-level code: esbuild's lazy-init wrappers, or a chunk's anonymous body.
  ['module top-level code', (s) => s.some((n) => /^__init$|^init$|^__require$/.test(fn(n)) || /node_modules\//.test(fn(n)) || (fn(n) === '' && n.callFrame.lineNumber === 0 && /\/(dist|\.out)\//.test(n.callFrame.url)))],
  ['garbage collection', (s) => fn(s[0]) === '(garbage collector)'],
  ['node start-up and other', () => true],
];

async function profileBuild() {
  const base = join(OUT, 'node_modules', 'examdrill-profile');
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(base, 'package.json'));
  symlinkSync(join(ROOT, 'content'), join(base, 'content'));
  const { build } = await import('esbuild');
  await build(
    programOptions({
      entryPoints: { examdrill: join(ROOT, 'src', 'cli', 'bin.ts'), 'compile-worker': join(ROOT, 'src', 'store', 'pack', 'compile-worker.ts') },
      outdir: join(base, 'dist'),
      minify: false, // readable names in the profile; otherwise as scripts/build.mjs
      banner: { js: ["import { createRequire as __examdrillCreateRequire } from 'node:module';", 'const require = __examdrillCreateRequire(import.meta.url);'].join('\n') },
    }),
  );

  return join(base, 'dist', 'examdrill.js');
}

const packagesOf = new Map();
/** The packages a chunk of the unminified bundle holds, largest first (esbuild's path comments). */
function chunkPackages(url) {
  if (!packagesOf.has(url)) {
    let text = '';
    try {
      text = readFileSync(new URL(url), 'utf8');
    } catch {
      // not a file
    }
    const bytes = new Map();
    let last;
    let lastAt = 0;
    for (const m of text.matchAll(/^\/\/ (?:.*node_modules\/((?:@[^/]+\/)?[^/]+)|(src)\/)/gm)) {
      if (last) bytes.set(last, (bytes.get(last) ?? 0) + m.index - lastAt);
      last = m[1] ?? 'src';
      lastAt = m.index;
    }
    if (last) bytes.set(last, (bytes.get(last) ?? 0) + text.length - lastAt);
    packagesOf.set(url, [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([p]) => p).join(', ') || url.split('/').pop());
  }
  return packagesOf.get(url);
}

/** Sums samples by category, up to the end of the first run of samples under `cutAfter`. */
export function summarise(files, { cutAfter, from = 0, to = Infinity, top = 15 } = {}) {
  const byCategory = new Map(CATEGORIES.map(([c]) => [c, 0]));
  const bySelf = new Map();
  let total = 0;
  for (const file of files) {
    const p = JSON.parse(readFileSync(file, 'utf8'));
    const nodes = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const stackOf = (id) => {
      const s = [];
      for (let c = id; c !== undefined; c = parent.get(c)) s.push(nodes.get(c));
      return s;
    };
    const times = [];
    let t = 0;
    for (const d of p.timeDeltas) times.push((t += d));
    let end = to * 1000;
    if (cutAfter) {
      let inside = false;
      for (let i = 0; i < p.samples.length; i += 1) {
        const has = stackOf(p.samples[i]).some((n) => fn(n) === cutAfter);
        if (has) inside = true;
        else if (inside) {
          end = Math.min(end, times[i]);
          break;
        }
      }
    }
    for (let i = 0; i < p.samples.length; i += 1) {
      if (times[i] < from * 1000) continue;
      if (times[i] > end) break;
      const d = (p.timeDeltas[i + 1] ?? 0) / 1000;
      const stack = stackOf(p.samples[i]);
      if (fn(stack[0]) === '(idle)' || fn(stack[0]) === '(program)') continue;
      total += d;
      let category = CATEGORIES.find(([, test]) => test(stack))[0];
      if (category === 'module top-level code') {
        const body = stack.find((n) => fn(n) === '' && n.callFrame.lineNumber === 0 && /\/(dist|\.out)\//.test(n.callFrame.url));
        if (body) category = `module top-level code: ${chunkPackages(body.callFrame.url)}`;
        if (!byCategory.has(category)) byCategory.set(category, 0);
      }
      byCategory.set(category, byCategory.get(category) + d);
      const self = `${fn(stack[0]) || '(anonymous)'} ${stack[0].callFrame.url.split('/').slice(-2).join('/')}:${stack[0].callFrame.lineNumber + 1}`;
      bySelf.set(self, (bySelf.get(self) ?? 0) + d);
    }
  }
  const n = files.length;
  const lines = [`busy CPU time, mean of ${n} profile${n === 1 ? '' : 's'}: ${(total / n).toFixed(1)} ms`, '', '| category | ms | share |', '| --- | ---: | ---: |'];
  for (const [c, v] of [...byCategory].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1])) lines.push(`| ${c} | ${(v / n).toFixed(1)} | ${((100 * v) / total).toFixed(0)}% |`);
  lines.push('', 'Top functions by self time (ms):', '');
  for (const [k, v] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`    ${(v / n).toFixed(1).padStart(6)}  ${k}`);
  return lines.join('\n');
}

async function main() {
  const mode = process.argv[2] ?? 'home';
  const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
  const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 15);
  const dir = tempDir('examdrill-profile-');
  const env = childEnv({ EXAMDRILL_DATA_DIR: tempDir() });
  const node = process.execPath;
  const loads = join(dir, 'loads.txt');
  env.EXAMDRILL_BENCH_LOADS = loads;
  const prof = (i) => ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', `run-${i}.cpuprofile`];
  // The unprofiled warm-up run records the files the program loads (the hook costs time).
  const hook = ['--import', join(ROOT, 'bench', 'fixtures', 'log-loads.mjs')];
  let cutAfter = 'onRender';
  let window = {};
  if (mode === 'minimal') {
    const app = await bundleLikeProgram(join(ROOT, 'bench', 'fixtures', 'minimal-ink.tsx'), 'minimal-ink', { plain: true, minify: false, outdir: join(OUT, 'node_modules', 'examdrill-profile-minimal') });
    await timePty(node, [...hook, app], { env, until: (t) => t.includes('minimal ink app ready') });
    for (let i = 0; i < runs; i += 1) await timePty(node, [...prof(i), app], { env, until: (t) => t.includes('minimal ink app ready') });
  } else {
    const prog = await profileBuild();
    if (mode === 'home' || mode === 'large') {
      const args = mode === 'large' ? (({ dir: d, id }) => ['--packs-dir', d, '--pack', id])(fixturePack(5000)) : [];
      await timePty(node, [prog, ...args], { env, until: homeFooter, timeoutMs: 60_000 }); // compiles the pack
      await timePty(node, [...hook, prog, ...args], { env, until: homeFooter, timeoutMs: 60_000 });
      for (let i = 0; i < runs; i += 1) await quitAfter(node, [...prof(i), prog, ...args], env, homeFooter);
    } else if (mode === 'packs' || mode === 'stats') {
      cutAfter = undefined;
      await timeExit(node, [prog, mode, '--json'], { env });
      await timeExit(node, [...hook, prog, mode, '--json'], { env });
      for (let i = 0; i < runs; i += 1) await timeExit(node, [...prof(i), prog, mode, '--json'], { env });
    } else if (mode === 'keys') {
      cutAfter = undefined;
      await timeExit(node, [prog, 'packs', '--json'], { env });
      window = await keys(node, [...prof(0), prog, 'exam', '--questions', '75', '--seed', '7'], env);
    } else {
      throw new Error(`unknown mode ${mode}: home, minimal, large, packs, stats or keys`);
    }
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
  console.log(`## Profile: ${mode}${cutAfter ? ', up to the end of the first frame' : ''}\n`);
  console.log(summarise(files, { cutAfter, top, ...window }));
  if (existsSync(loads)) {
    const rows = readFileSync(loads, 'utf8').trim().split('\n').map((l) => l.split(' ')).map(([size, path]) => [Number(size), path]);
    const total = rows.reduce((sum, [size]) => sum + size, 0);
    console.log(`\nJavaScript loaded (unminified build, so about twice the shipped size): ${(total / 1024).toFixed(0)} KB in ${rows.length} files, largest:\n`);
    for (const [size, path] of rows.sort((a, b) => b[0] - a[0]).slice(0, 6)) console.log(`    ${(size / 1024).toFixed(0).padStart(6)} KB  ${path.split('/').slice(-2).join('/')}  (${chunkPackages(pathToFileURL(path).href)})`);
  }
}

/** Runs in a pty until `until`, then types q so the process exits and writes its profile. */
async function quitAfter(node, args, env, until) {
  const p = await startPty(node, args, { env });
  await new Promise((resolve) => {
    let raw = '';
    let sent = false;
    p.onExit(resolve);
    p.onData((d) => {
      raw += d;
      if (!sent && until(stripAnsi(raw))) {
        sent = true;
        p.write('q');
      }
    });
  });
}

/** 100 presses in the exam map; returns the profile window (ms since the profile began) they span. */
async function keys(node, args, env) {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const t0 = performance.now();
  const p = await startPty(node, args, { env });
  const exited = new Promise((resolve) => p.onExit(resolve));
  let raw = '';
  p.onData((d) => (raw += d));
  while (!/m map/.test(stripAnsi(raw))) await sleep(20);
  p.write('m');
  await sleep(500);
  const from = performance.now() - t0 + 100; // the profile's clock starts a little after the spawn
  for (let i = 0; i < 100; i += 1) {
    p.write(i % 2 ? KEYS.Up : KEYS.Down);
    await sleep(40);
  }
  const to = performance.now() - t0;
  p.kill('SIGTERM');
  await exited;
  return { from, to };
}

await main();
