import type { IndexBandT } from '../schema/catalog.js';
import { decimalParts, percent, ratioAtLeast, toUnits, isPositive } from '../fixed.js';
import type { NodeScore } from './score.js';

/** One area or criterion under a band's condition: its rate (rounded as the index) and the minimum asked. */
export interface ConditionMiss {
  code: string;
  rate: number;
  min: number;
  /** The node is an area (lĩnh vực), not a criterion. */
  area?: true;
}

/** A band the index reached but whose conditions were not met, so the unit was placed lower. */
export interface BandMiss {
  band: string;
  failed: ConditionMiss[];
}

/**
 * The band on the published (rounded) index, exactly (scaled / 10^decimals ≥ from), and only where the band's
 * own conditions hold too ("không có tiêu chí nào dưới 50% số điểm"): a band reached by the index but not by its
 * conditions is recorded in `missed`, which says why the unit sits lower. A node with nothing applicable
 * meets any condition (nothing was assessed to fall short).
 */
export function bandOf(
  bands: readonly IndexBandT[],
  scaled: bigint,
  decimals: number,
  areas: readonly NodeScore[],
): { band: string | null; missed: BandMiss[] } {
  const p = 10n ** BigInt(decimals);
  const missed: BandMiss[] = [];
  for (const b of [...bands].sort((x, y) => y.from - x.from)) {
    const f = decimalParts(b.from);
    if (!f || scaled * f.den < f.num * p) continue;
    const failed = b.requires ? conditionMisses(b, areas, decimals) : [];
    if (!failed.length) return { band: b.label, missed };
    missed.push({ band: b.label, failed });
  }
  return { band: null, missed };
}

function conditionMisses(b: IndexBandT, areas: readonly NodeScore[], decimals: number): ConditionMiss[] {
  const byCode = new Map<string, { node: NodeScore; area: boolean }>();
  for (const a of areas) {
    byCode.set(a.code, { node: a, area: true });
    for (const c of a.children ?? []) byCode.set(c.code, { node: c, area: false });
  }
  const deep = (n: NodeScore) => {
    if (!byCode.has(n.code)) byCode.set(n.code, { node: n, area: false });
    n.children?.forEach(deep);
  };
  areas.forEach(deep);
  const out: ConditionMiss[] = [];
  const seen = new Set<string>();
  for (const c of b.requires ?? []) {
    const min = decimalParts(c.min_percent);
    if (!min) continue;
    const targets =
      c.codes?.flatMap((code) => (byCode.has(code) ? [byCode.get(code)!] : [])) ??
      (c.each === 'areas' ? areas.map((node) => ({ node, area: true })) : areas.flatMap((a) => (a.children ?? []).map((node) => ({ node, area: false }))));
    for (const { node, area } of targets) {
      if (!isPositive(node.applicableMax)) continue;
      // points / applicable ≥ min / 100, exactly.
      const ok = ratioAtLeast(BigInt(toUnits(node.points)) * 100n * min.den, BigInt(toUnits(node.applicableMax)), min.num, 1n);
      if (ok || seen.has(node.code)) continue;
      seen.add(node.code);
      out.push({ code: node.code, rate: percent(node.points, node.applicableMax, decimals).value, min: c.min_percent, ...(area ? { area: true as const } : {}) });
    }
  }
  return out;
}
