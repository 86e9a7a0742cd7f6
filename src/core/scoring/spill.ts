import { type Fixed, ZERO, add, isNegative, min, sub } from '../fixed.js';

/**
 * Outcomes below zero. A decision may write a losing outcome as negative points ("- Không ban hành: -1
 * điểm") or as "bị 0 điểm và bị trừ 0,25 điểm" (written -0.25); a deduction may run past the item's
 * points when its floor is negative. The item then scores 0 — an area never holds negative points —
 * and the part below zero is a deduction linked to the item, counted in the penalty section.
 */
export function splitSpill(points: Fixed): { points: Fixed; spilled?: Fixed } {
  return isNegative(points) ? { points: ZERO, spilled: sub(ZERO, points) } : { points };
}

/**
 * The penalty subtotal: the penalty section's own items and the deductions linked from items, capped
 * together by the section's cap when the catalog has one (the cap is the most the section deducts);
 * without a penalty section, linked deductions are deducted as the items' rules say, uncapped.
 */
export function penaltyTotal(items: Fixed, spilled: readonly Fixed[], cap: Fixed | undefined): Fixed {
  const all = add(items, ...spilled);
  return cap === undefined ? all : min(all, cap);
}
