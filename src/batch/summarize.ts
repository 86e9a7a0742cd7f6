import { dirname, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { hasErrors } from '../core/findings/finding.js';
import { displayPath } from '../io/paths.js';
import { parseEvidenceText } from '../io/evidence-file.js';
import { readBytesSync, readTextSync, textOf } from '../io/text-file.js';
import type { FlatCatalog } from '../core/flat-catalog.js';
import type { CatalogNode } from '../core/schema/catalog.js';
import { lostItems, type ScoreResult } from '../core/scoring/score.js';
import { scoreEvidence, type CatalogOption, type Catalogs, type LoadedEvidence, type UnitScore } from '../core/pipeline.js';
import { loadUnitFile } from '../workbook/unit-file.js';
import { toNumber, toUnits } from '../core/fixed.js';
import { isWorkbookPath } from '../core/file-kind.js';
import { sha256File } from '../io/provenance.js';
import type { AppraisalSummary, CatalogMeta, FileOutcome, LostPoints, Position, UnitSummary, WorkerSetup } from '../core/batch/types.js';
import { appraiseScored, type AppraisedUnit } from '../core/appraisal/apply.js';
import { parseAppraisalText } from '../io/appraisal-file.js';
import type { LoadedAppraisal } from '../core/appraisal/read.js';
import { lookUp, type BatchCache } from './cached.js';

const metas = new WeakMap<FlatCatalog, CatalogMeta>();

/** An area's max for each unit type it applies to (a xã's area 2 out of 6, a phường's out of 4). */
function typeMaxima(a: CatalogNode, types: ReadonlyArray<{ code: string }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { code } of types) if (!a.applies_to || a.applies_to.includes(code)) out[code] = a.max_by_type?.[code] ?? a.max;
  return out;
}

export function catalogMeta(flat: FlatCatalog, file?: string): CatalogMeta {
  // Units of several types share one catalog: the ranking names the whole catalog, not each type's view.
  flat = flat.typed?.full ?? flat;
  let meta = metas.get(flat);
  if (meta) return meta;
  const c = flat.catalog;
  const hash = createHash('sha1').update(JSON.stringify(c)).digest('hex').slice(0, 12);
  meta = {
    key: `${c.id}@${c.year}#${hash}`,
    ...(file !== undefined ? { file } : {}),
    id: c.id,
    title: c.title,
    level: c.level,
    scope: c.scope,
    year: c.year,
    template: c.template,
    decimals: c.decimals,
    bands: c.bands.map((b) => ({ label: b.label, from: b.from })),
    ...(c.unit_types && !c.rank_across_types ? { byType: true } : {}),
    areas: c.areas.map((a) => ({ code: a.code, name: a.name, max: a.max, ...(c.unit_types ? { maxByType: typeMaxima(a, c.unit_types) } : {}) })),
    leaves: [...flat.leaves.values()]
      .filter((l) => l.section === 'areas')
      .map((l) => ({ code: l.code, name: l.name, area: l.area.code, max: toNumber(l.max), ...(l.owner ? { owner: l.owner } : {}) })),
    adjustmentLeaves: [...flat.leaves.values()]
      .filter((l) => l.section !== 'areas')
      .map((l) => ({ code: l.code, name: l.name, area: l.area.code, max: toNumber(l.max), ...(l.owner ? { owner: l.owner } : {}) })),
  };
  metas.set(flat, meta);
  return meta;
}

function lostPoints(result: ScoreResult): LostPoints {
  const items = lostItems(result);
  return { codes: items.map((i) => i.code), points: items.map((i) => toUnits(i.lost)) };
}

/** Where a YAML path (or workbook field) sits in the unit's file. */
function positionOf(ev: LoadedEvidence, path: string[], file: string): Position {
  if (!ev.locate) return { file };
  // locate() places findings; a throwaway one carries the path.
  const [f] = ev.locate([{ code: 'schema.invalid', severity: 'error', path, args: {} }]);
  const p: Position = { file: f?.file ?? file };
  if (f?.line !== undefined) p.line = f.line;
  if (f?.column !== undefined) p.column = f.column;
  if (f?.cell !== undefined) p.cell = f.cell;
  return p;
}

interface Loaded {
  loaded: LoadedEvidence;
  sha256: string | null;
  /** Under --cache, the unit file's key; and what was kept under it, when it can be used. */
  key?: string;
  hit?: { summary: UnitSummary; meta: CatalogMeta };
}

/** A YAML evidence file, or a filled template workbook; with the SHA-256 of the bytes read. */
async function loadForBatch(path: string, catalogs: Catalogs, option: CatalogOption | undefined, cache: BatchCache | undefined): Promise<Loaded> {
  if (isWorkbookPath(path)) return { loaded: await loadUnitFile(path, catalogs, option), sha256: sha256File(path) };
  const file = displayPath(path);
  const dir = dirname(resolve(path));
  const read = readBytesSync(file);
  if (read.bytes === undefined) return { loaded: { path, dir, findings: read.findings }, sha256: null };
  const { sha256, key, hit } = lookUp(path, read.bytes, option, cache);
  if (hit) return { loaded: { path, dir, findings: [] }, sha256, ...(key !== undefined ? { key } : {}), hit };
  const text = textOf(read.bytes, file);
  if (text.text === undefined) return { loaded: { path, dir, findings: text.findings }, sha256 };
  return { loaded: parseEvidenceText(text.text, path), sha256, ...(key !== undefined ? { key } : {}) };
}

