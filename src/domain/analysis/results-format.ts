/**
 * The results file a learner hands to an instructor (`examdrill results export`), format 1:
 * the learner's answers to a pack's questions and each mock exam's total, taken from the review
 * log. No personal data: no device id, no times finer than the learner's day, a name only when
 * the learner gives one. data/results.schema.json is generated from `resultsFileSchema`
 * (test/domain/analysis/results-format.test.ts keeps them equal); docs/item-analysis.md
 * describes every field.
 *
 * Full zod rather than zod/mini: this is only loaded by `results export` and `pack analyze`,
 * and the JSON Schema in data/ is generated from it with z.toJSONSchema.
 */
import * as z from 'zod';

export const RESULTS_FORMAT = 'examdrill-results';
export const RESULTS_VERSION = 1;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

export const resultsAnswerSchema = z
  .object({
    item: z.string().min(1).describe('the question id, as in the pack'),
    hash: z.string().describe("the question's version hash when it was answered; an instructor's pack with another hash has changed since"),
    mode: z.enum(['study', 'quiz', 'exam', 'cram']).describe('where it was answered; cram is study that leaves the schedule alone'),
    chosen: z.array(z.int().nonnegative()).optional().describe("the options chosen, as indices in the pack's order (0 is the first), for option-based questions"),
    response: z.unknown().optional().describe('the answer as recorded, for question types whose answer is not a choice of options'),
    correct: z.boolean(),
    seconds: z.number().nonnegative().describe('time taken on the question'),
    day: day.describe("the learner's day (starting at 4 a.m. local time) it was answered on"),
    exam: z.int().positive().optional().describe('for an answer in a mock exam: its number in exams'),
  })
  .strict();

export const resultsExamSchema = z
  .object({
    number: z.int().positive(),
    day,
    outcome: z.enum(['submitted', 'expired']),
    questions: z.int().nonnegative().describe('questions in the exam'),
    correct: z.int().nonnegative(),
    total: z.int().nonnegative(),
    scaled: z.number().describe('the scaled score, 100-1000'),
    passingScore: z.number(),
    passed: z.boolean(),
    seconds: z.number().nonnegative().describe('exam time used'),
  })
  .strict();

export const resultsFileSchema = z
  .object({
    format: z.literal(RESULTS_FORMAT),
    version: z.literal(RESULTS_VERSION),
    pack: z.object({ id: z.string().min(1), version: z.string() }).strict().describe('the pack the answers were given to, and its version at export'),
    exported: day.describe('the day of the export'),
    name: z.string().optional().describe('the learner, only when they chose to give a name (--name)'),
    answers: z.array(resultsAnswerSchema).describe('every answer to a question, in the order given; undone answers are left out'),
    exams: z.array(resultsExamSchema).describe('every finished mock exam, in order'),
  })
  .strict();

export type ResultsAnswer = z.infer<typeof resultsAnswerSchema>;
export type ResultsExam = z.infer<typeof resultsExamSchema>;
export type ResultsFile = z.infer<typeof resultsFileSchema>;

/** Why a results file cannot be used, as the CLI tells it (one line, then what to do). */
export type ResultsProblem =
  | { readonly kind: 'not-json'; readonly detail: string }
  | { readonly kind: 'not-results' }
  | { readonly kind: 'newer'; readonly version: unknown }
  | { readonly kind: 'invalid'; readonly path: string; readonly detail: string };

/**
 * Checks a parsed JSON value against format 1. A newer version is told apart from a broken
 * file, so that the learner's file is not called broken when the reader is just too old.
 */
export function parseResults(value: unknown): { ok: true; results: ResultsFile } | { ok: false; problem: ResultsProblem } {
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== RESULTS_FORMAT) return { ok: false, problem: { kind: 'not-results' } };
  const version = (value as { version?: unknown }).version;
  if (typeof version === 'number' && version > RESULTS_VERSION) return { ok: false, problem: { kind: 'newer', version } };
  const parsed = resultsFileSchema.safeParse(value);
  if (parsed.success) return { ok: true, results: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, problem: { kind: 'invalid', path: issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, ''), detail: issue.message } };
}

/** The JSON Schema of results files (data/results.schema.json). */
export function resultsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(resultsFileSchema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:examdrill:results-format:${RESULTS_VERSION}`,
    title: `examdrill results file (format ${RESULTS_VERSION})`,
    description: 'A learner\'s answers to a pack\'s questions, written by `examdrill results export` and read by `examdrill pack analyze`. See docs/item-analysis.md.',
    ...rest,
  };
}
