import { dirname, resolve } from 'node:path';
import type { Finding } from '../core/findings/finding.js';
import { hasErrors } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import type { FlatCatalog, Leaf } from '../core/flat-catalog.js';
import { toNumber } from '../core/fixed.js';
import { ratioKeys } from '../core/scoring/rules.js';
import { parseCitations } from '../core/schema/citation.js';
import type { CatalogOption, Catalogs } from '../core/pipeline.js';
import { appraisalFromDoc, type LoadedAppraisal } from '../core/appraisal/read.js';
import { catalogPath, looksLikePath } from '../io/catalog-store.js';
import { cellText, plain } from '../xlsx/cells.js';
import { excel, type Workbook, type Worksheet } from '../xlsx/excel.js';
import { catalogRefProblem, numberAt, ref, sheet, textAt, workbookBytes, type Reading } from './read-template.js';
import { choices, numberInput } from './template-layout.js';
import {
  ACOL,
  APPRAISAL_KIND,
  APPRAISAL_SHEET,
  APPRAISAL_VERSION,
  EXPLANATION_KIND,
  EXPLANATION_SHEET,
  META_SHEET,
  ROUND_FIELDS,
  ROUND_SHEET,
  REASON_LIST,
  XCOL,
  reasonOf,
} from './appraisal-layout.js';

/** A filled explanation (giải trình) workbook: the round to add to the overlay it was made from. */
export interface ReadExplanation {
  /** The unit code and the SHA-256 of the overlay the workbook was made from. */
  code: string;
  overlaySha256: string;
  round: { by?: string; date?: string; items: Record<string, { explanation: string; documents?: unknown[] }> };
  /** Cells for findings about `rounds.giai_trinh…` paths. */
  cells: Map<string, string>;
  findings: Finding[];
}

export type ReadAppraisalWorkbook =
  | { kind: 'appraisal'; loaded: LoadedAppraisal; flat: FlatCatalog; catalogFile: string }
  | { kind: 'explanation'; explanation: ReadExplanation; flat: FlatCatalog; catalogFile: string; file: string }
  | { kind: 'none'; findings: Finding[] };

/** Opens one of cchc's appraisal workbooks: its kind, version and catalog (as a filled template is). */
async function open(path: string, file: string, catalogs: Catalogs, option?: CatalogOption) {
  const baseDir = dirname(resolve(path));
  const bytes = await workbookBytes(path, file);
  if (!Buffer.isBuffer(bytes)) return { findings: bytes };
  const { Workbook } = await excel();
  const wb: Workbook = new Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { findings: [{ ...finding('xlsx.not_workbook', []), file }] };
  }
  const meta = sheet(wb, META_SHEET);
  const kind = meta ? cellText(meta.getCell('A1')) : '';
  if (!meta || (kind !== APPRAISAL_KIND && kind !== EXPLANATION_KIND)) return { findings: [{ ...finding('xlsx.not_template', []), file }] };
  const version = cellText(meta.getCell('B1'));
  if (version !== APPRAISAL_VERSION) {
    return { findings: [{ ...finding('xlsx.template_version', [], { found: version, expected: APPRAISAL_VERSION }), file, cell: ref(meta, 'B1') }] };
  }
  const recorded = cellText(meta.getCell('B2'));
  const onB2 = { file, cell: ref(meta, 'B2') };
  if (option === undefined) {
    const reason = await catalogRefProblem(recorded, baseDir);
    if (reason) return { findings: [{ ...finding('xlsx.catalog_ref', [], { catalog: recorded, reason }), ...onB2 }] };
  }
  const cat = option !== undefined ? await catalogs.get(option.ref, option.fromDir) : await catalogs.get(recorded, baseDir);
  if (!cat.flat) return { findings: cat.findings.map((f) => (f.file ? f : { ...f, ...onB2 })) };
  const catalogRef = option !== undefined ? option.ref : looksLikePath(recorded) ? catalogPath(recorded, baseDir) : recorded;
  const rows = new Map<string, number>();
  for (let r = 7; ; r++) {
    const code = cellText(meta.getCell(`A${r}`));
    if (!code) break;
    rows.set(code, Number(plain(meta.getCell(`B${r}`))));
  }
  return { wb, meta, kind, flat: cat.flat, catalogFile: cat.path, catalogRef, rows };
}

