import type { FlatCatalog } from '../flat-catalog.js';
import { type Fixed, add, compare, ZERO } from '../fixed.js';
import { lostItems, type ScoreResult } from '../scoring/score.js';
import { compareVi } from '../batch/rank.js';

/** A criterion lost by several units of a district, with the units concerned. */
export interface WeakCriterion {
  code: string;
  name: string;
  area: string;
  owner?: string;
  /** Units that lost points on it, most points lost first (then by name), with the points each lost. */
  units: Array<{ code: string; name: string; lost: Fixed }>;
  /** Points lost by all of them together, exactly. */
  lost: Fixed;
}

/**
 * The criteria most units lost (the ranking workbook's "Tiêu chí yếu", with the units named): most units
 * first, then most points lost, then catalog order. The basis of a district directive.
 */
export function weakCriteria(flat: FlatCatalog, units: ReadonlyArray<{ result: ScoreResult }>): WeakCriterion[] {
  const tally = new Map<string, WeakCriterion>();
  for (const { result } of units) {
    for (const it of lostItems(result)) {
      const w = tally.get(it.code) ?? {
        code: it.code,
        name: it.name,
        area: it.area,
        ...(it.owner !== undefined ? { owner: it.owner } : {}),
        units: [],
        lost: ZERO,
      };
      w.units.push({ code: result.unit.code, name: result.unit.name, lost: it.lost });
      w.lost = add(w.lost, it.lost);
      tally.set(it.code, w);
    }
  }
  const order = new Map([...flat.leaves.keys()].map((c, i) => [c, i]));
  const out = [...tally.values()];
  for (const w of out) w.units.sort((a, b) => compare(b.lost, a.lost) || compareVi(a.name, b.name));
  return out.sort((a, b) => b.units.length - a.units.length || compare(b.lost, a.lost) || order.get(a.code)! - order.get(b.code)!);
}
