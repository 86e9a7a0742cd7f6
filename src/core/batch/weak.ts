import { fromUnits, toNumber } from '../fixed.js';
import type { CatalogMeta, LostPoints } from './types.js';

export interface WeakItem {
  code: string;
  name: string;
  area: string;
  max: number;
  owner?: string;
  /** How many ranked units lost points on it. */
  units: number;
  /** Points lost by all of them together. */
  lost: number;
}

/**
 * Sub-criteria where the most units lost points, then the most points lost, then catalog order: where
 * a district's guidance pays most. Sums are exact (ten-thousandths, like the scoring).
 */
export function weakItems(meta: CatalogMeta, lostLists: Iterable<LostPoints>): WeakItem[] {
  const tally = new Map<string, { units: number; lost: number }>();
  for (const { codes, points } of lostLists) {
    codes.forEach((code, i) => {
      const t = tally.get(code) ?? { units: 0, lost: 0 };
      t.units += 1;
      t.lost += points[i]!;
      tally.set(code, t);
    });
  }
  return meta.leaves
    .map((leaf, order) => ({ leaf, order, t: tally.get(leaf.code) }))
    .filter((x): x is typeof x & { t: { units: number; lost: number } } => x.t !== undefined && x.t.units > 0)
    .sort((a, b) => b.t.units - a.t.units || b.t.lost - a.t.lost || a.order - b.order)
    .map(({ leaf, t }) => ({ ...leaf, units: t.units, lost: toNumber(fromUnits(t.lost)) }));
}
