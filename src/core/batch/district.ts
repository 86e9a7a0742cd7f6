import type { z } from 'zod';
import type { Finding } from '../findings/finding.js';
import { finding } from '../findings/codes.js';
import { RankingResult } from '../schema/ranking-result.js';
import type { Doc } from '../source.js';
import { zodFindings } from '../validate/zod-findings.js';
import { meanIndex, pooledShare } from './averages.js';
import { scaled } from './rank.js';

/** Decimals of the area shares a unit report compares (one, as "97,9%"). */
export const SHARE_DECIMALS = 1;

/** What a unit report shows of its district, from a saved ranking. */
export interface DistrictContext {
  /** The ranking file, as shown. */
  file: string;
  rank: number;
  rankLabel: string;
  groupSize: number;
  groupBy: string | null;
  group: string | null;
  /** The one parent unit of the units ranked with this one, if they share one (the district). */
  parent: string | null;
  /** Mean index of the units ranked with this one, rounded like the ranking's average. */
  average: number | null;
  /** Each area's share (%) over the units ranked with this one, all together. */
  areas: ReadonlyMap<string, number | null>;
}

/**
 * Why a ranking's index for a unit is not the unit's index now: a ranking on appraised indices read for a
 * self-score (`ranking.appraised`), a self-assessed one read for an appraised result
 * (`ranking.not_appraised`), or an evidence file changed since (`ranking.index_differs`). None when equal.
 */
export function indexMismatch(
  me: { index: number; appraised?: boolean | undefined; selfIndex?: number | null | undefined },
  at: number,
  unit: { code: string; index: number; appraised?: { selfIndex: number | null } },
  d: number,
): Finding | undefined {
  if (scaled(me.index, d) === scaled(unit.index, d)) return undefined;
  const args = { code: unit.code, ranking: me.index, now: unit.index };
  const path = ['units', at, 'index'];
  if (!unit.appraised && me.appraised && typeof me.selfIndex === 'number' && scaled(me.selfIndex, d) === scaled(unit.index, d)) return finding('ranking.appraised', path, args);
  const self = unit.appraised?.selfIndex;
  if (unit.appraised && !me.appraised && typeof self === 'number' && scaled(self, d) === scaled(me.index, d)) return finding('ranking.not_appraised', path, args);
  return finding('ranking.index_differs', path, args);
}

type Ranking = z.infer<typeof RankingResult>;
interface RankingUnit { kind: 'ok'; data: Ranking; me: Ranking['units'][number]; code: string; group: string | null; peers: Ranking['units'] }
interface UnitOfRanking { code: string; index: number; catalog: { id: string; year: number; decimals: number }; appraised?: { selfIndex: number | null } }

/**
 * The unit a saved `cchc batch --json` ranks, and the units of its group (the what-if peers and the HTML
 * report's district are both read through it). Refused, with findings placed in that
 * file: not a ranking (schema findings), another catalog or year (`ranking.catalog_differs`), a unit it
 * does not rank (`ranking.unit_absent`), or a unit whose index there is not its index now
 * (`ranking.index_differs`: the rank would belong to another score).
 */
export function rankingUnit(doc: Doc, unit: UnitOfRanking): RankingUnit | { kind: 'refused'; findings: Finding[] } {
  const res = RankingResult.safeParse(doc.data);
  if (!res.success) return { kind: 'refused', findings: doc.locate(zodFindings(res.error.issues, doc.data)) };
  const data = res.data;
  const refuse = (f: Finding) => ({ kind: 'refused' as const, findings: doc.locate([f]) });
  if (data.catalog.id !== unit.catalog.id || data.catalog.year !== unit.catalog.year) {
    return refuse(finding('ranking.catalog_differs', ['catalog'], { ranking: `"${data.catalog.id}"/${data.catalog.year}`, unit: `"${unit.catalog.id}"/${unit.catalog.year}` }));
  }
  const code = unit.code.normalize('NFC').trim();
  const at = data.units.findIndex((u) => u.code.normalize('NFC').trim() === code);
  const me = data.units[at];
  if (!me) return refuse(finding('ranking.unit_absent', ['units'], { code }));
  const mismatch = indexMismatch(me, at, { code, index: unit.index, ...(unit.appraised ? { appraised: unit.appraised } : {}) }, unit.catalog.decimals);
  if (mismatch) return refuse(mismatch);
  const group = me.group ?? null;
  return { kind: 'ok', data, me, code, group, peers: data.units.filter((u) => (u.group ?? null) === group) };
}

/** The district around one unit, from a saved ranking: its rank, its group's average and area shares. */
export function districtContext(doc: Doc, unit: UnitOfRanking): { context: DistrictContext } | { findings: Finding[] } {
  const found = rankingUnit(doc, unit);
  if (found.kind === 'refused') return { findings: found.findings };
  const { data, me, group, peers } = found;
  const d = unit.catalog.decimals;
  const parents = new Set(peers.map((u) => u.parent ?? null));
  const codes = [...new Set(peers.flatMap((u) => u.areas.map((a) => a.code)))];
  const areas = new Map(codes.map((c) => [c, pooledShare(peers.flatMap((u) => u.areas.filter((a) => a.code === c)), SHARE_DECIMALS)]));
  return {
    context: {
      file: doc.file,
      rank: me.rank,
      rankLabel: me.rankLabel,
      groupSize: me.groupSize,
      groupBy: data.groupBy ?? null,
      group,
      parent: parents.size === 1 ? [...parents][0]! : null,
      average: meanIndex(peers.map((u) => u.index), d),
      areas,
    },
  };
}
