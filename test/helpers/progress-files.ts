/** Where a data dir keeps a pack's progress files, for tests that read them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The data dir's device id (made by the first store opened on it). */
export const deviceOf = (dataDir: string): string => readFileSync(join(dataDir, 'device-id'), 'utf8').trim();

/** This device's review log and snapshot of a pack. */
export function progressFiles(dataDir: string, packId: string): { dir: string; log: string; snap: string } {
  const dir = join(dataDir, 'progress', packId);
  const device = deviceOf(dataDir);
  return { dir, log: join(dir, `log.${device}.jsonl`), snap: join(dir, `state.${device}.json`) };
}
