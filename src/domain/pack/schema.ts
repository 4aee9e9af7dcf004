/**
 * The content pack format, version 1 (../shared/specs/pack-format.md), as strict zod schemas.
 * Unknown keys are errors (a typo is never silently ignored). The same schemas produce the
 * JSON Schema that editors use (`examdrill pack schema`, data/pack.schema.json).
 */
import * as z from 'zod';
import { CONTROL_CHARS } from '../text/control-chars.js';

/** Pack formats this program reads. */
export const SUPPORTED_FORMATS = [1] as const;

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

const id = z
  .string({ error: 'expected an id (a string)' })
  .regex(ID_PATTERN, { error: 'an id uses lowercase letters, digits and hyphens, and starts with a letter or digit' })
  .max(100, { error: 'an id is at most 100 characters' })
  .describe('Stable identifier: lowercase letters, digits and hyphens. Never change it once learners use the pack.');

/** Text shown to learners: non-empty, no terminal control characters. */
const text = (what: string) =>
  z
    .string({ error: `expected ${what} (a string)` })
    // A regex, not a refinement, so that the JSON Schema editors use says it too (`pattern`).
    .regex(/\S/, { error: `${what} is empty` })
    .refine((s) => !CONTROL_CHARS.test(s), { error: `${what} contains a terminal control character` })
    .describe(`${what[0]?.toUpperCase()}${what.slice(1)}: Markdown-lite (**bold**, *emphasis*, \`code\`, fenced blocks, - lists).`);

const url = z
  .string({ error: 'expected a URL (a string)' })
  .regex(/^https:\/\/[^\s]+$/, { error: 'a ref must be an https:// URL' })
  .refine((s) => !CONTROL_CHARS.test(s), { error: 'a ref contains a terminal control character' });

const tags = z.array(text('a tag'), { error: 'expected a list of tags, such as [sqs, retries]' }).describe('Free words for filtering.');
const refs = z.array(url, { error: 'expected a list of https links' }).describe('Documentation links, https only.');
/** Ids of items that teach the same fact; the validator checks they exist. Not part of an item's content hash. */
const siblings = z
  .array(id, { error: 'expected a list of item ids, such as [sqs-c-visibility]' })
  .describe('Ids of items (cards or questions) that teach the same fact. Siblings are not shown on the same day in study: once one is answered, the others wait until the next day. Symmetric: naming it on one side is enough.');

export const domainSchema = z.strictObject({
  id,
  title: text('a domain title'),
  weight: z
    .number({ error: 'expected a weight (a number)' })
    .nonnegative({ error: 'a weight cannot be negative' })
    .describe('Share of a mock exam, in percent; weights are normalised.'),
});

export const topicSchema = z.strictObject({
  id,
  title: text('a topic title'),
  domain: id.describe('The id of a domain of this pack.'),
});

export const examBlueprintSchema = z.strictObject({
  questions: z.number({ error: 'expected a number of questions' }).int({ error: 'questions must be a whole number' }).min(1, { error: 'questions must be at least 1' }).max(500, { error: 'questions must be at most 500' }).default(75).describe('Questions per mock exam.'),
  minutes: z.number({ error: 'expected a number of minutes' }).int({ error: 'minutes must be a whole number' }).min(1, { error: 'minutes must be at least 1' }).max(1000, { error: 'minutes must be at most 1000' }).default(180).describe('Time allowed, in minutes.'),
  passingScore: z.number({ error: 'expected a passing score' }).int({ error: 'passingScore must be a whole number' }).min(100, { error: 'passingScore is on the 100-1000 scale: at least 100' }).max(1000, { error: 'passingScore is on the 100-1000 scale: at most 1000' }).default(750).describe('Passing score on the scaled 100-1000 score.'),
});

