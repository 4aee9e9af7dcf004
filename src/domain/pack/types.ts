import type { OptionMoves } from './option-moves.js';

/**
 * A loaded, validated content pack, as the rest of the program sees it. Plain data:
 * it is what the compiled-pack cache stores as JSON, so reading it needs no zod.
 */

/** Where an item was written, for error messages and lint warnings. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Path inside the file, such as `questions[3]`. */
  readonly path: string;
}

export interface Domain {
  readonly id: string;
  readonly title: string;
  /** Share of a mock exam; normalised against the sum of all weights. */
  readonly weight: number;
}

export interface Topic {
  readonly id: string;
  readonly title: string;
  readonly domain: string;
}

export interface ExamBlueprint {
  readonly questions: number;
  readonly minutes: number;
  readonly passingScore: number;
}

export interface Option {
  readonly text: string;
  readonly correct: boolean;
  readonly why?: string;
  /**
   * Partial credit as a percentage (GIFT `~%50%`), -100..100; absent means 100 on a correct
   * option and 0 on a wrong one. Only quiz feedback uses it: exams stay exact-set scored.
   */
  readonly weight?: number;
}

interface ItemBase {
  /** Stable id, unique within the pack; progress is keyed by pack id + item id. */
  readonly id: string;
  readonly topic: string;
  readonly tags: readonly string[];
  readonly refs: readonly string[];
  readonly source: SourcePos;
  /** A short hash of the item's text, to tell an edited item from an unchanged one. */
  readonly hash: string;
  /**
   * Items that teach the same fact (`siblings:` in the pack, made symmetric by the compiler):
   * once one is answered in study, the others wait until the next day. Absent when none. Not
   * part of `hash`, so marking siblings never resets progress.
   */
  readonly siblings?: readonly string[];
}

export interface Card extends ItemBase {
  readonly kind: 'card';
  readonly front: string;
  readonly back: string;
}

