import type { Catalog } from './schema/catalog.js';
import { extendCatalog, openLeaves } from './catalog-extends.js';
import { forUnitType } from './unit-types.js';
import { Evidence } from './schema/evidence.js';
import type { Finding, YamlPath } from './findings/finding.js';
import { hasErrors, markAreas } from './findings/finding.js';
import { finding } from './findings/codes.js';
import { checkCatalog } from './validate/catalog-checks.js';
import { checkEvidence } from './validate/evidence-checks.js';
import { zodFindings } from './validate/zod-findings.js';
import { type FlatCatalog, flattenCatalog } from './flat-catalog.js';
import { type ScoreResult, scoreUnit } from './scoring/score.js';
import { fileKind } from './file-kind.js';
import type { Doc } from './source.js';

/**
 * The pipeline for one unit, on documents an adapter has read: schema → cross-references → score.
 * Every problem comes back as a finding placed in its document; nothing here touches a disk.
 */

export interface LoadedCatalog {
  /** The catalog file (an input of the command, never written over). */
  path: string;
  flat?: FlatCatalog;
  findings: Finding[];
}

export interface LoadedEvidence {
  path: string;
  /** The folder the evidence's `catalog:` reference is read from. */
  dir: string;
  evidence?: Evidence;
  /** Gives findings about this evidence their position: line and column in YAML, a cell in a workbook. */
  locate?: (findings: readonly Finding[]) => Finding[];
  /**
   * Problems found while reading. With `evidence` set, these are schema errors of single items, which
   * were left out of `evidence` so the rest of the file is still checked: every problem at once.
   */
  findings: Finding[];
  /** Codes of the items left out for schema errors: not to be reported again as unanswered. */
  skipped?: ReadonlySet<string>;
}

/** What the pipeline needs from outside to use a catalog reference. */
export interface CatalogSource {
  /** Where a reference leads: a catalog id found in the catalog folders, or a path relative to `fromDir`. */
  resolve(ref: string, fromDir: string): string;
  /**
   * The catalog file's document, or a catalog already checked when cchc was built, or problems. A
   * problem with the reference itself (an unknown id, a missing or refused file) has no `file`: the
   * pipeline places it where the reference is written.
   */
  read(path: string, ref: string): Promise<{ doc: Doc } | { compiled: Catalog } | { findings: Finding[] }>;
}

const baseName = (path: string) => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/** The area codes of a catalog document that did not pass its schema, as far as they can be read. */
function rawAreaCodes(data: unknown): Set<string> {
  const areas = (data as { areas?: unknown } | null)?.areas;
  return new Set(Array.isArray(areas) ? areas.flatMap((a) => (typeof (a as { code?: unknown } | null)?.code === 'string' ? [(a as { code: string }).code] : [])) : []);
}

/**
 * The catalog schemas, built on first use: building them is a good part of a start-up, and a run on
 * a shipped catalog (compiled at build time, src/io/compiled-catalog.ts) never needs them.
 */
const catalogSchemas = () => import('./schema/catalog.js');

/** Schema → cross-checks → flattened, for a catalog document. */
export async function catalogFromDoc(doc: Doc, path: string): Promise<LoadedCatalog> {
  // An evidence file given as the catalog: one clear message, placed on the reference, rather than a
  // screen of schema errors.
  const kind = fileKind(doc.data);
  if (kind === 'evidence' || kind === 'appraisal') return { path, findings: [finding('file.not_catalog', ['catalog'], { file: doc.file, what: kind })] };
  const res = (await catalogSchemas()).Catalog.safeParse(doc.data);
  if (!res.success) return { path, findings: markAreas(doc.locate(zodFindings(res.error.issues, doc.data)), rawAreaCodes(doc.data)) };
  const checks = markAreas(checkCatalog(res.data), new Set(res.data.areas.map((a) => a.code)));
  const name = baseName(path).replace(/\.ya?ml$/i, '');
  if (name !== res.data.id) checks.push(finding('catalog.id_mismatch', ['id'], { id: res.data.id, file: baseName(path) }));
  const findings = doc.locate(checks);
  return hasErrors(findings) ? { path, findings } : { path, flat: flattenCatalog(res.data), findings };
}

/**
 * Unit codes a format read as numbers: `code: 012345` is the number 12345 to YAML. The finding quotes
 * the code as typed (from the document's text), never the number. An error, not a warning: every
 * other reader of the file sees the number, and a unit code changed silently is a wrong ranking.
 */
function unquotedCodes(doc: Doc): Finding[] {
  const data = doc.data as { unit?: { code?: unknown; predecessors?: unknown } };
  const out: Finding[] = [];
  const check = (value: unknown, path: YamlPath) => {
    if (typeof value === 'number') out.push(finding('evidence.code_unquoted', path, { code: doc.sourceText?.(path) ?? String(value) }));
  };
  check(data.unit?.code, ['unit', 'code']);
  if (Array.isArray(data.unit?.predecessors)) data.unit.predecessors.forEach((v, i) => check(v, ['unit', 'predecessors', i]));
  return out;
}