export const packManifestSchema = z
  .strictObject({
    format: z.literal(SUPPORTED_FORMATS, { error: `unknown format: this program reads format ${SUPPORTED_FORMATS.join(', ')}` }),
    id,
    title: text('a title'),
    version: z
      .string({ error: 'expected a version (a string such as 1.0.0)' })
      .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, { error: 'a version is semver, such as 1.2.0' }),
    description: text('a description').optional(),
    authors: z.array(text('an author'), { error: 'expected a list of authors, such as [Jane Doe]' }).optional(),
    license: text('a license').optional(),
    domains: z.array(domainSchema, { error: 'expected a list of domains' }).min(1, { error: 'a pack needs at least one domain' }),
    topics: z.array(topicSchema, { error: 'expected a list of topics' }).min(1, { error: 'a pack needs at least one topic' }),
    exam: examBlueprintSchema.optional(),
    optionMoves: z
      .record(
        z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, { error: 'an optionMoves key is the pack version the options moved in, such as 1.1.0' }),
        z.record(
          id,
          z
            .array(z.int({ error: 'expected the old index of the option (0 for the first) or null for a new option' }).nonnegative({ error: 'an option index is 0 or more' }).nullable(), { error: 'expected a list: for each option as written now, its old index (or null if new)' })
            .min(2, { error: 'a question has at least 2 options' }),
          { error: 'expected a mapping of question ids to lists of old option indices' },
        ),
        { error: 'expected a mapping of pack versions to moved questions, such as 1.1.0: {question-id: [2, 0, 1, 3]}' },
      )
      .optional()
      .describe('Options reordered, added or removed in a version, so learners\' misconceptions and exam history follow them: per version, per question id, each option\'s old index (null: new).'),
  }, { error: 'pack.yaml is a mapping of keys such as format, id, title (not a list)' })
  .describe('pack.yaml: the identity of an examdrill content pack and its mock-exam blueprint.');

export const cardSchema = z.strictObject({
  id,
  topic: id.optional().describe('Overrides the file-level topic.'),
  front: text('a card front'),
  back: text('a card back'),
  tags: tags.optional(),
  refs: refs.optional(),
  siblings: siblings.optional(),
});

export const optionSchema = z.strictObject({
  text: text('an option text'),
  correct: z.boolean({ error: 'correct is true or false (without quotes)' }).optional().describe('true on every right option.'),
  why: text('an option why').optional().describe('Why this option is right or wrong; shown after answering.'),
  weight: z
    .number({ error: 'expected a weight in percent (a number from -100 to 100)' })
    .min(-100, { error: 'an option weight is at least -100 (percent)' })
    .max(100, { error: 'an option weight is at most 100 (percent)' })
    .optional()
    .describe('Partial credit in percent (GIFT ~%50%): quiz feedback shows what a partial-credit grader gives; exams stay exact-set scored.'),
});

const difficulty = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'difficulty is 1 (recall), 2 or 3 (multi-step scenario)' }).optional().describe('1 recall .. 3 multi-step scenario.');
const why = (what: string) => text(what).optional().describe('Shown after answering, right or wrong.');
const typeKey = <T extends string>(type: T) => z.literal(type, { error: `type is ${type} here` }).describe('The question type.');

/** Fields of a standalone question that a case study's part does not have. */
const itemFields = {
  id,
  topic: id.optional().describe('Overrides the file-level topic.'),
  difficulty,
  tags: tags.optional(),
  refs: refs.optional(),
  siblings: siblings.optional(),
};

const choiceFields = {
  type: z.literal('choice', { error: 'type is choice here' }).optional().describe('Absent or choice: single answer or multiple response.'),
  stem: text('a question stem'),
  options: z
    .array(optionSchema, { error: 'expected a list of options' })
    .min(2, { error: 'a question needs at least 2 options' })
    .max(8, { error: 'a question has at most 8 options' }),
  shuffle: z.boolean({ error: 'shuffle is true or false (without quotes)' }).optional().describe('false keeps the option order as written.'),
  explanation: text('an explanation').optional(),
};
const checkChoice = (q: { options: { correct?: boolean | undefined }[] }, ctx: z.RefinementCtx): void => {
  const correct = q.options.filter((o) => o.correct === true).length;
  if (correct === 0) {
    ctx.addIssue({ code: 'custom', path: ['options'], message: 'a question needs at least one correct option (found 0)' });
  } else if (correct === q.options.length && q.options.length >= 2) {
    ctx.addIssue({ code: 'custom', path: ['options'], message: `every option is correct (${correct} of ${correct}): a question needs at least one wrong option` });
  }
};

const trueFalseFields = {
  type: typeKey('true-false'),
  stem: text('a statement').describe('The statement the learner judges true or false.'),
  answer: z.boolean({ error: 'answer is true or false (without quotes)' }).describe('Whether the statement is true.'),
  whyTrue: text('a whyTrue').optional().describe('Shown when the learner answered true.'),
  whyFalse: text('a whyFalse').optional().describe('Shown when the learner answered false.'),
  explanation: text('an explanation').optional(),
};

