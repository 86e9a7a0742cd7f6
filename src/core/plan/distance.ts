import type { RuleT } from '../schema/catalog.js';
import type { Leaf } from '../flat-catalog.js';
import type { ItemScore } from '../scoring/score.js';
import { TIMELINESS } from '../schema/vocabulary.js';
import { type Fixed, compare, isPositive, sub, toNumber, toUnits } from '../fixed.js';
import { type Input, optionPoints, pointsFor, ratioKeys, readValue, shownRate } from '../scoring/rules.js';

/**
 * How far an item that lost points is from its next points, in the unit's own terms: the smallest
 * change of its declared value that earns more, computed with the scoring's own rules (`pointsFor`),
 * so bounds, exclusive or not, and rounding are exactly the scoring's. One function per rule kind
 * (LADDERS); a kind without one gives `unknown`, never a guess.
 */

/** Who decides whether the points come back: the unit itself, the people surveyed, or the appraisal council. */
export type Control = 'unit' | 'survey' | 'council';

/** A change of the declared value, in the value's own terms (language-free: the reporters make the words). */
export type Move =
  /** `to − from` more cases counted in the numerator, the denominator unchanged. */
  | { kind: 'ratio'; numerator: string; denominator: string; from: number; to: number; den: number }
  /** A declared percentage: `from` as shown (shownRate), `to` the smallest on a hundredth-of-a-percent grid. */
  | { kind: 'percent'; from: number; to: number }
  /** A choice's option (the catalog's value code), or a timeliness value (dung_han, cham, khong). */
  | { kind: 'option'; from: string; to: string }
  | { kind: 'timeliness'; from: string; to: string }
  | { kind: 'bool'; from: boolean; to: boolean }
  /** Cases of a deduction: at most `to` in the year. */
  | { kind: 'count'; from: number; to: number }
  /** Points an appraisal council gives. */
  | { kind: 'points'; from: number; to: number };

export interface Step {
  move: Move;
  /** The value to declare for this step, as an evidence file writes it: what-if and the checks use it. */
  value: unknown;
  /** The item's points at this step, and the gain over its points now. */
  points: Fixed;
  gain: Fixed;
  /**
   * How far the value moves, as a share of its whole scale (0–1]: cases over the denominator, percentage
   * points over 100, levels over the levels of a choice, cases avoided over cases now; a yes/no is 1.
   * A coarse common measure, only to order improvements by points per effort.
   */
  effort: number;
}

export type Distance =
  /** Steps up, lowest first: `steps[0]` is the next one, the last gives the most the rule can give. */
  | { kind: 'steps'; control: Control; steps: Step[] }
  /** Points lost that the rule can never give back (its best band is short of max). */
  | { kind: 'ceiling' }
  | { kind: 'unanswered' }
  /** Nothing lost. */
  | { kind: 'none' }
  /** No distance function for this rule kind (or value shape) yet: said so, not guessed. */
  | { kind: 'unknown'; rule: string };

/** Hundredths of a percent: the grid a declared percentage's target is given on (90,09%). */
const PCT_GRID = 100n * 100n;

interface Ctx {
  rule: RuleT;
  max: Fixed;
  decimals: number;
  input: Input;
  points: Fixed;
}

type Ladder = (c: Ctx) => Step[] | undefined;

const pts = (c: Ctx, input: Input) => pointsFor(c.rule, c.max, c.decimals, input);

/**
 * The smallest n in (lo, hi] whose points beat `best`, for points that never fall as n rises (rate bands
 * are checked ordered when the catalog is read; pro rata and survey points only grow). Binary search.
 */
function nextAbove(at: (n: bigint) => Fixed, lo: bigint, hi: bigint, best: Fixed): bigint | undefined {
  if (lo >= hi || compare(at(hi), best) <= 0) return undefined;
  let a = lo + 1n;
  let b = hi;
  while (a < b) {
    const m = (a + b) / 2n;
    if (compare(at(m), best) > 0) b = m;
    else a = m + 1n;
  }
  return a;
}

