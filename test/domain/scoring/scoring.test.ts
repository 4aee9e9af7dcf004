import { describe, expect, it } from 'vitest';
import type { ChoiceBody, MatchingBody, NumericalBody, OrderingBody, ShortAnswerBody, TrueFalseBody, CaseStudyBody, Answer } from '../../../src/domain/pack/types.js';
import { scoreChoice } from '../../../src/domain/scoring/choice.js';
import { scoreMatching } from '../../../src/domain/scoring/matching.js';
import { parseNumber, scoreNumerical } from '../../../src/domain/scoring/numerical.js';
import { scoreOrdering } from '../../../src/domain/scoring/ordering.js';
import { scoreShortAnswer } from '../../../src/domain/scoring/short-answer.js';
import { scoreTrueFalse } from '../../../src/domain/scoring/true-false.js';
import { isComplete, scoreAnswer, scoredUnits, unitsCorrect } from '../../../src/domain/scoring/index.js';

const single: ChoiceBody = { stem: 's', shuffle: true, options: [{ text: 'a', correct: true }, { text: 'b', correct: false }, { text: 'c', correct: false }] };
const multi: ChoiceBody = { stem: 's', shuffle: true, options: [{ text: 'a', correct: true }, { text: 'b', correct: true }, { text: 'c', correct: false }, { text: 'd', correct: false }] };
const weighted: ChoiceBody = { stem: 's', shuffle: true, options: [{ text: 'a', correct: true, weight: 50 }, { text: 'b', correct: true, weight: 50 }, { text: 'c', correct: false, weight: -100 }] };

describe('choice: exact set right; partial credit only as a figure', () => {
  it.each<[string, ChoiceBody, number[], boolean, number, string[]]>([
    ['single right', single, [0], true, 1, []],
    ['single wrong', single, [1], false, 0, ['1']],
    ['multi exact', multi, [0, 1], true, 1, []],
    ['multi half', multi, [0], false, 0.5, []],
    ['multi one right one wrong', multi, [0, 2], false, 0, ['2']],
    ['multi none', multi, [], false, 0, []],
    ['weighted half', weighted, [1], false, 0.5, []],
    ['weighted both', weighted, [0, 1], true, 1, []],
    ['weighted with a -100', weighted, [0, 2], false, 0, ['2']],
  ])('%s', (_name, q, chosen, correct, credit, misses) => {
    const s = scoreChoice(q, chosen);
    expect([s.correct, s.credit, s.misses]).toEqual([correct, credit, misses]);
  });
});

describe('true-false', () => {
  const q: TrueFalseBody = { type: 'true-false', stem: 's', answer: false };
  it.each<[boolean, boolean, string[]]>([
    [false, true, []],
    [true, false, ['=true']],
  ])('%s', (answer, correct, misses) => {
    expect(scoreTrueFalse(q, answer)).toEqual({ correct, credit: correct ? 1 : 0, misses });
  });
});

describe('short answer: trimmed, case-insensitive by default, * wildcards, weights', () => {
  const q: ShortAnswerBody = { type: 'short-answer', stem: 's', caseSensitive: false, answers: [{ text: 'Dockerrun.aws.json', weight: 100 }, { text: 'dockerrun*', weight: 50 }, { text: 'a\\*b', weight: 100 }] };
  const strict: ShortAnswerBody = { ...q, caseSensitive: true, answers: [{ text: 'Dockerrun.aws.json', weight: 100 }] };
  it.each<[string, ShortAnswerBody, string, boolean, number, string[]]>([
    ['exact', q, 'Dockerrun.aws.json', true, 1, []],
    ['case and spaces', q, '  DOCKERRUN.AWS.JSON ', true, 1, []],
    ['a dot is not a wildcard', q, 'DockerrunXawsXjson', false, 0.5, ['=dockerrunxawsxjson']],
    ['wildcard gives partial credit', q, 'Dockerrun.json', false, 0.5, ['=dockerrun.json']],
    ['an escaped star is literal', q, 'a*b', true, 1, []],
    ['an escaped star does not match any text', q, 'axxb', false, 0, ['=axxb']],
    ['wrong', q, 'Procfile', false, 0, ['=procfile']],
    ['empty', q, '   ', false, 0, ['=']],
    ['case sensitive: right case', strict, 'Dockerrun.aws.json', true, 1, []],
    ['case sensitive: wrong case', strict, 'dockerrun.aws.json', false, 0, ['=dockerrun.aws.json']],
  ])('%s', (_name, body, typed, correct, credit, misses) => {
    const s = scoreShortAnswer(body, typed);
    expect([s.correct, s.credit, s.misses]).toEqual([correct, credit, misses]);
  });
});