const acceptedAnswer = z.union(
  [
    text('an accepted answer'),
    z.strictObject({
      text: text('an accepted answer'),
      weight: z.number({ error: 'expected a weight in percent (a number from 1 to 100)' }).min(1, { error: 'an answer weight is at least 1 (percent)' }).max(100, { error: 'an answer weight is at most 100 (percent)' }).optional().describe('Partial credit in percent; 100 when absent.'),
      why: text('an answer why').optional(),
    }),
  ],
  { error: 'an accepted answer is a string, or a mapping with text (and weight, why)' },
);
const shortAnswerFields = {
  type: typeKey('short-answer'),
  stem: text('a question stem'),
  answers: z
    .array(acceptedAnswer, { error: 'expected a list of accepted answers, such as [Dockerrun.aws.json]' })
    .min(1, { error: 'a short-answer question needs at least 1 accepted answer' })
    .max(20, { error: 'a short-answer question has at most 20 accepted answers' })
    .describe('Accepted answers: trimmed, case-insensitive unless caseSensitive, `*` matches any characters.'),
  caseSensitive: z.boolean({ error: 'caseSensitive is true or false (without quotes)' }).optional().describe('true: letter case must match.'),
  why: why('a why'),
  explanation: text('an explanation').optional(),
};
const checkShortAnswer = (q: { answers: (string | { weight?: number | undefined })[] }, ctx: z.RefinementCtx): void => {
  if (q.answers.length > 0 && !q.answers.some((a) => typeof a === 'string' || a.weight === undefined || a.weight === 100)) {
    ctx.addIssue({ code: 'custom', path: ['answers'], message: 'no accepted answer has full credit: give one without a weight (or weight 100)' });
  }
};

const finite = (what: string) => z.number({ error: `expected ${what} (a number)` }).refine(Number.isFinite, { error: `${what} must be a finite number` });
const numericalFields = {
  type: typeKey('numerical'),
  stem: text('a question stem').describe('The question; state the unit here.'),
  answer: finite('an answer').optional().describe('The right number (with tolerance), or give range instead.'),
  tolerance: z.number({ error: 'expected a tolerance (a number)' }).nonnegative({ error: 'a tolerance cannot be negative' }).optional().describe('Accepted distance from answer; 0 when absent.'),
  range: z
    .strictObject({ min: finite('a range min'), max: finite('a range max') }, { error: 'a range is a mapping with min and max, such as {min: 1, max: 900}' })
    .optional()
    .describe('Every number from min to max is right (instead of answer).'),
  why: why('a why'),
  explanation: text('an explanation').optional(),
};
const checkNumerical = (q: { answer?: number | undefined; tolerance?: number | undefined; range?: { min: number; max: number } | undefined }, ctx: z.RefinementCtx): void => {
  if (q.answer === undefined && q.range === undefined) ctx.addIssue({ code: 'custom', path: [], message: 'a numerical question needs answer (with an optional tolerance) or range' });
  if (q.answer !== undefined && q.range !== undefined) ctx.addIssue({ code: 'custom', path: ['range'], message: 'give answer or range, not both' });
  if (q.tolerance !== undefined && q.answer === undefined) ctx.addIssue({ code: 'custom', path: ['tolerance'], message: 'a tolerance needs an answer (a range has none)' });
  if (q.range && q.range.min > q.range.max) ctx.addIssue({ code: 'custom', path: ['range', 'min'], message: `range min ${q.range.min} is above max ${q.range.max}` });
};

const matchingFields = {
  type: typeKey('matching'),
  stem: text('a question stem'),
  pairs: z
    .array(z.strictObject({ left: text('a left item'), right: text('a right item') }, { error: 'a pair is a mapping with left and right' }), { error: 'expected a list of pairs, each with left and right' })
    .min(2, { error: 'a matching question needs at least 2 pairs' })
    .max(10, { error: 'a matching question has at most 10 pairs' })
    .describe('Each left item with its right item, in any order (they are shown shuffled).'),
  distractors: z.array(text('a distractor'), { error: 'expected a list of distractor right items' }).max(10, { error: 'a matching question has at most 10 distractors' }).optional().describe('Right items that match no left item.'),
  why: why('a why'),
  explanation: text('an explanation').optional(),
};
const checkMatching = (q: { pairs: { left: string; right: string }[]; distractors?: string[] | undefined }, ctx: z.RefinementCtx): void => {
  const lefts = new Map<string, number>();
  q.pairs.forEach((p, i) => {
    const key = p.left.trim();
    if (lefts.has(key)) ctx.addIssue({ code: 'custom', path: ['pairs', i, 'left'], message: `left item written twice (first at pairs[${lefts.get(key)}])` });
    else lefts.set(key, i);
  });
  const rights = new Set(q.pairs.map((p) => p.right.trim()));
  (q.distractors ?? []).forEach((d, i) => {
    if (rights.has(d.trim())) ctx.addIssue({ code: 'custom', path: ['distractors', i], message: 'this distractor is the right item of a pair: a distractor matches no left item' });
  });
};

