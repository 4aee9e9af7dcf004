import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/command-table.js';
import { packJsonSchema } from '../../src/domain/pack/json-schema.js';
import { BUNDLED_PACK, FIXTURES, runCli, tempDir } from '../helpers/run-cli.js';

/** The first words of the table's commands, in table order (the hint lists them all). */
const TOP_LEVEL = [...new Set(COMMANDS.filter((c) => c.name !== 'home').map((c) => c.name.split(' ')[0]!))].join(', ');

describe('the command line', () => {
  it('prints the version and the help', async () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect((await runCli(['--version'])).stdout).toBe(`${pkg.version}\n`);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['study', 'quiz', 'exam', 'stats', 'settings', 'packs', 'pack validate DIR...', 'pack import FILE']) expect(help.stdout).toContain(`  ${command}`);
    const examHelp = await runCli(['exam', '--help']);
    expect(examHelp.stdout).toMatch(/^Usage: examdrill exam \[OPTIONS\]/);
    expect(examHelp.stdout).toContain('--minutes M');
  });

  it.each([
    [['stat'], 'examdrill: unknown command stat (did you mean stats?)', `Commands: ${TOP_LEVEL}. See: examdrill --help`],
    [['quiz', '--cont', '3'], 'examdrill: unknown option --cont (did you mean --count?)', 'See: examdrill quiz --help'],
    [['quiz', '--count', 'x'], 'examdrill: --count must be a whole number, not "x"', 'For example: --count 10'],
    [['exam', '--minutes', '0'], 'examdrill: --minutes must be between 1 and 1000, not 0', 'For example: --minutes 10'],
    [['study', '--exam-date', '2027-02-30'], 'examdrill: --exam-date must be a date as YYYY-MM-DD, not "2027-02-30"', 'For example: --exam-date 2027-03-15'],
    [['pack', 'validate'], 'examdrill: pack validate needs DIR...', 'Usage: examdrill pack validate DIR...'],
    [['pack', 'frobnicate'], 'examdrill: unknown command pack frobnicate', 'Pack commands: validate, lint, analyze, new, schema, add, remove, import, export. See: examdrill pack --help'],
    [['packs', 'extra'], 'examdrill: unexpected argument extra (examdrill packs takes none)', 'Usage: examdrill packs'],
  ])('%j is a user error: two lines, exit 2, no stack', async (argv, first, second) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${first}\n${second}\n`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists the bundled pack, as text and as JSON', async () => {
    const json = await runCli(['packs', '--json']);
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout) as { id: string; origin: string; dir: string; questions: number }[];
    expect(list.map((p) => [p.id, p.origin, p.dir])).toEqual([['aws-dop-c02', 'bundled', BUNDLED_PACK]]);
    expect(list[0]!.questions).toBeGreaterThan(0);
    const text = await runCli(['packs']);
    expect(text.stdout).toMatch(/^id\s+version\s+items\s+from\s+folder\naws-dop-c02 /);
  });

  it('finds packs in --packs-dir and EXAMDRILL_PACKS_DIR, the later folder winning an id clash', async () => {
    const copy = join(tempDir(), 'valid-copy');
    cpSync(join(FIXTURES, 'packs', 'valid-nested'), copy, { recursive: true });
    const result = await runCli(['packs', '--json', '--packs-dir', join(FIXTURES, 'packs')], { env: { EXAMDRILL_PACKS_DIR: copy } });
    const list = JSON.parse(result.stdout) as { id?: string; origin: string; ok: boolean }[];
    expect(list.filter((p) => p.ok).map((p) => `${p.id}:${p.origin}`)).toEqual(['aws-dop-c02:bundled', 'valid-nested:flag']);
    expect(list.filter((p) => !p.ok)).toHaveLength(2); // broken and bad-format; no-manifest holds no pack.yaml, so it is no pack
    const text = await runCli(['packs', '--packs-dir', join(FIXTURES, 'packs')], { env: { EXAMDRILL_PACKS_DIR: copy } });
    expect(text.stderr).toContain(`examdrill: warning: two packs have the id valid-nested: using ${join(FIXTURES, 'packs', 'valid-nested')} over ${copy}`);
  });

  it('validates packs: ok exits 0; problems are listed and exit 2', async () => {
    const ok = await runCli(['pack', 'validate', join(FIXTURES, 'packs', 'valid-nested')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(': ok (valid-nested)');
    const bad = await runCli(['pack', 'validate', 'broken'], { cwd: join(FIXTURES, 'packs') });
    expect(bad.code).toBe(2);
    expect(bad.stdout.split('\n')[0]).toBe('broken/items/a.yaml:6:5 cards[1]: missing required key `back`');
    expect(bad.stderr).toBe('examdrill: 17 errors in 1 pack\nFix the lines above and run the command again; a pack with errors is not loaded.\n');
    const json = JSON.parse((await runCli(['pack', 'validate', '--json', 'broken'], { cwd: join(FIXTURES, 'packs') })).stdout) as { errors: number; packs: { issues: { file: string; line: number; column: number; path: string; message: string }[] }[] };
    expect(json.errors).toBe(17);
    expect(json.packs[0]!.issues[0]).toEqual({ file: 'items/a.yaml', line: 6, column: 5, path: 'cards[1]', message: 'missing required key `back`', severity: 'error' });
  });

  it('the bundled pack validates', async () => {
    const result = await runCli(['pack', 'validate', BUNDLED_PACK]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('pack schema prints the JSON Schema, and data/pack.schema.json is in sync with it', async () => {
    const result = await runCli(['pack', 'schema']);
    const schema = JSON.parse(result.stdout) as { $defs: Record<'manifest' | 'items', { properties: Record<string, unknown> }> };
    expect(Object.keys(schema.$defs.manifest.properties)).toContain('domains');
    expect(Object.keys(schema.$defs.items.properties)).toEqual(['topic', 'cards', 'questions']);
    const committed = readFileSync(join(import.meta.dirname, '..', '..', 'data', 'pack.schema.json'), 'utf8');
    expect(JSON.parse(committed), 'run `npm run schema` to regenerate data/pack.schema.json').toEqual(packJsonSchema());
  });

  it('pack new writes a pack that validates and refuses a non-empty folder', async () => {
    const dir = join(tempDir(), 'my-pack');
    const created = await runCli(['pack', 'new', dir]);
    expect(created.code).toBe(0);
    expect(readFileSync(join(dir, 'pack.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.schema\/pack\.schema\.json\n/);
    expect(existsSync(join(dir, '.schema', 'pack.schema.json'))).toBe(true);
    const lint = await runCli(['pack', 'validate', dir]);
    expect(lint.stdout).toContain('ok (my-pack)');
    const again = await runCli(['pack', 'new', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists and is not empty');
  });
});

describe('the built program', () => {
  it('compiles a pack in its worker thread with the same result as in-process', async () => {
    const { execFileSync } = await import('node:child_process');
    const { existsSync: exists } = await import('node:fs');
    const program = join(import.meta.dirname, '..', '..', 'dist', 'examdrill.js');
    expect(exists(join(import.meta.dirname, '..', '..', 'dist', 'compile-worker.js'))).toBe(true);
    let out = '';
    try {
      execFileSync(process.execPath, [program, 'pack', 'validate', '--json', join(FIXTURES, 'packs', 'broken')], { encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
    }
    const inProcess = await runCli(['pack', 'validate', '--json', join(FIXTURES, 'packs', 'broken')]);
    expect(JSON.parse(out)).toEqual(JSON.parse(inProcess.stdout));
  });
});
