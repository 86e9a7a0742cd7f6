import type { RuleT } from '../schema/catalog.js';
import { type Fixed, ZERO, min, sub, times, toFixed, toUnits } from '../fixed.js';
import type { Hint, Input, ReadResult } from './rules.js';

/**
 * `per_item`: points for each qualifying case, capped at the item's max — "Mỗi nội quy, quy chế được
 * ban hành đảm bảo nội dung theo yêu cầu đạt 0,5 điểm" (max 2). The mirror of `deduction`.
 */
type PerItem = Extract<RuleT, { kind: 'per_item' }>;

export function readPerItem(raw: unknown): ReadResult {
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0) return { ok: false, code: 'evidence.count_invalid', args: {} };
  return { ok: true, input: { kind: 'count', value: raw } };
}

export function perItemPoints(rule: PerItem, maxPts: Fixed, input: Input): Fixed {
  if (input.kind !== 'count') return ZERO;
  // Beyond what max needs, more cases change nothing: stop multiplying before a huge count overflows.
  const each = toFixed(rule.each);
  const needed = Math.ceil(toUnits(maxPts) / toUnits(each));
  return min(times(each, Math.min(input.value, needed)), maxPts);
}

/** How many more qualifying cases would reach max. */
export function perItemHint(rule: PerItem, maxPts: Fixed, input: Input): Hint {
  const count = input.kind === 'count' ? input.value : 0;
  const missing = sub(maxPts, perItemPoints(rule, maxPts, input));
  const more = Math.ceil(toUnits(missing) / toUnits(toFixed(rule.each)));
  return { code: 'hint.more_items', args: { count, each: rule.each, more, label: rule.item_label ?? '' } };
}
