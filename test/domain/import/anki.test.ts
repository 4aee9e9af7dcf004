import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnki } from '../../../src/domain/import/anki.js';
import { itemIdFor } from '../../../src/domain/import/apkg.js';
import { decodeEntities, htmlToText, toPack } from '../../../src/domain/import/to-pack.js';
import { FIXTURES } from '../../helpers/run-cli.js';

const fixture = (name: string) => readFileSync(join(FIXTURES, 'import', name), 'utf8');

describe('parseAnki on real exports', () => {
  it('reads an Anki export with GUID, notetype, deck and tags columns and HTML fields', () => {
    expect(parseAnki(fixture('spanish-export.txt'))).toEqual({
      items: [
        // Each note keeps its guid as its key; <br> and <div> lines stay lines on screen (a `\` line end).
        { kind: 'card', line: 7, topic: 'verbs', front: 'ser', back: 'to be *(permanent traits)*\\\nsoy, eres, es', tags: ['irregular'], key: 'f0Ju&g9Ea=' },
        { kind: 'card', line: 8, topic: 'verbs', front: 'estar', back: 'to be **(states, places)**\\\ne.g. "estoy cansado"\n\n— I am tired', key: 'O5{w4y`A[k' },
        // No tags: the deck is the topic. A reversed note type makes a card each way, as Anki does.
        { kind: 'card', line: 9, topic: 'Spanish::Vocabulary', front: 'el niño & la niña', back: 'the boy & the girl <kids>', key: 'nV9/Er3Q+$' },
        { kind: 'card', line: 9, topic: 'Spanish::Vocabulary', front: 'the boy & the girl <kids>', back: 'el niño & la niña', key: 'nV9/Er3Q+$\u00002' },
        // A Cloze note: one card per deletion, the others shown; Anki's own `marked` tag is no topic.
        // A Cloze note: one short-answer question per deletion, its gap shown ([...] or the hint); Anki's own `marked` tag is no topic.
        { kind: 'short-answer', line: 10, topic: 'grammar', stem: 'Yo [...] español y comprendo inglés.', answers: [{ text: 'hablo' }], explanation: 'Regular -ar and -er verbs.', tags: ['marked'], key: 'c8:Pq1^Ld2' },
        { kind: 'short-answer', line: 10, topic: 'grammar', stem: 'Yo hablo español y [verb] inglés.', answers: [{ text: 'comprendo' }], explanation: 'Regular -ar and -er verbs.', tags: ['marked'], key: 'c8:Pq1^Ld2\u00002' },
        // An image-only front keeps the image as a reference, and names it for copying.
        { kind: 'card', line: 11, topic: 'verbs', front: '(image: tener.png)', back: 'to have', key: 'Zq0#~mT5s!', media: ['tener.png'] },
      ],
      warnings: [{ line: 12, message: 'skipped a note whose quoted field is never closed (a " is missing): it ran to the end of the file' }],
      blocks: 6,
    });
  });

  it('reads non-English note type names: a German reversed type, an optional reverse, an unknown type as Basic with a note', () => {
    const text = '#separator:tab\n#notetype column:1\nEinfach (mit umgekehrter Karte)\tHund\tdog\nBasique (carte inversée optionnelle)\tchat\tcat\t\nBasique (carte inversée optionnelle)\tchien\tdog\ty\nVokabel\tKatze\tcat\tFeline\n';
    const { items, warnings } = parseAnki(text);
    expect(items.map((i) => (i.kind === 'card' ? `${i.front}->${i.back}` : ''))).toEqual(['Hund->dog', 'dog->Hund', 'chat->cat', 'chien->dog', 'dog->chien', 'Katze->cat\n\nFeline']);
    expect(warnings).toEqual([{ line: 6, message: 'note type "Vokabel" is read as Basic: its first field is the front and its other fields the back (a Cloze note is found by its {{c1::...}} deletions)' }]);
  });

  it('gives a guid note the same id on every import, however its text is edited, and the same as an .apkg import', () => {
    const ids = (text: string) => toPack(parseAnki(text).items, { id: 'x', title: 'x' }).files.flatMap((f) => [...(f.data.cards ?? []), ...(f.data.questions ?? [])].map((c) => c.id));
    const before = ids('#guid column:1\nAb#1\tfront\tback\nCd2\t{{c1::a}} {{c2::b}}\t\n');
    const after = ids('#guid column:1\nCd2\t{{c1::a}} and {{c2::b}} edited\t\nAb#1\tfront, edited\tback\n');
    expect(after.sort()).toEqual([...before].sort());
    expect(before).toEqual([itemIdFor('Ab#1', 0), itemIdFor('Cd2', 0), itemIdFor('Cd2', 1)]);
  });

  it('keeps the Cloze cards of Anki on request, and imports a deletion that hides several texts as a card, with a note', () => {
    const text = '#separator:tab\nThe {{c1::daemon}} posts to port {{c2::80::a number}}.\textra\nA {{c1::b}} and a {{c1::c}}.\t\nStars {{c1::a*b}}\t\n';
    const cards = parseAnki(text, { cloze: 'cards' });
    expect(cards.items.map((i) => i.kind === 'card' && [i.front, i.back])).toEqual([
      ['The [...] posts to port 80.', 'The **daemon** posts to port 80.\n\nextra'],
      ['The daemon posts to port [a number].', 'The daemon posts to port **80**.\n\nextra'],
      ['A [...] and a [...].', 'A **b** and a **c**.'],
      ['Stars [...]', 'Stars **a*b**'],
    ]);
    const questions = parseAnki(text);
    expect(questions.items.map((i) => [i.kind, i.kind === 'short-answer' ? i.answers.map((a) => a.text) : i.kind === 'card' ? i.front : ''])).toEqual([
      ['short-answer', ['daemon']],
      ['short-answer', ['80']],
      ['card', 'A [...] and a [...].'],
      // Matched literally: the star is escaped so that it is no wildcard.
      ['short-answer', ['a\\*b']],
    ]);
    expect(questions.warnings).toEqual([{ line: 3, message: 'Cloze deletion c1 hides 2 texts at once: imported as a card (a short answer takes one typed answer)' }]);
  });

  it('reads a hand-written CSV: quoted commas, doubled quotes, line breaks in a field, comments and blank lines', () => {
    expect(parseAnki(fixture('capitals.csv'))).toEqual({
      items: [
        { kind: 'card', line: 5, topic: 'geography', front: 'Capital of Australia, the country', back: 'Canberra', tags: ['oceania'] },
        { kind: 'card', line: 6, topic: 'geography', front: 'What is the capital of Canada?', back: 'Ottawa\\\n(not Toronto, the largest city)', tags: ['americas'] },
        { kind: 'card', line: 9, front: 'The "Eternal City"', back: 'Rome' },
        { kind: 'card', line: 10, topic: 'geography::asia', front: 'Capital of Japan', back: '東京 (Tokyo)', tags: ['marked'] },
      ],
      warnings: [
        { line: 11, message: 'skipped a note with one field: a card needs a front and a back' },
        { line: 12, message: 'skipped a card with an empty front' },
      ],
      blocks: 6,
    });
  });

  it('turns tags and deck names into topic ids, `general` when there is neither', () => {
    const pack = toPack([...parseAnki(fixture('capitals.csv')).items, ...parseAnki(fixture('spanish-export.txt')).items], { id: 'mixed', title: 'Mixed' });
    expect(pack.manifest.topics.map((t) => [t.id, t.title])).toEqual([
      ['geography', 'geography'],
      ['general', 'General'],
      ['geography-asia', 'geography::asia'],
      ['verbs', 'verbs'],
      ['spanish-vocabulary', 'Spanish::Vocabulary'],
      ['grammar', 'grammar'],
    ]);
  });
});

