import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/domain/pack/issues.js';
import { loadPack } from '../../../src/store/pack/load-pack.js';
import { FIXTURES, tempDir } from '../../helpers/run-cli.js';
import { choiceQuestions } from '../../../src/domain/pack/types.js';

const packs = join(FIXTURES, 'packs');

async function problems(dir: string): Promise<string[]> {
  const result = await loadPack(dir);
  if (result.ok) return [];
  return result.issues.map((i) => formatIssue(i));
}

describe('loadPack on a broken pack', () => {
  it('reports every problem across files, each at its exact file:line:column', async () => {
    expect(await problems(join(packs, 'broken'))).toEqual([
      'items/a.yaml:6:5 cards[1]: missing required key `back`',
      'items/a.yaml:8:5 cards[1]: unknown key `bakc` (expected one of: id, topic, front, back, tags, refs, siblings)',
      'items/a.yaml:13:7 questions[0].options: a question needs at least 2 options',
      'items/a.yaml:18:7 questions[1].options: a question needs at least one correct option (found 0)',
      'items/a.yaml:21:11 questions[2].stem: a question stem is empty',
      'items/a.yaml:26:12 questions[2].refs[0]: a ref must be an https:// URL',
      'items/a.yaml:27:9 questions[3].id: an id uses lowercase letters, digits and hyphens, and starts with a letter or digit',
      'items/a.yaml:29:11 questions[3].stem: a question stem contains a terminal control character',
      'items/b.yaml:3:9 cards[0].id: duplicate id `dup` (first used at items/a.yaml:3:9)',
      'items/b.yaml:8:12 questions[0].topic: unknown topic `t-nowhere` (expected one of: t-one, t-two)',
      'items/c-raw.yaml:4:17: terminal control character ESC (U+001B): remove it (escape sequences never reach the terminal)',
      'items/d-syntax.yaml:5:5: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'items/e-bomb.yaml:1:1: too many YAML aliases (over 100): the file expands like an alias bomb',
      'pack.yaml:2:5 id: an id uses lowercase letters, digits and hyphens, and starts with a letter or digit',
      'pack.yaml:4:10 version: a version is semver, such as 1.2.0',
      'pack.yaml:8:13 domains[0].weight: a weight cannot be negative',
      'pack.yaml:15:13 topics[1].domain: unknown domain `d-missing` (expected one of: d-one)',
    ]);
  });

  it('reports a missing pack.yaml and an unknown format', async () => {
    expect(await problems(join(packs, 'no-manifest'))).toEqual(['pack.yaml:1:1: missing pack.yaml: every pack folder needs one (run `examdrill pack new DIR` for a template)']);
    expect(await problems(join(packs, 'bad-format'))).toEqual(['pack.yaml:1:9 format: unknown format: this program reads format 1']);
  });

  it('refuses a file over 5 MB without parsing it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pack.yaml'), 'format: 1\nid: big\ntitle: Big\nversion: 1.0.0\ndomains: [{id: d, title: D, weight: 1}]\ntopics: [{id: t, title: T, domain: d}]\n');
    writeFileSync(join(dir, 'huge.yaml'), `# ${'x'.repeat(5 * 1024 * 1024 + 10)}\n`);
    expect(await problems(dir)).toEqual(['huge.yaml:1:1: file is 5.0 MB, over the 5 MB limit: split it into smaller files']);
  });

  it('points a typo at the key and suggests the real one', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pack.yaml'), 'format: 1\nid: typo\ntitle: T\nversion: 1.0.0\ndomains: [{id: d, title: D, weight: 1}]\ntopics: [{id: t, title: T, domain: d}]\n');
    writeFileSync(join(dir, 'items.yaml'), 'topic: t\ncards:\n  - id: c\n    front: F\n    back: B\n    refz: []\n');
    expect(await problems(dir)).toEqual(['items.yaml:6:5 cards[0]: unknown key `refz` (did you mean `refs`?)']);
  });

  it('catches every kind of terminal escape, written raw or as a YAML escape', async () => {
    const sequences: Record<string, string> = {
      'OSC 8 hyperlink': '\\e]8;;https://evil.example\\e\\\\link\\e]8;;\\e\\\\',
      'OSC 52 clipboard': '\\e]52;c;ZXZpbA==\\a',
      'OSC 0 title': '\\e]0;pwned\\a',
      'CSI clear': '\\e[2J',
      'C1 CSI': '\\u009b2J',
      BEL: '\\a',
      CR: 'over\\rwrite',
      DEL: '\\x7f',
    };
    for (const [name, seq] of Object.entries(sequences)) {
      const dir = tempDir();
      writeFileSync(join(dir, 'pack.yaml'), 'format: 1\nid: esc\ntitle: T\nversion: 1.0.0\ndomains: [{id: d, title: D, weight: 1}]\ntopics: [{id: t, title: T, domain: d}]\n');
      writeFileSync(join(dir, 'items.yaml'), `topic: t\ncards:\n  - id: c\n    front: "x ${seq} y"\n    back: B\n`);
      expect(await problems(dir), name).toEqual(['items.yaml:4:12 cards[0].front: a card front contains a terminal control character']);
    }
  });

  it('reports an empty pack, duplicate topics and all-zero weights', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pack.yaml'), 'format: 1\nid: empty\ntitle: T\nversion: 1.0.0\ndomains: [{id: d, title: D, weight: 0}]\ntopics:\n  - {id: t, title: T, domain: d}\n  - {id: t, title: U, domain: d}\n');
    expect(await problems(dir)).toEqual([
      'pack.yaml:5:10 domains: every domain weight is 0: at least one must be positive',
      'pack.yaml:8:10 topics[1].id: duplicate topic id `t`',
    ]);
    writeFileSync(join(dir, 'pack.yaml'), 'format: 1\nid: empty\ntitle: T\nversion: 1.0.0\ndomains: [{id: d, title: D, weight: 1}]\ntopics: [{id: t, title: T, domain: d}]\n');
    expect(await problems(dir)).toEqual(['pack.yaml:1:1: the pack is empty: add an item file with cards or questions next to pack.yaml']);
  });
});

