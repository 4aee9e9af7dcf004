/**
 * How many questions each domain gets in a mock exam: in proportion to the pack's weights,
 * rounded by largest remainder; a domain short of questions gives its shortfall to the others,
 * again in proportion.
 */

/** Largest-remainder apportionment of `total` seats by `weights`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
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

/** Seats per domain, capped at each domain's capacity, the shortfall spread over the rest. */
export function domainQuotas(total: number, weights: readonly number[], capacity: readonly number[]): number[] {
  const quotas = weights.map(() => 0);
  let remaining = Math.min(total, capacity.reduce((a, b) => a + b, 0));
  let open = weights.map((w, i) => (w > 0 && capacity[i]! > 0 ? i : -1)).filter((i) => i >= 0);
  if (open.length === 0) open = capacity.map((c, i) => (c > 0 ? i : -1)).filter((i) => i >= 0);
  while (remaining > 0 && open.length > 0) {
    const share = apportion(remaining, open.map((i) => weights[i]! > 0 ? weights[i]! : 1));
    let placed = 0;
    const stillOpen: number[] = [];
    open.forEach((d, k) => {
      const room = capacity[d]! - quotas[d]!;
      const take = Math.min(room, share[k]!);
      quotas[d]! += take;
      placed += take;
      if (capacity[d]! - quotas[d]! > 0) stillOpen.push(d);
    });
    remaining -= placed;
    if (placed === 0) break;
    open = stillOpen;
  }
  return quotas;
}
