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
}

export interface Card extends ItemBase {
  readonly kind: 'card';
  readonly front: string;
  readonly back: string;
}

export interface Question extends ItemBase {
  readonly kind: 'question';
  readonly stem: string;
  readonly options: readonly Option[];
  readonly shuffle: boolean;
  readonly difficulty?: 1 | 2 | 3;
  readonly explanation?: string;
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
export function correctIndices(question: Question): number[] {
  const out: number[] = [];
  question.options.forEach((o, i) => {
    if (o.correct) out.push(i);
  });
  return out;
}

export function isMultipleResponse(question: Question): boolean {
  return correctIndices(question).length > 1;
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