describe('loadPack on a valid pack', () => {
  it('loads nested folders, a BOM, unicode and a multiple-response question; skips _ and . entries', async () => {
    const result = await loadPack(join(packs, 'valid-nested'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { pack } = result;
    expect(pack.title).toBe('Ünïcödé pack: 日本語 and emoji 🚀');
    expect(pack.exam).toEqual({ questions: 3, minutes: 5, passingScore: 750 });
    expect(pack.cards.map((c) => c.id)).toEqual(['c-unicode']);
    expect(pack.questions.map((q) => `${q.id}@${q.source.file}:${q.source.line}`)).toEqual(['q-single@items/cards.yaml:7', 'q-multi@items/deep/deeper/multi.yaml:3']);
    const multi = choiceQuestions(pack).find((q) => q.id === 'q-multi')!;
    expect(multi.options.filter((o) => o.correct)).toHaveLength(2);
    expect(multi.topic).toBe('t-two');
    expect(pack.cards[0]!.back).toBe('An exam (しけん). ✅');
  });

  it('serves an unchanged pack from the compiled cache and recompiles after an edit', async () => {
    const dir = tempDir();
    const cacheDir = tempDir();
    writeFileSync(join(dir, 'pack.yaml'), 'format: 1\nid: cached\ntitle: T\nversion: 1.0.0\ndomains: [{id: d, title: D, weight: 1}]\ntopics: [{id: t, title: T, domain: d}]\n');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'items.yaml'), 'topic: t\ncards:\n  - {id: c, front: F, back: B}\n');
    const first = await loadPack(dir, { cacheDir });
    const second = await loadPack(dir, { cacheDir });
    expect([first.ok && first.cached, second.ok && second.cached]).toEqual([false, true]);
    writeFileSync(join(dir, 'sub', 'items.yaml'), 'topic: t\ncards:\n  - {id: c, front: F2, back: B}\n');
    const third = await loadPack(dir, { cacheDir });
    expect(third.ok && !third.cached && third.pack.cards[0]!.front).toBe('F2');
  });

  it('keeps every character through the cache, which is stored as ASCII', async () => {
    const dir = join(tempDir(), 'p');
    const cacheDir = tempDir();
    const { cpSync } = await import('node:fs');
    cpSync(join(packs, 'valid-nested'), dir, { recursive: true });
    const fresh = await loadPack(dir, { cacheDir });
    const cached = await loadPack(dir, { cacheDir });
    expect([fresh.ok && fresh.cached, cached.ok && cached.cached]).toEqual([false, true]);
    expect(cached.ok && cached.pack).toEqual(fresh.ok && fresh.pack);
    expect(cached.ok && cached.pack.title).toBe('Ünïcödé pack: 日本語 and emoji 🚀');
    const [file] = readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
    expect([...readFileSync(join(cacheDir, file!))].every((b) => b < 0x80)).toBe(true);
  });

  it('stamps the files it compiled once they are not fresh, and sees an edit that keeps the size and puts the mtime back', async () => {
    const dir = tempDir();
    const cacheDir = tempDir();
    writeFileSync(join(dir, 'pack.yaml'), 'format: 1\nid: stamped\ntitle: T\nversion: 1.0.0\ndomains: [{id: d, title: D, weight: 1}]\ntopics: [{id: t, title: T, domain: d}]\n');
    const items = join(dir, 'items.yaml');
    writeFileSync(items, 'topic: t\ncards:\n  - {id: c, front: F, back: B}\n');
    const past = 1_700_000_000; // seconds: a whole second, which utimes keeps exactly
    utimesSync(items, past, past);
    const stamps = () => readdirSync(cacheDir).filter((f) => f.endsWith('.stamp'));

    // Just written: too fresh to trust a stat, so no stamp.
    expect((await loadPack(dir, { cacheDir })).ok).toBe(true);
    expect(stamps()).toEqual([]);

    const later = () => Date.now() + 60_000;
    const second = await loadPack(dir, { cacheDir, now: later });
    expect(second.ok && second.cached).toBe(true);
    expect(stamps()).toHaveLength(1);
    const third = await loadPack(dir, { cacheDir, now: later });
    expect(third.ok && third.cached && third.pack.cards[0]!.front).toBe('F');

    writeFileSync(items, 'topic: t\ncards:\n  - {id: c, front: G, back: B}\n');
    utimesSync(items, past, past);
    expect(statSync(items).mtimeMs).toBe(past * 1000);
    const edited = await loadPack(dir, { cacheDir, now: later });
    expect(edited.ok && !edited.cached && edited.pack.cards[0]!.front).toBe('G');

    // A file added or removed changes the stamp's key too.
    writeFileSync(join(dir, 'more.yaml'), 'topic: t\ncards:\n  - {id: c2, front: H, back: B}\n');
    const added = await loadPack(dir, { cacheDir, now: later });
    expect(added.ok && !added.cached && added.pack.cards.map((c) => c.id)).toEqual(['c', 'c2']);
  });
});

