import type { Evidence } from '../schema/evidence.js';
import type { Finding } from '../findings/finding.js';
import { finding } from '../findings/codes.js';
import type { FlatCatalog } from '../flat-catalog.js';
import { type Fixed, add, decimalParts, fromUnits, sub, toUnits } from '../fixed.js';
import { lostItems, type ScoreResult } from '../scoring/score.js';
import { scaled } from '../batch/rank.js';
import { distanceOf, type Distance, type Step } from './distance.js';
import { standingAmong, type Peers, type Standing } from './peers.js';
import { whatIf, type Assumption, type Awarded, type WhatIf } from './whatif.js';

/** What a unit aims for: a rank among the units it was ranked with, an index, or a band. */
export type Target = { kind: 'rank'; rank: number } | { kind: 'index'; index: Fixed } | { kind: 'band'; band: string };

export interface Goal {
  target: Target;
  /** The least published index that meets the target, scaled by 10^decimals (exact), and as a number. */
  scaled: bigint;
  index: number;
  /** The least total points giving that index, with the unit's applicable max unchanged. */
  total: Fixed;
  /** For a rank: the unit whose published index must be equalled (equal shares the rank). */
  reach?: { code: string; name: string; index: number };
}

export interface Improvement {
  code: string;
  step: Step;
}

export interface WayUp {
  goal: Goal;
  /** The target is met already: nothing to do. */
  reached: boolean;
  /** The fewest improvements reaching the goal (least effort among those), most points per effort first. */
  steps: Improvement[];
  /** The rescoring with those improvements: the index and standing they give, checked by the scoring itself. */
  result?: WhatIf;
  standing?: Standing;
  /** Items that lost points where the unit does not decide (surveys, appraisal), and items with no distance. */
  notControlled: Array<{ code: string; distance: Distance }>;
  /** True when the search fell back to picking by points per effort (a very large gap): still checked. */
  approximate: boolean;
}

const cents = (d: number) => 10n ** BigInt(d);

/** The least total whose published index (rounded half up) is at least `p` (scaled by 10^d), exactly. */
export function leastTotal(p: bigint, applicableMax: Fixed, d: number): Fixed {
  if (p <= 0n) return fromUnits(0);
  const a = BigInt(toUnits(applicableMax));
  const den = 200n * cents(d);
  const num = (2n * p - 1n) * a;
  const t = (num + den - 1n) / den;
  return fromUnits(Number(t));
}

/** The goal of a target for this result, or a finding when the target cannot be stated (a band it lacks, a rank out of range). */
export function goalFor(target: Target, result: ScoreResult, bands: ReadonlyArray<{ label: string; from: number }>, peers?: Peers): Goal | Finding {
  const d = result.decimals;
  let p: bigint;
  let reach: Goal['reach'];
  if (target.kind === 'rank') {
    const size = (peers?.others.length ?? 0) + 1;
    if (!peers || target.rank < 1 || target.rank > size) return finding('plan.target_rank', [], { value: target.rank, max: size });
    const sorted = [...peers.others].sort((a, b) => scaled(b.index, d) - scaled(a.index, d));
    // Rank N needs no more than N − 1 units above: the index of the N-th other unit, equalled (shared rank).
    const rival = sorted[target.rank - 1];
    p = rival ? BigInt(scaled(rival.index, d)) : 0n;
    if (rival) reach = rival;
  } else if (target.kind === 'index') {
    const units = BigInt(toUnits(target.index));
    p = (units * cents(d) + 9999n) / 10000n;
  } else {
    const b = bands.find((x) => x.label.normalize('NFC').toLowerCase() === target.band.normalize('NFC').trim().toLowerCase());
    if (!b) return finding('plan.target_band', [], { band: target.band, allowed: bands.map((x) => x.label).join(', ') });
    const f = decimalParts(b.from)!;
    p = (f.num * cents(d) + f.den - 1n) / f.den;
  }
  const total = leastTotal(p, result.applicableMax, d);
  return { target, scaled: p, index: Number(p) / Number(cents(d)), total, ...(reach ? { reach } : {}) };
}

interface Candidate {
  code: string;
  order: number;
  steps: Step[];
}

/** The greatest common divisor of positive integers. */
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Above this many state updates the exact search gives way to picking by points per effort. */
const WORK_LIMIT = 40_000_000;

/**
 * The fewest items, each raised to one of its steps, whose gains add up to at least `need`; among those,
 * the least total effort. A multiple-choice knapsack over gains in steps of their common divisor, capped
 * at `need`: exact, and small for real gaps (a rank up is a few points at 0,01).
 */
function fewest(cands: readonly Candidate[], need: number): { picks: Improvement[]; approximate: boolean } | undefined {
  const g = cands.flatMap((c) => c.steps.map((s) => toUnits(s.gain))).reduce(gcd, need);
  const cap = Math.ceil(need / g);
  const work = (cap + 1) * cands.reduce((s, c) => s + c.steps.length, 0);
  if (work > WORK_LIMIT) return greedy(cands, need);
  let count = new Float64Array(cap + 1).fill(Infinity);
  let effort = new Float64Array(cap + 1).fill(Infinity);
  count[0] = 0;
  effort[0] = 0;
  const choice: Int32Array[] = [];
  const from: Int32Array[] = [];
  for (const c of cands) {
    const nc = count.slice();
    const ne = effort.slice();
    const ch = new Int32Array(cap + 1);
    const fr = new Int32Array(cap + 1);
    for (let j = 0; j <= cap; j++) {
      if (count[j] === Infinity) continue;
      c.steps.forEach((s, l) => {
        const k = Math.min(cap, j + toUnits(s.gain) / g);
        const cc = count[j]! + 1;
        const ee = effort[j]! + s.effort;
        if (cc < nc[k]! || (cc === nc[k]! && ee < ne[k]! - 1e-12)) {
          nc[k] = cc;
          ne[k] = ee;
          ch[k] = l + 1;
          fr[k] = j;
        }
      });
    }
    count = nc;
    effort = ne;
    choice.push(ch);
    from.push(fr);
  }
  if (count[cap] === Infinity) return undefined;
  const picks: Improvement[] = [];
  let j = cap;
  for (let i = cands.length - 1; i >= 0; i--) {
    const l = choice[i]![j]!;
    if (l > 0) {
      picks.push({ code: cands[i]!.code, step: cands[i]!.steps[l - 1]! });
      j = from[i]![j]!;
    }
  }
  return { picks, approximate: false };
}

