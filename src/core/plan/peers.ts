import type { Finding } from '../findings/finding.js';
import type { Doc } from '../source.js';
import { rankLabel, scaled } from '../batch/rank.js';
import { rankingUnit } from '../batch/district.js';

/** The units a unit was ranked with, as published in a saved `cchc batch --json`. */
export interface Peers {
  file: string;
  groupBy: string | null;
  group: string | null;
  /** The other units of its group, with their published index (never recomputed). */
  others: Array<{ code: string; name: string; index: number }>;
  /** The unit's own published standing. */
  me: { index: number; rank: number; rankLabel: string; groupSize: number };
  /** Unit types of the group (xa, thi_tran…), for "xếp hạng 03/15 xã, thị trấn". */
  types: string[];
}

export interface Standing {
  rank: number;
  rankLabel: string;
  groupSize: number;
}

/**
 * Reads a ranking for one unit. Refused, with findings placed in that file, like the HTML report's
 * ranking (core/batch/district.ts): not a ranking, another catalog or year, a unit it does not rank, or
 * a unit whose index there is not its index now (its rank would belong to another score).
 */
export function readPeers(
  doc: Doc,
  unit: { code: string; index: number; catalog: { id: string; year: number; decimals: number }; appraised?: { selfIndex: number | null } },
): { peers: Peers } | { findings: Finding[] } {
  const found = rankingUnit(doc, unit);
  if (found.kind === 'refused') return { findings: found.findings };
  const { data, me, code, group, peers } = found;
  const norm = (c: string) => c.normalize('NFC').trim();
  return {
    peers: {
      file: doc.file,
      groupBy: data.groupBy ?? null,
      group,
      others: peers.filter((u) => norm(u.code) !== code).map((u) => ({ code: norm(u.code), name: (u.name ?? u.code).normalize('NFC'), index: u.index })),
      me: { index: me.index, rank: me.rank, rankLabel: me.rankLabel, groupSize: me.groupSize },
      types: [...new Set(peers.flatMap((u) => (u.type ? [u.type] : [])))],
    },
  };
}

/**
 * The rank an index would have among the others as published: one more than the number of units with
 * a higher published index, so an equal index shares the rank (1, 2, 2, 4), as the ranking does.
 */
export function standingAmong(index: number, peers: Pick<Peers, 'others'>, decimals: number): Standing {
  const mine = scaled(index, decimals);
  const rank = 1 + peers.others.filter((u) => scaled(u.index, decimals) > mine).length;
  const groupSize = peers.others.length + 1;
  return { rank, rankLabel: rankLabel(rank, groupSize), groupSize };
}
