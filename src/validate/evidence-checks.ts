import type { Evidence } from '../schema/evidence.js';
import type { Finding } from '../findings/finding.js';
import { finding } from '../findings/messages.js';
import type { CatalogIndex } from '../scoring/catalog-index.js';

export function isRealDate(text: string): boolean {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [d, mo, y] = text.includes('/') ? [+m[1]!, +m[2]!, +m[3]!] : [+m[3]!, +m[2]!, +m[1]!];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/**
 * Cross-reference checks of a schema-valid evidence file against the catalog it is scored with.
 * Value checks that depend on a rule happen while scoring (rules.readValue), in the same pass.
 */
export function checkEvidence(index: CatalogIndex, ev: Evidence): Finding[] {
  const out: Finding[] = [];
  const { catalog } = index;
  if (ev.catalog !== catalog.id && !ev.catalog.endsWith(`${catalog.id}.yaml`)) {
    out.push(finding('evidence.catalog_mismatch', ['catalog'], { declared: ev.catalog, used: catalog.id }));
  }
  if (ev.year !== catalog.year) out.push(finding('evidence.year_mismatch', ['year'], { unit: ev.year, catalog: catalog.year }));
  if (ev.unit.level !== catalog.level) {
    out.push(finding('evidence.level_mismatch', ['unit', 'level'], { unit: ev.unit.level, catalog: catalog.level }));
  }
  if (ev.date !== undefined && !isRealDate(ev.date)) out.push(finding('evidence.date_invalid', ['date'], { date: ev.date }));
  for (const [code, item] of Object.entries(ev.items)) {
    const path = ['items', code];
    if (!index.leaves.has(code)) {
      out.push(finding(index.parents.has(code) ? 'evidence.not_leaf' : 'evidence.unknown_code', path, { code }, code));
      continue;
    }
    if (item.value !== undefined && item.not_arisen !== undefined) {
      out.push(finding('evidence.value_and_not_arisen', [...path, 'not_arisen'], {}, code));
    }
    item.documents?.forEach((d, i) => {
      if (typeof d !== 'string' && !isRealDate(d.date)) {
        out.push(finding('evidence.date_invalid', [...path, 'documents', i, 'date'], { date: d.date }, code));
      }
    });
  }
  return out;
}
