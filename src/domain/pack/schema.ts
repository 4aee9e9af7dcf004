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
});

export const optionSchema = z.strictObject({
  text: text('an option text'),
  correct: z.boolean({ error: 'correct is true or false (without quotes)' }).optional().describe('true on every right option.'),
  why: text('an option why').optional().describe('Why this option is right or wrong; shown after answering.'),
});

export const questionSchema = z
  .strictObject({
    id,
    topic: id.optional().describe('Overrides the file-level topic.'),
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'difficulty is 1 (recall), 2 or 3 (multi-step scenario)' }).optional().describe('1 recall .. 3 multi-step scenario.'),
    stem: text('a question stem'),
    options: z
      .array(optionSchema, { error: 'expected a list of options' })
      .min(2, { error: 'a question needs at least 2 options' })
      .max(8, { error: 'a question has at most 8 options' }),
    shuffle: z.boolean({ error: 'shuffle is true or false (without quotes)' }).optional().describe('false keeps the option order as written.'),
    explanation: text('an explanation').optional(),
    tags: tags.optional(),
    refs: refs.optional(),
  })
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct === true).length;
    if (correct === 0) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a question needs at least one correct option (found 0)' });
    } else if (correct === q.options.length && q.options.length >= 2) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `every option is correct (${correct} of ${correct}): a question needs at least one wrong option` });
    }
  });

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
