// Bundles the program into one ESM file, dist/examdrill.js.
// Production React, a createRequire banner for CommonJS dependencies, and
// react-devtools-core aliased to a stub (Ink imports it only in development).
import { build } from 'esbuild';
import { chmodSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}dist`, { recursive: true });

await build({
  entryPoints: [`${root}src/cli/bin.ts`],
  outfile: `${root}dist/examdrill.js`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  keepNames: false,
  legalComments: 'none',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: { 'react-devtools-core': `${root}scripts/react-devtools-stub.mjs` },
  banner: {
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __examdrillCreateRequire } from 'node:module';",
      'const require = __examdrillCreateRequire(import.meta.url);',
    ].join('\n'),
  },
  logLevel: 'warning',
});
chmodSync(`${root}dist/examdrill.js`, 0o755);
