/**
 * Option moves: a pack author who reorders (or adds or removes) the options of a question that
 * learners have already answered says so in pack.yaml, so that their misconceptions and exam
 * history keep pointing at the same options:
 *
 *   optionMoves:
 *     1.1.0:
 *       eb-cron-q-fix-keys: [2, 0, 1, 3]   # new A was old C, new B was old A, ...
 *
 * Each list gives, for every option of the question as written in that version, the index it had
 * in the version before (null for an option that is new). The progress store records the moves
 * between the version a learner last saw and the current one in its pack-sync event, and the fold
 * renumbers from there (domain/progress/state.ts), so the log stays the only source of truth.
 */

/** Per pack version, per question id, the old index of each option now written (null: new). */
export type OptionMoves = Readonly<Record<string, Readonly<Record<string, readonly (number | null)[]>>>>;

/** Per question id: for each new option index, the index it had in the learner's old version. */
export type MoveMap = Record<string, (number | null)[]>;

/** Compares two semver versions by their numeric core (pre-release tags sort before the release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split('+')[0]!.split(/-(.*)/s);
    return { nums: core.split('.').map((n) => Number(n) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

/**
 * The moves from the version a learner saw (`from`) to the pack's version (`to`): every declared
 * version v with from < v <= to, composed in version order. Empty when nothing applies.
 */
export function movesBetween(moves: OptionMoves | undefined, from: string, to: string): MoveMap {
  const out: MoveMap = {};
  if (!moves) return out;
  const versions = Object.keys(moves)
    .filter((v) => compareVersions(v, from) > 0 && compareVersions(v, to) <= 0)
    .sort(compareVersions);
  for (const version of versions) {
    for (const [id, order] of Object.entries(moves[version]!)) {
      const before = out[id];
      // Compose: the option now at i was at order[i] one version back, which was at before[order[i]] at `from`.
      out[id] = order.map((old) => (old === null ? null : before ? (before[old] ?? null) : old));
    }
  }
  return out;
}

/** For one question's move list: old index -> new index (options removed since map to nothing). */
export function newIndexOf(order: readonly (number | null)[]): Map<number, number> {
  const map = new Map<number, number>();
  order.forEach((old, now) => {
    if (old !== null) map.set(old, now);
  });
  return map;
}
