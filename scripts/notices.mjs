// dist/THIRD-PARTY-NOTICES: one section per npm package whose code the bundle holds (found from
// esbuild's metafile inputs), with its version, licence and licence text. The bundle strips
// licence comments, so this file is where their notices are kept.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function thirdPartyNotices(root, inputs) {
  const dirs = new Set();
  for (const input of inputs) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll('\\', '/'));
    if (m) dirs.add(m[1]);
  }
  const sections = [...dirs]
    .map((dir) => {
      const abs = join(root, dir);
      const pkg = JSON.parse(readFileSync(join(abs, 'package.json'), 'utf8'));
      const file = readdirSync(abs).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
      const text = file ? readFileSync(join(abs, file), 'utf8').trim() : `(no licence file in the package; licence field: ${pkg.license ?? 'none'}${repo(pkg) ? `; see ${repo(pkg)}` : ''})`;
      return { name: pkg.name, version: pkg.version, license: typeof pkg.license === 'string' ? pkg.license : 'see below', text };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const head = [
    'examdrill bundles the following third-party packages into dist/. Their licences follow.',
    'sql.js is installed beside the program as a dependency and carries its own licence.',
    '',
  ];
  return `${head.join('\n')}\n${sections.map((s) => `${'='.repeat(72)}\n${s.name}@${s.version} (${s.license})\n${'-'.repeat(72)}\n${s.text}\n`).join('\n')}`;
}

function repo(pkg) {
  const r = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  return r ? r.replace(/^git\+/, '').replace(/\.git$/, '') : undefined;
}