/** The kinds of question a pack can hold; `choice` is written without a `type` key. */
export const QUESTION_TYPES = ['choice', 'true-false', 'short-answer', 'numerical', 'matching', 'ordering', 'case-study'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** What every question body has, whether it stands alone or is part of a case study. */
interface BodyBase {
  readonly stem: string;
  readonly explanation?: string;
}

/** Single answer or multiple response: options, one or more of them correct. */
export interface ChoiceBody extends BodyBase {
  /** Absent in packs written before other types existed; read it through `questionType`. */
  readonly type?: 'choice';
  readonly options: readonly Option[];
  readonly shuffle: boolean;
}

/** A statement that is true or false, with why for each side. */
export interface TrueFalseBody extends BodyBase {
  readonly type: 'true-false';
  readonly answer: boolean;
  /** Shown when the learner answered true / false. */
  readonly whyTrue?: string;
  readonly whyFalse?: string;
}

/** One accepted answer of a short-answer question. */
export interface AcceptedAnswer {
  /** The text, with `*` matching any run of characters (as Moodle). */
  readonly text: string;
  /** Credit in percent, 100 unless the source gave partial credit. */
  readonly weight: number;
  readonly why?: string;
}

/** A typed answer, matched against accepted answers: trimmed, case-insensitive unless set. */
export interface ShortAnswerBody extends BodyBase {
  readonly type: 'short-answer';
  readonly answers: readonly AcceptedAnswer[];
  readonly caseSensitive: boolean;
  /** Shown after answering, right or wrong. */
  readonly why?: string;
}

/** A number within [min, max] (an answer with a tolerance is stored as its range). */
export interface NumericalBody extends BodyBase {
  readonly type: 'numerical';
  /** The answer as written (for display); undefined when the pack gave a range. */
  readonly answer?: number;
  readonly min: number;
  readonly max: number;
  readonly why?: string;
}

export interface MatchPair {
  readonly left: string;
  readonly right: string;
}

/** Left items, each with its right item, plus distractor right items; scored per pair. */
export interface MatchingBody extends BodyBase {
  readonly type: 'matching';
  readonly pairs: readonly MatchPair[];
  readonly distractors: readonly string[];
  readonly why?: string;
}

/** Steps written in the right order; shown shuffled; scored exact. */
export interface OrderingBody extends BodyBase {
  readonly type: 'ordering';
  readonly steps: readonly string[];
  readonly why?: string;
}

/** A question that can stand alone or be a part of a case study. */
export type PartBody = ChoiceBody | TrueFalseBody | ShortAnswerBody | NumericalBody | MatchingBody | OrderingBody;

/** A shared scenario and 2-6 parts, shown together, answered in order, each scored on its own. */
export interface CaseStudyBody extends BodyBase {
  readonly type: 'case-study';
  readonly parts: readonly PartBody[];
}

export type QuestionBody = PartBody | CaseStudyBody;

interface QuestionMeta extends ItemBase {
  readonly kind: 'question';
  readonly difficulty?: 1 | 2 | 3;
}

export type ChoiceQuestion = ChoiceBody & QuestionMeta;
export type TrueFalseQuestion = TrueFalseBody & QuestionMeta;
export type ShortAnswerQuestion = ShortAnswerBody & QuestionMeta;
export type NumericalQuestion = NumericalBody & QuestionMeta;
export type MatchingQuestion = MatchingBody & QuestionMeta;
export type OrderingQuestion = OrderingBody & QuestionMeta;
export type CaseStudyQuestion = CaseStudyBody & QuestionMeta;
export type Question = ChoiceQuestion | TrueFalseQuestion | ShortAnswerQuestion | NumericalQuestion | MatchingQuestion | OrderingQuestion | CaseStudyQuestion;

/** The type of a question or part; `choice` when the pack wrote none. */
export function questionType(q: QuestionBody): QuestionType {
  return q.type ?? 'choice';
}

export function isChoice<Q extends QuestionBody>(q: Q): q is Extract<Q, ChoiceBody> {
  return q.type === undefined || q.type === 'choice';
}

/**
 * What a learner answered, per type: choice, the chosen option indices in pack order;
 * true-false, the truth value; short-answer and numerical, the text as typed; matching, per
 * left item (pack order) the index into `rightItems` picked, -1 for none yet; ordering, the
 * step indices in the learner's order; case-study, one answer (or null) per part.
 */
export type Answer = readonly number[] | string | boolean | { readonly parts: readonly (Answer | null)[] };

/** The right items of a matching question, each once: the pairs' in pack order, then the distractors. */
export function rightItems(q: MatchingBody): string[] {
  const out: string[] = [];
  for (const t of [...q.pairs.map((p) => p.right), ...q.distractors]) if (!out.includes(t)) out.push(t);
  return out;
}

export type Item = Card | Question;

export interface Pack {
  readonly format: 1;
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  readonly authors?: readonly string[];
  readonly license?: string;
  readonly domains: readonly Domain[];
  readonly topics: readonly Topic[];
  readonly exam: ExamBlueprint;
  /** Options moved by the author, per version (domain/pack/option-moves.ts). */
  readonly optionMoves?: OptionMoves;
  readonly cards: readonly Card[];
  readonly questions: readonly Question[];
  /** A hash of every item's id and hash, set by the compiler (store/pack/pack-digest.ts). */
  readonly digest?: string;
}

export const DEFAULT_EXAM: ExamBlueprint = { questions: 75, minutes: 180, passingScore: 750 };

/** The correct option indices of a question, in pack order. */
export function correctIndices(question: ChoiceBody): number[] {
  const out: number[] = [];
  question.options.forEach((o, i) => {
    if (o.correct) out.push(i);
  });
  return out;
}

export function isMultipleResponse(question: QuestionBody): boolean {
  return isChoice(question) && correctIndices(question).length > 1;
}

/** The choice questions of a pack (the code paths that need options). */
export function choiceQuestions(pack: Pack): ChoiceQuestion[] {
  return pack.questions.filter(isChoice);
}

/** Every item of a pack, cards first, in path order. */
export function packItems(pack: Pack): Item[] {
  return [...pack.cards, ...pack.questions];
}

/** The domain a topic belongs to, by topic id. */
export function topicDomains(pack: Pack): Map<string, string> {
  return new Map(pack.topics.map((t) => [t.id, t.domain]));
}

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/** The count a stem asks for, as exam stems do: "(Choose two.)", "(select 3)"; undefined if none. */
export function chooseCount(stem: string): number | undefined {
  const m = /\(\s*(?:choose|select)\s+(one|two|three|four|five|\d)\b[^)]*\)/i.exec(stem);
  if (!m) return undefined;
  const word = m[1]!.toLowerCase();
  return NUMBER_WORDS[word] ?? Number(word);
}

/** True when the stem already tells how many to pick, so the UI need not add "Choose N." */
export function stemSaysHowMany(stem: string): boolean {
  return (chooseCount(stem) ?? 0) > 1;
}
