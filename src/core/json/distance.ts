import { toNumber } from '../fixed.js';
import type { Distance, Step } from '../plan/distance.js';

/** A step as JSON: the move in the value's own terms, the value to declare, points as numbers. */
export function stepJson(s: Step) {
  return { move: s.move, value: s.value, points: toNumber(s.points), gain: toNumber(s.gain) };
}

/**
 * An item's distance as JSON (README "Kết quả JSON"): `next` is the smallest change that earns more,
 * `full` the change that earns the most the rule gives (only when it is another step).
 */
export function distanceJson(d: Distance) {
  if (d.kind !== 'steps') return d.kind === 'unknown' ? { kind: d.kind, rule: d.rule } : { kind: d.kind };
  const next = d.steps[0]!;
  const full = d.steps[d.steps.length - 1]!;
  return { kind: d.kind, control: d.control, next: stepJson(next), ...(full !== next ? { full: stepJson(full) } : {}) };
}
