import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGift } from '../../../src/domain/import/gift.js';
import { isSkip, toPack, type ChoiceData, type ImportedItem } from '../../../src/domain/import/to-pack.js';
import { FIXTURES } from '../../helpers/run-cli.js';

const networking = readFileSync(join(FIXTURES, 'import', 'networking.gift'), 'utf8');

describe('parseGift on a realistic file', () => {
  it('reads every question kind, with categories, escapes, weights, feedback and format tags', () => {
    const routing = 'Networking / Routing';
    const addressing = 'Networking / Addressing';
    expect(parseGift(networking).items).toEqual<ImportedItem[]>([
      {
        kind: 'question',
        line: 6,
        title: 'OSPF metric',
        topic: routing,
        stem: 'Which metric does OSPF use to choose a route?',
        options: [
          { text: 'Hop count', correct: false, why: "That is RIP's metric." },
          { text: 'Cost, derived from interface bandwidth', correct: true, why: 'Right: cost = reference bandwidth / interface bandwidth.' },
          { text: 'Delay only', correct: false, why: 'EIGRP weighs delay; OSPF does not.' },
        ],
        explanation: 'OSPF is a link-state protocol: every router runs Dijkstra over the same map.',
      },
      {
        kind: 'question',
        line: 13,
        topic: routing,
        stem: 'A default route matches _____ destination address.',
        options: [
          { text: 'no', correct: false },
          { text: 'only private', correct: false },
          { text: 'every', correct: true },
        ],
      },
      {
        kind: 'question',
        line: 15,
        topic: routing,
        stem: 'Which protocols are link-state?',
        options: [
          { text: 'OSPF', correct: true, why: 'Yes.', weight: 50 },
          { text: 'IS-IS', correct: true, why: 'Yes.', weight: 50 },
          { text: 'RIP', correct: false, why: 'No: distance-vector.', weight: -100 },
          { text: 'BGP', correct: false, why: 'No: path-vector.', weight: -100 },
        ],
      },
      {
        kind: 'question',
        line: 25,
        topic: addressing,
        stem: 'What does the suffix {/24} mean in 192.168.1.0/24?',
        options: [
          { text: 'The first 24 bits are the network part', correct: true, why: 'Yes: 255.255.255.0 as a mask.' },
          { text: 'The network holds 24 hosts', correct: false },
          { text: 'The address ends in = 24 ~ roughly', correct: false },
          { text: 'A path like C:\\net\\24', correct: false },
        ],
      },
      {
        kind: 'question',
        line: 32,
        title: 'RFC 1918: private ranges',
        topic: addressing,
        stem: 'Which range is private?\\\nPick one.',
        options: [
          { text: '8.8.8.0/24', correct: false },
          { text: '172.16.0.0/12', correct: true, why: '172.16.0.0 to 172.31.255.255.' },
          { text: '100.64.0.0/10', correct: false, why: 'Shared address space (RFC 6598),\nnot an RFC 1918 range.', weight: 50 },
        ],
      },
      { kind: 'true-false', line: 39, topic: addressing, stem: 'IPv6 addresses are 128 bits long.', answer: true, whyTrue: 'Yes: 8 groups of 16 bits.', whyFalse: 'No: count again, 8 groups of 16 bits.' },
      { kind: 'true-false', line: 41, topic: addressing, stem: 'Broadcast exists in IPv6.', answer: false },
      {
        kind: 'question',
        line: 43,
        topic: addressing,
        stem: 'What does **ARP** resolve?',
        options: [
          { text: 'An IP address to a MAC address (*link layer*)', correct: true },
          { text: 'A name to an IP address\\\nThat is DNS.', correct: false },
        ],
      },
      { kind: 'short-answer', line: 48, topic: addressing, stem: 'Name the protocol that hands out addresses automatically.', answers: [{ text: 'DHCP' }, { text: 'Dynamic Host Configuration Protocol' }] },
      { kind: 'short-answer', line: 50, topic: addressing, stem: 'Ports below _____ are called well-known ports.', answers: [{ text: '1024' }, { text: '1000', weight: 50 }] },
      {
        kind: 'question',
        line: 54,
        topic: 'Netzwerke / Übertragung',
        stem: 'Welche Schicht ist für das Routing zuständig?',
        options: [
          { text: 'Sicherungsschicht (2)', correct: false },
          { text: 'Vermittlungsschicht (3)', correct: true, why: 'Richtig – IP arbeitet hier. 🌐' },
          { text: 'Transportschicht (4)', correct: false },
        ],
      },
      {
        kind: 'matching',
        line: 61,
        topic: 'Netzwerke / Übertragung',
        stem: 'Match the layer to its unit.',
        pairs: [
          { left: 'Network', right: 'packet' },
          { left: 'Data link', right: 'frame' },
          { left: 'Transport', right: 'segment' },
        ],
      },
      { kind: 'numerical', line: 63, topic: 'Netzwerke / Übertragung', stem: 'How many bits are in an IPv4 address?', answer: 32 },
    ]);
  });

  it('reports each skipped question and each change at the line the question starts', () => {
    expect(parseGift(networking).warnings).toEqual([
      { line: 65, message: 'skipped an essay question ({}): it has no answer to check, so examdrill leaves essays out' },
      { line: 67, message: 'skipped a description (a text with no answer block {...}): it asks nothing, so examdrill leaves descriptions out' },
      { line: 69, message: 'skipped a single-answer question with 2 right answers (=): a single-answer question has exactly one' },
      { line: 71, message: 'skipped a question with only 1 option: a question needs at least 2' },
      { line: 73, message: 'skipped a question whose answer block { is never closed with }' },
    ]);
    expect(parseGift(networking).warnings.filter(isSkip).map((w) => w.line)).toEqual([65, 67, 69, 71, 73]);
  });

  it('reads Windows line endings and a byte-order mark as it reads plain newlines', () => {
    const windows = `\uFEFF${networking.replace(/\n/g, '\r\n')}`;
    expect(parseGift(windows)).toEqual(parseGift(networking));
  });
});

