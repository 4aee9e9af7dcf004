import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Zip, ZipDeflate, zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../src/store/pack/load-pack.js';
import { writeDeck, type DeckSpec } from '../helpers/anki-deck.js';
import { BUNDLED_PACK, runCli, tempDir } from '../helpers/run-cli.js';
import { progressFiles } from '../helpers/progress-files.js';
import { choiceQuestions } from '../../src/domain/pack/types.js';

async function loaded(dir: string) {
  const result = await loadPack(dir);
  if (!result.ok) throw new Error(`${dir} does not load: ${JSON.stringify(result.issues[0])}`);
  return result.pack;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

const SPEC: DeckSpec = {
  notes: [
    { guid: 'b1', model: 'basic', fields: ['What does <b>SQS</b> stand for?', 'Simple Queue Service'], tags: ['aws', 'messaging'], deck: 'AWS::Messaging' },
    { guid: 'r1', model: 'reversed', fields: ['der Hund', 'the dog'], tags: ['deutsch'], deck: 'Sprachen::Deutsch' },
    { guid: 'c1', model: 'cloze', fields: ['{{c1::Lambda}} runs code; {{c2::S3::storage}} stores objects', 'Both are <i>serverless</i>'], deck: 'AWS::Compute' },
    {
      guid: 'v1',
      model: 'custom',
      fields: ['café&nbsp;☕', '<ul><li>coffee</li><li>a coffee shop</li></ul>', 'Un <code>café</code>, s\'il vous plaît<script>alert(1)</script><style>b{}</style>'],
      deck: 'Sprachen::Français',
    },
    { guid: 'm1', model: 'basic', fields: ['Which service is this? <img src="arch&amp;diagram.png">', 'Step Functions [sound:say.mp3]'], deck: 'AWS' },
    { guid: 'e1', model: 'basic', fields: ['A front with no back', ''], deck: 'AWS' },
    { guid: 'x1', model: 'basic', fields: ['Escape \u001b]52;c;ZXZpbA==\u0007here', 'back \u009b31m'], deck: 'AWS' },
  ],
  media: { 'arch&diagram.png': PNG, 'unused.png': PNG },
};

describe('pack import --from apkg', () => {
  it('imports Basic, reversed, Cloze and custom notes, with decks as topics, tags, HTML and media', async () => {
    const dir = tempDir();
    await writeDeck(join(dir, 'mixed.apkg'), SPEC);
    const out = join(dir, 'pack');
    const result = await runCli(['pack', 'import', 'mixed.apkg', '--from', 'apkg', '--out', out], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Imported 8 cards into ${out} (pack id mixed), 1 media file; 2 notes:`);
    expect(result.stdout).toContain('mixed.apkg: note e1: skipped a card with an empty back (note type Basic)');
    expect(result.stdout).toContain('mixed.apkg: note m1: refers to the media file "say.mp3", which the package does not hold');
    const pack = await loaded(out);
    expect(pack.domains.map((d) => [d.id, d.title]).sort()).toEqual([
      ['aws', 'AWS'],
      ['sprachen', 'Sprachen'],
    ]);
    expect(pack.topics.map((t) => [t.id, t.title, t.domain]).sort()).toEqual([
      ['aws', 'AWS', 'aws'],
      ['aws-compute', 'AWS › Compute', 'aws'],
      ['aws-messaging', 'AWS › Messaging', 'aws'],
      ['sprachen-deutsch', 'Sprachen › Deutsch', 'sprachen'],
      ['sprachen-francais', 'Sprachen › Français', 'sprachen'],
    ]);
    const card = (front: string) => pack.cards.find((c) => c.front === front);
    expect(card('What does **SQS** stand for?')).toMatchObject({ back: 'Simple Queue Service', topic: 'aws-messaging', tags: ['aws', 'messaging'] });
    expect(card('der Hund')?.back).toBe('the dog');
    expect(card('the dog')?.back).toBe('der Hund');
    expect(card('[...] runs code; S3 stores objects')?.back).toBe('**Lambda** runs code; S3 stores objects\n\nBoth are *serverless*');
    expect(card('Lambda runs code; [storage] stores objects')?.back).toBe('Lambda runs code; **S3** stores objects\n\nBoth are *serverless*');
    expect(card('café ☕')?.back).toBe("- coffee\n- a coffee shop\n\nUn `café`, s'il vous plaît");
    expect(card('Which service is this? (image: arch&diagram.png)')?.back).toBe('Step Functions (audio: say.mp3)');
    expect(card('Escape ]52;c;ZXZpbA==here')?.back).toBe('back 31m');
    expect(readdirSync(join(out, 'media'))).toEqual(['arch&diagram.png']);
    expect(new Uint8Array(readFileSync(join(out, 'media', 'arch&diagram.png')))).toEqual(PNG);
    // Ids come from the guid: the same note gives the same id, its reversed card a second one.
    const ids = pack.cards.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^anki-[a-z0-9]{10}(-\d+)?$/.test(id))).toBe(true);
  });

  it('keeps every id, and so the progress, when an updated deck is imported again', async () => {
    const dir = tempDir();
    const data = tempDir();
    const env = { EXAMDRILL_DATA_DIR: data };
    await writeDeck(join(dir, 'deck.apkg'), SPEC);
    await runCli(['pack', 'import', 'deck.apkg', '--from', 'apkg', '--out', 'v1', '--id', 'deck'], { cwd: dir, env });
    const v1 = await loaded(join(dir, 'v1'));
    // The author fixes a typo and moves a note to another deck; Anki keeps the guids.
    const updated: DeckSpec = { ...SPEC, notes: SPEC.notes.map((n) => (n.guid === 'b1' ? { ...n, fields: ['What does SQS stand for, exactly?', 'Simple Queue Service'], deck: 'AWS::Queues' } : n)) };
    await writeDeck(join(dir, 'deck.apkg'), updated);
    await runCli(['pack', 'import', 'deck.apkg', '--from', 'apkg', '--out', 'v2', '--id', 'deck'], { cwd: dir, env });
    const v2 = await loaded(join(dir, 'v2'));
    expect(v2.cards.map((c) => c.id).sort()).toEqual(v1.cards.map((c) => c.id).sort());
    const before = v1.cards.find((c) => c.front.startsWith('What does **SQS**'))!;
    expect(v2.cards.find((c) => c.id === before.id)).toMatchObject({ front: 'What does SQS stand for, exactly?', topic: 'aws-queues' });
  });

  it('refuses what is not a deck, a zip bomb, a corrupt collection and the newer layout: one message each, exit 2, nothing written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'text.apkg'), 'just text, not a zip\n');
    writeFileSync(join(dir, 'photos.apkg'), zipSync({ 'a.jpg': new Uint8Array([1, 2, 3]) }));
    writeFileSync(join(dir, 'corrupt.apkg'), zipSync({ 'collection.anki2': strToU8('SQLite format 3\u0000'.padEnd(4096, 'x')), media: strToU8('{}') }));
    writeDeckWithExtra(dir, 'newer.apkg');
    await writeBomb(join(dir, 'bomb.apkg'));
    const cases: [string, RegExp][] = [
      ['text.apkg', /^examdrill: text\.apkg is not an Anki package: it is not a zip file\n.*File > Export/],
      ['photos.apkg', /^examdrill: photos\.apkg is a zip but not an Anki package: it holds no collection\.anki2 or collection\.anki21\n/],
      ['corrupt.apkg', /^examdrill: corrupt\.apkg holds a damaged collection: collection\.anki2 is not a readable Anki database/],
      ['newer.apkg', /^examdrill: newer\.apkg is in the newer Anki format \(collection\.anki21b, zstd-compressed\), which examdrill cannot read\n.*"Support older Anki versions"/],
      ['bomb.apkg', /^examdrill: bomb\.apkg is too large to import: collection\.anki2 unpacks to more than 256 MB \(a damaged file, or a zip bomb\)\n/],
      ['missing.apkg', /^examdrill: cannot read missing\.apkg: no such file\n/],
    ];
    for (const [file, message] of cases) {
      const result = await runCli(['pack', 'import', file, '--from', 'apkg', '--out', 'out'], { cwd: dir });
      expect(result.code, file).toBe(2);
      expect(result.stderr.replace(/^Unpacking .*\n/, ''), file).toMatch(message);
      expect(result.stderr, file).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, 'out')), file).toBe(false);
      expect(readdirSync(dir).filter((f) => f.includes('importing')), file).toEqual([]);
    }
  }, 60_000);

  it('exports a pack as .apkg that imports back to the same cards, and questions with their options and answers', async () => {
    const dir = tempDir();
    const exported = await runCli(['pack', 'export', 'aws-dop-c02', '--to', 'apkg', '--out', join(dir, 'dop.apkg'), '--packs-dir', join(BUNDLED_PACK, '..')]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const original = await loaded(BUNDLED_PACK);
    // Every question type goes out: nothing is left out any more.
    expect(exported.stdout).toContain(`Exported ${original.cards.length} cards and ${original.questions.length} questions of aws-dop-c02`);
    expect(exported.stdout).not.toContain('Left out');
    const back = await runCli(['pack', 'import', 'dop.apkg', '--from', 'apkg', '--out', 'again'], { cwd: dir });
    expect(back.code).toBe(0);
    const again = await loaded(join(dir, 'again'));
    const pairs = (cards: readonly { front: string; back: string }[]) => cards.map((c) => `${c.front.trim()}\n=>\n${c.back.trim()}`).sort();
    const cardFronts = new Set(original.cards.map((c) => c.front.trim()));
    expect(pairs(again.cards.filter((c) => cardFronts.has(c.front)))).toEqual(pairs(original.cards));
    // One deck per topic: the topics come back, under the pack's title as the domain.
    expect(again.topics.length).toBe(new Set([...original.cards, ...original.questions].map((i) => i.topic)).size);
    const q = choiceQuestions(original)[0]!;
    const asCard = again.cards.find((c) => c.front.startsWith(q.stem.trim().split('\n')[0]!.replace(/\*\*/g, '')) || c.front.startsWith(q.stem.trim().split('\n')[0]!));
    expect(asCard?.front).toContain(`A) ${q.options[0]!.text.trim().split('\n')[0]}`);
    const letters = q.options.flatMap((o, i) => (o.correct ? ['ABCDEFGH'[i]] : [])).join(', ');
    expect(asCard?.back).toContain(`Answer: ${letters}`);
    expect(again.cards.length).toBe(original.cards.length + original.questions.length);
    // An ordering question comes back with its steps on the front and the order on the back.
    const ordering = original.questions.find((x) => x.type === 'ordering')!;
    const orderCard = again.cards.find((c) => c.front.startsWith(ordering.stem.trim().split('\n')[0]!));
    expect(orderCard?.front).toContain('Put these steps in order:');
    expect(orderCard?.back).toMatch(/^Answer: \d(, \d)+/);
  });
});

describe('pack import --from apkg --with-history', () => {
  const DAY = 86_400_000;
  const start = Date.UTC(2026, 5, 1, 9);
  const deck: DeckSpec = {
    notes: [
      { guid: 'h1', model: 'basic', fields: ['Which port does HTTPS use?', '443'], deck: 'Networking' },
      { guid: 'h2', model: 'reversed', fields: ['el gato', 'the cat'], deck: 'Spanish' },
      { guid: 'h3', model: 'basic', fields: ['Never reviewed', 'so no history'], deck: 'Networking' },
    ],
    revlog: [
      { note: 0, at: start, ease: 3, type: 0 },
      { note: 0, at: start + 600_000, ease: 3, type: 0 },
      { note: 0, at: start + DAY, ease: 1, type: 1 },
      { note: 0, at: start + DAY + 600_000, ease: 3, type: 2 },
      { note: 0, at: start + 3 * DAY, ease: 4, type: 1 },
      { note: 1, ord: 0, at: start + 2 * DAY, ease: 2, type: 0 },
      { note: 1, ord: 1, at: start + 2 * DAY + 5000, ease: 3, type: 0 },
      // A manual reschedule (Set Due Date): no answer given, so no review.
      { note: 1, ord: 1, at: start + 4 * DAY, ease: 0, type: 4 },
    ],
  };

  it('turns the review log into progress that stats counts, once however often it is imported', async () => {
    const dir = tempDir();
    const data = tempDir();
    const env = { EXAMDRILL_DATA_DIR: data };
    await writeDeck(join(dir, 'history.apkg'), deck);
    const now = new Date(start + 5 * DAY);
    const first = await runCli(['pack', 'import', 'history.apkg', '--from', 'apkg', '--out', 'p1', '--with-history'], { cwd: dir, env, now });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Imported 7 reviews from the deck's history; left out 1 (manual reschedules, or cards not imported).");
    expect((await runCli(['pack', 'add', 'p1'], { cwd: dir, env, now })).code).toBe(0);
    const stats = async () => JSON.parse((await runCli(['stats', '--json', '--pack', 'history'], { cwd: dir, env, now })).stdout) as { reviews: { total: number } };
    expect((await stats()).reviews.total).toBe(7);

    // The same deck, later, with one more review: only that one is added.
    const later: DeckSpec = { ...deck, revlog: [...deck.revlog!, { note: 0, at: start + 8 * DAY, ease: 3, type: 1 }] };
    await writeDeck(join(dir, 'history.apkg'), later);
    const again = await runCli(['pack', 'import', 'history.apkg', '--from', 'apkg', '--out', 'p2', '--with-history'], { cwd: dir, env, now: new Date(start + 9 * DAY) });
    expect(again.stdout).toContain("Imported 1 review from the deck's history (7 already imported before)");
    expect((await stats()).reviews.total).toBe(8);
    const log = readFileSync(progressFiles(data, 'history').log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; item: string; rating: number; at: string; after: { phase: string; reps: number } | null });
    expect(log.map((e) => e.type)).toEqual(Array(8).fill('review'));
    // Replayed in time order through the scheduler: the HTTPS card ends in review with 5 answers.
    const https = log.filter((e) => e.item === log[0]!.item);
    expect(https.map((e) => e.rating)).toEqual([3, 3, 1, 3, 4, 3]);
    expect(https.at(-1)!.after).toMatchObject({ phase: 'review', reps: 6 });
    expect(https.at(-1)!.at).toBe(new Date(start + 8 * DAY).toISOString());
  });
});

describe('the built program', () => {
  it('finds sql.js and its WebAssembly from dist/ and imports then exports a deck', async () => {
    const { execFileSync } = await import('node:child_process');
    const program = join(import.meta.dirname, '..', '..', 'dist', 'examdrill.js');
    const dir = tempDir();
    await writeDeck(join(dir, 'built.apkg'), { notes: [{ guid: 'z1', model: 'cloze', fields: ['The {{c1::wasm}} file is found', ''], deck: 'Build' }] });
    const env = { ...process.env, EXAMDRILL_DATA_DIR: tempDir() };
    const out = execFileSync(process.execPath, [program, 'pack', 'import', 'built.apkg', '--from', 'apkg', '--out', 'built'], { cwd: dir, env, encoding: 'utf8' });
    expect(out).toContain('Imported 1 card into built (pack id built).');
    const exported = execFileSync(process.execPath, [program, 'pack', 'export', 'built', '--to', 'apkg', '--out', 'back.apkg', '--packs-dir', dir], { cwd: dir, env, encoding: 'utf8' });
    expect(exported).toContain('Exported 1 cards and 0 questions of built to back.apkg, in 1 deck (one per topic).');
    expect(readFileSync(join(dir, 'back.apkg')).readUInt32LE(0)).toBe(0x04034b50);
  });
});

function writeDeckWithExtra(dir: string, name: string): void {
  // Anki 2.1.50+: the real collection zstd-compressed, and a legacy stub beside it.
  writeFileSync(join(dir, name), zipSync({ 'collection.anki2': strToU8('stub'), 'collection.anki21b': new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0, 0]), media: new Uint8Array([0x28, 0xb5, 0x2f, 0xfd]) }));
}

/** A zip whose collection inflates to 300 MB of zeros (about 300 kB packed), written in pieces. */
async function writeBomb(path: string): Promise<void> {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  const entry = new ZipDeflate('collection.anki2', { level: 1 });
  zip.add(entry);
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < 300; i += 1) entry.push(zeros, i === 299);
  zip.end();
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, Buffer.concat(chunks));
}
