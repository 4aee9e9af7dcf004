import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/run-cli.js';

const VALID = join(FIXTURES, 'packs', 'valid-nested');
const TITLE = 'Ünïcödé pack: 日本語 and emoji 🚀';

/** A data dir and a copy of the valid fixture pack that a test may edit. */
function setup() {
  const data = tempDir();
  const source = join(tempDir(), 'my-pack');
  cpSync(VALID, source, { recursive: true });
  const run = (argv: string[], cwd?: string) => runCli(argv, { env: { EXAMDRILL_DATA_DIR: data }, ...(cwd ? { cwd } : {}) });
  const installed = async () => (JSON.parse((await run(['packs', '--json'])).stdout) as { id: string; origin: string; dir: string; version: string }[]).filter((p) => p.origin === 'installed');
  return { data, source, packs: join(data, 'packs'), run, installed };
}

describe('pack add', () => {
  it('copies a valid pack into <data-dir>/packs/<id>, where `packs` finds it', async () => {
    const { source, packs, run, installed } = setup();
    const result = await run(['pack', 'add', source]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const target = join(packs, 'valid-nested');
    expect(result.stdout).toBe(`Installed valid-nested (${TITLE}, version 2.0.1) in ${target}.\nStart with: examdrill study --pack valid-nested\n`);
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
    expect(readdirSync(packs)).toEqual(['valid-nested']);
    expect(readFileSync(join(target, 'items', 'deep', 'deeper', 'multi.yaml'), 'utf8')).toBe(readFileSync(join(VALID, 'items', 'deep', 'deeper', 'multi.yaml'), 'utf8'));
    expect(await installed()).toEqual([expect.objectContaining({ id: 'valid-nested', dir: target, version: '2.0.1' })]);
    // A copy: editing the source later changes nothing installed.
    writeFileSync(join(source, 'pack.yaml'), readFileSync(join(source, 'pack.yaml'), 'utf8').replace('version: 2.0.1', 'version: 2.0.2'));
    expect((await installed())[0]!.version).toBe('2.0.1');
  });

  it('replaces an older install of the same id, and says so', async () => {
    const { source, packs, run, installed } = setup();
    await run(['pack', 'add', source]);
    writeFileSync(join(source, 'pack.yaml'), readFileSync(join(source, 'pack.yaml'), 'utf8').replace('version: 2.0.1', 'version: 2.1.0'));
    const again = await run(['pack', 'add', source]);
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n').slice(0, 2)).toEqual(['Replaced the earlier install of valid-nested.', `Installed valid-nested (${TITLE}, version 2.1.0) in ${join(packs, 'valid-nested')}.`]);
    expect(readdirSync(packs)).toEqual(['valid-nested']);
    expect((await installed()).map((p) => p.version)).toEqual(['2.1.0']);
    const itself = await run(['pack', 'add', join(packs, 'valid-nested')]);
    expect([itself.code, itself.stdout]).toEqual([0, `valid-nested is already installed in ${join(packs, 'valid-nested')}.\n`]);
    expect(readdirSync(join(packs, 'valid-nested', 'items')).sort()).toEqual(['cards.yaml', 'deep']);
  });

  it('keeps the earlier install when the new one cannot take its place', async () => {
    const { source, packs, run, installed } = setup();
    await run(['pack', 'add', source]);
    writeFileSync(join(source, 'pack.yaml'), readFileSync(join(source, 'pack.yaml'), 'utf8').replace('version: 2.0.1', 'version: 2.1.0'));
    // Something already stands where the old install would move aside: the swap cannot start.
    mkdirSync(join(packs, `.valid-nested.old-${process.pid}`, 'x'), { recursive: true });
    const again = await run(['pack', 'add', source]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^examdrill: cannot install .*my-pack in .*packs: .*\nCheck that the data dir \(--data-dir, EXAMDRILL_DATA_DIR\) is writable; the earlier install is kept\.\n$/);
    expect((await installed()).map((p) => p.version)).toEqual(['2.0.1']);
    expect(readdirSync(packs).filter((f) => f.includes('.new-'))).toEqual([]);
  });

  it('links with --link, so edits show at once; remove takes the link away and leaves the folder', async () => {
    const { source, packs, run, installed } = setup();
    const result = await run(['pack', 'add', source, '--link']);
    const target = join(packs, 'valid-nested');
    expect(result.stdout.split('\n')[0]).toBe(`Linked valid-nested (${TITLE}, version 2.0.1): ${target} -> ${source}; edits show at once.`);
    expect(lstatSync(target).isSymbolicLink()).toBe(true);
    writeFileSync(join(source, 'pack.yaml'), readFileSync(join(source, 'pack.yaml'), 'utf8').replace('version: 2.0.1', 'version: 3.0.0'));
    expect((await installed())[0]!.version).toBe('3.0.0');

    expect((await run(['pack', 'remove', 'valid-nested'])).code).toBe(0);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(join(source, 'items')).sort()).toEqual(['cards.yaml', 'deep']);
  });

  it('installs nothing from a pack with errors, and lists every error as pack validate does', async () => {
    const { packs, run } = setup();
    const result = await run(['pack', 'add', 'broken'], join(FIXTURES, 'packs'));
    expect(result.code).toBe(2);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(17);
    expect(lines[0]).toBe('broken/items/a.yaml:6:5 cards[1]: missing required key `back`');
    expect(result.stderr).toBe('examdrill: 17 errors in broken: nothing was installed\nFix the lines above (see: examdrill pack validate broken) and run pack add again.\n');
    expect(existsSync(packs)).toBe(false);

    const missing = await run(['pack', 'add', 'no-such-folder'], tempDir());
    expect([missing.code, missing.stdout]).toEqual([2, 'no-such-folder/.:1:1: no such folder\n']);
  });

  it('installs nothing when the data dir cannot be written', async () => {
    const { source } = setup();
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, '');
    const result = await runCli(['pack', 'add', source], { env: { EXAMDRILL_DATA_DIR: file } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^examdrill: cannot install ${source} in ${file}/packs: ENOTDIR.*\\nCheck that the data dir \\(--data-dir, EXAMDRILL_DATA_DIR\\) is writable; nothing was installed\\.\\n$`));
  });
});

describe('pack remove', () => {
  it('removes an installed pack and keeps its progress', async () => {
    const { data, source, packs, run, installed } = setup();
    await run(['pack', 'add', source]);
    const progress = join(data, 'progress', 'valid-nested');
    mkdirSync(progress, { recursive: true });
    writeFileSync(join(progress, 'progress.json'), '{"reviews":[]}');
    const result = await run(['pack', 'remove', 'valid-nested']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `Removed valid-nested from ${join(packs, 'valid-nested')}.\nYour progress is kept in ${progress}: add the pack again to carry on where you left off.\n`,
    );
    expect(readdirSync(packs)).toEqual([]);
    expect(await installed()).toEqual([]);
    expect(readFileSync(join(progress, 'progress.json'), 'utf8')).toBe('{"reviews":[]}');
  });

  it('finds a pack installed under another folder name by its id', async () => {
    const { packs, run } = setup();
    mkdirSync(packs, { recursive: true });
    cpSync(VALID, join(packs, 'copied-by-hand'), { recursive: true });
    const result = await run(['pack', 'remove', 'valid-nested']);
    expect(result.stdout.split('\n')[0]).toBe(`Removed valid-nested from ${join(packs, 'copied-by-hand')}.`);
    expect(readdirSync(packs)).toEqual([]);
  });

  it.each([
    [['pack', 'remove', 'aws-dop-c02'], 'examdrill: aws-dop-c02 is bundled with examdrill and cannot be removed', 'Only packs installed with `examdrill pack add` can be removed; see `examdrill packs`.'],
    [['pack', 'remove', 'nothing-here'], 'examdrill: no installed pack has the id nothing-here', 'See your packs and their ids with: examdrill packs'],
    [['pack', 'remove', '../progress'], 'examdrill: "../progress" is not a pack id', 'See the ids of your packs with: examdrill packs'],
    [['pack', 'remove', 'valid-nested', '--packs-dir', VALID], `examdrill: valid-nested is not installed: it is read from ${VALID}`, 'Take that folder out of --packs-dir instead.'],
  ])('%j is a user error that removes nothing', async (argv, first, second) => {
    const { data, run } = setup();
    mkdirSync(join(data, 'progress'), { recursive: true });
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${first}\n${second}\n`);
    // Finding the packs may fill the compiled-pack cache; nothing else changes.
    expect(readdirSync(data).filter((name) => name !== 'cache')).toEqual(['progress']);
  });
});
