import { add, divRound, fromNumber, isPositive, percent, type Fixed } from '../fixed.js';
import { scaled } from './rank.js';

/**
 * The percentage of several units together: their points over their applicable maxima, one division,
 * so it is exact before its single rounding (the points-weighted mean of their shares); null when
 * the maxima are 0 or a figure is not a point value.
 */
export function pooledShare(parts: ReadonlyArray<{ points: number; applicableMax: number }>, decimals: number): number | null {
  const pts: Fixed[] = [];
  const max: Fixed[] = [];
  for (const p of parts) {
    const a = fromNumber(p.points);
    const b = fromNumber(p.applicableMax);
    if (a === undefined || b === undefined) return null;
    pts.push(a);
    max.push(b);
  }
  const den = add(...max);
  return isPositive(den) ? percent(add(...pts), den, decimals).value : null;
}

/** The mean of published indexes, rounded once to their decimals: a ranking's "bình quân". */
export function meanIndex(indexes: readonly number[], decimals: number): number | null {
  if (!indexes.length) return null;
  const sum = indexes.reduce((s, x) => s + scaled(x, decimals), 0);
  return Number(divRound(BigInt(sum), BigInt(indexes.length))) / 10 ** decimals;
}
