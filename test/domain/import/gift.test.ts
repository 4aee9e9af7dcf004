import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGift } from '../../../src/domain/import/gift.js';
import { isSkip, toPack, type ImportedItem } from '../../../src/domain/import/to-pack.js';
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
          { text: 'OSPF', correct: true, why: 'Yes.' },
          { text: 'IS-IS', correct: true, why: 'Yes.' },
          { text: 'RIP', correct: false, why: 'No: distance-vector.' },
          { text: 'BGP', correct: false, why: 'No: path-vector.' },
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
          { text: '100.64.0.0/10', correct: false, why: 'Shared address space (RFC 6598),\nnot an RFC 1918 range.' },
        ],
      },
      {
        kind: 'question',
        line: 39,
        topic: addressing,
        stem: 'IPv6 addresses are 128 bits long.',
        options: [
          { text: 'True', correct: true, why: 'Yes: 8 groups of 16 bits.' },
          { text: 'False', correct: false, why: 'No: count again, 8 groups of 16 bits.' },
        ],
        shuffle: false,
      },
      {
        kind: 'question',
        line: 41,
        topic: addressing,
        stem: 'Broadcast exists in IPv6.',
        options: [
          { text: 'True', correct: false },
          { text: 'False', correct: true },
        ],
        shuffle: false,
      },
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
      { kind: 'card', line: 48, topic: addressing, front: 'Name the protocol that hands out addresses automatically.', back: 'DHCP / Dynamic Host Configuration Protocol' },
      { kind: 'card', line: 50, topic: addressing, front: 'Ports below _____ are called well-known ports.', back: '1024' },
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
    ]);
  });

  it('reports each skipped question and each change at the line the question starts', () => {
    expect(parseGift(networking).warnings).toEqual([
      { line: 32, message: 'partial credit is not scored in examdrill: "100.64.0.0/10" (50%) imported as a wrong option' },
      { line: 50, message: 'partial-credit answers left off the card: "1000" (50%)' },
      { line: 61, message: 'skipped a matching question (->): examdrill has no matching questions' },
      { line: 63, message: 'skipped a numerical question ({#...}): examdrill has no numerical answers' },
      { line: 65, message: 'skipped an essay question ({}): it has no answer to check' },
      { line: 67, message: 'skipped a text with no answer block {...}: it is no question' },
      { line: 69, message: 'skipped a single-answer question with 2 right answers (=): a single-answer question has exactly one' },
      { line: 71, message: 'skipped a question with only 1 option: a question needs at least 2' },
      { line: 73, message: 'skipped a question whose answer block { is never closed with }' },
    ]);
    expect(parseGift(networking).warnings.filter(isSkip).map((w) => w.line)).toEqual([61, 63, 65, 67, 69, 71, 73]);
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
    expect(items.map((i) => [i.line, i.title, i.topic, i.kind === 'question' ? i.stem : i.front])).toEqual([
      [1, 'Q1', undefined, 'Which port does the worker daemon post to?'],
      [3, 'Q2', 'Beanstalk', 'Which file defines periodic tasks?'],
      [7, 'Q3', 'Beanstalk', 'Which header names the queue?'],
      [8, 'Q4', 'Beanstalk', 'The worker daemon posts each message to _____\non port 80.'],
    ]);
  });

  it('reads true/false in every spelling, with one feedback (for a wrong answer) or two', () => {
    const options = (text: string) => {
      const item = one(text);
      return item.kind === 'question' ? item.options : [];
    };
    expect(options('Q?{T}')).toEqual([{ text: 'True', correct: true }, { text: 'False', correct: false }]);
    expect(options('Q?{TRUE}')).toEqual(options('Q?{T}'));
    expect(options('Q?{F}')).toEqual([{ text: 'True', correct: false }, { text: 'False', correct: true }]);
    expect(options('Q?{FALSE#It is true.}')).toEqual([{ text: 'True', correct: false, why: 'It is true.' }, { text: 'False', correct: true }]);
    expect(options('Q?{T#Wrong.#Right.}')).toEqual([{ text: 'True', correct: true, why: 'Right.' }, { text: 'False', correct: false, why: 'Wrong.' }]);
  });

  it('makes a short answer a card, with the general feedback below the answers', () => {
    expect(one('::Tomb::Who is buried in Grant\'s tomb?{=no one#Yes! =nobody ####Grant and his wife are entombed, above ground.}')).toEqual({
      kind: 'card',
      line: 1,
      title: 'Tomb',
      front: "Who is buried in Grant's tomb?",
      back: 'no one / nobody\n\nGrant and his wife are entombed, above ground.',
    });
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
      ['items/networking-addressing.yaml', 2, 5],
      ['items/netzwerke-ubertragung.yaml', 0, 1],
    ]);
    expect([pack.questions, pack.cards]).toEqual([9, 2]);
    expect(pack.manifest.exam).toEqual({ questions: 9, minutes: 22, passingScore: 750 });
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
    expect(pack.files[1]!.data.questions![2]).toMatchObject({ stem: 'IPv6 addresses are 128 bits long.', shuffle: false });
  });

  // Progress is keyed by item id: if these change, every learner who re-imports a file loses it.
  it('gives ids from the text (the title if there is one), the same on every import', () => {
    const ids = (p: typeof pack) => p.files.map((f) => [...(f.data.cards ?? []), ...(f.data.questions ?? [])].map((i) => i.id));
    expect(ids(pack)).toEqual([
      ['ospf-metric-cncerx', 'a-default-route-matches-destination-r39eem', 'which-protocols-are-link-state-krlj0k'],
      ['name-the-protocol-that-hands-qr8drm', 'ports-below-are-called-well-m1vu4a', 'what-does-the-suffix-24-5jyzog', 'rfc-1918-private-ranges-f1kbzj', 'ipv6-addresses-are-128-bits-pnn75x', 'broadcast-exists-in-ipv6-epdxyd', 'what-does-arp-resolve-bxz4g1'],
      ['welche-schicht-ist-fur-das-07we7r'],
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
      Object.fromEntries(toPack(parseGift(text).items, { id: 'd', title: 'D' }).files[0]!.data.questions!.map((q) => [`${q.stem} ${q.options.find((o) => o.correct)!.text}`, q.id]));
    const before = idsByKey(first);
    expect(new Set(Object.values(before)).size).toBe(3);
    expect(idsByKey(reordered)).toEqual(before);
    // A stem used once keeps the id it always had: only shared stems add the answers' hash.
    expect(before['Unique? a']).toMatch(/^unique-[0-9a-z]{6}$/);
  });

  it('puts items without a category in `general`, and drops an exam blueprint when there are no questions', () => {
    const cardsOnly = toPack(parseGift('Capital of Peru?{=Lima}').items, { id: 'peru', title: '  Peru\n quiz ' });
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
