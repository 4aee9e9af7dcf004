import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ankiHtmlField, exportAnki, questionBack, questionFront, quoteField, withRefs } from '../../../src/domain/export/anki.js';
import { ankiGuid } from '../../../src/domain/export/apkg.js';
import { parseAnki } from '../../../src/domain/import/anki.js';
import type { Card, ChoiceQuestion as Question, Pack } from '../../../src/domain/pack/types.js';
import { CONTROL_CHARS } from '../../../src/domain/text/control-chars.js';
import { loadPack } from '../../../src/store/pack/load-pack.js';
import { BUNDLED_PACK, FIXTURES } from '../../helpers/run-cli.js';
import { isChoice } from '../../../src/domain/pack/types.js';
import { questionNoteFields } from '../../../src/domain/export/question-fields.js';
import { join } from 'node:path';

const source = { file: 'items.yaml', line: 1, column: 1, path: 'cards[0]' };

function card(id: string, front: string, back: string, extra: Partial<Card> = {}): Card {
  return { kind: 'card', id, topic: 'basics', front, back, tags: [], refs: [], source, hash: 'h', ...extra };
}

function pack(cards: Card[], questions: Question[] = []): Pack {
  return {
    format: 1,
    id: 'demo',
    title: 'Demo:\tbasics\nand more',
    version: '1.0.0',
    domains: [{ id: 'd', title: 'D', weight: 1 }],
    topics: [{ id: 'basics', title: 'Basics', domain: 'd' }],
    exam: { questions: 10, minutes: 20, passingScore: 750 },
    cards,
    questions,
  };
}

const question: Question = {
  kind: 'question',
  id: 'q1',
  topic: 'queues',
  stem: 'Which two services are **queues**?\n',
  options: [
    { text: 'Amazon SQS', correct: true, why: 'A managed message queue.' },
    { text: 'Amazon SNS', correct: false, why: 'Pub/sub: it pushes, it does not queue.' },
    { text: 'Amazon MQ', correct: true },
    { text: 'AWS Lambda', correct: false, why: 'Compute, not a queue.' },
  ],
  shuffle: true,
  explanation: 'Queues hold messages until a consumer pulls them.',
  tags: ['messaging', 'two words'],
  refs: [],
  source,
  hash: 'h',
};

