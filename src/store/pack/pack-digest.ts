/**
 * One hash of every item's id and content hash: equal digests mean no item was added, removed
 * or edited. The compiler stores it in the pack; the progress store keeps the last one seen, so
 * an unchanged pack (nearly every start) is recognised without comparing 7,500 item hashes.
 */
import { createHash } from 'node:crypto';
import type { Pack } from '../../domain/pack/types.js';

export function packDigest(pack: Pick<Pack, 'cards' | 'questions'>): string {
  const parts: string[] = [];
  for (const item of pack.cards) parts.push(item.id, item.hash);
  for (const item of pack.questions) parts.push(item.id, item.hash);
  return createHash('sha1').update(parts.join('\0')).digest('hex');
}
