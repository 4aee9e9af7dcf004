// Bundles the program into dist/examdrill.js, one ESM entry file, plus chunks that it loads
// on demand (dist/chunks/): the Ink UI, zod and each command. Compiling the whole program as one
// 1.2 MB module took 49 ms of a 150 ms start; a command that needs no terminal UI now compiles
// only what it uses. Production React, a createRequire banner for CommonJS dependencies, and
// react-devtools-core aliased to a stub (Ink imports it only in development).
import { build } from 'esbuild';
import { programOptions } from './esbuild-options.mjs';
import { chmodSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}dist`, { recursive: true });

const result = await build(
  programOptions({
    metafile: true,
    entryPoints: { examdrill: `${root}src/cli/bin.ts`, 'compile-worker': `${root}src/store/pack/compile-worker.ts` },
    outdir: `${root}dist`,
  }),
);
chmodSync(`${root}dist/examdrill.js`, 0o755);

// Chunks of earlier builds stay a day, so a session started before a rebuild can still load
// the chunks it was built with; older ones are removed.
const current = new Set(Object.keys(result.metafile.outputs).map((p) => p.split('/').pop()));
const chunks = `${root}dist/chunks`;
for (const name of readdirSync(chunks)) {
  if (!current.has(name) && Date.now() - statSync(`${chunks}/${name}`).mtimeMs > 86_400_000) unlinkSync(`${chunks}/${name}`);
}
