import { ceilStep, toFourDecimals, toNumber, type Fixed } from '../core/fixed.js';

export type Lang = 'vi' | 'en';

/** 92 → "92,00" (vi) or "92.00" (en) with fixed decimals; no thousands separator in scores. */
export function fixedNumber(n: number, decimals: number, lang: Lang): string {
  const s = n.toFixed(decimals);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/** 0.25 → "0,25", 1 → "1": as many decimals as the value has (up to 4). */
export function plainNumber(n: number, lang: Lang): string {
  const s = String(toFourDecimals(n));
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/** Exact points with the catalog's decimals: 0,25 → "0,25" (two decimals), 1 → "1,00". */
export function pointsText(f: Fixed, decimals: number, lang: Lang): string {
  return fixedNumber(toNumber(f), decimals, lang);
}

/** A least amount of points ("from …") with the catalog's decimals, rounded up so it is always enough. */
export function atLeastText(f: Fixed, decimals: number, lang: Lang): string {
  return pointsText(ceilStep(f, decimals), decimals, lang);
}

/** A count as people read it: 1 180 (no-break space between thousands) in Vietnamese, 1,180 in English. */
export function countNumber(n: number, lang: Lang): string {
  const s = String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+$)/g, lang === 'vi' ? '\u00a0' : ',');
  return n < 0 ? `−${s}` : s;
}