describe('exportAnki', () => {
  it('writes the headers, then one note per card and per question: guid, note type, a deck per topic, tags', () => {
    const withRef = { ...question, topic: 'basics', refs: ['https://docs.aws.amazon.com/sqs'] };
    const text = exportAnki(pack([card('c1', 'What is **SQS**?', 'A queue: <at least once> & "durable".\n  - standard\n  - FIFO', { tags: ['aws'] })], [withRef]));
    expect(text.split('\n')).toEqual([
      '#separator:tab',
      '#html:true',
      '#guid column:1',
      '#notetype column:2',
      '#deck column:3',
      '#tags column:6',
      // The deck column creates `pack title::topic title`; the guid is the .apkg export's.
      `${ankiGuid('demo', 'c1')}\tBasic\tDemo: basics and more::Basics\tWhat is <b>SQS</b>?\t"A queue: &lt;at least once&gt; &amp; ""durable"".<br>&nbsp;&nbsp;- standard<br>&nbsp;&nbsp;- FIFO"\tbasics aws`,
      // Options on lines of their own, in the written order; the documentation link kept.
      `${ankiGuid('demo', 'q1')}\tBasic\tDemo: basics and more::Basics\tWhich two services are <b>queues</b>?<br><br>A) Amazon SQS<br>B) Amazon SNS<br>C) Amazon MQ<br>D) AWS Lambda\t` +
        'Answer: A, C<br>A) Amazon SQS<br>C) Amazon MQ<br><br>Why:<br>A) A managed message queue.<br>B) Pub/sub: it pushes, it does not queue.<br>D) Compute, not a queue.<br><br>Queues hold messages until a consumer pulls them.<br><br>See:<br>https://docs.aws.amazon.com/sqs\tbasics messaging two_words',
      '',
    ]);
    // Anki reads each option as a line: the round trip keeps them apart.
    const back = parseAnki(text).items[1]!;
    expect(back.kind === 'card' && back.front).toBe('Which two services are **queues**?\n\nA) Amazon SQS\\\nB) Amazon SNS\\\nC) Amazon MQ\\\nD) AWS Lambda');
  });

  it('lays a question out as front (stem, lettered options) and back (answer, whys, explanation)', () => {
    expect(questionFront(question)).toBe('Which two services are **queues**?\n\nA) Amazon SQS\\\nB) Amazon SNS\\\nC) Amazon MQ\\\nD) AWS Lambda');
    const single = { ...question, options: [{ text: 'Yes', correct: true }, { text: 'No', correct: false }], explanation: undefined } as Question;
    expect(questionBack(single)).toBe('Answer: A\\\nA) Yes');
  });

  it.each([
    ['plain', 'plain'],
    ['a\tb', '"a\tb"'],
    ['say "hi"', '"say ""hi"""'],
    ['#not a comment', '"#not a comment"'],
    ['a # in the middle', 'a # in the middle'],
  ])('quotes %j as %j', (field, quoted) => {
    expect(quoteField(field)).toBe(quoted);
  });

  it.each([
    ['a <b> & c', 'a &lt;b&gt; &amp; c'],
    ['two\\\nlines', 'two<br>lines'],
    ['soft\nbreak', '"soft\nbreak"'],
    ['  trimmed\\\n  indented  twice ', 'trimmed<br>&nbsp;&nbsp;indented &nbsp;twice'],
    ['&nbsp; as text', '&amp;nbsp; as text'],
  ])('writes %j as the HTML field %j', (text, field) => {
    expect(ankiHtmlField(text)).toBe(field);
  });

  it.each(['two  spaces', 'ᚁ  !', 'a   three', '&nbsp; as text', 'tab\there'])('gives back %j through parseAnki', (front) => {
    const { items } = parseAnki(exportAnki(pack([card('c0', front, 'back')])));
    expect(items.map((i) => (i.kind === 'card' ? i.front : ''))).toEqual([front]);
  });

  it('gives back any card text through parseAnki (property)', () => {
    const text = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
      // A backslash at the end of a line is Markdown-lite's hard break, markup and not text: the
      // export turns it into a line break, so a text that ends with one does not come back as written.
      .map((s) => s.replace(new RegExp(CONTROL_CHARS.source, 'g'), '').replace(/\r/g, '').trim().replace(/\\+(?=\n|$)/g, '').trim())
      .filter((s) => s.length > 0);
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 5 }), (pairs) => {
        const exported = exportAnki(pack(pairs.map(([front, back], i) => card(`c${i}`, front, back))));
        const { items, warnings } = parseAnki(exported);
        expect(warnings).toEqual([]);
        expect(items.map((i) => (i.kind === 'card' ? [i.front, i.back, i.topic] : []))).toEqual(pairs.map(([front, back]) => [front, back, 'basics']));
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips the bundled pack: every card front and back, every question as a card, every topic', async () => {
    const loaded = await loadPack(BUNDLED_PACK);
    if (!loaded.ok) throw new Error('the bundled pack does not load');
    const bundled = loaded.pack;
    expect(bundled.cards.length).toBeGreaterThan(50);
    const { items, warnings } = parseAnki(exportAnki(bundled));
    expect(warnings).toEqual([]);
    expect(items.map((i) => (i.kind === 'card' ? { front: i.front, back: i.back, topic: i.topic, tags: i.tags ?? [] } : {}))).toEqual([
      ...bundled.cards.map((c) => ({ front: c.front.trim(), back: withRefs(c.back.trim(), c.refs), topic: c.topic, tags: [...c.tags] })),
      ...bundled.questions.map((q) => {
        if (isChoice(q)) return { front: questionFront(q), back: withRefs(questionBack(q), q.refs), topic: q.topic, tags: [...q.tags] };
        const [stem, options, answer, why] = questionNoteFields(q);
        return { front: [stem, options].filter(Boolean).join('\n\n'), back: withRefs([answer, why].filter(Boolean).join('\n\n'), q.refs), topic: q.topic, tags: [...q.tags] };
      }),
    ]);
    expect(items).toHaveLength(bundled.cards.length + bundled.questions.length);
  });
});