describe('folders', () => {
  it('a link back to a parent folder is walked once, not until ELOOP', async () => {
    const { symlinkSync, cpSync } = await import('node:fs');
    const dir = join(tempDir(), 'p');
    cpSync(join(packs, 'valid-nested'), dir, { recursive: true });
    symlinkSync(dir, join(dir, 'items', 'loop'));
    const result = await loadPack(dir);
    expect(result.ok && result.pack.questions.length).toBe(2);
  });

  it('plain-English messages for wrong types', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pack.yaml'), 'format: 1\nid: t\ntitle: T\nversion: 1.0.0\ndomains: [{id: d, title: D, weight: 1}]\ntopics: [{id: t, title: T, domain: d}]\nexam: {questions: 0, passingScore: 50}\n');
    writeFileSync(join(dir, 'a.yaml'), 'topic: t\nquestions:\n  - id: q\n    difficulty: 5\n    tags: sqs\n    stem: S\n    options:\n      - {text: A, correct: "yes"}\n      - {text: B}\n');
    writeFileSync(join(dir, 'b.yaml'), '- a list\n');
    expect(await problems(dir)).toEqual([
      'a.yaml:4:17 questions[0].difficulty: difficulty is 1 (recall), 2 or 3 (multi-step scenario)',
      'a.yaml:5:11 questions[0].tags: expected a list of tags, such as [sqs, retries]',
      'a.yaml:8:28 questions[0].options[0].correct: correct is true or false (without quotes)',
      'b.yaml:1:1: an item file is a mapping with topic, cards and questions (not a list)',
      'pack.yaml:7:19 exam.questions: questions must be at least 1',
      'pack.yaml:7:36 exam.passingScore: passingScore is on the 100-1000 scale: at least 100',
    ]);
  });
});

