/**
 * The JSON Schema editors use to complete and check pack files, generated from the zod schemas.
 *
 * What zod cannot say in JSON Schema is added here, so that an editor accepts no more than
 * `pack validate` where JSON Schema can express it: at least one domain weight must be positive
 * (blank text is already a `pattern`, from the text schema's regex).
 * The two kinds of file are told apart by `if: {required: [format]}` rather than a top-level
 * `anyOf`, so a validator reports the errors of the one kind the file is, not of both.
 */
import * as z from 'zod';
import { itemFileSchema, packManifestSchema } from './schema.js';

type Json = Record<string, unknown>;

export function packJsonSchema(): Record<string, unknown> {
  const options = { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' } as const;
  const manifest = strip(z.toJSONSchema(packManifestSchema, options));
  const items = strip(z.toJSONSchema(itemFileSchema, options));
  const domains = (manifest.properties as Json | undefined)?.domains as Json | undefined;
  if (domains) domains.contains = { type: 'object', required: ['weight'], properties: { weight: { type: 'number', exclusiveMinimum: 0 } } };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:examdrill:pack-format:1',
    title: 'examdrill content pack file (format 1)',
    description: 'pack.yaml or an item file of an examdrill content pack. See docs/content-packs.md.',
    $defs: { manifest, items },
    if: { type: 'object', properties: { format: true }, required: ['format'] },
    then: { $ref: '#/$defs/manifest' },
    else: { $ref: '#/$defs/items' },
  };
}

function strip(schema: Json): Json {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}