/** Who and when, from the round sheet; its cells for findings on `by` and `date`. */
function readRound(wb: Workbook, r: Reading, base: string): { by?: string; date?: string } {
  const ws = sheet(wb, ROUND_SHEET);
  if (!ws) {
    r.findings.push({ ...finding('xlsx.sheet_missing', [], { sheet: ROUND_SHEET }), file: r.file });
    return {};
  }
  const out: { by?: string; date?: string } = {};
  ROUND_FIELDS.forEach(([key], i) => {
    if (key !== 'by' && key !== 'date') return;
    const addr = `B${i + 2}`;
    r.cells.set(`${base}.${key}`, ref(ws, addr));
    const before = r.findings.length;
    const t = textAt(r, ws, addr, false);
    if (t) out[key] = t;
    else if (r.findings.length === before) {
      // Said here, on its cell; a stand-in then lets the schema pass so every row is still checked (every
      // problem at once): the error keeps anything from being written.
      r.findings.push({ ...finding('schema.missing_key', [...base.split('.'), key], { key }), file: r.file, cell: ref(ws, addr) });
      out[key] = key === 'date' ? '01/01/2000' : '-';
    }
  });
  return out;
}

/** A row that is not where the workbook says, or not the catalog's: refused as in a filled template. */
function rowMoved(r: Reading, ws: Worksheet, code: string, name: string, row: number | undefined): boolean {
  if (row !== undefined && cellText(ws.getCell(`A${row}`)) === code) return false;
  r.findings.push({ ...finding(row === undefined ? 'xlsx.catalog_changed' : 'xlsx.row_moved', [], { expected: `${code} ${name}` }, code), file: r.file, cell: ref(ws, `A${row ?? 1}`) });
  return true;
}

/** The appraiser's entries of one row, as the overlay writes them (empty when the row is left blank). */
function appraisalRow(r: Reading, ws: Worksheet, leaf: Leaf, row: number, base: string): Record<string, unknown> {
  const at = (col: string) => ref(ws, `${col}${row}`);
  const item: Record<string, unknown> = {};
  const keys = ratioKeys(leaf.rule);
  const list = choices(leaf.rule);
  const max = toNumber(leaf.max);
  const num = numberInput(leaf.rule, max);
  r.cells.set(base, at(ACOL.code));
  r.cells.set(`${base}.value`, at(ACOL.value));
  r.cells.set(`${base}.points`, at(ACOL.points));
  r.cells.set(`${base}.not_arisen`, at(ACOL.reason));
  r.cells.set(`${base}.reason`, at(ACOL.reason));
  r.cells.set(`${base}.missing`, at(ACOL.missing));
  r.cells.set(`${base}.note`, at(ACOL.note));
  const before = r.findings.length;
  if (keys) {
    r.cells.set(`${base}.value.${keys.numerator}`, at(ACOL.value));
    r.cells.set(`${base}.value.${keys.denominator}`, at(ACOL.denominator));
    const a = numberAt(r, ws, `${ACOL.value}${row}`, { expected: 'count' }, leaf.code);
    const b = numberAt(r, ws, `${ACOL.denominator}${row}`, { expected: 'count' }, leaf.code);
    if (!hasErrors(r.findings.slice(before)) && (a !== undefined || b !== undefined)) {
      item.value = { ...(a !== undefined ? { [keys.numerator]: a } : {}), ...(b !== undefined ? { [keys.denominator]: b } : {}) };
    }
  } else if (list) {
    const t = textAt(r, ws, `${ACOL.value}${row}`, false, leaf.code);
    if (t) {
      const hit = list.find(([label, value]) => label.normalize('NFC').toLowerCase() === t.toLowerCase() || String(value) === t.toLowerCase());
      if (hit) item.value = hit[1];
      else r.findings.push({ ...finding('xlsx.not_in_list', [], { value: t, allowed: list.map(([l]) => l).join('; ') }, leaf.code), file: r.file, cell: at(ACOL.value) });
    }
  } else if (num) {
    const n = numberAt(r, ws, `${ACOL.value}${row}`, { expected: num.expected, max: num.max }, leaf.code);
    if (n !== undefined) item.value = n;
  }
  const points = numberAt(r, ws, `${ACOL.points}${row}`, { expected: 'points', max }, leaf.code);
  if (points !== undefined) item.points = points;
  const reasonText = textAt(r, ws, `${ACOL.reason}${row}`, false, leaf.code);
  if (reasonText) {
    const reason = reasonOf(reasonText);
    if (reason) item.reason = reason;
    else r.findings.push({ ...finding('xlsx.not_in_list', [], { value: reasonText, allowed: REASON_LIST.map(([l]) => l).join('; ') }, leaf.code), file: r.file, cell: at(ACOL.reason) });
  }
  const missing = textAt(r, ws, `${ACOL.missing}${row}`, true, leaf.code);
  if (missing) item.missing = missing;
  const note = textAt(r, ws, `${ACOL.note}${row}`, true, leaf.code);
  if (note) item.note = note;
  // "The task did not arise" chosen as the reason, with nothing else set: the item is taken out by its rule.
  if (item.reason === 'khong_phat_sinh' && item.value === undefined && item.points === undefined) item.not_arisen = true;
  return item;
}