describe('siblings', () => {
  const manifest = 'format: 1\nid: sibs\ntitle: Sibs\nversion: 1.0.0\ndomains:\n  - id: d\n    title: D\n    weight: 1\ntopics:\n  - id: t\n    title: T\n    domain: d\n';
  const questionYaml = 'questions:\n  - id: q-one\n    stem: Which?\n    options:\n      - text: This.\n        correct: true\n      - text: That.\n';

  it('points at an unknown sibling id and at an item naming itself, at their file:line:column', async () => {
    const dir = join(tempDir(), 'sibs');
    mkdirSync(join(dir, 'items'), { recursive: true });
    writeFileSync(join(dir, 'pack.yaml'), manifest);
    writeFileSync(join(dir, 'items', 'c.yaml'), 'topic: t\ncards:\n  - id: c-one\n    front: F\n    back: B\n    siblings: [q-one, q-onne]\n  - id: c-two\n    front: F\n    back: B\n    siblings:\n      - c-two\n');
    writeFileSync(join(dir, 'items', 'q.yaml'), `topic: t\n${questionYaml}    siblings: [c-one]\n  - id: q-two\n    stem: Which?\n    options: [{text: A, correct: true}, {text: B}]\n    siblings: [7]\n`);
    expect(await problems(dir)).toEqual([
      'items/c.yaml:6:23 cards[0].siblings[1]: unknown sibling `q-onne` (did you mean `q-one`?): name the id of a card or question of this pack',
      'items/c.yaml:11:9 cards[1].siblings[0]: `c-two` names the item itself: siblings are other items that teach the same fact',
      'items/q.yaml:13:16 questions[1].siblings[0]: expected an id (a string)',
    ]);
  });

  it('are symmetric, and marking them changes no item hash and not the pack digest (progress is kept)', async () => {
    const dir = join(tempDir(), 'sibs');
    mkdirSync(join(dir, 'items'), { recursive: true });
    writeFileSync(join(dir, 'pack.yaml'), manifest);
    writeFileSync(join(dir, 'items', 'c.yaml'), 'topic: t\ncards:\n  - id: c-one\n    front: F\n    back: B\n');
    writeFileSync(join(dir, 'items', 'q.yaml'), `topic: t\n${questionYaml}`);
    const before = await loadPack(dir);
    writeFileSync(join(dir, 'items', 'c.yaml'), 'topic: t\ncards:\n  - id: c-one\n    front: F\n    back: B\n    siblings: [q-one]\n');
    const after = await loadPack(dir);
    if (!before.ok || !after.ok) throw new Error('both load');
    expect(after.pack.cards[0]!.siblings).toEqual(['q-one']);
    expect(after.pack.questions[0]!.siblings).toEqual(['c-one']);
    expect(before.pack.cards[0]!.siblings).toBeUndefined();
    expect(after.pack.cards.map((c) => c.hash)).toEqual(before.pack.cards.map((c) => c.hash));
    expect(after.pack.questions.map((q) => q.hash)).toEqual(before.pack.questions.map((q) => q.hash));
    expect(after.pack.digest).toBe(before.pack.digest);
  });
});

describe('optionMoves in pack.yaml', () => {
  it('points at each mistake: an unknown question, a wrong count, an index used twice, a version newer than the pack', async () => {
    const dir = join(tempDir(), 'moves');
    mkdirSync(join(dir, 'items'), { recursive: true });
    writeFileSync(
      join(dir, 'pack.yaml'),
      'format: 1\nid: moves\ntitle: Moves\nversion: 1.2.0\ndomains:\n  - id: d\n    title: D\n    weight: 1\ntopics:\n  - id: t\n    title: T\n    domain: d\n' +
        'optionMoves:\n  1.1.0:\n    q-one: [1, 0, null]\n    q-onne: [1, 0]\n  1.2.0:\n    q-one: [1, 1, 0]\n  1.3.0:\n    q-one: [0, 1]\n',
    );
    writeFileSync(join(dir, 'items', 'q.yaml'), 'topic: t\nquestions:\n  - id: q-one\n    stem: Which?\n    options:\n      - text: This.\n        correct: true\n        why: It is.\n      - text: That.\n        why: It is not.\n');
    expect(await problems(dir)).toEqual([
      'pack.yaml:16:13 optionMoves.1.1.0.q-onne: unknown question `q-onne` (did you mean `q-one`?)',
      'pack.yaml:18:12 optionMoves.1.2.0.q-one: 3 entries for a question with 2 options: give one old index (or null) per option as written now',
      'pack.yaml:18:12 optionMoves.1.2.0.q-one: an old option index appears twice: each old option moves to one place',
      "pack.yaml:20:5 optionMoves.1.3.0: optionMoves names version 1.3.0, newer than the pack's version 1.2.0: moves apply from the version they were made in",
    ]);
    writeFileSync(join(dir, 'pack.yaml'), readFileSync(join(dir, 'pack.yaml'), 'utf8').replace(/optionMoves:[\s\S]*/, 'optionMoves:\n  1.1.0:\n    q-one: [0, 2, 1]\n  1.2.0:\n    q-one: [1, 0]\n'));
    // An older move may name more options than the question has now: only the latest must match.
    const ok = await loadPack(dir);
    expect(ok.ok && ok.pack.optionMoves).toEqual({ '1.1.0': { 'q-one': [0, 2, 1] }, '1.2.0': { 'q-one': [1, 0] } });
  });
});