export interface Scored {
  outcome: FileOutcome;
  /** The full score, for callers that go on to write the unit's form. */
  unit?: UnitScore;
  /** The appraised result, when the unit has an overlay (batch --appraisals). */
  appraised?: AppraisedUnit;
  /** The catalog of a unit read back from --cache (no full score then). */
  meta?: CatalogMeta;
}

/** An overlay read synchronously, as the unit files are. */
function readOverlay(path: string): LoadedAppraisal {
  const read = readTextSync(displayPath(path));
  if (read.text === undefined) return { path, file: displayPath(path), findings: read.findings };
  return parseAppraisalText(read.text, path);
}

/** What a ranking keeps of an appraisal: the self-assessment beside it and the changes, as numbers. */
function appraisalSummary(au: AppraisedUnit, overlay: LoadedAppraisal): AppraisalSummary {
  const trails = new Map(au.trails.map((t) => [t.code, t]));
  const num = (f: Parameters<typeof toNumber>[0] | null) => (f === null ? null : toNumber(f));
  return {
    file: overlay.file,
    path: overlay.path,
    sha256: sha256File(overlay.path),
    round: au.round,
    selfTotal: toNumber(au.self.total),
    selfApplicableMax: toNumber(au.self.applicableMax),
    selfIndex: au.self.index!,
    selfBand: au.self.band,
    changes: au.changed.map((code) => {
      const t = trails.get(code)!;
      return { code, self: num(t.self), appraised: num(t.appraised), difference: toNumber(t.effect), round: t.decidedIn, reason: t.reason };
    }),
  };
}

/**
 * Reads, checks and scores one file (and applies its appraisal overlay, if it has one), and keeps only its
 * summary; with --cache, reads a kept summary back. `surveyNotRun` (batch --survey-not-run): every unit as if
 * its evidence said survey_not_run.
 */
export async function scoreForBatch(
  path: string,
  catalogs: Catalogs,
  option?: CatalogOption,
  appraisals?: WorkerSetup['appraisals'],
  cache?: BatchCache,
  surveyNotRun = false,
): Promise<Scored> {
  const file = displayPath(path);
  const { loaded: read, sha256, key, hit } = await loadForBatch(path, catalogs, option, cache);
  if (hit) return { outcome: { kind: 'unit', unit: hit.summary }, meta: hit.meta };
  // --survey-not-run: the district ran no survey this year, for every unit (as each unit's survey_not_run).
  const loaded = surveyNotRun && read.evidence ? { ...read, evidence: { ...read.evidence, survey_not_run: true } } : read;
  const unit = await scoreEvidence(loaded, catalogs, option);
  const { flat } = unit;
  const who = () => {
    const u = loaded.evidence?.unit;
    return u ? { unit: { code: u.code.normalize('NFC').trim(), name: u.name.normalize('NFC') } } : {};
  };
  if (hasErrors(unit.findings) || !unit.result || !flat || unit.result.index === null) {
    return { outcome: { kind: 'invalid', file, findings: unit.findings.filter((f) => f.severity === 'error'), ...who() } };
  }
  let result = unit.result;
  let appraisal: AppraisalSummary | undefined;
  let appraised: AppraisedUnit | undefined;
  let warnings = unit.findings.length;
  const overlayPath = appraisals?.byCode[result.unit.code.normalize('NFC').trim()];
  if (overlayPath !== undefined && loaded.evidence) {
    const overlay = readOverlay(overlayPath);
    const a = appraiseScored({ result, flat, evidence: loaded.evidence }, overlay, appraisals!.round);
    if (!a.appraised) return { outcome: { kind: 'invalid', file, findings: a.findings.filter((f) => f.severity === 'error'), ...who() } };
    appraised = a.appraised;
    result = a.appraised.result;
    appraisal = appraisalSummary(a.appraised, overlay);
    warnings += a.findings.length;
  }
  const u = result.unit;
  const meta = catalogMeta(flat, unit.catalogFile);
  const summary = {
    file,
    path,
    // Of the bytes scored: the file is not read a second time.
    sha256,
    code: u.code.normalize('NFC').trim(),
    name: u.name.normalize('NFC'),
    level: u.level,
    ...(u.type ? { type: u.type } : {}),
    ...(u.parent ? { parent: u.parent.normalize('NFC') } : {}),
    province: u.province.normalize('NFC'),
    ...(u.place ? { place: u.place.normalize('NFC') } : {}),
    ...(u.predecessors?.length ? { predecessors: u.predecessors.map((p) => p.normalize('NFC').trim()) } : {}),
    catalogKey: meta.key,
    achieved: toNumber(result.achieved),
    bonus: toNumber(result.bonus),
    penalty: toNumber(result.penalty),
    total: toNumber(result.total),
    applicableMax: toNumber(result.applicableMax),
    index: result.index!,
    band: result.band,
    areas: result.areas.map((a) => ({ code: a.code, points: toNumber(a.points), applicableMax: toNumber(a.applicableMax) })),
    lost: lostPoints(result),
    warnings,
    at: { code: positionOf(loaded, ['unit', 'code'], file), catalog: positionOf(loaded, ['catalog'], file) },
    ...(appraisal ? { appraisal } : {}),
  };
  if (cache && key !== undefined && unit.catalogFile !== undefined && loaded.evidence) {
    const ref = option ?? { ref: loaded.evidence.catalog, fromDir: loaded.dir };
    cache.put(key, { ref: ref.ref, fromDir: ref.fromDir }, unit.catalogFile, summary, meta);
  }
  return { outcome: { kind: 'unit', unit: summary }, unit, ...(appraised ? { appraised } : {}) };
}
