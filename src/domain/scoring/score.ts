/** What grading one answer gives, whatever the question type. */
export interface Score {
  /** Right as an exam counts it: the exact set, every pair, the exact order, an accepted answer. */
  readonly correct: boolean;
  /** 0..1: what a partial-credit grader would give (option weights, pairs right, answer weights). */
  readonly credit: number;
  /**
   * The wrong parts of the answer, as misconception keys (the part after `question#`): a wrong
   * option index, `=text` for a typed answer, `m<left>><right>` for a wrong pair, `o<order>` for
   * a wrong order, `p<k>/<key>` inside a case study's part k.
   */
  readonly misses: readonly string[];
}

export const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));
