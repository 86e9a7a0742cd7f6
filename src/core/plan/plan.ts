import type { Evidence } from '../schema/evidence.js';
import type { FlatCatalog } from '../flat-catalog.js';
import type { Change } from '../batch/compare.js';
import { type Fixed } from '../fixed.js';
import { lostItems, type ScoreResult } from '../scoring/score.js';
import { distanceOf, type Distance, type Step } from './distance.js';
import { standingAmong, type Peers, type Standing } from './peers.js';
import type { WayUp } from './target.js';
import { whatIf, type Awarded } from './whatif.js';

/** One criterion that lost points, as the plan lists it: who advises, who does it, what to do, what to reach. */
export interface PlanItem {
  code: string;
  name: string;
  area: string;
  /** Bộ phận tham mưu (the catalog's owner). */
  owner?: string;
  /** Bộ phận thực hiện: the catalog's implementers, or none given (the document then names the owner). */
  implementers: string[];
  /** Nhiệm vụ, giải pháp from the catalog's `improve`; empty when the catalog gives none. */
  tasks: string[];
  max: Fixed;
  points: Fixed;
  lost: Fixed;
  distance: Distance;
  /** The step that earns the most the rule gives: the item's target in the annex. */
  full?: Step;
  /** Its place in the cheapest way to the plan's target (1 = most points per effort), with the least step needed. */
  priority?: { order: number; step: Step };
}

export interface PlanArea {
  code: string;
  name: string;
  /** Owners of the area and of its items, in catalog order: who advises on it. */
  owners: string[];
  items: PlanItem[];
}

export interface PlanData {
  result: ScoreResult;
  /** The year the plan is for: the year after the result's. */
  planYear: number;
  /** The unit's published standing (with --ranking). */
  standing?: Standing;
  /** Unit types of the units ranked with it (xa, thi_tran…). */
  types: string[];
  /** Against last year's ranking (with --previous): its year and the change. */
  previous?: { year: number | null; change: Change };
  way?: WayUp;
  /** The section that follows the plan and reports to the committee: the owner of the first area. */
  coordinator?: string;
  areas: PlanArea[];
  /** Every item at its annex target (surveys and appraisal included): the index that would give. */
  allTargets?: { total: Fixed; index: number | null; standing?: Standing };
}

/** The plan of one unit from its result, in catalog order; words are the document's (src/workbook/plan-document.ts). */
export function planData(o: {
  flat: FlatCatalog;
  evidence: Evidence;
  result: ScoreResult;
  peers?: Peers;
  previous?: PlanData['previous'];
  way?: WayUp;
  /** For an appraised result: the points the council awarded (their recovery is the council's step). */
  awarded?: Awarded;
}): PlanData {
  const { flat, result } = o;
  const d = result.decimals;
  const priority = new Map((o.way?.steps ?? []).map((s, i) => [s.code, { order: i + 1, step: s.step }]));
  const lost = new Set(lostItems(result).map((i) => i.code));
  const items = result.items.filter((i) => lost.has(i.code));
  const planItems = items.map((it): PlanItem => {
    const leaf = flat.leaves.get(it.code)!;
    const distance = distanceOf(leaf, it, d, o.awarded?.has(it.code) ?? false);
    const full = distance.kind === 'steps' ? distance.steps[distance.steps.length - 1] : undefined;
    const p = priority.get(it.code);
    return {
      code: it.code,
      name: it.name,
      area: it.area,
      ...(it.owner !== undefined ? { owner: it.owner } : {}),
      implementers: leaf.improve?.implementers ?? [],
      tasks: leaf.improve?.tasks ?? [],
      max: it.max,
      points: it.points ?? it.max,
      lost: it.lost,
      distance,
      ...(full ? { full } : {}),
      ...(p ? { priority: p } : {}),
    };
  });
  const areas = flat.catalog.areas.map((a): PlanArea => {
    const owners: string[] = [];
    const add = (x: string | undefined) => x && !owners.includes(x) && owners.push(x);
    add(a.owner);
    for (const leaf of flat.leaves.values()) if (leaf.area.code === a.code) add(leaf.owner);
    return { code: a.code, name: a.name, owners, items: planItems.filter((i) => i.area === a.code) };
  });
  const targets = planItems.flatMap((i) => (i.full ? [{ code: i.code, value: i.full.value }] : []));
  const all = targets.length ? whatIf(flat, o.evidence, result, targets, o.awarded) : undefined;
  const allTargets =
    all && !('findings' in all)
      ? { total: all.after.total, index: all.after.index, ...(o.peers && all.after.index !== null ? { standing: standingAmong(all.after.index, o.peers, d) } : {}) }
      : undefined;
  return {
    result,
    planYear: result.catalog.year + 1,
    ...(o.peers ? { standing: { rank: o.peers.me.rank, rankLabel: o.peers.me.rankLabel, groupSize: o.peers.me.groupSize } } : {}),
    types: o.peers?.types ?? (result.unit.type ? [result.unit.type] : []),
    ...(o.previous ? { previous: o.previous } : {}),
    ...(o.way ? { way: o.way } : {}),
    ...(flat.catalog.areas[0]?.owner ? { coordinator: flat.catalog.areas[0].owner } : {}),
    areas,
    ...(allTargets ? { allTargets } : {}),
  };
}