/** Gives findings about an overlay path the cell it came from. */
function locator(cells: Map<string, string>, file: string) {
  return (fs: readonly Finding[]): Finding[] =>
    fs.map((f) => {
      if (f.file) return f;
      for (let n = f.path.length; n >= 0; n--) {
        const c = cells.get(f.path.slice(0, n).join('.'));
        if (c) return { ...f, file, cell: c };
      }
      return { ...f, file };
    });
}

/**
 * Reads a filled appraiser's workbook (into an overlay with round 1) or a filled explanation workbook
 * (into the giải trình round to add to its overlay). Every problem names its sheet and cell.
 */
export async function readAppraisalWorkbook(path: string, file: string, catalogs: Catalogs, option?: CatalogOption): Promise<ReadAppraisalWorkbook> {
  const o = await open(path, file, catalogs, option);
  if ('findings' in o) return { kind: 'none', findings: o.findings };
  const { wb, meta, kind, flat, catalogFile, catalogRef, rows } = o;
  const r: Reading = { raw: {}, cells: new Map(), findings: [], file };
  r.cells.set('unit.code', ref(meta, 'B4'));
  r.cells.set('catalog', ref(meta, 'B2'));
  r.cells.set('year', ref(meta, 'B3'));
  const code = cellText(meta.getCell('B4'));

  if (kind === APPRAISAL_KIND) {
    const ws = sheet(wb, APPRAISAL_SHEET);
    if (!ws) return { kind: 'none', findings: [{ ...finding('xlsx.sheet_missing', [], { sheet: APPRAISAL_SHEET }), file }] };
    const head = readRound(wb, r, 'rounds.tham_dinh_1');
    const items: Record<string, Record<string, unknown>> = {};
    for (const leaf of flat.leaves.values()) {
      const row = rows.get(leaf.code);
      if (rowMoved(r, ws, leaf.code, leaf.name, row)) continue;
      const before = r.findings.length;
      const item = appraisalRow(r, ws, leaf, row!, `rounds.tham_dinh_1.items.${leaf.code}`);
      // A row with a cell refused is left out, so the other rows are still checked: every problem at once.
      if (Object.keys(item).length && !hasErrors(r.findings.slice(before))) items[leaf.code] = item;
    }
    const name = cellText(sheet(wb, ROUND_SHEET)?.getCell('B2') ?? meta.getCell('B4'));
    const data = { unit: { code, ...(name ? { name } : {}) }, catalog: catalogRef, year: Number(cellText(meta.getCell('B3'))), rounds: { tham_dinh_1: { ...head, items } } };
    const loaded = appraisalFromDoc({ file, data, locate: locator(r.cells, file) }, path);
    return { kind: 'appraisal', loaded: { ...loaded, findings: [...r.findings, ...loaded.findings] }, flat, catalogFile };
  }

  const ws = sheet(wb, EXPLANATION_SHEET);
  if (!ws) return { kind: 'none', findings: [{ ...finding('xlsx.sheet_missing', [], { sheet: EXPLANATION_SHEET }), file }] };
  const head = readRound(wb, r, 'rounds.giai_trinh');
  const items: ReadExplanation['round']['items'] = {};
  for (const [itemCode, row] of rows) {
    const leaf = flat.leaves.get(itemCode);
    if (!leaf || rowMoved(r, ws, itemCode, leaf.name, row)) continue;
    const base = `rounds.giai_trinh.items.${itemCode}`;
    r.cells.set(base, ref(ws, `${XCOL.code}${row}`));
    r.cells.set(`${base}.explanation`, ref(ws, `${XCOL.explanation}${row}`));
    r.cells.set(`${base}.documents`, ref(ws, `${XCOL.documents}${row}`));
    const explanation = textAt(r, ws, `${XCOL.explanation}${row}`, true, itemCode);
    const docs = textAt(r, ws, `${XCOL.documents}${row}`, true, itemCode);
    if (!explanation && !docs) continue;
    // Documents without a word of explanation: the schema asks for one, on the explanation cell.
    items[itemCode] = { explanation: explanation ?? '', ...(docs ? { documents: parseCitations(docs) } : {}) };
  }
  return {
    kind: 'explanation',
    explanation: { code, overlaySha256: cellText(meta.getCell('B5')), round: { ...head, items }, cells: r.cells, findings: r.findings },
    flat,
    catalogFile,
    file,
  };
}

export { locator as cellLocator };
