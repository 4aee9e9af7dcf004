/** `examdrill pack schema`: the JSON Schema of pack files, from the loader's own zod schemas. */
import { packJsonSchema } from '../../domain/pack/json-schema.js';
import type { CommandContext } from '../command-table.js';

export async function runPackSchema({ io }: CommandContext): Promise<number> {
  io.stdout.write(`${JSON.stringify(packJsonSchema(), null, 2)}\n`);
  return 0;
}
