/** Bundles a TypeScript entry into a runnable .mjs for child processes in tests. */
import { build } from 'esbuild';
import { join } from 'node:path';
import { tempDir } from './run-cli.js';

export async function bundleForChild(entry: string): Promise<string> {
  const out = join(tempDir('examdrill-bundle-'), 'child.mjs');
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'silent',
  });
  return out;
}