describe('parseGift, feature by feature', () => {
  const one = (text: string): ImportedItem => {
    const { items, warnings } = parseGift(text);
    expect(warnings).toEqual([]);
    expect(items).toHaveLength(1);
    return items[0]!;
  };

  it.each([
    ['\\n as a line break that stays a line on screen', 'Line one\\nline two{=a ~b}', 'Line one\\\nline two'],
    ['a source line break stays soft (joined on screen)', 'Line one\nline two{=a ~b}', 'Line one\nline two'],
    ['[markdown] links keep their target, images their name', '[markdown]See [the guide](https://docs.aws.amazon.com/g) and ![arch](diagram.png){=a ~b}', 'See the guide (https://docs.aws.amazon.com/g) and (image: diagram.png)'],
    ['[html] links and images kept', '[html]See <a href="https://docs.aws.amazon.com/g">the guide</a><br><img src="@@PLUGINFILE@@/net.png">{=a ~b}', 'See the guide (https://docs.aws.amazon.com/g)\\\n(image: net.png)'],
    ['an escaped backslash before a marker', 'Path C:\\\\{=a ~b}', 'Path C:\\'],
    ['a backslash before an ordinary letter stays', 'Regex \\d+ matches digits{=a ~b}', 'Regex \\d+ matches digits'],
    ['escaped braces and a colon', 'Set \\{1, 2\\} \\: two items{=a ~b}', 'Set {1, 2} : two items'],
    ['[markdown] tag', '[markdown]Use **bold** here{=a ~b}', 'Use **bold** here'],
    ['[plain] tag', '[plain]Plain <b>text</b>{=a ~b}', 'Plain <b>text</b>'],
    ['[moodle] tag', '[MOODLE]Auto-format{=a ~b}', 'Auto-format'],
    ['[html] tag: tags stripped, entities decoded', '[html]<p>Fish &amp; chips</p><p>for <i>two</i>&#33;</p>{=a ~b}', 'Fish & chips\\\nfor *two*!'],
    ['a missing word mid-sentence', 'The sky is {=blue ~green} today.', 'The sky is _____ today.'],
    ['a multi-line stem, its lines kept', 'First line\n  second line{=a ~b}', 'First line\nsecond line'],
  ])('stem: %s', (_, source, stem) => {
    const item = one(source);
    expect(item.kind === 'question' && item.stem).toBe(stem);
  });

  it('keeps the comment lines inside a question out of it, and counts them in line numbers', () => {
    const { items } = parseGift('// header\n\n// about the next question\nWhich?{\n// a note to self\n=yes\n~no}\n');
    expect(items).toEqual([{ kind: 'question', line: 4, stem: 'Which?', options: [{ text: 'yes', correct: true }, { text: 'no', correct: false }] }]);
  });

  it('takes a $CATEGORY for the questions after it, also without a blank line, and `top` as no category', () => {
    const { items } = parseGift('$CATEGORY: $course$/top/Databases/SQL joins\nFirst?{=a ~b}\n\nSecond?{=a ~b}\n\n$CATEGORY: $course$/top\n\nThird?{=a ~b}\n');
    expect(items.map((i) => [i.line, i.topic])).toEqual([
      [2, 'Databases / SQL joins'],
      [4, 'Databases / SQL joins'],
      [8, undefined],
    ]);
  });

  it('keeps a $CATEGORY line and the next ::title:: out of a stem when the blank line before them is missing', () => {
    const text = [
      '::Q1:: Which port does the worker daemon post to?{=80 ~443 ~8080}',
      '$CATEGORY: $course$/top/Beanstalk',
      '::Q2:: Which file defines periodic tasks?{',
      '  =cron.yaml',
      '  ~tasks.yaml',
      '}',
      '::Q3:: Which header names the queue?{=X-Aws-Sqsd-Queue ~X-Forwarded-For}',
      '::Q4:: The worker daemon posts each message to {=localhost ~the load balancer}',
      'on port 80.',
    ].join('\n');
    const { items, warnings } = parseGift(text);
    expect(warnings).toEqual([]);
    expect(items.map((i) => [i.line, i.title, i.topic, i.kind === 'card' ? i.front : i.stem])).toEqual([
      [1, 'Q1', undefined, 'Which port does the worker daemon post to?'],
      [3, 'Q2', 'Beanstalk', 'Which file defines periodic tasks?'],
      [7, 'Q3', 'Beanstalk', 'Which header names the queue?'],
      [8, 'Q4', 'Beanstalk', 'The worker daemon posts each message to _____\non port 80.'],
    ]);
  });

  it('reads true/false in every spelling, with one feedback (for a wrong answer) or two', () => {
    const tf = { kind: 'true-false', line: 1, stem: 'Q?' } as const;
    expect(one('Q?{T}')).toEqual({ ...tf, answer: true });
    expect(one('Q?{TRUE}')).toEqual(one('Q?{T}'));
    expect(one('Q?{F}')).toEqual({ ...tf, answer: false });
    expect(one('Q?{false}')).toEqual(one('Q?{F}'));
    // The first feedback is for a wrong answer (here: true), the second for a right one.
    expect(one('Q?{FALSE#It is true.}')).toEqual({ ...tf, answer: false, whyTrue: 'It is true.' });
    expect(one('Q?{FALSE#Wrong.#Right.}')).toEqual({ ...tf, answer: false, whyTrue: 'Wrong.', whyFalse: 'Right.' });
    expect(one('Q?{T#Wrong.#Right.####It is.}')).toEqual({ ...tf, answer: true, whyTrue: 'Right.', whyFalse: 'Wrong.', explanation: 'It is.' });
  });

  it('makes a short answer a short-answer question: the accepted answers with their weights and whys, the general feedback as its explanation', () => {
    expect(one('::Tomb::Who is buried in Grant\'s tomb?{=no one#Yes! =nobody =%50%no*#Close. ####Grant and his wife are entombed, above ground.}')).toEqual({
      kind: 'short-answer',
      line: 1,
      title: 'Tomb',
      stem: "Who is buried in Grant's tomb?",
      answers: [{ text: 'no one', why: 'Yes!' }, { text: 'nobody' }, { text: 'no*', weight: 50, why: 'Close.' }],
      explanation: 'Grant and his wife are entombed, above ground.',
    });
  });

  it('reads numerical answers: a tolerance, a range, several answers with weights, feedback, a missing number mid-sentence', () => {
    const nm = { kind: 'numerical', line: 1, stem: 'N?' } as const;
    expect(one('N?{#1822}')).toEqual({ ...nm, answer: 1822 });
    expect(one('N?{#3.1415:0.0005}')).toEqual({ ...nm, answer: 3.1415, tolerance: 0.0005 });
    expect(one('N?{#1..5}')).toEqual({ ...nm, range: { min: 1, max: 5 } });
    expect(one('N?{#-2.5..-1e1}')).toEqual({ ...nm, range: { min: -10, max: -2.5 } });
    expect(one('N?{#900#The maximum.####15 minutes.}')).toEqual({ ...nm, answer: 900, why: 'The maximum.', explanation: '15 minutes.' });
    expect(one('It takes {#15} minutes.')).toEqual({ ...nm, stem: 'It takes _____ minutes.', answer: 15 });
    const several = parseGift('N?{#\n  =%50%1820..1824#Close.\n  =1822:0#Right.\n}');
    expect(several.items).toEqual([{ ...nm, answer: 1822, why: 'Right.' }]);
    expect(several.warnings).toEqual([{ line: 1, message: 'examdrill keeps one number per question: 1822:0 kept, 1820..1824 (50%) left out' }]);
    expect(parseGift('N?{#twelve}').warnings).toEqual([{ line: 1, message: 'skipped a numerical question whose answer "twelve" is not a number, number:tolerance or min..max' }]);
    expect(parseGift('N?{#=%50%12}').warnings).toEqual([{ line: 1, message: 'skipped a numerical question with no fully right answer (=, or =%100%)' }]);
  });

  it('reads matching pairs, a pair without a left item as a distractor, and the general feedback', () => {
    expect(one('Match.{=S3 -> async =SQS -> polled =  -> never =ALB->sync ####Pushed or polled.}')).toEqual({
      kind: 'matching',
      line: 1,
      stem: 'Match.',
      pairs: [
        { left: 'S3', right: 'async' },
        { left: 'SQS', right: 'polled' },
        { left: 'ALB', right: 'sync' },
      ],
      distractors: ['never'],
      explanation: 'Pushed or polled.',
    });
    expect(parseGift('Match.{=a -> 1}').warnings).toEqual([{ line: 1, message: 'skipped a matching question with 1 pair: it needs at least 2' }]);
    expect(parseGift('Match.{=a -> 1 =a -> 2}').warnings).toEqual([{ line: 1, message: 'skipped a matching question whose left item "a" is written twice' }]);
  });

  it('keeps option weights: partial credit on a single-answer question, and positive and negative weights on multiple answers', () => {
    const item = one('W?{=full ~%50%half ~none ~%0%zero}');
    expect(item.kind === 'question' && item.options).toEqual([
      { text: 'full', correct: true },
      { text: 'half', correct: false, weight: 50 },
      { text: 'none', correct: false },
      { text: 'zero', correct: false },
    ]);
    const multi = one('M?{~%50%a ~%50%b ~%-100%c}');
    expect(multi.kind === 'question' && multi.options.map((o) => [o.text, o.correct, o.weight])).toEqual([
      ['a', true, 50],
      ['b', true, 50],
      ['c', false, -100],
    ]);
  });

  it('leaves out a short answer of no credit, and says so', () => {
    const { items, warnings } = parseGift('S?{=right =%0%wrong#Not that.}');
    expect(items).toEqual([{ kind: 'short-answer', line: 1, stem: 'S?', answers: [{ text: 'right' }] }]);
    expect(warnings).toEqual([{ line: 1, message: 'answers of no credit left out (examdrill takes any answer not accepted as wrong): "wrong" (0%)' }]);
  });

  it('takes answer formats from the question, and lets an answer set its own', () => {
    const item = one('[html]Pick<br>one{=<b>bold</b> ~[plain]<b>raw</b>}');
    expect(item.kind === 'question' && item.options.map((o) => o.text)).toEqual(['**bold**', '<b>raw</b>']);
  });

  it('skips what a pack question cannot hold, each with its reason', () => {
    const nine = Array.from({ length: 9 }, (_, i) => `~opt${i}`).join(' ');
    expect(parseGift(`Nine?{=right ${nine}}\n\nAll?{~%50%a ~%50%b}\n\nNone?{~%-50%a ~%0%b}\n\n::Unclosed title\nQ?{=a ~b}\n\nTwo {=a ~b} blocks {=c ~d}\n\n{=a ~b}\n`).warnings).toEqual([
      { line: 1, message: 'skipped a question with 10 options: a question has at most 8' },
      { line: 3, message: 'skipped a question whose every option is correct (2 of 2)' },
      { line: 5, message: 'skipped a multiple-answer question with no option of positive weight (~%N%): none would be correct' },
      { line: 7, message: 'skipped a question whose title (::) is never closed' },
      { line: 10, message: 'skipped a question with 2 answer blocks {...}: if these are 2 questions, put a blank line between them' },
      { line: 12, message: 'skipped a question with no question text' },
    ]);
  });

  it('names the likely cause of a skip: an unescaped = in an answer, and a Moodle Cloze question', () => {
    const { warnings, items } = parseGift('Which value turns on the setting?{=enabled=true ~enabled=false}\n\nEscaped?{=enabled\\=true ~enabled\\=false}\n\nThe daemon posts to port {1:MULTICHOICE:=80~443~8080}.\n');
    expect(warnings).toEqual([
      { line: 1, message: "skipped a single-answer question with 3 right answers (=): a single-answer question has exactly one; an = inside an answer's text must be escaped as \\=" },
      { line: 5, message: 'skipped a Moodle Cloze (embedded answers) question, such as {1:MULTICHOICE:...}: Cloze is its own Moodle question type, not GIFT, and examdrill cannot import it' },
    ]);
    expect(items.map((i) => i.kind === 'question' && i.options.map((o) => [o.text, o.correct]))).toEqual([
      [
        ['enabled=true', true],
        ['enabled=false', false],
      ],
    ]);
  });

  it('removes terminal control characters, so no escape sequence survives an import', () => {
    const item = one('Which \u001b[31mcolour\u001b[0m?{=red\u0007 ~blue#\u009b2Jcleared}');
    expect(item).toEqual({ kind: 'question', line: 1, stem: 'Which [31mcolour[0m?', options: [{ text: 'red', correct: true }, { text: 'blue', correct: false, why: '2Jcleared' }] });
  });
});

