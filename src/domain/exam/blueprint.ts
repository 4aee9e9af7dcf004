/**
 * How many questions each domain gets in a mock exam: in proportion to the pack's weights,
 * rounded by largest remainder; a domain short of questions gives its shortfall to the others,
 * again in proportion.
 */

/** Largest-remainder apportionment of `total` seats by `weights`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  // Multiply before dividing: 0.22 * 75 is 16.499..., but 22 * 75 / 100 is exactly 16.5.
  const exact = weights.map((w) => (w * total) / sum);
  const seats = exact.map(Math.floor);
  let left = total - seats.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    seats[i]! += 1;
    left -= 1;
  }
  return seats;
}

/**
 * Seats per domain: `total` apportioned by weight; a domain whose share exceeds its capacity gets
 * all it has, and the rest is apportioned again, by weight, over the others. Domains of weight 0
 * take no seats.
 */
export function domainQuotas(total: number, weights: readonly number[], capacity: readonly number[]): number[] {
  const quotas = weights.map(() => 0);
  let open = weights.map((_, i) => i).filter((i) => weights[i]! > 0 && capacity[i]! > 0);
  let remaining = total;
  while (remaining > 0 && open.length > 0) {
    const share = apportion(remaining, open.map((i) => weights[i]!));
    const short = open.filter((i, k) => share[k]! >= capacity[i]!);
    if (short.length === 0) {
      open.forEach((i, k) => (quotas[i] = share[k]!));
      break;
    }
    for (const i of short) {
      quotas[i] = capacity[i]!;
      remaining -= capacity[i]!;
    }
    open = open.filter((i) => !short.includes(i));
  }
  return quotas;
}