describe('parseAnki headers and separators', () => {
  const cards = (text: string) => parseAnki(text).items.map((i) => (i.kind === 'card' ? [i.front, i.back, i.topic ?? null] : []));

  it.each([
    ['no header, tabs', 'a b\tc, d\n', [['a b', 'c, d', null]]],
    ['no header, semicolons', 'a, b;c\n', [['a, b', 'c', null]]],
    ['no header, commas', 'a b,c d\n', [['a b', 'c d', null]]],
    ['#separator:tab', '#separator:tab\na;b\tc\n', [['a;b', 'c', null]]],
    ['#separator:Comma', '#separator:Comma\na;b,c\n', [['a;b', 'c', null]]],
    ['#separator:semicolon', '#separator:semicolon\na,b;c\n', [['a,b', 'c', null]]],
    ['#separator:pipe', '#separator:pipe\na,b|c\n', [['a,b', 'c', null]]],
    ['#separator:space', '#separator:space\nhola hello\n', [['hola', 'hello', null]]],
    ['#separator:<literal>', '#separator:^\na,b^c\n', [['a,b', 'c', null]]],
  ])('%s', (_, text, expected) => {
    expect(cards(text)).toEqual(expected);
  });

  it('reads #deck, #tags column and #columns, and keeps HTML as text when #html is false', () => {
    expect(cards('#separator:tab\n#deck:AWS::Lambda\n#html:false\nx <b>y</b>\t1 &amp; 2\n')).toEqual([['x <b>y</b>', '1 &amp; 2', 'AWS::Lambda']]);
    expect(cards('#separator:tab\n#tags column:1\nnetworking extra\tfront\tback\n')).toEqual([['front', 'back', 'networking']]);
    expect(cards('#separator:comma\n#columns:Tags,Front,Back\nnetworking,front,back\n')).toEqual([['front', 'back', 'networking']]);
  });

  it('warns about header values it cannot use, and reads on', () => {
    expect(parseAnki('#separator:banana\n#html:maybe\n#tags column:zero\n#unknown:ignored\na\tb\n')).toEqual({
      items: [{ kind: 'card', line: 5, front: 'a', back: 'b' }],
      warnings: [
        { line: 1, message: '#separator:banana is not a separator (tab, comma, semicolon, pipe, colon, space or one character): guessing it' },
        { line: 2, message: '#html:maybe is neither true nor false: reading the fields as plain text' },
        { line: 3, message: '#tags column:zero is not a column number (1, 2, ...): ignored' },
      ],
      blocks: 1,
    });
  });

  it('counts lines across quoted line breaks, Windows line endings and comment lines', () => {
    const text = '#separator:tab\r\n"one\r\ntwo\r\nthree"\tback\r\n# a comment\r\n\r\nnext\t"x\r\n""y"""\r\nlast\tz';
    expect(parseAnki(text).items.map((i) => (i.kind === 'card' ? [i.line, i.front, i.back] : []))).toEqual([
      [2, 'one\\\ntwo\\\nthree', 'back'],
      [7, 'next', 'x\\\n"y"'],
      [9, 'last', 'z'],
    ]);
  });

  it('removes terminal control characters from fields, raw or written as HTML entities', () => {
    expect(cards('#html:true\nred \u001b[31malert\tbell&#7; &#x1b;]0;title\n')).toEqual([['red [31malert', 'bell ]0;title', null]]);
  });
});