describe('toPack on imported GIFT', () => {
  const pack = toPack(parseGift(networking).items, { id: 'networking', title: 'Imported from networking.gift' });

  it('makes one domain, a topic per category, and one item file per topic', () => {
    expect(pack.manifest.domains).toEqual([{ id: 'imported', title: 'Imported', weight: 100 }]);
    expect(pack.manifest.topics).toEqual([
      { id: 'networking-routing', title: 'Networking / Routing', domain: 'imported' },
      { id: 'networking-addressing', title: 'Networking / Addressing', domain: 'imported' },
      { id: 'netzwerke-ubertragung', title: 'Netzwerke / Übertragung', domain: 'imported' },
    ]);
    expect(pack.files.map((f) => [f.path, f.data.cards?.length ?? 0, f.data.questions?.length ?? 0])).toEqual([
      ['items/networking-routing.yaml', 0, 3],
      ['items/networking-addressing.yaml', 0, 7],
      ['items/netzwerke-ubertragung.yaml', 0, 3],
    ]);
    expect([pack.questions, pack.cards]).toEqual([13, 0]);
    expect(pack.manifest.exam).toEqual({ questions: 13, minutes: 32, passingScore: 750 });
  });

  it('writes `correct` only on right options, and keeps the whys, the explanation and shuffle: false', () => {
    expect(pack.files[0]!.data.questions![0]).toEqual({
      id: 'ospf-metric-cncerx',
      stem: 'Which metric does OSPF use to choose a route?',
      options: [
        { text: 'Hop count', why: "That is RIP's metric." },
        { text: 'Cost, derived from interface bandwidth', correct: true, why: 'Right: cost = reference bandwidth / interface bandwidth.' },
        { text: 'Delay only', why: 'EIGRP weighs delay; OSPF does not.' },
      ],
      explanation: 'OSPF is a link-state protocol: every router runs Dijkstra over the same map.',
    });
    expect(pack.files[1]!.data.questions![1]!).toMatchObject({ options: [{ text: '8.8.8.0/24' }, { text: '172.16.0.0/12', correct: true }, { text: '100.64.0.0/10', weight: 50 }] });
  });

  it('writes each type with its own fields: `type` after the id, short answers as plain strings unless weighted or explained', () => {
    const [addressing, other] = [pack.files[1]!.data.questions!, pack.files[2]!.data.questions!];
    expect(addressing.slice(2, 4)).toEqual([
      { id: 'ipv6-addresses-are-128-bits-pnn75x', type: 'true-false', stem: 'IPv6 addresses are 128 bits long.', answer: true, whyTrue: 'Yes: 8 groups of 16 bits.', whyFalse: 'No: count again, 8 groups of 16 bits.' },
      { id: 'broadcast-exists-in-ipv6-epdxyd', type: 'true-false', stem: 'Broadcast exists in IPv6.', answer: false },
    ]);
    expect(Object.keys(addressing[2]!).slice(0, 2)).toEqual(['id', 'type']);
    expect(addressing.slice(5).map((q) => 'answers' in q && q.answers)).toEqual([['DHCP', 'Dynamic Host Configuration Protocol'], ['1024', { text: '1000', weight: 50 }]]);
    expect(other.slice(1)).toEqual([
      { id: 'match-the-layer-to-its-j0wg47', type: 'matching', stem: 'Match the layer to its unit.', pairs: [{ left: 'Network', right: 'packet' }, { left: 'Data link', right: 'frame' }, { left: 'Transport', right: 'segment' }] },
      { id: 'how-many-bits-are-in-hskb0y', type: 'numerical', stem: 'How many bits are in an IPv4 address?', answer: 32 },
    ]);
    const ranged = toPack(parseGift('R?{#1..900#Any.####Up to 15 minutes.}\n\nT?{#2:0.5}').items, { id: 'r', title: 'R' }).files[0]!.data.questions!;
    expect(ranged.map(({ id: _, ...q }) => q)).toEqual([
      { type: 'numerical', stem: 'R?', range: { min: 1, max: 900 }, why: 'Any.', explanation: 'Up to 15 minutes.' },
      { type: 'numerical', stem: 'T?', answer: 2, tolerance: 0.5 },
    ]);
  });

  // Progress is keyed by item id: if these change, every learner who re-imports a file loses it.
  it('gives ids from the text (the title if there is one), the same on every import', () => {
    const ids = (p: typeof pack) => p.files.map((f) => [...(f.data.cards ?? []), ...(f.data.questions ?? [])].map((i) => i.id));
    expect(ids(pack)).toEqual([
      ['ospf-metric-cncerx', 'a-default-route-matches-destination-r39eem', 'which-protocols-are-link-state-krlj0k'],
      // The true/false questions keep the ids they had as choice questions.
      ['what-does-the-suffix-24-5jyzog', 'rfc-1918-private-ranges-f1kbzj', 'ipv6-addresses-are-128-bits-pnn75x', 'broadcast-exists-in-ipv6-epdxyd', 'what-does-arp-resolve-bxz4g1', 'name-the-protocol-that-hands-sqqii1', 'ports-below-are-called-well-hl0skf'],
      ['welche-schicht-ist-fur-das-07we7r', 'match-the-layer-to-its-j0wg47', 'how-many-bits-are-in-hskb0y'],
    ]);
    expect(ids(toPack(parseGift(networking).items, { id: 'again', title: 'Again' }))).toEqual(ids(pack));
    const edited = toPack(parseGift(networking.replace('Which protocols are link-state?', 'Which protocols use link state?')).items, { id: 'edited', title: 'Edited' });
    expect(ids(edited)[0]![2]).toMatch(/^which-protocols-use-link-state-[0-9a-z]{6}$/);
    expect(ids(edited).flat().filter((id) => !ids(pack).flat().includes(id))).toHaveLength(1);
  });

  it('numbers identical questions -2, -3 in file order, and re-wrapped text keeps its id', () => {
    const text = 'Same?{=a ~b}\n\nSame?{=a ~b}\n\nOther?{=a ~b}\n\nSame?{=a ~b}\n\nSame\n  ?{=a ~b}\n';
    const ids = toPack(parseGift(text).items, { id: 'd', title: 'D' }).files[0]!.data.questions!.map((q) => q.id);
    const base = ids[0]!;
    expect(base).toMatch(/^same-[0-9a-z]{6}-[0-9a-z]{6}$/);
    expect(ids).toEqual([base, `${base}-2`, ids[2], `${base}-3`, ids[4]]);
    expect(ids[4]).not.toBe(base); // "Same\n?" normalises to "Same ?", which is other text
    expect(toPack(parseGift('Same  and\n   wrapped?{=a ~b}').items, { id: 'd', title: 'D' }).files[0]!.data.questions![0]!.id).toBe(
      toPack(parseGift('Same and wrapped?{=a ~b}').items, { id: 'd', title: 'D' }).files[0]!.data.questions![0]!.id,
    );
  });

  it('tells questions with the same stem apart by their answers, so reordering the file keeps each id with its question', () => {
    const first = 'Which port?{=80 ~443}\n\nWhich port?{=443 ~80}\n\nUnique?{=a ~b}\n';
    const reordered = 'Unique?{=a ~b}\n\nWhich port?{=443 ~80}\n\nWhich port?{=80 ~443}\n';
    const idsByKey = (text: string) =>
      Object.fromEntries(toPack(parseGift(text).items, { id: 'd', title: 'D' }).files[0]!.data.questions!.map((q) => [`${q.stem} ${(q as ChoiceData).options.find((o) => o.correct)!.text}`, q.id]));
    const before = idsByKey(first);
    expect(new Set(Object.values(before)).size).toBe(3);
    expect(idsByKey(reordered)).toEqual(before);
    // A stem used once keeps the id it always had: only shared stems add the answers' hash.
    expect(before['Unique? a']).toMatch(/^unique-[0-9a-z]{6}$/);
  });

  it('puts items without a category in `general`, and drops an exam blueprint when there are no questions', () => {
    const cardsOnly = toPack([{ kind: 'card', line: 1, front: 'Capital of Peru?', back: 'Lima' }], { id: 'peru', title: '  Peru\n quiz ' });
    expect(cardsOnly.manifest).toEqual({
      format: 1,
      id: 'peru',
      title: 'Peru quiz',
      version: '0.1.0',
      domains: [{ id: 'imported', title: 'Imported', weight: 100 }],
      topics: [{ id: 'general', title: 'General', domain: 'imported' }],
    });
    expect(cardsOnly.files).toEqual([{ path: 'items/general.yaml', data: { topic: 'general', cards: [{ id: cardsOnly.files[0]!.data.cards![0]!.id, front: 'Capital of Peru?', back: 'Lima' }] } }]);
  });

  it('checks items it is handed directly too: control characters go, unusable items are reported', () => {
    const result = toPack(
      [
        { kind: 'card', line: 3, front: '\u001b]52;c;aGk=\u0007Front', back: 'Back\r\nline' },
        { kind: 'card', line: 9, front: '\u001b', back: 'x' },
        { kind: 'question', line: 12, stem: 'Q', options: [{ text: 'a', correct: true }] },
        { kind: 'card', line: 20, topic: '日本語', front: 'F', back: 'B' },
      ],
      { id: 'direct', title: 'Direct' },
    );
    expect(result.files).toEqual([
      { path: 'items/general.yaml', data: { topic: 'general', cards: [{ id: '52-c-agk-front-f2wnf4', front: ']52;c;aGk=Front', back: 'Back\nline' }] } },
      { path: 'items/topic-xw1fld.yaml', data: { topic: 'topic-xw1fld', cards: [{ id: 'f-hesk8g', front: 'F', back: 'B' }] } },
    ]);
    expect(result.manifest.topics).toEqual([
      { id: 'general', title: 'General', domain: 'imported' },
      { id: 'topic-xw1fld', title: '日本語', domain: 'imported' },
    ]);
    expect(result.warnings).toEqual([
      { line: 9, message: 'skipped a card with an empty front' },
      { line: 12, message: 'skipped a question with only 1 option: a question needs at least 2' },
    ]);
  });
});