/** Every point level above now, each at its smallest n, for a value n on [from, hi]. */
function climb(at: (n: bigint) => Fixed, from: bigint, hi: bigint, now: Fixed): Array<{ n: bigint; points: Fixed }> {
  const out: Array<{ n: bigint; points: Fixed }> = [];
  let best = now;
  let lo = from;
  for (;;) {
    const n = nextAbove(at, lo, hi, best);
    if (n === undefined) return out;
    best = at(n);
    out.push({ n, points: best });
    lo = n;
  }
}

const step = (c: Ctx, move: Move, value: unknown, points: Fixed, effort: number): Step => ({ move, value, points, gain: sub(points, c.points), effort });

/** Rate rules (bands, pro rata, survey): a ratio's numerator, or a percentage on the hundredths grid. */
const rate: Ladder = (c) => {
  if (c.input.kind !== 'rate') return undefined;
  const { num, den } = c.input;
  const keys = ratioKeys(c.rule);
  if (keys) {
    const at = (n: bigint) => pts(c, { kind: 'rate', num: n, den });
    return climb(at, num, den, c.points).map(({ n, points }) =>
      step(
        c,
        { kind: 'ratio', numerator: keys.numerator, denominator: keys.denominator, from: Number(num), to: Number(n), den: Number(den) },
        { [keys.numerator]: Number(n), [keys.denominator]: Number(den) },
        points,
        Number(n - num) / Number(den),
      ),
    );
  }
  // The grid point at or below the declared percentage; a target above it is then a real rise.
  const start = (num * PCT_GRID) / den;
  const at = (h: bigint) => pts(c, { kind: 'rate', num: h, den: PCT_GRID });
  const from = shownRate(c.rule, c.input);
  return climb(at, start, PCT_GRID, c.points).map(({ n, points }) => {
    const to = Number(n) / 100;
    return step(c, { kind: 'percent', from, to }, to, points, Math.max(0, to - from) / 100);
  });
};

/** Options ranked by points (equal points: the catalog's first); a step per better level. */
const choice: Ladder = (c) => {
  if (c.rule.kind !== 'choice' || c.input.kind !== 'option') return undefined;
  const { rule } = c;
  const current = c.input.value;
  const levels = [...new Map(rule.options.map((o) => [toUnits(optionPoints(o, c.max, c.decimals)), o])).values()]
    .map((o) => ({ o, points: optionPoints(o, c.max, c.decimals) }))
    .sort((a, b) => compare(a.points, b.points));
  const here = levels.findIndex((l) => compare(l.points, c.points) >= 0);
  return levels
    .map((l, i) => ({ ...l, i }))
    .filter((l) => compare(l.points, c.points) > 0)
    .map((l) => step(c, { kind: 'option', from: current, to: l.o.value }, l.o.value, l.points, (l.i - Math.max(here, 0)) / Math.max(1, levels.length - 1)));
};

const timeliness: Ladder = (c) => {
  if (c.input.kind !== 'option') return undefined;
  const current = c.input.value;
  const at = (v: string) => pts(c, { kind: 'option', value: v });
  // khong < cham < dung_han: half the scale a place.
  const order = [...TIMELINESS].reverse();
  const here = order.indexOf(current as (typeof order)[number]);
  let best = c.points;
  const out: Step[] = [];
  order.forEach((v, i) => {
    const p = at(v);
    if (i > here && compare(p, best) > 0) {
      best = p;
      out.push(step(c, { kind: 'timeliness', from: current, to: v }, v, p, (i - here) / (order.length - 1)));
    }
  });
  return out;
};

const yesNo: Ladder = (c) => {
  if (c.input.kind !== 'bool' || c.input.value) return [];
  const p = pts(c, { kind: 'bool', value: true });
  return compare(p, c.points) > 0 ? [step(c, { kind: 'bool', from: false, to: true }, true, p, 1)] : [];
};

