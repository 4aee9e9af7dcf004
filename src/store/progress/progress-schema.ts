/**
 * Zod schemas for what the progress store reads back from disk: each review-log line and the
 * lowdb snapshot. Versioned: a snapshot names its schema version, older ones are migrated, a
 * newer one is refused (never reset).
 *
 * Written with zod/mini: the full zod API costs about 50 ms to load (measured: 454 KB bundled),
 * against about 10 ms for zod/mini (14 KB). Loaded only when needed: a snapshot the store wrote
 * itself and whose integrity hash still matches is not validated again (snapshot-adapter.ts).
 */
import * as z from 'zod/mini';
import { SNAPSHOT_SCHEMA_VERSION } from './snapshot-version.js';

const iso = z.string().check(z.minLength(10));
const cardState = z.object({
  due: iso,
  stability: z.number(),
  difficulty: z.number(),
  scheduledDays: z.number(),
  learningSteps: z.number(),
  reps: z.int(),
  lapses: z.int(),
  phase: z.enum(['new', 'learning', 'review', 'relearning']),
  lastReview: z.optional(iso),
});
const itemProgress = z.object({
  kind: z.enum(['card', 'question']),
  card: z.nullable(cardState),
  seen: z.int().check(z.nonnegative()),
  correct: z.int().check(z.nonnegative()),
  recent: z.number().check(z.gte(0), z.lte(1)),
  lastAt: z.optional(iso),
  lastWrongAt: z.optional(iso),
  suspended: z.optional(z.object({ reason: z.enum(['leech', 'manual']), at: iso, lapses: z.optional(z.int()) })),
});
/** A question's answer of any type (domain/pack/types.ts `Answer`); a case study's holds its parts'. */
const partAnswer = z.union([z.array(z.int()), z.string(), z.boolean()]);
const answer = z.union([partAnswer, z.object({ parts: z.array(z.nullable(partAnswer)) })]);
const reviewPayload = z.object({
  item: z.string(),
  kind: z.enum(['card', 'question']),
  mode: z.enum(['study', 'quiz', 'exam', 'cram']),
  rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  correct: z.boolean(),
  chosen: z.optional(z.array(z.int().check(z.nonnegative()))),
  answer: z.optional(answer),
  misses: z.optional(z.array(z.string())),
  ms: z.number().check(z.nonnegative()),
  phaseBefore: z.enum(['new', 'learning', 'review', 'relearning']),
  elapsedDays: z.number(),
  after: z.nullable(cardState),
  prev: z.nullable(itemProgress),
});
const examSpec = z.object({
  examId: z.string(),
  questionIds: z.array(z.string()),
  optionOrders: z.array(z.array(z.int())),
  minutes: z.number().check(z.positive()),
  passingScore: z.number(),
  seed: z.number(),
  packVersion: z.string(),
  predicted: z.optional(z.object({ scaled: z.number(), coverage: z.number() })),
});
const examResult = z.object({
  correct: z.int(),
  total: z.int(),
  scaled: z.number(),
  passed: z.boolean(),
  domains: z.array(z.object({ id: z.string(), correct: z.int(), total: z.int() })),
});
const answers = z.array(z.nullable(answer));
const fittedParameters = z.object({ w: z.array(z.number()).check(z.minLength(17), z.maxLength(21)), fittedAt: iso, reviews: z.number(), items: z.number(), logLoss: z.number(), rmseBins: z.number() });
const settingValue = z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.string()), fittedParameters]);
const base = { id: z.string().check(z.minLength(1)), at: iso, day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)) };

export const eventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('review'), ...reviewPayload.shape }),
  z.object({ ...base, type: z.literal('undo'), target: z.string(), review: reviewPayload }),
  z.object({ ...base, type: z.literal('settings'), key: z.enum(['retention', 'newPerDay', 'reviewsPerDay', 'examDate', 'theme', 'extraMinutes', 'learningSteps', 'fuzz', 'leechThreshold', 'parameters']), value: settingValue }),
  z.object({ ...base, type: z.literal('exam-start'), exam: examSpec }),
  z.object({ ...base, type: z.literal('exam-answer'), examId: z.string(), index: z.int().check(z.nonnegative()), chosen: z.nullable(z.array(z.int())), answer: z.optional(answer), elapsedMs: z.number().check(z.nonnegative()) }),
  z.object({ ...base, type: z.literal('exam-flag'), examId: z.string(), index: z.int().check(z.nonnegative()), flagged: z.boolean(), elapsedMs: z.number().check(z.nonnegative()) }),
  z.object({ ...base, type: z.literal('exam-time'), examId: z.string(), elapsedMs: z.number().check(z.nonnegative()) }),
  z.object({ ...base, type: z.literal('exam-end'), examId: z.string(), outcome: z.enum(['submitted', 'expired']), elapsedMs: z.number().check(z.nonnegative()), result: examResult, reviews: z.array(reviewPayload) }),
  z.object({ ...base, type: z.literal('exam-discard'), examId: z.string() }),
  z.object({ ...base, type: z.literal('suspend'), item: z.string(), kind: z.enum(['card', 'question']), suspended: z.boolean(), reason: z.optional(z.enum(['leech', 'manual'])), lapses: z.optional(z.int()) }),
  z.object({ ...base, type: z.literal('pack-sync'), version: z.string(), hashes: z.record(z.string(), z.string()), digest: z.optional(z.string()), moves: z.optional(z.record(z.string(), z.array(z.nullable(z.int().check(z.nonnegative()))))) }),
]);

const progressState = z.object({
  items: z.record(z.string(), itemProgress),
  days: z.record(z.string(), z.object({ reviews: z.number(), correct: z.number(), introduced: z.number(), ms: z.number(), mature: z.optional(z.number()), matureCorrect: z.optional(z.number()) })),
  misconceptions: z.record(z.string(), z.number()),
  exams: z.array(z.extend(examSpec, { startedAt: iso, endedAt: iso, outcome: z.enum(['submitted', 'expired']), elapsedMs: z.number(), answers, flags: z.array(z.boolean()), result: examResult })),
  activeExam: z.nullable(z.object({ spec: examSpec, startedAt: iso, answers, flags: z.array(z.boolean()), elapsedMs: z.number() })),
  settings: z.record(z.string(), settingValue),
  totalReviews: z.int(),
  known: z.nullable(z.object({ version: z.string(), hashes: z.record(z.string(), z.string()), digest: z.optional(z.string()) })),
});

export const snapshotSchema = z.object({
  schema: z.literal(SNAPSHOT_SCHEMA_VERSION),
  packId: z.string(),
  /** How many bytes of this device's review log this snapshot has folded in. */
  logBytes: z.int().check(z.nonnegative()),
  /** Per log file of the pack's folder (this device's and the others'), the bytes folded in. */
  logs: z.optional(z.record(z.string(), z.int().check(z.nonnegative()))),
  writtenAt: iso,
  /** The event that sorts last among those folded in (absent in older snapshots). */
  last: z.optional(z.object({ at: iso, id: z.string() })),
  progress: progressState,
});