const samePath = (a: YamlPath, b: readonly PropertyKey[]) => a.length === b.length && a.every((s, i) => s === b[i]);

/** Schema for an evidence document; items with schema errors are left out so the others are still checked. */
export function evidenceFromDoc(doc: Doc, path: string, dir: string): LoadedEvidence {
  const at = (fs: readonly Finding[]) => doc.locate(fs);
  const kind = fileKind(doc.data);
  if (kind === 'catalog' || kind === 'appraisal') return { path, dir, findings: at([finding('file.not_evidence', [], { what: kind })]) };
  const res = Evidence.safeParse(doc.data);
  if (res.success) return { path, dir, evidence: res.data, locate: at, findings: [] };
  const unquoted = unquotedCodes(doc);
  const issues = res.error.issues.filter((i) => !unquoted.some((u) => samePath(u.path, i.path)));
  const findings = at([...unquoted, ...zodFindings(issues, doc.data)]);
  const rest = withoutBrokenItems(doc.data as Record<string, unknown>, res.error.issues);
  const again = rest && Evidence.safeParse(rest.data);
  if (!rest || !again?.success) return { path, dir, findings };
  return { path, dir, evidence: again.data, locate: at, findings, skipped: rest.skipped };
}

/**
 * When every schema error sits inside single items, the file without those items, so cross-checks
 * and value checks still run on the others; undefined when the unit, year or catalog is itself wrong.
 */
function withoutBrokenItems(
  data: Record<string, unknown>,
  issues: ReadonlyArray<{ path: PropertyKey[] }>,
): { data: Record<string, unknown>; skipped: Set<string> } | undefined {
  const items = data.items;
  if (!items || typeof items !== 'object' || Array.isArray(items)) return undefined;
  const skipped = new Set<string>();
  for (const i of issues) {
    if (i.path[0] !== 'items' || typeof i.path[1] !== 'string') return undefined;
    skipped.add(i.path[1]);
  }
  const kept = Object.fromEntries(Object.entries(items).filter(([code]) => !skipped.has(code)));
  return { data: { ...data, items: kept }, skipped };
}

/**
 * Catalogs by reference, each read and checked once: a batch of a thousand units against one
 * catalog reads it once, and resolves each reference (as written, from its folder) once.
 */
export class Catalogs {
  private readonly byRef = new Map<string, Promise<LoadedCatalog>>();
  private readonly byPath = new Map<string, Promise<LoadedCatalog>>();

  constructor(private readonly source: CatalogSource) {}

  get(ref: string, fromDir: string): Promise<LoadedCatalog> {
    const key = `${ref}\u0000${fromDir}`;
    let p = this.byRef.get(key);
    if (!p) {
      const path = this.source.resolve(ref, fromDir);
      p = this.byPath.get(path);
      if (!p) {
        p = this.load(path, ref);
        this.byPath.set(path, p);
      }
      this.byRef.set(key, p);
    }
    return p;
  }

  private async load(path: string, ref: string): Promise<LoadedCatalog> {
    const read = await this.source.read(path, ref);
    if ('findings' in read) return { path, findings: read.findings };
    if ('compiled' in read) return { path, flat: flattenCatalog(read.compiled), findings: [] };
    const data = read.doc.data;
    if (data && typeof data === 'object' && 'extends' in data && !('areas' in data)) return this.loadChild(read.doc, path);
    return catalogFromDoc(read.doc, path);
  }

  /** A district's catalog inside a framework: the framework is read from the child's folder (or by id). */
  private async loadChild(doc: Doc, path: string): Promise<LoadedCatalog> {
    const res = (await catalogSchemas()).ChildCatalog.safeParse(doc.data);
    if (!res.success) return { path, findings: doc.locate(zodFindings(res.error.issues, doc.data)) };
    const child = res.data;
    const dir = path.replace(/[\\/][^\\/]*$/, '') || '.';
    const fw = await this.get(child.extends, dir);
    const at = (fs: Finding[]) => doc.locate(fs);
    if (!fw.flat) {
      const own = fw.findings.filter((f) => f.file !== undefined);
      return { path, findings: [...at([finding('catalog.extends_broken', ['extends'], { framework: child.extends })]), ...own] };
    }
    if (fw.flat.extension) return { path, findings: at([finding('catalog.extends_chain', ['extends'], { framework: child.extends })]) };
    const merged = extendCatalog(fw.flat.catalog, child);
    const checks = [...merged.findings, ...checkCatalog(merged.catalog).map(merged.relocate)];
    const name = baseName(path).replace(/\.ya?ml$/i, '');
    if (name !== child.id) checks.push(finding('catalog.id_mismatch', ['id'], { id: child.id, file: baseName(path) }));
    // The same problem seen twice (a fill that misses its max is also a parent whose children miss it): once.
    const unique = checks.filter((f, i) => checks.findIndex((g) => g.code === f.code && g.path.join('.') === f.path.join('.')) === i);
    const sumTwice = new Set(unique.filter((f) => f.code === 'catalog.fill_sum').map((f) => f.path.join('.')));
    const openTwice = new Set(unique.filter((f) => f.code === 'catalog.fill_open').map((f) => f.item));
    const findings = at(
      unique.filter((f) => !(f.code === 'catalog.children_sum' && (sumTwice.has(f.path.join('.')) || openTwice.has(f.item)))),
    );
    if (hasErrors(findings)) return { path, findings };
    const flat = flattenCatalog(merged.catalog);
    flat.extension = merged.extension;
    return { path, flat, findings };
  }
}

