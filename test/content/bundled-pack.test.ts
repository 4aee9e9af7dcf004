import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yamlFiles } from '../helpers/packs.js';
import { BUNDLED_PACK } from '../helpers/run-cli.js';
import { loadPack } from '../../src/store/pack/load-pack.js';

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

describe('the bundled pack siblings', () => {
  it('each pair a card and a question of one topic, so that study buries one while the other is answered', async () => {
    const result = await loadPack(BUNDLED_PACK);
    if (!result.ok) throw new Error('the bundled pack loads');
    const items = new Map([...result.pack.cards, ...result.pack.questions].map((i) => [i.id, i]));
    const pairs = [...items.values()].flatMap((item) => (item.siblings ?? []).map((id) => [item, items.get(id)!] as const));
    expect(pairs.length).toBeGreaterThanOrEqual(10); // both directions of at least five pairs
    expect(pairs.filter(([a, b]) => a.topic !== b.topic || a.kind === b.kind).map(([a, b]) => `${a.id} ~ ${b.id}`)).toEqual([]);
  });
});
