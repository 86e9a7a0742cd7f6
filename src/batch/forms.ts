import { join } from 'node:path';
import type { Finding } from '../core/findings/finding.js';
import { formBytes } from '../workbook/form.js';
import { stageWrite } from '../io/atomic-write.js';
import { provenance } from '../io/provenance.js';
import type { Scored } from './summarize.js';
import { placedFinding } from '../core/findings/codes.js';

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
 * Makes one unit's self-assessment form while the unit is scored (batch --forms), from the score just
 * made: the file is read and parsed once. The form is staged beside its final name; the main thread
 * puts it in place once the ranking says the unit is ranked and the name is its own (or discards it).
 */
export async function stageForm(path: string, scored: Scored, dir: string): Promise<{ tmp?: string; findings: Finding[] }> {
  const { unit, outcome, appraised } = scored;
  if (!unit?.result || !unit.flat || !unit.evidence.evidence || outcome.kind !== 'unit') return { findings: [] };
  // An appraised unit's form has the appraisal columns filled (10–11) with their totals.
  const overlay = outcome.unit.appraisal?.path;
  const made = provenance({ id: unit.flat.catalog.id, file: unit.catalogFile }, overlay !== undefined ? [path, overlay] : [path]);
  const bytes = await formBytes(unit.result, unit.flat, unit.evidence.evidence, appraised, made);
  const staged = await stageWrite(join(dir, formFileName(outcome.unit.code)), bytes, [path, unit.catalogFile, overlay]);
  return 'tmp' in staged ? { tmp: staged.tmp, findings: [] } : { findings: staged.findings };
}
