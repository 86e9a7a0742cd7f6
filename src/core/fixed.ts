/**
 * Exact points. Every point value is an integer count of ten-thousandths (0,25 → 2500), so sums never
 * drift. Catalogs may not use more than four decimals (a cross-check enforces it).
 *
 * Rounding happens in one helper, `divRound`, half away from zero ("làm tròn" as officials do it),
 * and it is called only where a division makes a value that is not already exact:
 *   - a pro-rata or survey rule's points, rounded to the catalog's decimals;
 *   - the index (achieved ÷ applicable max × 100), rounded to the catalog's decimals.
 * All totals are plain sums of already-rounded item points, so the sum shown equals the sum of the rows.
 *
 * `Fixed` is opaque: it is not a number to TypeScript, so a count of ten-thousandths can never be
 * printed, compared with a number or written into a cell by mistake; `toNumber` is the one way out.
 */
declare const FIXED: unique symbol;
export type Fixed = { readonly [FIXED]: true };

export const UNIT = 10_000;
export const UNIT_DIGITS = 4;

const fx = (n: number) => n as unknown as Fixed;
const raw = (f: Fixed) => f as unknown as number;

export const ZERO = fx(0);

/** Converts a YAML number (0.25) to Fixed; undefined when it has more than four decimals. */
export function fromNumber(x: number): Fixed | undefined {
  // The common case without BigInt: x × 10 000 lands within float noise of a whole number.
  const scaled = Math.round(x * UNIT);
  if (Number.isSafeInteger(scaled) && Math.abs(scaled) < 2 ** 40 && scaled / UNIT === x) return fx(scaled);
  const r = decimalParts(x);
  if (!r || r.den > BigInt(UNIT)) return undefined;
  return fx(Number((r.num * BigInt(UNIT)) / r.den));
}

/** The point value as a number with at most four decimals: for JSON, cells and words. */
export function toNumber(f: Fixed): number {
  return raw(f) / UNIT;
}

/** Ten-thousandths as a plain integer, for compact storage (a batch's lost points) and back. */
export function toUnits(f: Fixed): number {
  return raw(f);
}
export function fromUnits(n: number): Fixed {
  return fx(n);
}

export function add(...xs: Fixed[]): Fixed {
  let s = 0;
  for (const x of xs) s += raw(x);
  return fx(s);
}

/** a + b without add's rest array: called once per catalog node per unit in a batch. */
export function plus(a: Fixed, b: Fixed): Fixed {
  return fx(raw(a) + raw(b));
}

export function sub(a: Fixed, b: Fixed): Fixed {
  return fx(raw(a) - raw(b));
}

export function min(a: Fixed, b: Fixed): Fixed {
  return raw(a) < raw(b) ? a : b;
}

export function max(a: Fixed, b: Fixed): Fixed {
  return raw(a) > raw(b) ? a : b;
}

export function times(a: Fixed, n: number): Fixed {
  return fx(raw(a) * n);
}

/** Negative, zero or positive as a is below, equal to or above b. */
export function compare(a: Fixed, b: Fixed): number {
  return raw(a) - raw(b);
}

export const isZero = (a: Fixed) => raw(a) === 0;
export const isPositive = (a: Fixed) => raw(a) > 0;
export const isNegative = (a: Fixed) => raw(a) < 0;
export const equal = (a: Fixed, b: Fixed) => raw(a) === raw(b);
/** Whether the value is a multiple of 10^-decimals (0,25 is not a two-decimal step of 0,1). */
export const onStep = (a: Fixed, decimals: number) => raw(a) % 10 ** (UNIT_DIGITS - decimals) === 0;

/**
 * The least multiple of 10^-decimals at or above the value: a threshold ("tổng điểm từ …") shown with the
 * catalog's decimals must never read below what is needed (94,7029 is "từ 94,71", not 94,70).
 */
export function ceilStep(a: Fixed, decimals: number): Fixed {
  const step = 10 ** (UNIT_DIGITS - decimals);
  return fx(Math.ceil(raw(a) / step) * step);
}

/** Rounds num/den half away from zero; den > 0. The single rounding helper. */
export function divRound(num: bigint, den: bigint): bigint {
  const neg = num < 0n;
  const n = neg ? -num : num;
  const q = (2n * n + den) / (2n * den);
  return neg ? -q : q;
}