describe('htmlToText', () => {
  it.each([
    ['line breaks', 'a<br>b<BR/>c<br />d', 'a\\\nb\\\nc\\\nd'],
    ["Anki's div lines", 'first<div>second</div><div>third</div>', 'first\\\nsecond\\\nthird'],
    ['an empty div line', '<div>a</div><div><br></div><div>b</div>', 'a\n\nb'],
    ['a trailing br in a block adds nothing', '<div>a<br></div><div>b</div>', 'a\\\nb'],
    ['paragraphs', '<p>one</p>\n<p>two</p>', 'one\\\ntwo'],
    ['lists', 'Steps:<ul><li>plan</li><li>do</li></ul>done', 'Steps:\n- plan\n- do\ndone'],
    ['other tags dropped', '<span style="color:red">red</span> <b>bold</b> <a href="x">link</a>', 'red bold link'],
    ['script and style bodies dropped', 'a<script>alert(1)</script><style>p{}</style>b', 'ab'],
    ['comments dropped', 'a<!-- hidden <b> -->b', 'ab'],
    ['a lone < kept', 'x < y and y > z', 'x < y and y > z'],
    ['escaped tags are text', '&lt;br&gt; is a tag', '<br> is a tag'],
    ['source line breaks kept', 'a\nb', 'a\nb'],
  ])('%s', (_, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it.each([
    ['&nbsp;&amp;&lt;&gt;&quot;&#39;&apos;', ' &<>"\'\''],
    ['&amp;lt; is decoded once', '&lt; is decoded once'],
    ['&eacute;&Eacute;&ntilde;&uuml;&szlig;&copy;', 'éÉñüß©'],
    ['&#233;&#xE9;&#x1F600;', 'éé😀'],
    ['&mdash;&ndash;&hellip;&euro;', '—–…€'],
    ['&bogus; &#0; &#xD800; & alone', '&bogus; &#0; &#xD800; & alone'],
  ])('decodes %s', (html, text) => {
    expect(decodeEntities(html)).toBe(text);
  });
});

describe('parseAnki keeps media references', () => {
  it('a [sound:...] in a plain-text field becomes (audio: name) and is named for copying', () => {
    const { items } = parseAnki('#separator:tab\nhola [sound:hola.mp3]\thello\n');
    expect(items).toEqual([{ kind: 'card', line: 2, front: 'hola (audio: hola.mp3)', back: 'hello', media: ['hola.mp3'] }]);
  });
});
