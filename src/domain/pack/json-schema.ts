/** The JSON Schema editors use to complete and check pack files, generated from the zod schemas. */
import * as z from 'zod';
import { itemFileSchema, packManifestSchema } from './schema.js';

export function packJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(z.union([packManifestSchema, itemFileSchema]), { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });
  return {
    ...schema,
    $id: 'urn:examdrill:pack-format:1',
    title: 'examdrill content pack file (format 1)',
    description: 'pack.yaml or an item file of an examdrill content pack. See docs/content-packs.md.',
  };
}
