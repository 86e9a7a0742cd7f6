import { fixedNumber, type Lang } from '../../reporters/number.js';
import { scaled } from './rank.js';

export interface PreviousUnit {
  code: string;
  name: string;
  index: number;
  rank: number;
  rankLabel: string;
}

export interface Previous {
  year: number | null;
  units: Map<string, PreviousUnit>;
}

export interface Change {
  /** Index now minus index then, in percentage points; null for a new unit. */
  index: number | null;
  /** Places gained (positive) or lost (negative); null for a new unit. */
  rank: number | null;
  label: string;
  /** The unit compared with: itself last year, or for a merged unit its best-ranked predecessor. */
  previous: PreviousUnit | null;
  /** Compared through unit.predecessors (a merged unit). */
  merged: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const PROBLEM = {
  vi: { object: 'cần một đối tượng JSON', version: (v: string) => `formatVersion ${v}, cần 1`, units: 'thiếu mảng "units"', unit: (i: number) => `units[${i}] cần code, name, index, rank, rankLabel` },
  en: { object: 'expected a JSON object', version: (v: string) => `formatVersion ${v}, expected 1`, units: 'no "units" array', unit: (i: number) => `units[${i}] needs code, name, index, rank, rankLabel` },
};

/** Reads a previous `cchc batch --json` result; the error names what is wrong with it. */
export function parsePrevious(data: unknown, lang: Lang = 'vi'): { previous: Previous } | { error: string } {
  const t = PROBLEM[lang];
  if (!isObj(data)) return { error: t.object };
  if (data.formatVersion !== 1) return { error: t.version(JSON.stringify(data.formatVersion ?? null)) };
  if (!Array.isArray(data.units)) return { error: t.units };
  const units = new Map<string, PreviousUnit>();
  for (const [i, u] of data.units.entries()) {
    const ok =
      isObj(u) &&
      typeof u.code === 'string' &&
      typeof u.name === 'string' &&
      typeof u.index === 'number' &&
      Number.isInteger(u.rank) &&
      typeof u.rankLabel === 'string';
    if (!ok) return { error: t.unit(i) };
    const code = (u.code as string).normalize('NFC').trim();
    units.set(code, { code, name: u.name as string, index: u.index as number, rank: u.rank as number, rankLabel: u.rankLabel as string });
  }
  const year = isObj(data.catalog) && typeof data.catalog.year === 'number' ? data.catalog.year : null;
  return { previous: { year, units } };
}

const WORDS = {
  vi: { up: (n: string) => `tăng ${n} bậc`, down: (n: string) => `giảm ${n} bậc`, same: 'giữ nguyên', new: 'mới' },
  en: { up: (n: string) => `up ${n}`, down: (n: string) => `down ${n}`, same: 'unchanged', new: 'new' },
};

/** "tăng 05 bậc": places padded like the rank labels of the group (width of the group size). */
export function changeLabel(places: number | null, groupSize: number, lang: Lang): string {
  const w = WORDS[lang];
  if (places === null) return w.new;
  if (places === 0) return w.same;
  const n = String(Math.abs(places)).padStart(String(groupSize).length, '0');
  return places > 0 ? w.up(n) : w.down(n);
}

/**
 * The change against last year. A merged commune (unit.predecessors) is compared with the best-ranked
 * of its predecessors (and its own code, if it existed): its rank then, higher index on a tie.
 */
export function changeFor(
  unit: { code: string; predecessors?: readonly string[]; index: number; rank: number; groupSize: number },
  prev: Previous,
  decimals: number,
  lang: Lang,
): Change {
  const merged = (unit.predecessors?.length ?? 0) > 0;
  const codes = merged ? [...unit.predecessors!, unit.code] : [unit.code];
  const candidates = codes.flatMap((c) => prev.units.get(c) ?? []);
  const best = candidates.reduce<PreviousUnit | null>(
    (b, p) => (!b || p.rank < b.rank || (p.rank === b.rank && p.index > b.index) ? p : b),
    null,
  );
  if (!best) return { index: null, rank: null, label: changeLabel(null, unit.groupSize, lang), previous: null, merged: false };
  const places = best.rank - unit.rank;
  const delta = (scaled(unit.index, decimals) - scaled(best.index, decimals)) / 10 ** decimals;
  return { index: delta, rank: places, label: changeLabel(places, unit.groupSize, lang), previous: best, merged };
}

/** "+1,20", "−0,40", "±0,00": a change of the index in percentage points. */
export function signed(x: number, d: number, lang: Lang): string {
  const s = fixedNumber(Math.abs(x), d, lang);
  return x > 0 ? `+${s}` : x < 0 ? `−${s}` : `±${s}`;
}
