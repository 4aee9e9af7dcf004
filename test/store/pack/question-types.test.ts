import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/domain/pack/issues.js';
import { loadPack } from '../../../src/store/pack/load-pack.js';
import { FIXTURES } from '../../helpers/run-cli.js';

// Not in fixtures/packs: the tests there count that folder's packs.
const packs = join(FIXTURES, 'qtypes-packs');

describe('question types in a pack', () => {
  it('reports each type\'s mistakes at their exact file:line:column', async () => {
    const result = await loadPack(join(packs, 'qtypes-broken'));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((i) => formatIssue(i))).toEqual([
      'items.yaml:6:13 questions[0].answer: answer is true or false (without quotes)',
      'items.yaml:10:14 questions[1].answers: a short-answer question needs at least 1 accepted answer',
      'items.yaml:11:5 questions[1]: unknown key `casesensitive` (did you mean `caseSensitive`?)',
      'items.yaml:16:12 questions[2].range: give answer or range, not both',
      'items.yaml:20:18 questions[3].range.min: range min 9 is above max 5',
      'items.yaml:26:16 questions[4].pairs[1].left: left item written twice (first at pairs[0])',
      'items.yaml:27:19 questions[4].distractors[0]: this distractor is the right item of a pair: a distractor matches no left item',
      'items.yaml:31:12 questions[5].steps: an ordering question needs at least 3 steps',
      'items.yaml:36:15 questions[6].parts[0].type: unknown part type (a part is any type but case-study): expected one of choice, true-false, short-answer, numerical, matching, ordering',
      'items.yaml:40:23 questions[6].parts[1].steps[2]: step written twice (first at steps[0]): each step has one place',
      'items.yaml:42:11 questions[7].type: unknown question type: expected one of choice, true-false, short-answer, numerical, matching, ordering, case-study',
      'items.yaml:47:42 questions[8].options[0].weight: an option weight is at most 100 (percent)',
    ]);
  });

  it('compiles every type, with defaults filled in and a tolerance as a range', async () => {
    const result = await loadPack(join(packs, 'qtypes'));
    if (!result.ok) throw new Error(result.issues.map((i) => formatIssue(i)).join('\n'));
    const byId = new Map(result.pack.questions.map((q) => [q.id, q]));
    expect(result.pack.questions.map((q) => q.type ?? 'choice')).toEqual(['matching', 'case-study', 'choice', 'true-false', 'short-answer', 'numerical', 'ordering']);
    expect(byId.get('sa-dockerrun')).toMatchObject({ type: 'short-answer', caseSensitive: false, answers: [{ text: 'Dockerrun.aws.json', weight: 100 }, { text: 'dockerrun*json', weight: 100 }] });
    expect(byId.get('num-timeout')).toMatchObject({ type: 'numerical', answer: 30, min: 30, max: 30 });
    expect(byId.get('match-invocation')).toMatchObject({ type: 'matching', distractors: ['Scheduled batch'] });
    expect(byId.get('case-worker')).toMatchObject({ type: 'case-study', parts: [{ type: 'true-false', answer: true }, { type: 'numerical', min: 3, max: 3 }, { shuffle: true }] });
    // A choice question has no `type` in its compiled form, as before question types.
    expect('type' in byId.get('choice-port')!).toBe(false);
  });

  it('hashes a choice question exactly as before question types existed (progress is keyed on it)', async () => {
    const result = await loadPack(join(packs, 'qtypes'));
    if (!result.ok) throw new Error('the fixture pack does not load');
    const q = result.pack.questions.find((x) => x.id === 'choice-port')!;
    const old = createHash('sha1')
      .update(['Which port does the worker daemon post messages to by default?', '80', 'true', '443', 'false', '8080', 'false'].join('\u0000'))
      .digest('hex')
      .slice(0, 12);
    expect(q.hash).toBe(old);
    const hashes = result.pack.questions.map((x) => x.hash);
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});
