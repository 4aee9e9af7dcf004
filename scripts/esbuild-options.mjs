// The esbuild options the program is built with, shared by scripts/build.mjs and the benchmarks
// (which bundle a minimal Ink app, and an unminified copy for profiling, the same way).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function programOptions(overrides = {}) {
  return {
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    keepNames: false,
    legalComments: 'none',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // string-width: a fast path that skips Intl.Segmenter for simple text (see the module).
    alias: { 'react-devtools-core': `${ROOT}scripts/react-devtools-stub.mjs`, 'string-width': `${ROOT}src/ui/text/string-width-fast.ts` },
    banner: {
      js: ['#!/usr/bin/env node', "import { createRequire as __examdrillCreateRequire } from 'node:module';", 'const require = __examdrillCreateRequire(import.meta.url);'].join('\n'),
    },
    plugins: [yogaWithoutFetch],
    // sql.js stays in node_modules: its loader finds sql-wasm.wasm beside itself at run time
    // (src/store/import/sqlite.ts resolves it), and only `pack import/export --*apkg` loads it.
    // @open-spaced-repetition/binding loads its native module (or WASI build) beside itself too.
    external: ['sql.js', '@open-spaced-repetition/binding'],
    logLevel: 'warning',
    ...overrides,
  };
}

/**
 * yoga-layout's emscripten loader reads its embedded WebAssembly by calling fetch() on a data:
 * URL whenever fetch exists, as it does in Node >= 18. The first fetch() loads undici, Node's
 * HTTP client, and the whole load took about 45 ms at start-up; the loader's own fallback,
 * decoding the base64 in place, takes about 14 ms. This turns the two "is there a fetch?"
 * checks into "no". The build fails if yoga-layout changes so that they are not found.
 */
export const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(build) {
    build.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const check = '"function"!=typeof fetch';
      const found = source.split(check).length - 1;
      if (found !== 2) throw new Error(`yoga-without-fetch: expected 2 fetch checks in ${args.path}, found ${found}. yoga-layout has changed: review scripts/esbuild-options.mjs.`);
      return { contents: source.replaceAll(check, 'true'), loader: 'js' };
    });
  },
};

/**
 * How a minimal Ink app is bundled by anyone: the program's options without its own start-up
 * changes (the yoga plugin and the string-width alias) and without its banner. The first-frame
 * benchmark's baseline. react-devtools-core stays stubbed: Ink imports it only when DEV=true,
 * and it is not installed.
 */
export function plainInkOptions(overrides = {}) {
  const options = programOptions({ alias: { 'react-devtools-core': `${ROOT}scripts/react-devtools-stub.mjs` } });
  delete options.plugins;
  delete options.banner;
  return { ...options, ...overrides };
}
