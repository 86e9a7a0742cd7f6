import { join } from 'node:path';
import type { Finding } from '../findings/finding.js';
import type { Lang } from '../i18n/number.js';
import type { CatalogCache } from '../io/load.js';
import { formWorkbook } from '../export/form.js';
import { saveWorkbook } from '../export/xlsx.js';
import { scoreForBatch } from './summarize.js';

/** `<unit code>.xlsx`, with characters no file system accepts replaced. */
export function formFileName(code: string): string {
  return `${code.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')}.xlsx`;
}

/**
 * Writes one ranked unit's self-assessment form. The file is read and scored again rather than kept
 * from the first pass, so memory does not grow with the number of units.
 */
export async function writeForm(path: string, cache: CatalogCache, catalog: string | undefined, dir: string, lang: Lang): Promise<Finding[]> {
  const { unit, outcome } = await scoreForBatch(path, cache, catalog);
  if (!unit?.result || !unit.index || !unit.evidence.evidence || outcome.kind !== 'unit') return [];
  const wb = await formWorkbook(unit.result, unit.index, unit.evidence.evidence, lang);
  return saveWorkbook(wb, join(dir, formFileName(outcome.unit.code)), [path, unit.catalogFile]);
}
