import type { Finding } from '../findings/finding.js';
import { PreviousResult } from '../schema/previous-result.js';
import { zodFindings } from '../validate/zod-findings.js';
import type { Doc } from '../source.js';
import { scaled } from './rank.js';

export interface PreviousUnit {
  code: string;
  name: string;
  index: number;
  rank: number;
  rankLabel: string;
  /** The group it was ranked in (with `--group-by`), or null. */
  group: string | null;
}

export interface Previous {
  year: number | null;
  /** The field last year's ranking was grouped by: ranks are comparable only within the same grouping. */
  groupBy: string | null;
  units: Map<string, PreviousUnit>;
}

/** How a unit moved since last year, as numbers; the words ("tăng 05 bậc") belong to the reporters. */
export interface Change {
  /** Index now minus index then, in percentage points (exact to the catalog's decimals); null for a new unit. */
  indexDelta: number | null;
  /** Places gained (positive) or lost (negative); null for a new unit. */
  rankChange: number | null;
  /** The unit compared with: itself last year, or for a merged unit its best-ranked predecessor. */
  previous: PreviousUnit | null;
  /** Compared through unit.predecessors (a merged unit). */
  merged: boolean;
  /** Ranked in another group last year (say another district): its rank then is not comparable. */
  regrouped: boolean;
}

/** Reads last year's `cchc batch --json` (format 1 or 2); problems are positioned in that file. */
export function readPrevious(doc: Doc): { previous: Previous } | { findings: Finding[] } {
  const res = PreviousResult.safeParse(doc.data);
  if (!res.success) return { findings: doc.locate(zodFindings(res.error.issues, doc.data)) };
  const units = new Map<string, PreviousUnit>();
  for (const u of res.data.units) {
    const code = u.code.normalize('NFC').trim();
    units.set(code, { code, name: u.name, index: u.index, rank: u.rank, rankLabel: u.rankLabel, group: u.group ?? null });
  }
  return { previous: { year: res.data.catalog?.year ?? null, groupBy: res.data.groupBy ?? null, units } };
}

/**
 * The change against last year. A merged commune (unit.predecessors) is compared with the best-ranked
 * of its predecessors (and its own code, if it existed): its rank then, higher index on a tie.
 */
export function changeFor(
  unit: { code: string; predecessors?: readonly string[]; index: number; rank: number; group?: string | null },
  prev: Previous,
  decimals: number,
): Change {
  const merged = (unit.predecessors?.length ?? 0) > 0;
  const codes = merged ? [...unit.predecessors!, unit.code] : [unit.code];
  const candidates = codes.flatMap((c) => prev.units.get(c) ?? []);
  const best = candidates.reduce<PreviousUnit | null>(
    (b, p) => (!b || p.rank < b.rank || (p.rank === b.rank && p.index > b.index) ? p : b),
    null,
  );
  if (!best) return { indexDelta: null, rankChange: null, previous: null, merged: false, regrouped: false };
  const delta = (scaled(unit.index, decimals) - scaled(best.index, decimals)) / 10 ** decimals;
  const regrouped = best.group !== (unit.group ?? null);
  return { indexDelta: delta, rankChange: regrouped ? null : best.rank - unit.rank, previous: best, merged, regrouped };
}
