import { join } from 'node:path';
import type { Finding } from '../core/findings/finding.js';
import type { Lang } from '../reporters/number.js';
import type { CatalogOption, Catalogs } from '../core/pipeline.js';
import { formWorkbook } from '../workbook/form.js';
import { saveWorkbook, stampProvenance } from '../xlsx/excel.js';
import { provenance } from '../io/provenance.js';
import { scoreForBatch } from './summarize.js';
import { placedFinding } from '../core/findings/codes.js';
import type { WorkerSetup } from '../core/batch/types.js';

/** `<unit code>.xlsx`, with characters no file system accepts replaced. */
export function formFileName(code: string): string {
  return `${code.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')}.xlsx`;
}

/**
 * Which forms to write: units whose codes give the same file name (20/1 and 20_1, or codes differing
 * only in case, on file systems that ignore case) get none, with a finding, rather than one form
 * silently replacing the other.
 */
export function planForms(units: ReadonlyArray<{ code: string; path: string }>, dir: string): { write: Array<{ path: string; target: string }>; clashes: Finding[] } {
  const byKey = new Map<string, Array<{ code: string; path: string; target: string }>>();
  for (const u of units) {
    const target = join(dir, formFileName(u.code));
    const key = target.toLowerCase();
    byKey.set(key, [...(byKey.get(key) ?? []), { ...u, target }]);
  }
  const write: Array<{ path: string; target: string }> = [];
  const clashes: Finding[] = [];
  for (const group of byKey.values()) {
    if (group.length === 1) write.push({ path: group[0]!.path, target: group[0]!.target });
    else clashes.push(placedFinding('batch.form_clash', { codes: group.map((g) => g.code).join(', ') }, { file: group[0]!.target }));
  }
  return { write, clashes };
}

/**
 * Writes one ranked unit's self-assessment form. The file is read and scored again rather than kept
 * from the first pass, so memory does not grow with the number of units.
 */
export async function writeForm(
  path: string,
  catalogs: Catalogs,
  option: CatalogOption | undefined,
  dir: string,
  lang: Lang,
  appraisals?: WorkerSetup['appraisals'],
): Promise<Finding[]> {
  const { unit, outcome, appraised } = await scoreForBatch(path, catalogs, option, appraisals);
  if (!unit?.result || !unit.flat || !unit.evidence.evidence || outcome.kind !== 'unit') return [];
  // An appraised unit's form has the appraisal columns filled (10–11) with their totals.
  const wb = await formWorkbook(unit.result, unit.flat, unit.evidence.evidence, lang, appraised);
  const overlay = outcome.unit.appraisal?.path;
  stampProvenance(wb, provenance({ id: unit.flat.catalog.id, file: unit.catalogFile }, overlay !== undefined ? [path, overlay] : [path]));
  return saveWorkbook(wb, join(dir, formFileName(outcome.unit.code)), [path, unit.catalogFile, overlay]);
}
