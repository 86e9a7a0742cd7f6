import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
import { Catalog } from '../core/schema/catalog.js';
import { Evidence } from '../core/schema/evidence.js';
import type { Finding, YamlPath } from '../core/findings/finding.js';
import { hasErrors } from '../core/findings/finding.js';
import { finding } from '../reporters/messages.js';
import { checkCatalog } from '../core/validate/catalog-checks.js';
import { checkEvidence } from '../core/validate/evidence-checks.js';
import { zodFindings } from '../core/validate/zod-findings.js';
import { type CatalogIndex, indexCatalog } from '../core/flat-catalog.js';
import { type ScoreResult, scoreUnit } from '../core/scoring/score.js';
import { catalogPath, knownCatalogIds, looksLikePath } from './catalog-store.js';
import { isScalar, isSeq } from 'yaml';
import { locate, parseYaml, readText, readYaml, type Parsed, type YamlSource } from './yaml-file.js';
import { readCompiled } from './compiled-catalog.js';
import { fileKind, isWorkbookPath } from '../core/file-kind.js';

/** Paths in messages are shown relative to the working directory, as the user typed them. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

export interface LoadedCatalog {
  path: string;
  index?: CatalogIndex;
  findings: Finding[];
}

export interface LoadedEvidence {
  path: string;
  evidence?: Evidence;
  /** Gives findings about this evidence their position: line and column in YAML, a cell in a workbook. */
  locate?: (findings: Finding[]) => Finding[];
  /**
   * Problems found while reading. With `evidence` set, these are schema errors of single items, which
   * were left out of `evidence` so the rest of the file is still checked: every problem at once.
   */
  findings: Finding[];
  /** Codes of the items left out for schema errors: not to be reported again as unanswered. */
  skipped?: ReadonlySet<string>;
}

/** read YAML → schema → cross-checks, for a catalog already parsed. */
export function catalogFromParsed(parsed: Parsed, path: string): LoadedCatalog {
  if (!parsed.source || parsed.data === undefined) return { path, findings: parsed.findings };
  // An evidence file given as the catalog: one clear message rather than a screen of schema errors.
  if (fileKind(parsed.data) === 'evidence') return { path, findings: [notCatalog(path, 'evidence')] };
  const res = Catalog.safeParse(parsed.data);
  if (!res.success) return { path, findings: locate(parsed.source, zodFindings(res.error.issues, parsed.data)) };
  const checks = checkCatalog(res.data);
  if (basename(path).replace(/\.ya?ml$/i, '') !== res.data.id) {
    checks.push(finding('catalog.id_mismatch', ['id'], { id: res.data.id, file: basename(path) }));
  }
  const findings = locate(parsed.source, checks);
  return hasErrors(findings) ? { path, findings } : { path, index: indexCatalog(res.data), findings };
}

export function evidenceFromParsed(parsed: Parsed, path: string): LoadedEvidence {
  if (!parsed.source || parsed.data === undefined) return { path, findings: parsed.findings };
  const source = parsed.source;
  const at = (fs: Finding[]) => locate(source, fs);
  if (fileKind(parsed.data) === 'catalog') return { path, findings: at([finding('file.not_evidence', [])]) };
  const res = Evidence.safeParse(parsed.data);
  if (res.success) return { path, evidence: res.data, locate: at, findings: [] };
  const unquoted = unquotedCodes(source);
  const issues = res.error.issues.filter((i) => !unquoted.some((u) => samePath(u.path, i.path)));
  const findings = at([...unquoted, ...zodFindings(issues, parsed.data)]);
  const rest = withoutBrokenItems(parsed.data as Record<string, unknown>, res.error.issues);
  const again = rest && Evidence.safeParse(rest.data);
  if (!rest || !again?.success) return { path, findings };
  return { path, evidence: again.data, locate: at, findings, skipped: rest.skipped };
}

const samePath = (a: YamlPath, b: readonly PropertyKey[]) => a.length === b.length && a.every((s, i) => s === b[i]);

/**
 * Unit codes YAML read as numbers. `code: 012345` is the number 12345 to YAML: the message quotes
 * the code from the source text, exactly as typed, never the number. An error, not a warning read
 * from the source: every other reader of the file (the editor's schema check, a script, a
 * spreadsheet import) sees the number, and a unit code changed silently is a wrong ranking.
 */