describe('every question type in an Anki export', () => {
  it('puts what to choose from on the front and the key with every why on the back', async () => {
    const loaded = await loadPack(join(FIXTURES, 'qtypes-packs', 'qtypes'));
    if (!loaded.ok) throw new Error('the qtypes fixture does not load');
    const { items, warnings } = parseAnki(exportAnki(loaded.pack));
    expect(warnings).toEqual([]);
    const byStem = (start: string) => {
      const found = items.find((i) => i.kind === 'card' && i.front.startsWith(start));
      if (!found || found.kind !== 'card') throw new Error(`no note starting "${start}"`);
      // Hard breaks (a backslash at the end of a line) read as plain line ends here.
      const plain = (t: string) => t.replace(/\\\n/g, '\n');
      return { front: plain(found.front), back: plain(found.back) };
    };
    const tf = byStem('The worker daemon deletes a message');
    expect(tf.front).toContain('True or false?');
    expect(tf.back).toMatch(/^Answer: True\n\nTrue: A 200 response tells the daemon[^]*False: It does delete it/);
    const sa = byStem('What is the name of the file');
    expect(sa.back).toMatch(/^Answer: Dockerrun\.aws\.json \| dockerrun\*json/);
    expect(byStem('What is the default visibility timeout').back).toMatch(/^Answer: 30\n\nA new queue has a visibility timeout of 30 seconds\./);
    const match = byStem('Match each event source');
    // The four right items are on the front (distractor included), shuffled, each once.
    for (const right of ['Asynchronous', 'Event source mapping (polling)', 'Synchronous', 'Scheduled batch']) expect(match.front).toMatch(new RegExp(`\\d\\) ${right.replace(/[()]/g, '\\$&')}(\n|$)`));
    const pairs = [...match.back.matchAll(/([A-C])\) (.+?) → (\d)\) (.+)/g)].map((m) => [m[2], m[4]]);
    expect(pairs).toEqual([['Amazon S3 event notification', 'Asynchronous'], ['Amazon SQS queue', 'Event source mapping (polling)'], ['Amazon API Gateway REST API', 'Synchronous']]);
    // Each pair's number on the back is the right item's number on the front.
    for (const m of match.back.matchAll(/→ (\d)\) (.+)/g)) expect(match.front).toContain(`${m[1]}) ${m[2]}`);
    const order = byStem("Put the worker daemon's handling");
    const shown = [...order.front.matchAll(/^(\d)\) (.+)$/gm)].map((m) => m[2]);
    expect(shown).toHaveLength(4);
    expect(shown[0]).not.toBe('The daemon reads a message from the SQS queue.');
    const key = /^Answer: ([\d, ]+)/.exec(order.back)![1]!.split(', ').map(Number);
    expect(key.map((n) => shown[n - 1])).toEqual(['The daemon reads a message from the SQS queue.', 'The daemon posts the message body to the application over HTTP.', 'The application answers 200 OK.', 'The daemon deletes the message from the queue.']);
    const cs = byStem('A team runs an Elastic Beanstalk worker environment');
    expect(cs.front).toContain('**Part 1**: The dead-letter queue is configured');
    expect(cs.front).toContain('**Part 3**: Which response code makes the daemon delete the message?\nA) 200 OK\nB) 500 Internal Server Error');
    expect(cs.back).toMatch(/\*\*Part 1\*\*: Answer: True[^]*\*\*Part 2\*\*: Answer: 3[^]*\*\*Part 3\*\*: Answer: A\n/);
  });

  it('escapes pack text as HTML in every type', () => {
    const tf = { kind: 'question', id: 'tf', topic: 'basics', type: 'true-false', stem: 'Is <b>this</b> & that bold?', answer: false, whyFalse: 'It is <script>text</script>.', tags: [], refs: [], source, hash: 'h' } as const;
    const text = exportAnki({ ...pack([]), questions: [tf] });
    expect(text).toContain('Is &lt;b&gt;this&lt;/b&gt; &amp; that bold?');
    expect(text).toContain('It is &lt;script&gt;text&lt;/script&gt;.');
    expect(text).not.toContain('<script>');
  });
});
