import type { Finding } from '../findings/finding.js';
import { placedFinding } from '../findings/codes.js';
import type { RoundChoice } from '../appraisal/apply.js';
import type { DecidingRound } from '../schema/appraisal.js';
import { sumPoints } from '../fixed.js';
import { meanIndex } from './averages.js';
import type { CatalogMeta, Position, UnitSummary } from './types.js';

/** An overlay file found for a batch, as the main thread read it: the unit code it names, or why it could not. */
export interface OverlayFile {
  file: string;
  /** The unit code it names (`unit.code`), when that could be read. */
  code?: string;
  /** Where `unit.code` is written, for findings about pairing. */
  at: Position;
  /** Problems reading it, when its code could not be read (with a code, the unit's scoring reports them). */
  findings: Finding[];
}

export interface AppraisalOptions {
  round: RoundChoice;
  allowUnappraised: boolean;
  /** The --appraisals argument as typed, for messages. */
  source: string;
  overlays: readonly OverlayFile[];
}

/** One unit's change of one criterion, as the district's "changes by criterion" sheet lists it. */
export interface ChangeEntry {
  unit: string;
  name: string;
  self: number | null;
  appraised: number | null;
  difference: number;
  round: DecidingRound;
  reason: string | null;
}

/** Every change the council made to one criterion, over the ranked units. */
export interface CriterionChanges {
  code: string;
  name: string;
  area: string;
  max: number;
  /** Units whose points on it the council changed. */
  units: number;
  /** The differences added up (negative: the council took points away). */
  difference: number;
  reasons: Array<{ reason: string | null; units: number }>;
  entries: ChangeEntry[];
}

export interface AppraisalReport {
  round: RoundChoice;
  allowUnappraised: boolean;
  /** Overlay files found. */
  files: number;
  /** Ranked units whose index is the appraised one. */
  appraised: number;
  /** Mean self-assessed index of the ranked units, rounded like the published average. */
  selfAverage: number | null;
  /** Overlay files that pair with no unit of the batch or could not be read. */
  invalid: Array<{ file: string; findings: Finding[] }>;
  changes: CriterionChanges[];
}

/**
 * What pairing overlays with units by code finds wrong with a unit: several overlays name it, or none
 * does (unless --allow-unappraised). Findings are placed on the unit's `unit.code`.
 */
export function pairingProblems(u: UnitSummary, byCode: ReadonlyMap<string, readonly OverlayFile[]>, o: AppraisalOptions): Finding[] {
  const mine = byCode.get(u.code) ?? [];
  if (mine.length > 1) return [placedFinding('batch.duplicate_appraisal', { code: u.code, files: mine.map((x) => x.file).join(', ') }, u.at.code, ['unit', 'code'])];
  if (!u.appraisal && !o.allowUnappraised) return [placedFinding('batch.unappraised', { code: u.code, dir: o.source }, u.at.code, ['unit', 'code'])];
  return [];
}

export function overlaysByCode(o: AppraisalOptions): Map<string, OverlayFile[]> {
  const byCode = new Map<string, OverlayFile[]>();
  for (const x of o.overlays) if (x.code !== undefined) byCode.set(x.code, [...(byCode.get(x.code) ?? []), x]);
  return byCode;
}

/** Overlays that could not be read, or name a unit that is not in the batch (not even as an invalid file). */
export function overlayProblems(o: AppraisalOptions, knownCodes: ReadonlySet<string>): AppraisalReport['invalid'] {
  const out: AppraisalReport['invalid'] = [];
  for (const x of o.overlays) {
    if (x.code === undefined) out.push({ file: x.file, findings: x.findings });
    else if (!knownCodes.has(x.code)) out.push({ file: x.file, findings: [placedFinding('batch.appraisal_orphan', { code: x.code }, x.at, ['unit', 'code'])] });
  }
  return out;
}

/**
 * Every change the council made, by criterion: the criteria changed in the most units first, then the
 * most points, then catalog order — where units over-claim most. Sums are exact (ten-thousandths).
 */
export function changesByCriterion(meta: CatalogMeta, units: ReadonlyArray<Pick<UnitSummary, 'code' | 'name' | 'appraisal'>>): CriterionChanges[] {
  const leaves = [...meta.leaves, ...(meta.adjustmentLeaves ?? [])];
  const order = new Map(leaves.map((l, i) => [l.code, i]));
  const byCode = new Map<string, ChangeEntry[]>();
  for (const u of units) {
    for (const c of u.appraisal?.changes ?? []) {
      const list = byCode.get(c.code) ?? [];
      list.push({ unit: u.code, name: u.name, self: c.self, appraised: c.appraised, difference: c.difference, round: c.round, reason: c.reason });
      byCode.set(c.code, list);
    }
  }
  const out: CriterionChanges[] = [];
  for (const leaf of leaves) {
    const entries = byCode.get(leaf.code);
    if (!entries) continue;
    const reasons = new Map<string | null, number>();
    for (const e of entries) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
    out.push({
      code: leaf.code,
      name: leaf.name,
      area: leaf.area,
      max: leaf.max,
      units: entries.length,
      difference: sumPoints(entries.map((e) => e.difference)),
      reasons: [...reasons.entries()].sort((a, b) => b[1] - a[1]).map(([reason, n]) => ({ reason, units: n })),
      entries: [...entries].sort((a, b) => a.difference - b.difference),
    });
  }
  return out.sort((a, b) => b.units - a.units || Math.abs(b.difference) - Math.abs(a.difference) || order.get(a.code)! - order.get(b.code)!);
}

/** The appraisal part of a batch report. */
export function appraisalReport(
  o: AppraisalOptions,
  meta: CatalogMeta | null,
  ranked: ReadonlyArray<UnitSummary>,
  invalid: AppraisalReport['invalid'],
  decimals: number,
): AppraisalReport {
  const appraised = ranked.filter((u) => u.appraisal);
  return {
    round: o.round,
    allowUnappraised: o.allowUnappraised,
    files: o.overlays.length,
    appraised: appraised.length,
    selfAverage: meanIndex(ranked.map((u) => u.appraisal?.selfIndex ?? u.index), decimals),
    invalid,
    changes: meta ? changesByCriterion(meta, ranked) : [],
  };
}
