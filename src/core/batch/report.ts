import { compare, fromNumber, toNumber, type Fixed } from '../fixed.js';
import type { Finding } from '../findings/finding.js';
import { placedFinding } from '../findings/codes.js';
import { byPosition } from '../findings/finding.js';
import { changeFor, type Change, type Previous } from './compare.js';
import { compareVi, rankGroups, scaled, type Ranking } from './rank.js';
import type { CatalogMeta, FileOutcome, UnitName, UnitSummary } from './types.js';
import { weakItems, type WeakItem } from './weak.js';
import { meanIndex } from './averages.js';
import { appraisalReport, overlayProblems, overlaysByCode, pairingProblems, type AppraisalOptions, type AppraisalReport } from './appraisals.js';

/** Unit fields a ranking can be grouped by (`--group-by parent`, or `unit.parent`). */
export const GROUP_FIELDS = ['parent', 'type', 'province', 'level', 'place'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

export function groupField(arg: string): GroupField | undefined {
  const f = arg.replace(/^unit\./, '');
  return (GROUP_FIELDS as readonly string[]).includes(f) ? (f as GroupField) : undefined;
}

export interface RankedUnit extends UnitSummary, Ranking {
  group: string | null;
  change: Change | null;
}

export interface InvalidFile {
  file: string;
  findings: Finding[];
  /** The unit the file is about, when its unit block could be read. */
  unit?: UnitName;
}

export interface BatchSummary {
  files: number;
  ranked: number;
  invalid: number;
  /** Mean of the published indexes, rounded like them; null when nothing is ranked. */
  average: number | null;
  highest: number | null;
  lowest: number | null;
  bands: Array<{ label: string; units: number }>;
  failUnder: number | null;
  belowThreshold: number;
  /** Warnings (unanswered items, documents missing…) of ranked units, all together. */
  warnings: number;
}

export interface BatchReport {
  catalog: CatalogMeta | null;
  groupBy: GroupField | null;
  compare: { file: string; year: number | null } | null;
  groups: Array<{ key: string | null; units: RankedUnit[] }>;
  invalid: InvalidFile[];
  weak: WeakItem[];
  summary: BatchSummary;
  /** Ranked units below --fail-under, as findings against their files. */
  below: Finding[];
  /** With --appraisals: the rounds used, overlay files that pair with nothing, every change by criterion. */
  appraisals: AppraisalReport | null;
}

export interface ReportOptions {
  groupBy: GroupField | null;
  /** Exact, as typed (--fail-under 92,5): compared exactly with each published index. */
  failUnder?: Fixed;
  previous?: { file: string; previous: Previous };
  /** --appraisals: units are ranked on their appraised index; pairing problems make a unit invalid. */
  appraisals?: AppraisalOptions;
}

/** The catalog most units were scored with (the first file's on a tie): the one the ranking uses. */
function mainCatalog(units: readonly UnitSummary[]): string | undefined {
  const count = new Map<string, number>();
  for (const u of units) count.set(u.catalogKey, (count.get(u.catalogKey) ?? 0) + 1);
  let best: string | undefined;
  for (const u of units) if (best === undefined || count.get(u.catalogKey)! > count.get(best)!) best = u.catalogKey;
  return best;
}

/** "xa-mau-2024/2024"; with the content hash when two catalogs share id and year but differ. */
function catalogName(key: string, other: string | undefined, catalogs: ReadonlyMap<string, CatalogMeta>): string {
  const m = catalogs.get(key);
  const base = m ? `"${m.id}"/${m.year}` : key.split('#')[0]!;
  return other && key.split('#')[0] === other.split('#')[0] ? `${base}#${key.split('#')[1]!}` : base;
}

/**
 * A ranked unit, written field by field. Copying a summary read back from JSON with `{ ...u }` took
 * ~25 µs (V8's slow path for objects whose fields changed representation while parsed: 0 then 0.5),
 * ~80 ms for a province re-run from --cache; this one shape takes ~1 µs. The type makes every field of
 * the summary appear here (an optional one as undefined when absent), so a new field cannot be missed.
 */
function rankedUnit(u: UnitSummary, r: Ranking, group: string | null): RankedUnit {
  const all: { [K in keyof RankedUnit]-?: RankedUnit[K] | undefined } = {
    file: u.file,
    path: u.path,
    sha256: u.sha256,
    code: u.code,
    name: u.name,
    level: u.level,
    type: u.type,
    parent: u.parent,
    province: u.province,
    place: u.place,
    predecessors: u.predecessors,
    catalogKey: u.catalogKey,
    achieved: u.achieved,
    bonus: u.bonus,
    penalty: u.penalty,
    total: u.total,
    applicableMax: u.applicableMax,
    index: u.index,
    band: u.band,
    areas: u.areas,
    lost: u.lost,
    warnings: u.warnings,
    at: u.at,
    appraisal: u.appraisal,
    rank: r.rank,
    rankLabel: r.rankLabel,
    groupSize: r.groupSize,
    group,
    change: null,
  };
  return all as RankedUnit;
}

/**
 * Everything `cchc batch` reports, from the per-file outcomes: which units are ranked and which files
 * are not (and why), ranks per group, last year's comparison, weak criteria and totals. Pure: no I/O.
 */
export function buildReport(
  outcomes: readonly FileOutcome[],
  inputProblems: readonly Finding[],
  catalogs: ReadonlyMap<string, CatalogMeta>,
  o: ReportOptions,
): BatchReport {
  const invalid = new Map<string, Finding[]>();
  const names = new Map<string, UnitName>();
  const reject = (file: string, fs: Finding[], unit?: UnitName) => {
    invalid.set(file, [...(invalid.get(file) ?? []), ...fs]);
    if (unit) names.set(file, unit);
  };
  for (const p of inputProblems) reject(p.file ?? '', [p]);

  const units = outcomes.flatMap((r) => (r.kind === 'unit' ? [r.unit] : []));
  // Invalid files are listed in batch order (problems with the arguments themselves first).
  const order = new Map(outcomes.map((r, i) => [r.kind === 'unit' ? r.unit.file : r.file, i]));
  for (const r of outcomes) if (r.kind === 'invalid') reject(r.file, r.findings, r.unit);

  const mainKey = mainCatalog(units);
  const catalog = mainKey ? catalogs.get(mainKey) ?? null : null;
  const byCode = new Map<string, UnitSummary[]>();
  for (const u of units) byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
  const overlays = o.appraisals ? overlaysByCode(o.appraisals) : undefined;

  const rankable: UnitSummary[] = [];
  for (const u of units) {
    const problems: Finding[] = [];
    const same = byCode.get(u.code)!;
    if (same.length > 1) {
      const others = same.filter((x) => x !== u).map((x) => x.file).join(', ');
      problems.push(placedFinding('batch.duplicate_code', { code: u.code, others }, u.at.code, ['unit', 'code']));
    }
    if (u.catalogKey !== mainKey) {
      const args = { used: catalogName(u.catalogKey, mainKey, catalogs), main: catalogName(mainKey!, u.catalogKey, catalogs) };
      problems.push(placedFinding('batch.catalog_differs', args, u.at.catalog, ['catalog']));
    }
    if (o.appraisals && overlays) problems.push(...pairingProblems(u, overlays, o.appraisals));
    if (problems.length) reject(u.file, problems, { code: u.code, name: u.name });
    else rankable.push(u);
  }

  const decimals = catalog?.decimals ?? 2;
  const keyOf = (u: UnitSummary): string | null => (o.groupBy ? (u[o.groupBy] ?? null) : null);
  const groups = rankGroups(rankable, keyOf, decimals, (u, r, group): RankedUnit => {
    const ranked = rankedUnit(u, r, group);
    if (o.previous) ranked.change = changeFor(ranked, o.previous.previous, decimals);
    return ranked;
  });
  const ranked = groups.flatMap((g) => g.units);

  const below: Finding[] = [];
  if (o.failUnder !== undefined) {
    const threshold = o.failUnder;
    for (const u of [...ranked].sort((a, b) => a.index - b.index || compareVi(a.name, b.name))) {
      // A published index has at most four decimals, so it is exact as Fixed.
      if (compare(fromNumber(u.index) ?? threshold, threshold) < 0) {
        const args = { name: u.name, index: u.index.toFixed(decimals), threshold: toNumber(threshold) };
        below.push(placedFinding('batch.below_threshold', args, { file: u.file }));
      }
    }
  }

  const idx = ranked.map((u) => scaled(u.index, decimals));
  const p = 10 ** decimals;
  const summary: BatchSummary = {
    files: outcomes.length,
    ranked: ranked.length,
    invalid: invalid.size,
    average: meanIndex(ranked.map((u) => u.index), decimals),
    highest: idx.length ? Math.max(...idx) / p : null,
    lowest: idx.length ? Math.min(...idx) / p : null,
    bands: (catalog?.bands ?? []).map((b) => ({ label: b.label, units: ranked.filter((u) => u.band === b.label).length })),
    failUnder: o.failUnder === undefined ? null : toNumber(o.failUnder),
    belowThreshold: below.length,
    warnings: ranked.reduce((s, u) => s + u.warnings, 0),
  };

  let appraisals: AppraisalReport | null = null;
  if (o.appraisals) {
    // Codes of every unit file, ranked or not: an overlay for an invalid unit is not an orphan.
    const known = new Set([...units.map((u) => u.code), ...[...names.values()].map((n) => n.code)]);
    appraisals = appraisalReport(o.appraisals, catalog, ranked, overlayProblems(o.appraisals, known), decimals);
  }

  return {
    catalog,
    groupBy: o.groupBy,
    compare: o.previous ? { file: o.previous.file, year: o.previous.previous.year } : null,
    groups,
    invalid: [...invalid.entries()]
      .sort(([a], [b]) => (order.get(a) ?? -1) - (order.get(b) ?? -1))
      .map(([file, findings]) => {
        const unit = names.get(file);
        return { file, findings: byPosition(findings), ...(unit ? { unit } : {}) };
      }),
    weak: catalog ? weakItems(catalog, ranked.map((u) => u.lost)) : [],
    summary,
    below,
    appraisals,
  };
}
