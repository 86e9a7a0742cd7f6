let vi: Intl.Collator | undefined;
/**
 * Vietnamese alphabetical order (Ă after A, Đ after D…), for ties and group names. Made on first use:
 * loading the locale costs ~12 ms, which `cchc score` (in the same bundle) should not pay.
 */
export function compareVi(a: string, b: string): number {
  vi ??= new Intl.Collator('vi', { sensitivity: 'variant', numeric: true });
  return vi.compare(a, b);
}

export interface Rankable {
  code: string;
  name: string;
  index: number;
}

export interface Ranking {
  /** Competition rank: equal published indexes share a rank and the next rank is skipped (1, 2, 2, 4). */
  rank: number;
  /** "03/17": the rank zero-padded to the width of the group size. */
  rankLabel: string;
  groupSize: number;
}

/** The published index as an exact integer, so 92.1 and 92.10 (or a float's tail) never split a tie. */
export const scaled = (index: number, decimals: number) => Math.round(index * 10 ** decimals);

export function rankLabel(rank: number, total: number): string {
  return `${String(rank).padStart(String(total).length, '0')}/${total}`;
}

/**
 * Ranks one group on the published (rounded) index, highest first. Units sharing an index are listed
 * by name, then code, so the order is the same on every run; they still share the rank. `make` builds
 * each ranked unit (by default the unit with its ranking), so a caller adding fields copies a unit once.
 */
export function rankGroup<T extends Rankable, R = T & Ranking>(units: readonly T[], decimals: number, make: (u: T, r: Ranking) => R = (u, r) => ({ ...u, ...r }) as R): R[] {
  // Each index scaled once, not at every comparison: a province sorts thousands of units.
  const sorted = units
    .map((u) => ({ u, s: scaled(u.index, decimals) }))
    .sort((a, b) => b.s - a.s || compareVi(a.u.name, b.u.name) || (a.u.code < b.u.code ? -1 : a.u.code > b.u.code ? 1 : 0));
  const total = sorted.length;
  let rank = 0;
  return sorted.map((x, i) => {
    if (i === 0 || x.s !== sorted[i - 1]!.s) rank = i + 1;
    return make(x.u, { rank, rankLabel: rankLabel(rank, total), groupSize: total });
  });
}

export interface Group<T> {
  /** The grouping field's value; null for all units together, or units that do not give the field. */
  key: string | null;
  units: T[];
}

/** Splits units by a key and ranks each group; groups in alphabetical order, units without the key last. */
export function rankGroups<T extends Rankable, R = T & Ranking>(
  units: readonly T[],
  keyOf: (u: T) => string | null,
  decimals: number,
  make: (u: T, r: Ranking, key: string | null) => R = (u, r) => ({ ...u, ...r }) as R,
): Array<Group<R>> {
  const byKey = new Map<string | null, T[]>();
  for (const u of units) {
    const k = keyOf(u);
    const list = byKey.get(k);
    if (list) list.push(u);
    else byKey.set(k, [u]);
  }
  const keys = [...byKey.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : compareVi(a, b)));
  return keys.map((key) => ({ key, units: rankGroup(byKey.get(key)!, decimals, (u, r) => make(u, r, key)) }));
}
