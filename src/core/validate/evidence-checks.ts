import type { Document, Evidence } from '../schema/evidence.js';
import type { Finding } from '../findings/finding.js';
import { finding } from '../findings/codes.js';
import type { FlatCatalog } from '../flat-catalog.js';
import type { YamlPath } from '../findings/finding.js';
import { datesIn, dayExists, parseCitation, symbolYear } from '../schema/citation.js';

function dateParts(text: string): [day: number, month: number, year: number] | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  return text.includes('/') ? [+m[1]!, +m[2]!, +m[3]!] : [+m[3]!, +m[2]!, +m[1]!];
}

export function isRealDate(text: string): boolean {
  const p = dateParts(text);
  return p !== undefined && dayExists(...p);
}

/** A symbol carrying a year ("01/2024/TT-BNV") names the year of issue: another date's year is a typo in one of them. */
function symbolYearCheck(number: string, date: string, path: YamlPath, code: string): Finding[] {
  const inSymbol = symbolYear(number);
  const year = dateParts(date)?.[2];
  if (inSymbol === undefined || year === undefined || inSymbol === year) return [];
  return [finding('evidence.symbol_year', path, { number, symbolYear: inSymbol, date }, code)];
}

/**
 * A document's dates: the structured `date:`, and every date written inside a free-text citation
 * ("Kế hoạch số 35/KH-UBND ngày 31/02/2024 của UBND xã"), which would otherwise be printed as given.
 */
export function documentChecks(d: Document | string, path: YamlPath, code: string): Finding[] {
  if (typeof d !== 'string') {
    if (!isRealDate(d.date)) return [finding('evidence.date_invalid', [...path, 'date'], { date: d.date }, code)];
    return symbolYearCheck(d.number, d.date, [...path, 'number'], code);
  }
  const out = datesIn(d)
    .filter((x) => !dayExists(x.day, x.month, x.year))
    .map((x) => finding('evidence.date_invalid', path, { date: x.text }, code));
  const cited = parseCitation(d);
  if (!out.length && typeof cited !== 'string') out.push(...symbolYearCheck(cited.number, cited.date, path, code));
  return out;
}

/**
 * Cross-reference checks of a schema-valid evidence file against the catalog it is scored with.
 * Value checks that depend on a rule happen while scoring (rules.readValue), in the same pass.
 */
export function checkEvidence(index: FlatCatalog, ev: Evidence): Finding[] {
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
    if (index.deciders.has(code)) {
      // A parent that decides "did not arise" for its branch takes that declaration, its documents and a note.
      if (item.value !== undefined || item.claimed !== undefined)
        out.push(finding('evidence.parent_value', [...path, item.value !== undefined ? 'value' : 'claimed'], { code }, code));
    } else if (!index.leaves.has(code)) {
      out.push(finding(index.parents.has(code) ? 'evidence.not_leaf' : 'evidence.unknown_code', path, { code }, code));
      continue;
    }
    if (item.value !== undefined && item.not_arisen !== undefined) {
      out.push(finding('evidence.value_and_not_arisen', [...path, 'not_arisen'], {}, code));
    }
    item.documents?.forEach((d, i) => out.push(...documentChecks(d, [...path, 'documents', i], code)));
  }
  return out;
}