/** Fewer cases: each count below now that gives more points (a count under the floor gives none). */
const deduction: Ladder = (c) => {
  if (c.input.kind !== 'count') return undefined;
  const now = c.input.value;
  let best = c.points;
  const out: Step[] = [];
  for (let k = now - 1; k >= 0; k--) {
    const p = pts(c, { kind: 'count', value: k });
    if (compare(p, best) > 0) {
      best = p;
      out.push(step(c, { kind: 'count', from: now, to: k }, k, p, (now - k) / now));
    }
  }
  return out;
};

/** The council's points: full marks is the one step to name (what it takes is evidence and explanation). */
const judgement: Ladder = (c) => {
  if (c.input.kind !== 'points' || compare(c.max, c.points) <= 0) return c.input.kind === 'points' ? [] : undefined;
  const from = toNumber(c.points);
  const to = toNumber(c.max);
  return [step(c, { kind: 'points', from, to }, to, c.max, (to - from) / to)];
};

/**
 * Shapes 2–4 of the catalog (named conditions, documents on time, points per case): no distance is computed yet,
 * so they say `unknown` rather than guess; their hints already name what is missing (the condition, the late or
 * missing document, the cases short of full marks).
 */
const notYet: Ladder = () => undefined;

/** One ladder per rule kind; a kind missing here (a new rule shape) has no distance yet. */
const LADDERS: Partial<Record<string, Ladder>> = {
  yes_no: yesNo,
  choice,
  timeliness,
  rate_bands: rate,
  pro_rata: rate,
  survey: rate,
  deduction,
  judgement,
  per_item: notYet,
  conditions: notYet,
  documents: notYet,
};

const CONTROL: Partial<Record<string, Control>> = { survey: 'survey', judgement: 'council' };

/** The rule kinds whose distance is computed (README, and the report of what is covered). */
export const DISTANCE_KINDS: readonly string[] = Object.keys(LADDERS);

/**
 * The distance of one scored item: read its declared value again with the scoring's reader, then climb.
 * `awarded`: the appraisal council set the item's points, below what the rule gives its value (a
 * document it did not accept): getting them back is the council's step, to the rule's points.
 */
export function distanceOf(leaf: Pick<Leaf, 'rule' | 'max'>, item: Pick<ItemScore, 'status' | 'value' | 'points' | 'lost'>, decimals: number, awarded = false): Distance {
  if (!isPositive(item.lost)) return { kind: 'none' };
  if (item.status === 'unanswered') return { kind: 'unanswered' };
  const ladder = LADDERS[leaf.rule.kind];
  if (!ladder || item.points === null || item.value === undefined) return { kind: 'unknown', rule: leaf.rule.kind };
  const read = readValue(leaf.rule, leaf.max, decimals, item.value);
  if (!read.ok) return { kind: 'unknown', rule: leaf.rule.kind };
  if (awarded && leaf.rule.kind !== 'judgement') {
    const own = pointsFor(leaf.rule, leaf.max, decimals, read.input);
    if (compare(own, item.points) > 0) {
      const from = toNumber(item.points);
      const to = toNumber(own);
      // The declared value again: what-if scores it by its rule, the council's points set aside.
      const s: Step = { move: { kind: 'points', from, to }, value: item.value, points: own, gain: sub(own, item.points), effort: (to - from) / toNumber(leaf.max) };
      return { kind: 'steps', control: 'council', steps: [s] };
    }
  }
  const steps = ladder({ rule: leaf.rule, max: leaf.max, decimals, input: read.input, points: item.points });
  if (steps === undefined) return { kind: 'unknown', rule: leaf.rule.kind };
  if (!steps.length) return { kind: 'ceiling' };
  return { kind: 'steps', control: CONTROL[leaf.rule.kind] ?? 'unit', steps };
}
