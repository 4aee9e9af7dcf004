import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { packJsonSchema } from '../../../src/domain/pack/json-schema.js';
import { yamlFiles } from '../../helpers/packs.js';
import { BUNDLED_PACK, FIXTURES } from '../../helpers/run-cli.js';
import { join } from 'node:path';

// An independent validator, in strict mode (unknown keywords and loose types are errors), checks
// that the schema editors use agrees with `pack validate` where JSON Schema can say it.
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(packJsonSchema());

function errors(data: unknown): string[] {
  // ajv adds a summary "must match then/else schema" for the if; the real errors are the others.
  return validate(data) ? [] : (validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

const manifest = {
  format: 1,
  id: 'p',
  title: 'P',
  version: '1.0.0',
  domains: [{ id: 'd', title: 'D', weight: 10 }],
  topics: [{ id: 't', title: 'T', domain: 'd' }],
};
const question = { id: 'q', stem: 'Which?', options: [{ text: 'a', correct: true, why: 'because' }, { text: 'b', why: 'not' }] };

describe('the pack JSON Schema, checked by ajv (strict)', () => {
  it('accepts every file of the bundled pack', () => {
    const files = yamlFiles(BUNDLED_PACK);
    const bad = files.flatMap((f) => errors(parse(readFileSync(f, 'utf8'))).map((e) => `${relative(BUNDLED_PACK, f)}: ${e}`));
    expect(files.length).toBeGreaterThan(20);
    expect(bad).toEqual([]);
  });

  it('rejects blank text and all-zero weights, as pack validate does', () => {
    expect(errors(manifest)).toEqual([]);
    expect(errors({ questions: [question] })).toEqual([]);
    expect(errors({ questions: [{ ...question, stem: '   ' }] })).toContain('/questions/0/stem must match pattern "\\S"');
    expect(errors({ questions: [{ ...question, options: [question.options[0], { text: '', why: 'x' }] }] })).toContain('/questions/0/options/1/text must match pattern "\\S"');
    expect(errors({ cards: [{ id: 'c', front: 'f', back: '\n' }] })).toContain('/cards/0/back must match pattern "\\S"');
    expect(errors({ ...manifest, domains: [{ id: 'd', title: 'D', weight: 0 }] })).toContain('/domains must contain at least 1 valid item(s)');
  });

  it('reports only the errors of the kind of file it is, not of both kinds', () => {
    const itemErrors = errors({ questions: [{ ...question, optoins: [] }] });
    expect(itemErrors.length).toBeGreaterThan(0);
    expect(itemErrors.every((e) => e.startsWith('/questions/0'))).toBe(true);
    const manifestErrors = errors({ ...manifest, version: 'one' });
    expect(manifestErrors).toEqual(['/version must match pattern "^\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$"']);
  });

  it('accepts every question type of the fixture pack and rejects their mistakes', () => {
    const dir = join(FIXTURES, 'qtypes-packs', 'qtypes');
    const bad = yamlFiles(dir).flatMap((f) => errors(parse(readFileSync(f, 'utf8'))).map((e) => `${relative(dir, f)}: ${e}`));
    expect(bad).toEqual([]);
    const tf = { id: 'tf', type: 'true-false', stem: 'S.', answer: true };
    expect(errors({ questions: [tf] })).toEqual([]);
    expect(errors({ questions: [{ ...tf, answer: 'yes' }] }).length).toBeGreaterThan(0);
    expect(errors({ questions: [{ id: 'o', type: 'ordering', stem: 'S.', steps: ['a', 'b'] }] }).length).toBeGreaterThan(0);
    expect(errors({ questions: [{ id: 'm', type: 'matching', stem: 'S.', pairs: [{ left: 'a', right: '1' }, { left: 'b', right: '2' }], distractors: ['3'] }] })).toEqual([]);
    expect(errors({ questions: [{ id: 'c', type: 'case-study', stem: 'S.', parts: [tf, tf] }] }).length).toBeGreaterThan(0); // a part has no id
    expect(errors({ questions: [{ id: 'c', type: 'case-study', stem: 'S.', parts: [{ type: 'true-false', stem: 'A.', answer: true }, { type: 'numerical', stem: 'N?', answer: 3 }] }] })).toEqual([]);
  });
});
