import type { Catalog, CatalogNode } from '../schema/catalog.js';
import type { Evidence } from '../schema/evidence.js';
import type { Finding } from '../findings/finding.js';
import { finding } from '../findings/codes.js';
import { type Fixed, ZERO, add, plus, toFixed } from '../fixed.js';

export type Source = 'assessment' | 'survey';

/** Points of one source (assessment or survey) in an area or in the whole result. */
export interface SourceTotal {
  max: Fixed;
  applicableMax: Fixed;
  points: Fixed;
}
export interface BySource {
  assessment: SourceTotal;
  survey: SourceTotal;
}

/** Each leaf of the areas with its source: the nearest `source:` above it, else survey for a survey rule. */
export function leafSources(catalog: Catalog): Map<string, { source: Source; area: string }> {
  const out = new Map<string, { source: Source; area: string }>();
  const walk = (n: CatalogNode, area: string, inherited: Source | undefined) => {
    const own = n.source ?? inherited;
    if (n.children?.length) n.children.forEach((c) => walk(c, area, own));
    else if (n.rule) out.set(n.code, { source: own ?? (n.rule.kind === 'survey' ? 'survey' : 'assessment'), area });
  };
  catalog.areas.forEach((a) => walk(a, a.code, undefined));
  return out;
}

/**
 * The unit's survey switch: "không tổ chức ĐT XHH, kết quả thẩm định điểm tự chấm là kết quả chỉ số, được quy về
 * thang điểm 100" (Hà Nội 2940). The survey items leave the applicable max, so the index is the assessment's share.
 */
export function surveyOff(catalog: Catalog, evidence: Evidence, sources: ReadonlyMap<string, { source: Source }>): { off: Set<string>; findings: Finding[] } {
  const findings: Finding[] = [];
  const off = new Set<string>();
  if (!evidence.survey_not_run) return { off, findings };
  if (!catalog.survey_share) {
    findings.push(finding('evidence.survey_not_run_no_share', ['survey_not_run']));
    return { off, findings };
  }
  for (const [code, s] of sources) {
    if (s.source !== 'survey') continue;
    off.add(code);
    if (evidence.items[code]?.value !== undefined) findings.push(finding('evidence.survey_not_run_value', ['items', code, 'value'], {}, code));
  }
  return { off, findings };
}

const empty = (): SourceTotal => ({ max: ZERO, applicableMax: ZERO, points: ZERO });
const addTo = (t: SourceTotal, x: SourceTotal): SourceTotal => ({ max: plus(t.max, x.max), applicableMax: plus(t.applicableMax, x.applicableMax), points: plus(t.points, x.points) });

/** Subtotals per area and for the whole result, of the survey and of the assessment, as result tables print them. */
export function sourceTotals(
  sources: ReadonlyMap<string, { source: Source; area: string }>,
  items: ReadonlyMap<string, { max: Fixed; applicable: Fixed; points: Fixed }>,
): { areas: Map<string, BySource>; all: BySource } {
  const areas = new Map<string, BySource>();
  let all: BySource = { assessment: empty(), survey: empty() };
  for (const [code, s] of sources) {
    const it = items.get(code);
    if (!it) continue;
    const x = { max: it.max, applicableMax: it.applicable, points: it.points };
    const a = areas.get(s.area) ?? { assessment: empty(), survey: empty() };
    areas.set(s.area, { ...a, [s.source]: addTo(a[s.source], x) });
    all = { ...all, [s.source]: addTo(all[s.source], x) };
  }
  return { areas, all };
}

/** The survey leaves' maxima must add up to the declared share. */
export function surveyShareSum(catalog: Catalog): { sum: Fixed; max: Fixed } | undefined {
  if (!catalog.survey_share) return undefined;
  const sources = leafSources(catalog);
  const maxOf = new Map<string, number>();
  const walk = (n: CatalogNode) => (n.children?.length ? n.children.forEach(walk) : maxOf.set(n.code, n.max));
  catalog.areas.forEach(walk);
  const sum = add(...[...sources].filter(([, s]) => s.source === 'survey').map(([code]) => toFixed(maxOf.get(code) ?? 0)));
  return { sum, max: toFixed(catalog.survey_share.max) };
}