describe('numerical: within [min, max]', () => {
  const q: NumericalBody = { type: 'numerical', stem: 's', answer: 30, min: 25, max: 35 };
  it.each<[string, boolean]>([
    ['30', true],
    ['25', true],
    ['35.0', true],
    ['35.01', false],
    [' 30 seconds ', true],
    ['3e1', true],
    ['+30', true],
    ['thirty', false],
    ['', false],
  ])('%j', (typed, correct) => {
    expect(scoreNumerical(q, typed).correct).toBe(correct);
  });
  it('reads thousands separators and rejects what is not a number', () => {
    expect([parseNumber('1,500'), parseNumber('1_500'), parseNumber('.5'), parseNumber('-2'), parseNumber('1,50'), parseNumber('12 34')]).toEqual([1500, 1500, 0.5, -2, undefined, undefined]);
  });
});

describe('matching: per pair', () => {
  // Right items: Asynchronous (0), Polling (1), Synchronous (2), Batch (3). Two lefts share Asynchronous.
  const q: MatchingBody = { type: 'matching', stem: 's', pairs: [{ left: 'S3', right: 'Asynchronous' }, { left: 'SQS', right: 'Polling' }, { left: 'SNS', right: 'Asynchronous' }, { left: 'API', right: 'Synchronous' }], distractors: ['Batch'] };
  it.each<[number[], boolean, number, string[]]>([
    [[0, 1, 0, 2], true, 1, []],
    [[0, 1, 0, 3], false, 0.75, ['m3>3']],
    [[2, 0, 1, 3], false, 0, ['m0>2', 'm1>0', 'm2>1', 'm3>3']],
    [[0, -1, 0, 2], false, 0.75, []],
  ])('%j', (picks, correct, credit, misses) => {
    expect(scoreMatching(q, picks)).toEqual({ correct, credit, misses });
  });
});

describe('ordering: exact, positions right as the figure', () => {
  const q: OrderingBody = { type: 'ordering', stem: 's', steps: ['a', 'b', 'c', 'd'] };
  it.each<[number[], boolean, number, string[]]>([
    [[0, 1, 2, 3], true, 1, []],
    [[0, 2, 1, 3], false, 0.5, ['o1-3-2-4']],
    [[3, 2, 1, 0], false, 0, ['o4-3-2-1']],
  ])('%j', (order, correct, credit, misses) => {
    expect(scoreOrdering(q, order)).toEqual({ correct, credit, misses });
  });
});

describe('case study: each part on its own', () => {
  const q: CaseStudyBody = {
    type: 'case-study',
    stem: 'scenario',
    parts: [{ type: 'true-false', stem: 'p1', answer: true }, single, { type: 'numerical', stem: 'p3', min: 3, max: 3, answer: 3 }],
  };
  it.each<[Answer | null, boolean, number, string[], number, boolean]>([
    [{ parts: [true, [0], '3'] }, true, 1, [], 3, true],
    [{ parts: [false, [0], '4'] }, false, 1 / 3, ['p0/=false', 'p2/=4'], 1, true],
    [{ parts: [true, null, null] }, false, 1 / 3, [], 1, false],
    [null, false, 0, [], 0, false],
    [[0], false, 0, [], 0, false],
  ])('%j', (answer, correct, credit, misses, units, complete) => {
    const s = scoreAnswer(q, answer);
    expect([s.correct, s.credit, s.misses, unitsCorrect(q, answer), isComplete(q, answer)]).toEqual([correct, credit, misses, units, complete]);
    expect(scoredUnits(q)).toBe(3);
  });
  it('an answer of the wrong shape is wrong, never an error', () => {
    expect(scoreAnswer(single, 'text').correct).toBe(false);
    expect(scoreAnswer({ type: 'true-false', stem: 's', answer: true }, [1]).correct).toBe(false);
  });
});