function unquotedCodes(source: YamlSource): Finding[] {
  const out: Finding[] = [];
  const check = (node: unknown, path: YamlPath) => {
    if (isScalar(node) && typeof node.value === 'number') {
      out.push(finding('evidence.code_unquoted', path, { code: node.source ?? String(node.value) }));
    }
  };
  check(source.doc.getIn(['unit', 'code'], true), ['unit', 'code']);
  const predecessors = source.doc.getIn(['unit', 'predecessors'], true);
  if (isSeq(predecessors)) predecessors.items.forEach((n, i) => check(n, ['unit', 'predecessors', i]));
  return out;
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

function notCatalog(path: string, what: 'evidence' | 'workbook'): Finding {
  return { ...finding('file.not_catalog', [], { file: displayPath(path), what }), file: displayPath(path) };
}

export async function loadCatalogFile(path: string): Promise<LoadedCatalog> {
  const file = displayPath(path);
  if (isWorkbookPath(path)) return { path, findings: [notCatalog(path, 'workbook')] };
  const read = await readText(file);
  if (read.text === undefined) return { path, findings: read.findings };
  const compiled = await readCompiled(path, read.text);
  if (compiled) return { path, index: indexCatalog(compiled), findings: [] };
  return catalogFromParsed(parseYaml(read.text, file), path);
}

export async function loadEvidenceFile(path: string): Promise<LoadedEvidence> {
  return evidenceFromParsed(await readYaml(displayPath(path)), path);
}

export function parseEvidenceText(text: string, path: string): LoadedEvidence {
  return evidenceFromParsed(parseYaml(text, displayPath(path)), path);
}

const SYSTEM_DIRS = ['/dev', '/proc', '/sys'];
const inSystemDir = (p: string) => sep === '/' && SYSTEM_DIRS.some((d) => p === d || p.startsWith(`${d}/`));
const isLink = (p: string) => lstat(p).then((s) => s.isSymbolicLink(), () => false);

/**
 * Where a catalog reference may lead (the `catalog:` of an evidence file, which may come from anyone,
 * or --catalog): a regular file named .yaml or .yml, not under /dev, /proc or /sys, also once
 * symbolic links are followed. Checked with stat and realpath before anything is opened: opening a
 * FIFO waits for a writer, a device reads without end, /proc files echo the process's secrets.
 * A missing file is left to the reading, which names it as before.
 */
async function refusedCatalogPath(path: string): Promise<Finding | undefined> {
  const refused = (why: string) => finding('catalog.file_refused', ['catalog'], { file: displayPath(path), why });
  if (inSystemDir(path)) return refused('system');
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
    return code === 'ELOOP' || (code === 'ENOENT' && (await isLink(path))) ? refused('broken_link') : undefined;
  }
  if (inSystemDir(real)) return refused('system');
  const st = await stat(real).catch(() => undefined);
  if (st && !st.isFile()) return refused(st.isDirectory() ? 'is_directory' : 'not_regular');
  if (!/\.ya?ml$/i.test(path) || !/\.ya?ml$/i.test(real)) return refused('not_yaml');
  return undefined;
}

/**
 * Loads catalogs by reference once each: a batch of a thousand units against one catalog parses it once.
 * Problems with the reference itself (an unknown id, a missing or unusable file) come without a file:
 * the caller places them where the reference is written (the evidence's catalog: line, or --catalog).
 */
export class CatalogCache {
  private readonly byPath = new Map<string, Promise<LoadedCatalog>>();

  async get(ref: string, baseDir: string): Promise<LoadedCatalog> {
    const path = catalogPath(ref, baseDir);
    let p = this.byPath.get(path);
    if (!p) {
      p = this.load(ref, path);
      this.byPath.set(path, p);
    }
    return p;
  }

  private async load(ref: string, path: string): Promise<LoadedCatalog> {
    const refused = isWorkbookPath(path) ? undefined : await refusedCatalogPath(path);
    if (refused) return { path, findings: [refused] };
    const c = await loadCatalogFile(path);
    const missing = c.findings.find((f) => f.code === 'file.not_found' || f.code === 'file.is_directory');
    if (missing && !looksLikePath(ref)) {
      const known = knownCatalogIds().join(', ') || '—';
      return { path, findings: [finding('catalog.not_found', ['catalog'], { id: ref, known })] };
    }
    if (missing) return { path, findings: [finding('catalog.file_not_found', ['catalog'], { file: displayPath(path) })] };
    const wrong = c.findings.find((f) => f.code === 'file.not_catalog');
    if (wrong) return { path, findings: [finding('file.not_catalog', ['catalog'], wrong.args)] };
    // The file changed between the checks and the reading, or cannot be read: still about the reference.
    const unusable = c.findings.find((f) => f.line === undefined && f.cell === undefined && f.code.startsWith('file.'));
    if (unusable) {
      const why = unusable.code.slice('file.'.length);
      return { path, findings: [finding('catalog.file_refused', ['catalog'], { ...unusable.args, file: displayPath(path), why })] };
    }
    return c;
  }
}

export interface Assessment {
  result?: ScoreResult;
  findings: Finding[];
}

/** Cross-reference checks and scoring of one parsed evidence file; findings are positioned. */
export function assess(index: CatalogIndex, ev: LoadedEvidence): Assessment {
  if (!ev.evidence || !ev.locate) return { findings: ev.findings };
  const checks = checkEvidence(index, ev.evidence);
  // Against a catalog of another year or level, item-by-item results would only be noise.
  if (checks.some((f) => f.code === 'evidence.year_mismatch' || f.code === 'evidence.level_mismatch')) {
    return { findings: [...ev.findings, ...ev.locate(checks)] };
  }
  const { result, findings } = scoreUnit(index, ev.evidence);
  const fresh = findings.filter((f) => !(f.code === 'evidence.unanswered' && f.item !== undefined && ev.skipped?.has(f.item)));
  const all = [...ev.findings, ...ev.locate([...checks, ...fresh])];
  return hasErrors(all) ? { findings: all } : { result, findings: all };
}

/** The evidence file's catalog reference resolves relative to the evidence file. */
export function evidenceBaseDir(path: string): string {
  return dirname(path);
}