export interface Assessment {
  result?: ScoreResult;
  findings: Finding[];
}

/** Cross-reference checks and scoring of one evidence document; findings are positioned. */
export function assess(flat: FlatCatalog, ev: LoadedEvidence): Assessment {
  if (!ev.evidence || !ev.locate) return { findings: ev.findings };
  // A framework with criteria left for the level below cannot score a unit: its maxima would be missing.
  const open = flat.catalog.framework ? openLeaves(flat.catalog) : [];
  if (open.length) return { findings: [...ev.findings, ...ev.locate([finding('catalog.framework_open', ['catalog'], { id: flat.catalog.id, codes: open.join(', ') })])] };
  const checks = checkEvidence(flat, ev.evidence);
  // Against a catalog of another year or level, item-by-item results would only be noise.
  if (checks.some((f) => f.code === 'evidence.year_mismatch' || f.code === 'evidence.level_mismatch')) {
    return { findings: markAreas([...ev.findings, ...ev.locate(checks)], flat.areas) };
  }
  const { result, findings } = scoreUnit(flat, ev.evidence);
  // A workbook cell already warned of as a fraction (xlsx.percent_fraction) is not warned of twice.
  const cells = new Set(ev.findings.filter((f) => f.code === 'xlsx.percent_fraction').map((f) => f.item));
  const fresh = findings.filter(
    (f) =>
      !(f.code === 'evidence.unanswered' && f.item !== undefined && ev.skipped?.has(f.item)) && !(f.code === 'evidence.percent_fraction' && cells.has(f.item)),
  );
  const all = markAreas([...ev.findings, ...ev.locate([...checks, ...fresh])], flat.areas);
  return hasErrors(all) ? { findings: all } : { result, findings: all };
}

export interface UnitScore extends Assessment {
  flat?: FlatCatalog;
  /** The catalog file it was scored with: an input, never to be written over. */
  catalogFile?: string;
  evidence: LoadedEvidence;
}

/** A catalog named on the command line (--catalog), read from the working folder. */
export interface CatalogOption {
  ref: string;
  fromDir: string;
}

/**
 * One unit: its evidence → its catalog (or --catalog) → cross-checks → score. A problem with the
 * catalog reference is placed on the evidence's `catalog:` line, or on the --catalog option.
 */
export async function scoreEvidence(ev: LoadedEvidence, catalogs: Catalogs, option?: CatalogOption): Promise<UnitScore> {
  if (!ev.evidence || !ev.locate) return { evidence: ev, findings: ev.findings };
  const cat = await (option ? catalogs.get(option.ref, option.fromDir) : catalogs.get(ev.evidence.catalog, ev.dir));
  if (!cat.flat) {
    const placed: Finding[] = cat.findings.map((f) => (f.file ? f : option ? { ...f, file: `--catalog ${option.ref}` } : ev.locate!([f])[0]!));
    return { evidence: ev, findings: [...ev.findings, ...placed] };
  }
  // Several unit types in one catalog: the unit is scored on what applies to its type.
  const typed = forUnitType(cat.flat, ev.evidence);
  const kept = cat.findings.filter((f) => !hasErrors([f]));
  if (!typed.flat) return { flat: cat.flat, catalogFile: cat.path, evidence: ev, findings: [...kept, ...ev.findings, ...ev.locate(typed.findings)] };
  const a = assess(typed.flat, typed.evidence === ev.evidence ? ev : { ...ev, evidence: typed.evidence });
  const findings = [...kept, ...markAreas(ev.locate(typed.findings), typed.flat.areas), ...a.findings];
  if (hasErrors(typed.findings)) return { flat: typed.flat, catalogFile: cat.path, evidence: ev, findings };
  return { ...a, flat: typed.flat, catalogFile: cat.path, evidence: ev, findings };
}
