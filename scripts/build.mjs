// Bundles the program into dist/examdrill.js, one ESM entry file, plus chunks that it loads
// on demand (dist/chunks/): the Ink UI, zod and each command. Compiling the whole program as one
// 1.2 MB module took 49 ms of a 150 ms start; a command that needs no terminal UI now compiles
// only what it uses. Production React, a createRequire banner for CommonJS dependencies, and
// react-devtools-core aliased to a stub (Ink imports it only in development).
//
// dist/ is emptied first, so a package never carries chunks of an earlier build. The bundle
// keeps no licence comments (legalComments: 'none'); dist/THIRD-PARTY-NOTICES lists every
// package the bundle holds, from esbuild's metafile, with its licence text. The man page
// (man/examdrill.1) is drawn from the command table, as are --help and the shell completions.
import { build } from 'esbuild';
import { programOptions } from './esbuild-options.mjs';
import { thirdPartyNotices } from './notices.mjs';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });
mkdirSync(`${root}dist`, { recursive: true });

const result = await build(
  programOptions({
    metafile: true,
    entryPoints: { examdrill: `${root}src/cli/bin.ts`, 'compile-worker': `${root}src/store/pack/compile-worker.ts` },
    outdir: `${root}dist`,
  }),
);
chmodSync(`${root}dist/examdrill.js`, 0o755);
writeFileSync(`${root}dist/THIRD-PARTY-NOTICES`, thirdPartyNotices(root, Object.keys(result.metafile.inputs)));

// The man page: the command table compiled on its own, outside dist/, and rendered.
const manBuild = `${root}node_modules/.cache/examdrill-man.mjs`;
// Command handlers stay out: the page needs the table, not what the commands do.
await build(programOptions({ entryPoints: [`${root}src/cli/man-page.ts`], outfile: manBuild, splitting: false, banner: {}, minify: false, external: ['./commands/*', 'sql.js', '@open-spaced-repetition/binding'] }));
const { manPage } = await import(`${pathToFileURL(manBuild).href}?t=${Date.now()}`);
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
mkdirSync(`${root}man`, { recursive: true });
writeFileSync(`${root}man/examdrill.1`, manPage(version));