/** max × (num/den), rounded to `decimals` places, as Fixed. */
export function scaleRatio(maxPoints: Fixed, num: bigint, den: bigint, decimals: number): Fixed {
  const step = BigInt(10 ** (UNIT_DIGITS - decimals));
  return fx(Number(divRound(BigInt(raw(maxPoints)) * num, den * step) * step));
}

/** a ÷ b × 100, rounded to `decimals` places; returned as a scaled integer and its number value. */
export function percent(a: Fixed, b: Fixed, decimals: number): { scaled: bigint; value: number } {
  const p = 10n ** BigInt(decimals);
  const scaled = divRound(BigInt(raw(a)) * 100n * p, BigInt(raw(b)));
  return { scaled, value: Number(scaled) / Number(p) };
}

/** Exact rational for a JS number written in decimal (95.5 → 955/10); undefined for exponents/NaN. */
export function decimalParts(x: number): { num: bigint; den: bigint } | undefined {
  if (!Number.isFinite(x)) return undefined;
  const s = String(x);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const den = 10n ** BigInt(frac.length);
  const num = BigInt(m[2]! + frac) * (m[1] ? -1n : 1n);
  return { num, den };
}

/** Whether num/den ≥ a/b, exactly (den, b > 0). */
export function ratioAtLeast(num: bigint, den: bigint, a: bigint, b: bigint): boolean {
  return num * b >= a * den;
}

/**
 * A bound a rate is compared with, as an exact percentage (90,01% → 9001/100). An exclusive bound
 * ("trên 90%") is reached only above it: 90% itself stays below.
 */
export interface PercentBound {
  num: bigint;
  den: bigint;
  exclusive?: boolean;
}

/** Whether the percentage n/d reaches the bound b. */
export const reaches = (n: bigint, d: bigint, b: PercentBound) => (b.exclusive ? n * b.den > b.num * d : n * b.den >= b.num * d);

/**
 * The one display rounding of a declared rate (num/den as a percentage): half up to two decimals, and
 * more decimals (up to six) where two would put the shown figure on the other side of one of the
 * rule's bounds than the exact rate. So "90,005%" is shown under a bound of 90,01%, never "90,01%",
 * "90,004%" above an exclusive bound of 90% ("trên 90%"), never "90,00%", and a hint never asks for
 * what the shown figure already seems to reach. Past six decimals the figure is rounded towards the
 * exact rate's side of the bound.
 */
export function shownPercent(num: bigint, den: bigint, bounds: readonly PercentBound[]): number {
  const exact = 100n * num;
  for (let d = 2; d <= 6; d++) {
    const p = 10n ** BigInt(d);
    const s = divRound(exact * p, den);
    if (bounds.every((b) => reaches(exact, den, b) === reaches(s, p, b))) return Number(s) / Number(p);
  }
  const p = 10n ** 6n;
  const floor = (exact * p) / den;
  const below = bounds.some((b) => !reaches(exact, den, b) && reaches(floor + 1n, p, b));
  // Below some bound: the floor stays below it; otherwise the ceiling never falls under a bound reached.
  const s = below || floor * den === exact * p ? floor : floor + 1n;
  return Number(s) / Number(p);
}

/**
 * A decimal typed by a person (a command-line option): digits, optionally one decimal comma or point
 * and more digits ("92,5", "92.5", "92"). Nothing else is a number here: no sign, exponent, percent
 * sign, hex or grouping. Undefined when the text is not such a number or has more than four decimals.
 */
export function fromDecimalText(text: string): Fixed | undefined {
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  if (frac.length > UNIT_DIGITS) return undefined;
  const scaled = Number(BigInt(m[1]! + frac.padEnd(UNIT_DIGITS, '0')));
  return Number.isSafeInteger(scaled) ? fx(scaled) : undefined;
}

/** A point value known to have at most four decimals (from a result) as Fixed; anything else is a bug. */
export function toFixed(x: number): Fixed {
  const f = fromNumber(x);
  if (f === undefined) throw new Error(`not a point value: ${x}`);
  return f;
}

/** The exact sum of point values (numbers with at most four decimals), as a number: no float drift. */
export function sumPoints(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += raw(toFixed(x));
  return s / UNIT;
}

/** A number to at most four decimals, for showing a value that did not come from the scoring. */
export function toFourDecimals(x: number): number {
  return Math.round(x * UNIT) / UNIT;
}
