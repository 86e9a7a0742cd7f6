import { dirname, resolve } from 'node:path';
import type { Finding } from './findings/finding.js';
import { hasErrors } from './findings/finding.js';
import { CatalogCache, assess, displayPath, loadEvidenceFile, type Assessment, type LoadedEvidence } from '../io/load.js';
import { readTemplate } from '../workbook/read-template.js';
import { isWorkbookPath } from './file-kind.js';
import type { CatalogIndex } from './flat-catalog.js';

export interface UnitScore extends Assessment {
  index?: CatalogIndex;
  /** The catalog file it was scored with: an input, never to be written over. */
  catalogFile?: string;
  evidence: LoadedEvidence;
}

/**
 * The pipeline for one unit: read evidence → schema → resolve its catalog (or --catalog) →
 * cross-checks → score. Every problem comes back as a positioned finding.
 */
export async function scoreEvidence(ev: LoadedEvidence, cache: CatalogCache, catalogOption?: string): Promise<UnitScore> {
  if (!ev.evidence || !ev.locate) return { evidence: ev, findings: ev.findings };
  const ref = catalogOption ?? ev.evidence.catalog;
  const base = catalogOption ? process.cwd() : dirname(resolve(ev.path));
  const cat = await cache.get(ref, base);
  if (!cat.index) {
    // A finding without a file is about the catalog reference: the --catalog option or the evidence's `catalog:`.
    const placed: Finding[] = cat.findings.map((f) =>
      f.file ? f : catalogOption ? { ...f, file: `--catalog ${catalogOption}` } : ev.locate!([f])[0]!,
    );
    return { evidence: ev, findings: [...ev.findings, ...placed] };
  }
  const a = assess(cat.index, ev);
  return { ...a, index: cat.index, catalogFile: cat.path, evidence: ev, findings: [...cat.findings.filter((f) => !hasErrors([f])), ...a.findings] };
}

/** A unit's evidence from a YAML file or a filled `cchc template` workbook. */
export async function loadUnitFile(path: string, cache: CatalogCache, catalogOption?: string): Promise<LoadedEvidence> {
  if (isWorkbookPath(path)) return (await readTemplate(path, displayPath(path), cache, catalogOption)).loaded;
  return loadEvidenceFile(path);
}

export async function scoreFile(path: string, cache: CatalogCache, catalogOption?: string): Promise<UnitScore> {
  return scoreEvidence(await loadUnitFile(path, cache, catalogOption), cache, catalogOption);
}