/** Whole steps by points per effort until the gap is closed, then each pick lowered to the least step still enough. */
function greedy(cands: readonly Candidate[], need: number): { picks: Improvement[]; approximate: boolean } | undefined {
  const tops = cands.map((c) => ({ c, s: c.steps[c.steps.length - 1]! })).sort((a, b) => toUnits(b.s.gain) - toUnits(a.s.gain));
  const picks: Array<{ c: Candidate; s: Step }> = [];
  let sum = 0;
  for (const t of tops) {
    if (sum >= need) break;
    picks.push(t);
    sum += toUnits(t.s.gain);
  }
  if (sum < need) return undefined;
  for (const p of picks) {
    const rest = sum - toUnits(p.s.gain);
    const least = p.c.steps.find((s) => rest + toUnits(s.gain) >= need)!;
    sum = rest + toUnits(least.gain);
    p.s = least;
  }
  return { picks: picks.map((p) => ({ code: p.c.code, step: p.s })), approximate: true };
}

const perEffort = (s: Step) => toUnits(s.gain) / Math.max(s.effort, 1e-9);

/** Distances of the items that lost points, split by who decides. */
function candidates(flat: FlatCatalog, result: ScoreResult, awarded?: Awarded) {
  const own: Candidate[] = [];
  const other: Array<{ code: string; distance: Distance }> = [];
  lostItems(result).forEach((it) => {
    const leaf = flat.leaves.get(it.code)!;
    const d = distanceOf(leaf, it, result.decimals, awarded?.has(it.code) ?? false);
    if (d.kind === 'steps' && d.control === 'unit') own.push({ code: it.code, order: 0, steps: d.steps });
    else other.push({ code: it.code, distance: d });
  });
  const order = new Map(result.items.map((i, n) => [i.code, n]));
  own.sort((a, b) => order.get(a.code)! - order.get(b.code)!);
  other.sort((a, b) => order.get(a.code)! - order.get(b.code)!);
  return { own, other };
}

/** The index with every listed item at its last step: the most the unit (or everyone) could reach. */
function bestIndex(flat: FlatCatalog, ev: Evidence, result: ScoreResult, items: ReadonlyArray<{ code: string; steps: Step[] }>, awarded?: Awarded): number | null {
  const w = whatIf(flat, ev, result, items.map((c) => ({ code: c.code, value: c.steps[c.steps.length - 1]!.value })), awarded);
  return 'findings' in w ? null : w.after.index;
}

/**
 * The cheapest way to a goal: the fewest improvements of items the unit controls, checked by rescoring
 * (the index they give, and the rank among the others as published). Unreachable: a finding with the
 * best index the unit could reach alone, and with surveys and appraisal too. `awarded`: for an appraised
 * result, the council's points (their recovery is the council's, listed apart).
 */
export function wayUp(flat: FlatCatalog, ev: Evidence, result: ScoreResult, goal: Goal, peers?: Peers, awarded?: Awarded): WayUp | { findings: Finding[] } {
  const { own, other } = candidates(flat, result, awarded);
  const base = sub(add(result.achieved, result.bonus), result.penalty);
  const gap = toUnits(goal.total) - toUnits(base);
  const standing = (index: number | null) => (peers && index !== null ? { standing: standingAmong(index, peers, result.decimals) } : {});
  const current = BigInt(scaled(result.index ?? 0, result.decimals));
  if (current >= goal.scaled || gap <= 0) {
    return { goal, reached: true, steps: [], notControlled: other, approximate: false, ...standing(result.index) };
  }
  const found = fewest(own, gap);
  if (!found) {
    const best = bestIndex(flat, ev, result, own, awarded) ?? result.index ?? 0;
    const withOthers = other.flatMap((o) => (o.distance.kind === 'steps' ? [{ code: o.code, steps: o.distance.steps }] : []));
    const all = bestIndex(flat, ev, result, [...own, ...withOthers], awarded) ?? best;
    return { findings: [finding('plan.unreachable', [], { needed: goal.index, best, all })] };
  }
  const order = new Map(own.map((c, i) => [c.code, i]));
  const steps = found.picks.sort((a, b) => perEffort(b.step) - perEffort(a.step) || order.get(a.code)! - order.get(b.code)!);
  const assumed: Assumption[] = steps.map((s) => ({ code: s.code, value: s.step.value }));
  const checked = whatIf(flat, ev, result, assumed, awarded);
  if ('findings' in checked) return checked;
  if (checked.after.index === null || BigInt(scaled(checked.after.index, result.decimals)) < goal.scaled) {
    return { findings: [finding('internal.error', [], { detail: `way up to ${goal.index}% rescored to ${String(checked.after.index)}%` })] };
  }
  return { goal, reached: false, steps, result: checked, notControlled: other, approximate: found.approximate, ...standing(checked.after.index) };
}
