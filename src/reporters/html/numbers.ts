import { pooledShare } from '../../core/batch/averages.js';
import { SHARE_DECIMALS } from '../../core/batch/district.js';
import { fixedNumber, type Lang } from '../number.js';

export { meanIndex } from '../../core/batch/averages.js';
export { SHARE_DECIMALS } from '../../core/batch/district.js';
export { sumPoints } from '../../core/fixed.js';
export { signed as signedFmt } from '../change.js';

/** Points as a percentage of a maximum, rounded once like the scoring; null when the maximum is 0. */
export function share(points: number, max: number): number | null {
  return pooledShare([{ points, applicableMax: max }], SHARE_DECIMALS);
}

/** The percentage of several units together (their points over their maxima, one division). */
export function pooled(parts: ReadonlyArray<{ points: number; applicableMax: number }>): number | null {
  return pooledShare(parts, SHARE_DECIMALS);
}

/** A number for people: fixed decimals, decimal comma in Vietnamese. */
export function fmt(x: number, decimals: number, lang: Lang): string {
  return fixedNumber(x, decimals, lang);
}

/** The index scale: 0 to 100, or further when bonus points take an index past 100. */
export function indexScale(highest: number): { max: number; ticks: number[] } {
  const max = Math.max(100, Math.ceil(highest / 10) * 10);
  return { max, ticks: Array.from({ length: max / 10 + 1 }, (_, i) => i * 10) };
}
