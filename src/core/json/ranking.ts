import type { BatchReport } from '../batch/report.js';
import type { Provenance } from '../provenance.js';
import { scaled } from '../batch/rank.js';

export const RANKING_FORMAT_VERSION = 2 as const;

/**
 * The documented JSON of `cchc batch --json`, which `--compare` reads back next year: codes and
 * numbers only (a rank change is `rankChange: 3`, not "tăng 03 bậc"), the same bytes in any language.
 * `provenance` names cchc's version, the ranking catalog and the --compare file; each unit carries
 * its own file's SHA-256.
 */
export function rankingJson(r: BatchReport, provenance?: Provenance) {
  const c = r.catalog;
  const d = c?.decimals ?? 2;
  return {
    formatVersion: RANKING_FORMAT_VERSION,
    ...(provenance ? { provenance } : {}),
    catalog: c && {
      id: c.id,
      title: c.title,
      level: c.level,
      scope: c.scope,
      year: c.year,
      template: c.template,
      decimals: c.decimals,
      bands: c.bands,
      areas: c.areas,
    },
    groupBy: r.groupBy,
    compare: r.compare,
    units: r.groups.flatMap((g) =>
      g.units.map((u) => ({
        code: u.code,
        name: u.name,
        group: u.group,
        parent: u.parent ?? null,
        type: u.type ?? null,
        province: u.province,
        predecessors: u.predecessors ?? [],
        file: u.file,
        sha256: u.sha256 ?? null,
        achieved: u.achieved,
        bonus: u.bonus,
        penalty: u.penalty,
        total: u.total,
        applicableMax: u.applicableMax,
        index: u.index,
        band: u.band,
        rank: u.rank,
        rankLabel: u.rankLabel,
        groupSize: u.groupSize,
        areas: u.areas,
        warnings: u.warnings,
        change: u.change,
        // Only with --appraisals: the index above is then the appraised one (when `appraised`).
        ...(r.appraisals
          ? {
              appraised: u.appraisal !== undefined,
              round: u.appraisal?.round ?? null,
              selfIndex: u.appraisal?.selfIndex ?? u.index,
              indexDifference: u.appraisal ? (scaled(u.index, d) - scaled(u.appraisal.selfIndex, d)) / 10 ** d : 0,
              appraisal: u.appraisal
                ? { file: u.appraisal.file, sha256: u.appraisal.sha256, selfTotal: u.appraisal.selfTotal, selfApplicableMax: u.appraisal.selfApplicableMax, selfBand: u.appraisal.selfBand, changes: u.appraisal.changes }
                : null,
            }
          : {}),
      })),
    ),
    invalid: r.invalid.map((f) => ({ file: f.file, ...(f.unit ? { unit: f.unit } : {}), findings: f.findings })),
    weak: r.weak,
    summary: r.summary,
    ...(r.appraisals ? { appraisals: r.appraisals } : {}),
  };
}

export type RankingJson = ReturnType<typeof rankingJson>;
