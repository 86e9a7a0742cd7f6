/**
 * Colours. One sequential scale (viridis: dark violet → yellow) whose lightness rises steadily, so
 * every colour stays apart from its neighbours in grayscale and for colour-blind readers, and prints.
 * Darker is better everywhere: the best band, the highest share of an area's points.
 */
import type { Band } from './types.js';

const STOPS: ReadonlyArray<readonly [number, number, number]> = [
  [68, 1, 84],
  [71, 45, 123],
  [59, 82, 139],
  [44, 114, 142],
  [33, 145, 140],
  [40, 174, 128],
  [94, 201, 98],
  [173, 220, 48],
  [253, 231, 37],
];

const hex = (c: readonly number[]) => `#${c.map((x) => Math.round(x).toString(16).padStart(2, '0')).join('')}`;

/** The scale at t ∈ [0, 1]: 0 darkest, 1 lightest. */
export function ramp(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i]!;
  const b = STOPS[i + 1]!;
  return hex([0, 1, 2].map((k) => a[k]! + (b[k]! - a[k]!) * f));
}

/** Gray for a unit without a band. */
export const NO_BAND = '#9e9e9e';

/** Each band's colour: the best band darkest, the lowest lightest, evenly spaced between. */
export function bandColours(bands: readonly Band[]): Map<string, string> {
  const sorted = [...bands].sort((a, b) => b.from - a.from);
  const last = Math.max(1, sorted.length - 1);
  return new Map(sorted.map((b, i) => [b.label, ramp(i / last)]));
}

/** Perceived lightness 0–255 (Rec. 601), as a grayscale conversion sees it. */
export function luma(colour: string): number {
  const n = Number.parseInt(colour.slice(1), 16);
  return 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
}

/** Text that stays readable on a fill. */
export function inkOn(fill: string): string {
  return luma(fill) < 140 ? '#ffffff' : '#111111';
}

/** Heat-map classes of a share (% of an area's max): lower bounds, lowest first. */
export const SHARE_CLASSES = [0, 50, 60, 70, 80, 90] as const;

export function shareClass(p: number): number {
  let k = 0;
  SHARE_CLASSES.forEach((from, i) => {
    if (p >= from) k = i;
  });
  return k;
}

/** A share's fill: the lowest class lightest, the highest darkest. */
export function shareColour(p: number): string {
  return ramp(1 - shareClass(p) / (SHARE_CLASSES.length - 1));
}
