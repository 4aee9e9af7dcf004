import { describe, expect, it } from 'vitest';
import { markdownToAnkiHtml } from '../../../src/domain/export/apkg.js';
import { historyReviews, itemIdFor, safeMediaName, type AnkiReview } from '../../../src/domain/import/apkg.js';
import { htmlToMarkdownLite as ankiFieldToText } from '../../../src/domain/import/to-pack.js';

describe('ankiFieldToText', () => {
  it.each([
    ['<b>bold</b> and <strong>strong</strong>', '**bold** and **strong**'],
    ['<i>it</i> <em>em</em>', '*it* *em*'],
    ['run <code>ls -l</code> now', 'run `ls -l` now'],
    ['line one<br>line two', 'line one\\\nline two'],
    ['source\nwhite space', 'source\nwhite space'],
    ['<div>one</div><div>two</div>', 'one\\\ntwo'],
    ['Steps<br><ul><li>a</li></ul>', 'Steps\n- a'],
    ['see <a href="https://docs.aws.amazon.com/x">the <b>guide</b></a>', 'see the **guide** (https://docs.aws.amazon.com/x)'],
    ['<a href="https://a.example/">https://a.example/</a>', 'https://a.example/'],
    ['<video src="clip.mp4"></video>', '(video: clip.mp4)'],
    ['<ol><li>first</li><li>second</li></ol>', '- first\n- second'],
    ['a&nbsp;&amp;&nbsp;b &lt;tag&gt; &eacute; &#x1F680;', 'a & b <tag> é 🚀'],
    ['x<script>alert(1)</script><style>.a{}</style>y', 'xy'],
    ['<img src="a b.png"> caption', '(image: a b.png) caption'],
    ["<img class='x' src='q.jpg'/>", '(image: q.jpg)'],
    ['hear [sound:word.mp3]', 'hear (audio: word.mp3)'],
    ['<pre><code class="language-yaml">a: 1<br>b: 2</code></pre>', '```yaml\na: 1\nb: 2\n```'],
    ['<b></b>empty<code> </code>', 'empty'],
    ['日本語 <b>テスト</b>', '日本語 **テスト**'],
  ])('%s', (html, text) => {
    expect(ankiFieldToText(html)).toBe(text);
  });

  it('collects the media names it meets', () => {
    const refs = new Set<string>();
    ankiFieldToText('<img src="a.png"><img src="b&amp;c.png"> [sound:d.mp3]', refs);
    expect([...refs].sort()).toEqual(['a.png', 'b&c.png', 'd.mp3']);
  });

  it('gives back the text markdownToAnkiHtml made', () => {
    for (const text of ['**Bold** and *em* and `code`', 'line\nnext\n\nparagraph', 'hard\\\nbreak\nsoft', 'Run:\n```sh\naws s3 cp a \\\n  b\n```\nthen', '- one\n- two', 'a < b && c > d', '```json\n{"a": [1, 2]}\n```']) {
      expect(ankiFieldToText(markdownToAnkiHtml(text))).toBe(text);
    }
  });
});

describe('ids and names', () => {
  it('makes an id from the guid alone, one per card of the note', () => {
    expect(itemIdFor('Q}x8$jw!9d', 0)).toBe(itemIdFor('Q}x8$jw!9d', 0));
    expect(itemIdFor('Q}x8$jw!9d', 1)).toBe(`${itemIdFor('Q}x8$jw!9d', 0)}-2`);
    expect(itemIdFor('Q}x8$jw!9d', 0)).not.toBe(itemIdFor('Q}x8$jw!9e', 0));
  });

  it.each([
    ['photo.png', true],
    ['日本.jpg', true],
    ['../etc/passwd', false],
    ['a/b.png', false],
    ['a\\b.png', false],
    ['.hidden', false],
    ['', false],
  ])('media name %j safe: %s', (name, safe) => {
    expect(safeMediaName(name)).toBe(safe);
  });
});

describe('historyReviews', () => {
  const cards = new Map([
    [10, 'card-a'],
    [11, 'card-b'],
  ]);
  const day = (at: Date) => at.toISOString().slice(0, 10);
  const t = Date.UTC(2026, 0, 5, 12);
  const log: AnkiReview[] = [
    { id: t + 2000, cid: 10, ease: 3, time: 5000, type: 1 },
    { id: t, cid: 10, ease: 1, time: 4000, type: 0 },
    { id: t + 1000, cid: 11, ease: 4, time: 3000, type: 0 },
    { id: t + 3000, cid: 99, ease: 3, time: 3000, type: 1 },
    { id: t + 4000, cid: 11, ease: 0, time: 0, type: 4 },
  ];

  it('replays the answers in time order, each from the state the one before left', () => {
    const r = historyReviews(log, cards, {}, day);
    expect(r.reviews.map((x) => [x.review.item, x.review.rating, x.at])).toEqual([
      ['card-a', 1, new Date(t).toISOString()],
      ['card-b', 4, new Date(t + 1000).toISOString()],
      ['card-a', 3, new Date(t + 2000).toISOString()],
    ]);
    expect(r.ignored).toBe(2);
    expect(r.reviews[0]!.review.prev).toBeNull();
    expect(r.reviews[2]!.review.prev).toMatchObject({ seen: 1, correct: 0, lastAt: new Date(t).toISOString() });
    expect(r.reviews[2]!.review.after?.reps).toBe(2);
    expect(r.reviews[0]!.review.correct).toBe(false);
  });

  it('leaves out what the progress already holds', () => {
    const first = historyReviews(log, cards, {}, day);
    const progress = {
      'card-a': { kind: 'card' as const, card: first.reviews[2]!.review.after, seen: 2, correct: 1, recent: 0.35, lastAt: new Date(t + 2000).toISOString() },
      'card-b': { kind: 'card' as const, card: first.reviews[1]!.review.after, seen: 1, correct: 1, recent: 1, lastAt: new Date(t + 1000).toISOString() },
    };
    const again = historyReviews(log, cards, progress, day);
    expect(again.reviews).toEqual([]);
    expect(again.alreadyKnown).toBe(3);
  });
});
