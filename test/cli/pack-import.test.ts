import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionBack, questionFront, withRefs } from '../../src/domain/export/anki.js';
import { loadPack } from '../../src/store/pack/load-pack.js';
import { BUNDLED_PACK, FIXTURES, runCli, tempDir } from '../helpers/run-cli.js';
import { choiceQuestions, isChoice, questionType, type Question } from '../../src/domain/pack/types.js';
import { questionNoteFields } from '../../src/domain/export/question-fields.js';

const IMPORTS = join(FIXTURES, 'import');
const MOODLE = join(IMPORTS, 'moodle-examples.gift.txt');

async function loaded(dir: string) {
  const result = await loadPack(dir);
  if (!result.ok) throw new Error(`${dir} does not load: ${JSON.stringify(result.issues[0])}`);
  return result.pack;
}

describe('pack import', () => {
  it('imports a GIFT file into a pack that validates, and says what it kept and skipped', async () => {
    const out = join(tempDir(), 'networking');
    const result = await runCli(['pack', 'import', 'networking.gift', '--from', 'gift', '--out', out], { cwd: IMPORTS });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        `Imported 13 questions and 0 cards into ${out} (pack id networking); skipped 5:`,
        '  networking.gift:65: skipped an essay question ({}): it has no answer to check, so examdrill leaves essays out',
        '  networking.gift:67: skipped a description (a text with no answer block {...}): it asks nothing, so examdrill leaves descriptions out',
        '  networking.gift:69: skipped a single-answer question with 2 right answers (=): a single-answer question has exactly one',
        '  networking.gift:71: skipped a question with only 1 option: a question needs at least 2',
        '  networking.gift:73: skipped a question whose answer block { is never closed with }',
        '18 questions in the file: 13 imported as written, 5 skipped (each listed above with its reason).',
        `Next: examdrill pack lint ${out}, then examdrill pack add ${out}`,
        '',
      ].join('\n'),
    );
    expect(readdirSync(join(out, 'items')).sort()).toEqual(['networking-addressing.yaml', 'networking-routing.yaml', 'netzwerke-ubertragung.yaml']);
    expect(readFileSync(join(out, 'items', 'netzwerke-ubertragung.yaml'), 'utf8')).toContain('  - id: how-many-bits-are-in-hskb0y\n    type: numerical\n    stem: How many bits are in an IPv4 address?\n    answer: 32\n');
    expect(readFileSync(join(out, 'pack.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.schema\/pack\.schema\.json\n# Imported from networking\.gift /);
    expect(readFileSync(join(out, 'items', 'networking-routing.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.schema\/pack\.schema\.json\ntopic: networking-routing\nquestions:\n {2}- id: ospf-metric-cncerx\n/);
    expect(existsSync(join(out, '.schema', 'pack.schema.json'))).toBe(true);

    const pack = await loaded(out);
    expect([pack.id, pack.title, pack.questions.length, pack.cards.length]).toEqual(['networking', 'Imported from networking.gift', 13, 0]);
    const escapes = choiceQuestions(pack).find((q) => q.stem.startsWith('What does the suffix'))!;
    expect(escapes.options.map((o) => o.text)).toEqual(['The first 24 bits are the network part', 'The network holds 24 hosts', 'The address ends in = 24 ~ roughly', 'A path like C:\\net\\24']);
    expect(escapes.refs).toEqual([]);
    expect((await runCli(['pack', 'validate', out])).code).toBe(0);
  });

  it('imports the same file to the same ids and the same files every time', async () => {
    const [a, b] = [join(tempDir(), 'a'), join(tempDir(), 'b')];
    for (const out of [a, b]) expect((await runCli(['pack', 'import', join(IMPORTS, 'networking.gift'), '--from', 'gift', '--out', out, '--id', 'net'])).code).toBe(0);
    for (const file of ['pack.yaml', ...readdirSync(join(a, 'items')).map((f) => `items/${f}`)]) {
      expect(readFileSync(join(b, file), 'utf8'), file).toBe(readFileSync(join(a, file), 'utf8'));
    }
  });

  it('imports an Anki export, one topic per first tag or deck, and accounts for every note', async () => {
    const out = join(tempDir(), 'spanish');
    const result = await runCli(['pack', 'import', 'spanish-export.txt', '--from', 'anki', '--out', out, '--id', 'spanish'], { cwd: IMPORTS });
    expect(result.stdout).toBe(
      [
        `Imported 2 questions and 5 cards into ${out} (pack id spanish); skipped 1, 1 note:`,
        "  spanish-export.txt:11: media file tener.png is not beside spanish-export.txt: the text keeps its name only; copy the file into the pack's media/ folder",
        '  spanish-export.txt:12: skipped a note whose quoted field is never closed (a " is missing): it ran to the end of the file',
        '6 notes in the file: 4 imported as written, 1 imported with a change, 1 skipped (each listed above with its reason).',
        `Next: examdrill pack lint ${out}, then examdrill pack add ${out}`,
        '',
      ].join('\n'),
    );
    const pack = await loaded(out);
    expect(pack.topics.map((t) => t.id)).toEqual(['verbs', 'spanish-vocabulary', 'grammar']);
    // One item file per topic, loaded in path order.
    expect(pack.questions.map((q) => [q.source.file, q.type, q.stem, q.type === 'short-answer' && q.answers.map((a) => a.text)])).toEqual([
      ['items/grammar.yaml', 'short-answer', 'Yo [...] español y comprendo inglés.', ['hablo']],
      ['items/grammar.yaml', 'short-answer', 'Yo hablo español y [verb] inglés.', ['comprendo']],
    ]);
    expect(pack.cards.map((c) => [c.source.file, c.front, c.tags])).toEqual([
      ['items/spanish-vocabulary.yaml', 'el niño & la niña', []],
      ['items/spanish-vocabulary.yaml', 'the boy & the girl <kids>', []],
      ['items/verbs.yaml', 'ser', ['irregular']],
      ['items/verbs.yaml', 'estar', []],
      ['items/verbs.yaml', '(image: tener.png)', []],
    ]);
  });

  it('keeps Anki Cloze notes as cards with --cloze cards', async () => {
    const out = join(tempDir(), 'cloze');
    const result = await runCli(['pack', 'import', 'spanish-export.txt', '--from', 'anki', '--cloze', 'cards', '--out', out, '--id', 'spanish'], { cwd: IMPORTS });
    expect(result.stdout.split('\n')[0]).toBe(`Imported 0 questions and 7 cards into ${out} (pack id spanish); skipped 1, 1 note:`);
    const gift = await runCli(['pack', 'import', 'networking.gift', '--from', 'gift', '--cloze', 'cards', '--out', join(tempDir(), 'x')], { cwd: IMPORTS });
    expect([gift.code, gift.stderr.split('\n')[0]]).toEqual([2, 'examdrill: --cloze goes with --from anki: only Anki text exports hold Cloze notes']);
  });

  // The example file that ships with Moodle's GIFT filter (copied from /work/shared/fixtures/gift/).
  it("imports Moodle's own GIFT examples: every question of every type, skipping only essays and descriptions (it has none)", async () => {
    const out = join(tempDir(), 'moodle');
    const result = await runCli(['pack', 'import', MOODLE, '--from', 'gift', '--out', out]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toBe(
      [
        `Imported 43 questions and 0 cards into ${out} (pack id moodle-examples); 2 notes:`,
        `  ${MOODLE}:76: examdrill keeps one number per question: 1822:0 kept, 1822:2 (50%) left out`,
        `  ${MOODLE}:202: examdrill keeps one number per question: 1822:0 kept, 1822:2 (50%) left out`,
        '43 questions in the file: 41 imported as written, 2 imported with a change (each listed above with its reason).',
        `Next: examdrill pack lint ${out}, then examdrill pack add ${out}`,
        '',
      ].join('\n'),
    );

    const pack = await loaded(out);
    const ids = [...pack.cards, ...pack.questions].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const byType: Record<string, number> = {};
    for (const q of pack.questions) byType[questionType(q)] = (byType[questionType(q)] ?? 0) + 1;
    expect(byType).toEqual({ choice: 18, 'true-false': 5, 'short-answer': 9, numerical: 8, matching: 3 });
    const multi = choiceQuestions(pack).filter((q) => q.options.filter((o) => o.correct).length > 1);
    expect(multi.map((q) => q.options.map((o) => o.weight ?? null))).toEqual([
      [null, 50, 50, null],
      [-50, 50, 50, -50],
    ]);
    // Three identical copies of the first question, numbered in file order.
    const grant = pack.questions.filter((q) => q.stem === "Who's buried in Grant's tomb?" && questionType(q) === 'choice').map((q) => q.id);
    expect(grant).toEqual([grant[0], `${grant[0]}-2`, `${grant[0]}-3`]);
    const controls = choiceQuestions(pack).find((q) => q.stem.startsWith('Which of the following is NOT a control character'))!;
    expect(controls.options.map((o) => [o.text, o.correct])).toEqual([['~', false], ['=', false], ['#', false], ['{', false], ['}', false], ['\\', true]]);
    const pi = pack.questions.filter((q) => q.type === 'numerical' && q.stem.startsWith('What is the value of pi'));
    // An answer with a tolerance is loaded as its range.
    expect(pi.map((q) => q.type === 'numerical' && [q.stem, q.answer, +q.min.toFixed(9), +q.max.toFixed(9)])).toEqual([
      ['What is the value of pi (to 3 decimal places)? _____.', 3.1415, 3.141, 3.142],
      ['What is the value of pi (to 3 decimal places)? _____.', undefined, 3.141, 3.142],
    ]);
    expect((await runCli(['pack', 'validate', out])).code).toBe(0);
  });

  it('imports a file of every type to a pack that validates, and lists the essay and the description it skips', async () => {
    const out = join(tempDir(), 'types');
    const result = await runCli(['pack', 'import', 'all-types.gift', '--from', 'gift', '--out', out], { cwd: IMPORTS });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`Imported 13 questions and 0 cards into ${out} (pack id all-types); skipped 2, 2 notes:`);
    expect(result.stdout).toContain('all-types.gift:50: skipped an essay question');
    expect(result.stdout).toContain('all-types.gift:60: skipped a description');
    expect(result.stdout).toContain('15 questions in the file: 11 imported as written, 2 imported with a change, 2 skipped (each listed above with its reason).');
    expect((await runCli(['pack', 'validate', out])).code).toBe(0);
  });

  it.each([
    [['pack', 'import', 'x.gift', '--out', 'dir'], 'examdrill: pack import needs --from: the format of the file (gift, anki or apkg)', 'For example: examdrill pack import x.gift --from gift --out my-pack'],
    [['pack', 'import', 'x.gift', '--from', 'anki'], 'examdrill: pack import needs --out: the new pack folder to write', 'For example: examdrill pack import x.gift --from anki --out my-pack'],
    [['pack', 'import', 'x.gift', '--from', 'moodle', '--out', 'dir'], 'examdrill: --from must be one of gift, anki, apkg, not "moodle"', 'For example: --from gift'],
    [['pack', 'import', 'missing.gift', '--from', 'gift', '--out', 'new-dir'], 'examdrill: cannot read missing.gift: no such file', 'Give the path of a GIFT (.gift, .txt) or Anki text export (.txt) file.'],
    [['pack', 'import', '.', '--from', 'gift', '--out', 'new-dir'], 'examdrill: cannot read .: it is a folder, not a file', 'Give the path of a GIFT (.gift, .txt) or Anki text export (.txt) file.'],
    [['pack', 'import', 'networking.gift', '--from', 'gift', '--out', 'new-dir', '--id', 'Bad_Id'], 'examdrill: "Bad_Id" is not a valid pack id', 'Use lowercase letters, digits and hyphens, e.g. --id my-pack'],
  ])('%j is a user error', async (argv, first, second) => {
    const result = await runCli(argv, { cwd: IMPORTS });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${first}\n${second}\n`);
    expect(existsSync(join(IMPORTS, 'new-dir'))).toBe(false);
  });

  it('refuses a non-empty --out folder, a binary file and a file with nothing to import, writing nothing', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'notes.txt'), 'mine');
    const taken = await runCli(['pack', 'import', join(IMPORTS, 'networking.gift'), '--from', 'gift', '--out', 'taken'], { cwd: dir });
    expect([taken.code, taken.stderr]).toEqual([2, 'examdrill: taken already exists and is not an empty folder\nChoose a new folder for --out; nothing was written.\n']);
    expect(readdirSync(join(dir, 'taken'))).toEqual(['notes.txt']);

    writeFileSync(join(dir, 'deck.apkg'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    const binary = await runCli(['pack', 'import', 'deck.apkg', '--from', 'anki', '--out', 'out'], { cwd: dir });
    expect([binary.code, binary.stderr]).toEqual([2, 'examdrill: deck.apkg is a binary file, not text\nExport as text first: in Anki, File > Export > Notes in Plain Text; in Moodle, the question bank export in GIFT format.\n']);

    writeFileSync(join(dir, 'only-essays.gift'), 'Describe it.{}\n\nAn introduction.\n');
    const empty = await runCli(['pack', 'import', 'only-essays.gift', '--from', 'gift', '--out', 'out'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe(
      [
        '  only-essays.gift:1: skipped an essay question ({}): it has no answer to check, so examdrill leaves essays out',
        '  only-essays.gift:3: skipped a description (a text with no answer block {...}): it asks nothing, so examdrill leaves descriptions out',
        'examdrill: nothing to import from only-essays.gift: no question or card could be read (2 problems above)',
        'Check that it is a Moodle GIFT file; nothing was written.',
        '',
      ].join('\n'),
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
  it('refuses --out - (a pack is a folder) and asks for --id when the file name has no Latin letters, writing nothing', async () => {
    const dir = tempDir();
    const gift = readFileSync(join(IMPORTS, 'networking.gift'), 'utf8');
    writeFileSync(join(dir, 'вопросы.gift'), gift);
    writeFileSync(join(dir, 'Übungen.gift'), gift);

    const dash = await runCli(['pack', 'import', 'Übungen.gift', '--from', 'gift', '--out', '-'], { cwd: dir });
    expect([dash.code, dash.stderr.split('\n')[0]]).toEqual([2, 'examdrill: --out - is not possible here: a pack is a folder of YAML files, not one stream']);
    expect(existsSync(join(dir, '-'))).toBe(false);

    const cyrillic = await runCli(['pack', 'import', 'вопросы.gift', '--from', 'gift', '--out', 'out'], { cwd: dir });
    expect([cyrillic.code, cyrillic.stderr]).toEqual([
      2,
      'examdrill: cannot make a pack id from the file name вопросы.gift: it has no Latin letters or digits\nGive one with --id, for example: examdrill pack import вопросы.gift --from gift --out out --id my-pack\n',
    ]);
    expect(existsSync(join(dir, 'out'))).toBe(false);

    const withId = await runCli(['pack', 'import', 'вопросы.gift', '--from', 'gift', '--out', 'out', '--id', 'voprosy'], { cwd: dir });
    expect(withId.code).toBe(0);
    expect((await loaded(join(dir, 'out'))).id).toBe('voprosy');

    const latin = await runCli(['pack', 'import', 'Übungen.gift', '--from', 'gift', '--out', 'latin'], { cwd: dir });
    expect(latin.stdout).toContain('(pack id ubungen)');
  });

  it('names only the notes when nothing was skipped, and reports an --out it cannot write to', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'partial.gift'), 'When was Grant born?{#=1822 =%50%1820..1824}\n');
    const notesOnly = await runCli(['pack', 'import', 'partial.gift', '--from', 'gift', '--out', 'ok'], { cwd: dir });
    expect(notesOnly.stdout.split('\n').slice(0, 2)).toEqual([
      'Imported 1 question and 0 cards into ok (pack id partial); 1 note:',
      '  partial.gift:1: examdrill keeps one number per question: 1822 kept, 1820..1824 (50%) left out',
    ]);
    const blocked = await runCli(['pack', 'import', 'partial.gift', '--from', 'gift', '--out', 'partial.gift/pack'], { cwd: dir });
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(/^examdrill: cannot write the pack into partial\.gift\/pack: ENOTDIR.*\nChoose an --out folder where you can write\.\n$/);
  });
});

/** A question as the front and back of its exported Anki note. */
function noteOf(q: Question): [string, string] {
  if (isChoice(q)) return [questionFront(q), withRefs(questionBack(q), q.refs)];
  const [stem, options, answer, why] = questionNoteFields(q);
  return [[stem, options].filter(Boolean).join('\n\n'), withRefs([answer, why].filter(Boolean).join('\n\n'), q.refs)];
}

describe('pack export', () => {
  it('exports the bundled pack to Anki text, and importing that file gives back every front and back', async () => {
    const dir = tempDir();
    const exported = await runCli(['pack', 'export', 'aws-dop-c02', '--to', 'anki', '--out', 'dop.txt'], { cwd: dir });
    const bundled = await loaded(BUNDLED_PACK);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toBe(
      `Exported ${bundled.cards.length} cards and ${bundled.questions.length} questions of aws-dop-c02 to dop.txt.\n` +
        'In Anki: File > Import, then choose the file; its header sets the deck, the note type (Basic) and the tags column.\n',
    );
    const text = readFileSync(join(dir, 'dop.txt'), 'utf8');
    expect(text.split('\n').slice(0, 6)).toEqual(['#separator:tab', '#html:true', '#guid column:1', '#notetype column:2', '#deck column:3', '#tags column:6']);

    const back = await runCli(['pack', 'import', 'dop.txt', '--from', 'anki', '--out', 'again'], { cwd: dir });
    expect(back.code).toBe(0);
    expect(back.stdout.split('\n')[0]).toBe(`Imported 0 questions and ${bundled.cards.length + bundled.questions.length} cards into again (pack id dop).`);
    // The new pack holds its items in one file per topic, so compare them in one order.
    const sorted = (rows: string[][]) => rows.map((r) => JSON.stringify(r)).sort();
    const again = await loaded(join(dir, 'again'));
    expect(sorted(again.cards.map((c) => [c.topic, c.front, c.back]))).toEqual(
      sorted([...bundled.cards.map((c) => [c.topic, c.front.trim(), withRefs(c.back.trim(), c.refs)]), ...bundled.questions.map((q) => [q.topic, ...noteOf(q)])]),
    );
    expect(again.topics.map((t) => t.id).sort()).toEqual([...new Set([...bundled.cards, ...bundled.questions].map((i) => i.topic))].sort());
  });

  it.each([
    [['pack', 'export', 'aws-dop-c02', '--out', 'x.txt'], 'examdrill: pack export needs --to: the format to write (anki)', 'For example: examdrill pack export aws-dop-c02 --to anki --out aws-dop-c02.txt'],
    [['pack', 'export', 'aws-dop-c02', '--to', 'anki'], 'examdrill: pack export needs --out: the file to write', 'For example: examdrill pack export aws-dop-c02 --to anki --out aws-dop-c02.txt'],
    [['pack', 'export', 'aws-dop-c2', '--to', 'anki', '--out', 'x.txt'], 'examdrill: unknown pack id aws-dop-c2 (did you mean aws-dop-c02?)', 'Installed packs: aws-dop-c02. See `examdrill packs`.'],
    [['pack', 'export', 'aws-dop-c02', '--to', 'anki', '--out', '.'], 'examdrill: cannot write .: it is a folder', 'Give --out a file path in a folder you can write to.'],
  ])('%j is a user error', async (argv, first, second) => {
    const dir = tempDir();
    const result = await runCli(argv, { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${first}\n${second}\n`);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('pack import keeps media and links', () => {
  it('copies an image that is beside the GIFT file into media/, keeps links with their URL, and warns for a missing one at its line', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'diagram.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(
      join(dir, 'media.gift'),
      [
        '::net::[html]Which subnet is shown? <img src="@@PLUGINFILE@@/diagram.png"> See <a href="https://docs.aws.amazon.com/vpc/">the VPC guide</a>.{=10.0.1.0/24 ~10.0.2.0/24}',
        '',
        '[markdown]Where is ![the map](missing.png) drawn?{=here ~there}',
        '',
      ].join('\n'),
    );
    const r = await runCli(['pack', 'import', 'media.gift', '--from', 'gift', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  media.gift:3: media file missing.png is not beside media.gift: the text keeps its name only; copy the file into the pack's media/ folder\n");
    expect(r.stdout).toContain('2 questions in the file: 1 imported as written, 1 imported with a change (each listed above with its reason).');
    expect(readFileSync(join(dir, 'out', 'media', 'diagram.png'))).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const pack = await loaded(join(dir, 'out'));
    expect(pack.questions.map((q) => q.stem)).toEqual(['Which subnet is shown? (image: diagram.png) See the VPC guide (https://docs.aws.amazon.com/vpc/).', 'Where is (image: missing.png) drawn?']);
  });
});