const orderingFields = {
  type: typeKey('ordering'),
  stem: text('a question stem'),
  steps: z
    .array(text('a step'), { error: 'expected a list of steps, in the right order' })
    .min(3, { error: 'an ordering question needs at least 3 steps' })
    .max(10, { error: 'an ordering question has at most 10 steps' })
    .describe('The steps in the right order (they are shown shuffled).'),
  why: why('a why'),
  explanation: text('an explanation').optional(),
};
const checkOrdering = (q: { steps: string[] }, ctx: z.RefinementCtx): void => {
  const seen = new Map<string, number>();
  q.steps.forEach((step, i) => {
    const key = step.trim();
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['steps', i], message: `step written twice (first at steps[${seen.get(key)}]): each step has one place` });
    else seen.set(key, i);
  });
};

const unknownType = (what: string) => (issue: { code?: string }) => (issue.code === 'invalid_union' ? `unknown ${what} type (a part is any type but case-study): expected one of ${PART_TYPES.join(', ')}` : undefined);
const PART_TYPES = ['choice', 'true-false', 'short-answer', 'numerical', 'matching', 'ordering'];

/** A part of a case study: any question type but case-study, without id, topic, tags or refs. */
export const partSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject(choiceFields).superRefine(checkChoice),
    z.strictObject(trueFalseFields),
    z.strictObject(shortAnswerFields).superRefine(checkShortAnswer),
    z.strictObject(numericalFields).superRefine(checkNumerical),
    z.strictObject(matchingFields).superRefine(checkMatching),
    z.strictObject(orderingFields).superRefine(checkOrdering),
  ],
  { error: unknownType('part') },
);

const caseStudyFields = {
  type: typeKey('case-study'),
  stem: text('a scenario').describe('The shared scenario, shown with every part; code blocks allowed.'),
  parts: z
    .array(partSchema, { error: 'expected a list of parts (questions without id)' })
    .min(2, { error: 'a case study needs at least 2 parts' })
    .max(6, { error: 'a case study has at most 6 parts' })
    .describe('The questions about the scenario, answered in order; any type but case-study.'),
  explanation: text('an explanation').optional(),
};

/** The schema of one standalone question of each type, by type (`choice` when `type` is absent). */
export const questionSchemas = {
  choice: z.strictObject({ ...itemFields, ...choiceFields }).superRefine(checkChoice),
  'true-false': z.strictObject({ ...itemFields, ...trueFalseFields }),
  'short-answer': z.strictObject({ ...itemFields, ...shortAnswerFields }).superRefine(checkShortAnswer),
  numerical: z.strictObject({ ...itemFields, ...numericalFields }).superRefine(checkNumerical),
  matching: z.strictObject({ ...itemFields, ...matchingFields }).superRefine(checkMatching),
  ordering: z.strictObject({ ...itemFields, ...orderingFields }).superRefine(checkOrdering),
  'case-study': z.strictObject({ ...itemFields, ...caseStudyFields }),
} as const;

export const questionSchema = z.discriminatedUnion(
  'type',
  [questionSchemas.choice, questionSchemas['true-false'], questionSchemas['short-answer'], questionSchemas.numerical, questionSchemas.matching, questionSchemas.ordering, questionSchemas['case-study']],
  { error: (issue) => (issue.code === 'invalid_union' ? `unknown question type: expected one of ${Object.keys(questionSchemas).join(', ')}` : undefined) },
);

export const itemFileSchema = z
  .strictObject({
    topic: id.optional().describe('Default topic for every item in this file.'),
    cards: z.array(cardSchema, { error: 'expected a list of cards' }).optional(),
    questions: z.array(questionSchema, { error: 'expected a list of questions' }).optional(),
  }, { error: 'an item file is a mapping with topic, cards and questions (not a list)' })
  .describe('An item file of an examdrill content pack: cards and questions.');

/**
 * The outer shapes of the two kinds of file, with their lists left open: the loader checks each
 * list entry on its own, so one broken item hides no problem of another.
 */
export const manifestShapeSchema = packManifestSchema.extend({
  domains: z.array(z.unknown(), { error: 'expected a list of domains' }).min(1, { error: 'a pack needs at least one domain' }),
  topics: z.array(z.unknown(), { error: 'expected a list of topics' }).min(1, { error: 'a pack needs at least one topic' }),
});
export const itemFileShapeSchema = itemFileSchema.extend({
  cards: z.array(z.unknown(), { error: 'expected a list of cards' }).optional(),
  questions: z.array(z.unknown(), { error: 'expected a list of questions' }).optional(),
});

export type PackManifestInput = z.input<typeof packManifestSchema>;
export type ItemFileInput = z.output<typeof itemFileSchema>;
export type QuestionInput = z.output<typeof questionSchema>;
export type PartInput = z.output<typeof partSchema>;
