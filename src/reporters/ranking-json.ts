import type { Lang } from './number.js';
import { findingMessage } from './format-finding.js';
import type { BatchReport } from '../core/batch/report.js';
import type { Provenance } from '../io/provenance.js';

export const RANKING_FORMAT_VERSION = 1;

/** The documented, stable JSON of `cchc batch --json`; `--compare` reads it back next year. */
/**
 * `provenance`: cchc's version, the ranking catalog's id and SHA-256, and the --compare file's hash;
 * each unit carries its own file's SHA-256.
 */
export function rankingJson(r: BatchReport, lang: Lang, provenance?: Provenance) {
  const c = r.catalog;
  return {
    formatVersion: RANKING_FORMAT_VERSION,
    catalog: c && {
      id: c.id,
      title: c.title,
      level: c.level,
      scope: c.scope,
      year: c.year,
      template: c.template,
      decimals: c.decimals,
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
      })),
    ),
    invalid: r.invalid.map((f) => ({
      file: f.file,
      findings: f.findings.map((x) => ({ ...x, message: findingMessage(x, lang) })),
    })),
    weak: r.weak,
    summary: r.summary,
    ...(provenance ? { provenance } : {}),
  };
}

export function rankingJsonText(r: BatchReport, lang: Lang, provenance?: Provenance): string {
  return `${JSON.stringify(rankingJson(r, lang, provenance), null, 2)}\n`;
}
