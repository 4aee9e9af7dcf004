/**
 * The npm package as a user gets it: `npm pack` from this checkout (with --ignore-scripts, so
 * the suite's own dist/ is not rebuilt under running tests), its file list, and the CI recipe of
 * docs/content-packs.md run as written on the tarball, from an instructor's repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from '../helpers/run-cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const npmEnv: NodeJS.ProcessEnv = { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
delete npmEnv.CI;

let files: string[] = [];
let tarball = '';

beforeAll(() => {
  const out = tempDir('examdrill-pack-');
  const json = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], { cwd: ROOT, env: npmEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [info] = JSON.parse(json) as { filename: string; files: { path: string }[] }[];
  files = info!.files.map((f) => f.path).sort();
  tarball = join(out, info!.filename);
}, 120_000);

describe('the npm package', () => {
  it('holds the program, its licence, the notices, the man page and the documentation, and nothing of development', () => {
    for (const f of ['LICENSE', 'README.md', 'package.json', 'dist/examdrill.js', 'dist/compile-worker.js', 'dist/THIRD-PARTY-NOTICES', 'man/examdrill.1', 'docs/content-packs.md', 'docs/sync.md', 'content/aws-dop-c02/pack.yaml', 'data/pack.schema.json']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^(src|test|bench|scripts|\.ci|node_modules)\//.test(f) || f.startsWith('tsconfig'))).toEqual([]);
  });

  it('has no chunk of an earlier build: every chunk is loaded by the entry files or another chunk', () => {
    const dist = files.filter((f) => /^dist\/.*\.js$/.test(f));
    const text = new Map(dist.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]));
    const chunks = dist.filter((f) => f.startsWith('dist/chunks/'));
    expect(chunks.length).toBeGreaterThan(0);
    const unreferenced = chunks.filter((c) => {
      const name = c.split('/').pop()!;
      return ![...text].some(([f, t]) => f !== c && t.includes(name));
    });
    expect(unreferenced).toEqual([]);
  });

  it('resolves every relative link of the README and the docs inside the package', () => {
    const docs = files.filter((f) => f === 'README.md' || /^docs\/.*\.md$/.test(f));
    const broken: string[] = [];
    for (const doc of docs) {
      const md = readFileSync(join(ROOT, doc), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, target] of md.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:|^#/.test(target!)) continue;
        const path = normalize(join(dirname(doc), target!.split('#')[0]!));
        if (!files.includes(path) && !files.some((f) => f.startsWith(`${path}/`))) broken.push(`${doc}: ${target}`);
      }
    }
    // Examples of the Markdown-lite syntax itself are not links.
    expect(broken.filter((b) => !/: (url|name|net\.png)$/.test(b))).toEqual([]);
  });

  it('keeps the licence notice of each package the bundle holds, and depends at run time only on what is not bundled', () => {
    const notices = readFileSync(join(ROOT, 'dist/THIRD-PARTY-NOTICES'), 'utf8');
    for (const name of ['ink', 'react', 'zod', 'yaml', 'lowdb', 'ts-fsrs', 'fflate', 'tar', 'yoga-layout']) {
      expect(notices).toMatch(new RegExp(`^${name.replace('/', '\\/')}@\\d+\\.\\d+\\.\\d+ \\(`, 'm'));
    }
    expect(notices).toContain('Permission is hereby granted');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // The bundle imports (or resolves, for a worker) no package but the ones left external.
    const bundle = readdirSync(join(ROOT, 'dist/chunks')).map((f) => readFileSync(join(ROOT, 'dist/chunks', f), 'utf8')).join('\n') + readFileSync(join(ROOT, 'dist/examdrill.js'), 'utf8');
    const bare = new Set([...bundle.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\.resolve\s*\(\s*)"([^".][^"]*)"/g)].map((m) => m[1]!.split('/').slice(0, m[1]!.startsWith('@') ? 2 : 1).join('/')).filter((s) => !s.startsWith('node:') && !/^(fs|path|zlib|events|module|buffer|assert|stream|util|os|url|crypto|child_process|worker_threads|string_decoder|tty|process)(\/|$)/.test(s) && /^[@a-z]/.test(s)));
    expect([...bare].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });

  it("runs the instructors' CI recipe of docs/content-packs.md as written, from a repository holding the tarball", () => {
    const doc = readFileSync(join(ROOT, 'docs/content-packs.md'), 'utf8');
    const line = /^ {6}- run: (npx .*examdrill pack lint packs\/\*)$/m.exec(doc)?.[1];
    expect(line).toBeDefined();
    const repo = tempDir('examdrill-instructor-');
    mkdirSync(join(repo, 'vendor'));
    copyFileSync(tarball, join(repo, 'vendor', 'examdrill.tgz'));
    const fixture = join(FIXTURES, 'packs', 'valid-nested');
    cpSync(fixture, join(repo, 'packs', 'networking'), { recursive: true });
    const run = () => spawnSync('bash', ['-c', line!], { cwd: repo, env: { ...npmEnv, HOME: process.env.HOME ?? repo }, encoding: 'utf8', timeout: 180_000 });
    const good = run();
    expect(good.stderr).not.toMatch(/examdrill: /);
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/0 errors/);
    writeFileSync(join(repo, 'packs', 'networking', 'pack.yaml'), 'format: 1\nid: broken\n');
    const bad = run();
    expect(bad.status).toBe(2);
    expect(bad.stdout + bad.stderr).toMatch(/pack\.yaml:\d+:\d+/);
  }, 240_000);
});
