// The esbuild options the program is built with, shared by scripts/build.mjs and the benchmarks
// (which bundle a minimal Ink app, and an unminified copy for profiling, the same way).
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
    logLevel: 'warning',
    ...overrides,
  };
}
