/**
 * Writing an imported pack to disk, the same for every importer: the editor's JSON Schema in
 * `.schema/`, `pack.yaml` with a note on where it came from, and one item file per topic, each
 * naming the schema and written as YAML that 1.1 and 1.2 readers read alike.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportedPack } from '../domain/import/to-pack.js';
import { packJsonSchema } from '../domain/pack/json-schema.js';
import { yamlText } from './yaml-text.js';

/** Writes `pack` into `dir` (which may exist, empty); `note` is a comment line for pack.yaml. */
export function writeImportedPack(dir: string, pack: Pick<ImportedPack, 'manifest' | 'files'>, note: string): void {
  mkdirSync(join(dir, 'items'), { recursive: true });
  mkdirSync(join(dir, '.schema'), { recursive: true });
  writeFileSync(join(dir, '.schema', 'pack.schema.json'), `${JSON.stringify(packJsonSchema(), null, 2)}\n`);
  writeFileSync(join(dir, 'pack.yaml'), `# yaml-language-server: $schema=.schema/pack.schema.json\n# ${note.replace(/[\r\n]+/g, ' ')}\n${yamlText(pack.manifest)}`);
  for (const f of pack.files) writeFileSync(join(dir, f.path), `# yaml-language-server: $schema=../.schema/pack.schema.json\n${yamlText(f.data)}`);
}

/** `3 cards`, `1 card`, `50,000 notes`. */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
