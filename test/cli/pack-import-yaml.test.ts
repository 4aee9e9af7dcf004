import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIXTURES, runCli, tempDir } from '../helpers/run-cli.js';

/** Every YAML file under a folder, with its path. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));
}

/** A file read as YAML 1.1 (PyYAML, many editors) must give what examdrill's YAML 1.2 reading gives. */
function expectSameIn11And12(file: string): void {
  const text = readFileSync(file, 'utf8');
  expect(parse(text, { version: '1.1' }), file).toEqual(parse(text));
}

describe('YAML that examdrill writes reads the same in YAML 1.1', () => {
  it('pack import quotes =, yes, no, on, off, ~, null, 1:30, 0777 and 1e3', async () => {
    const out = join(tempDir(), 'traps');
    const result = await runCli(['pack', 'import', join(FIXTURES, 'import', 'yaml-traps.gift'), '--from', 'gift', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const files = yamlFiles(out);
    expect(files).toHaveLength(2);
    for (const file of files) expectSameIn11And12(file);
    const items = parse(readFileSync(join(out, 'items', 'yaml-traps.yaml'), 'utf8'), { version: '1.1' }) as { questions: { options: { text: unknown }[] }[] };
    expect(items.questions.flatMap((q) => q.options.map((o) => o.text))).toEqual(['=', '==', '-eq', 'yes', 'on', 'off', 'no', '1:30', '0777', '1e3', 'null', '~']);
  });

  it('pack new writes a template that reads the same in YAML 1.1', async () => {
    const dir = join(tempDir(), 'fresh');
    expect((await runCli(['pack', 'new', dir])).code).toBe(0);
    const files = yamlFiles(dir);
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) expectSameIn11And12(file);
  });
});
