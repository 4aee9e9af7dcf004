import { describe, expect, it } from 'vitest';
import { packDigest } from '../../../src/store/pack/pack-digest.js';
import { blueprintPack, card } from '../../helpers/packs.js';

describe('the pack digest', () => {
  const pack = blueprintPack([3, 3, 3, 3, 3, 3]);

  it('is the same for the same items, and changes with an added, removed or edited item', () => {
    const digest = packDigest(pack);
    expect(packDigest({ cards: [...pack.cards], questions: [...pack.questions] })).toBe(digest);
    expect(packDigest({ ...pack, cards: [...pack.cards, card('c3', 'd0-t0')] })).not.toBe(digest);
    expect(packDigest({ ...pack, questions: pack.questions.slice(1) })).not.toBe(digest);
    expect(packDigest({ ...pack, questions: pack.questions.map((q, i) => (i === 4 ? { ...q, hash: 'edited' } : q)) })).not.toBe(digest);
  });

  it('tells an id from a hash: moving text between the two fields changes it', () => {
    const a = { cards: [{ ...card('ab', 't'), hash: 'c' }], questions: [] };
    const b = { cards: [{ ...card('a', 't'), hash: 'bc' }], questions: [] };
    expect(packDigest(a)).not.toBe(packDigest(b));
  });
});
