import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yamlFiles } from '../helpers/packs.js';
import { BUNDLED_PACK } from '../helpers/run-cli.js';

const SCHEMA_LINE = /^# yaml-language-server: \$schema=(\S+)\n/;

describe('the bundled pack files', () => {
  it('each start with an editor schema line that points at the shipped data/pack.schema.json', () => {
    const schema = resolve(BUNDLED_PACK, '..', '..', 'data', 'pack.schema.json');
    const files = yamlFiles(BUNDLED_PACK);
    expect(files.length).toBeGreaterThan(20);
    const wrong = files.flatMap((file) => {
      const m = SCHEMA_LINE.exec(readFileSync(file, 'utf8'));
      if (!m) return [`${relative(BUNDLED_PACK, file)}: no schema line`];
      const target = resolve(dirname(file), m[1]!);
      return target === schema && existsSync(target) ? [] : [`${relative(BUNDLED_PACK, file)}: points at ${m[1]}`];
    });
    expect(wrong).toEqual([]);
  });
});
