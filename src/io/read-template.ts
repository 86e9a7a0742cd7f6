import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { catalogPath, looksLikePath } from './catalog-store.js';
import { Evidence } from '../schema/evidence.js';
import type { Finding } from '../findings/finding.js';
import { hasErrors } from '../findings/finding.js';
import { finding } from '../findings/messages.js';
import type { CatalogIndex } from '../scoring/catalog-index.js';
import { ratioKeys } from '../scoring/rules.js';
import { zodFindings } from '../validate/zod-findings.js';
import { parseCitations } from '../export/citation.js';
import {
  COL,
  INPUT_SHEET,
  META_SHEET,
  TEMPLATE_VERSION,
  UNIT_FIELDS,
  UNIT_SHEET,
  choices,
  numberInput,
} from '../export/template-layout.js';
import { excel, type Cell, type Worksheet } from '../export/xlsx.js';
import { MAX_FILE_BYTES } from './yaml-file.js';
import type { CatalogCache, LoadedEvidence } from './load.js';

const ref = (ws: Worksheet | string, addr: string) => `'${typeof ws === 'string' ? ws : ws.name}'!${addr}`;

/** The plain value of a cell: formulas give their result, rich text its text. */
function plain(c: Cell): unknown {
  const v = c.value as unknown;
  if (v && typeof v === 'object') {
    if ('result' in v) return (v as { result: unknown }).result;
    if ('richText' in v) return (v as { richText: Array<{ text: string }> }).richText.map((t) => t.text).join('');
    if ('text' in v) return (v as { text: unknown }).text;
    if (v instanceof Date) return v;
  }
  return v;
}

function cellText(c: Cell): string {
  const v = plain(c);
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}`;
  return String(v).normalize('NFC').trim();
}

/** A number cell; text like "97,5" (typed with a decimal comma into a text cell) is read as 97.5. */
function cellNumber(c: Cell): number | undefined | 'bad' {
  const v = plain(c);
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(?:[.,]\d+)?\s*$/.test(v)) return Number(v.trim().replace(',', '.'));
  return 'bad';
}

interface Reading {
  raw: Record<string, unknown>;
  cells: Map<string, string>;
  findings: Finding[];
}

function readUnit(wb: { getWorksheet(n: string): Worksheet | undefined }, file: string, r: Reading): Record<string, unknown> {
  const unit: Record<string, unknown> = {};
  const ws = wb.getWorksheet(UNIT_SHEET);
  if (!ws) {
    r.findings.push({ ...finding('xlsx.sheet_missing', [], { sheet: UNIT_SHEET }), file });
    return unit;
  }
  UNIT_FIELDS.forEach(([key], i) => {
    const row = i + 2;
    if (cellText(ws.getCell(`C${row}`)) !== key) {
      r.findings.push({ ...finding('xlsx.row_moved', [], { expected: key }), file, cell: ref(ws, `A${row}`) });
      return;
    }
    const t = cellText(ws.getCell(`B${row}`));
    const path = key === 'date' || key === 'signer' ? key : `unit.${key}`;
    r.cells.set(path, ref(ws, `B${row}`));
    if (t === '') return;
    if (key === 'predecessors') unit[key] = t.split(/[,;]\s*/).filter(Boolean);
    else if (key === 'date' || key === 'signer') r.raw[key] = t;
    else unit[key] = t;
  });
  return unit;
}

/**
 * Reads a filled `cchc template` workbook into an evidence object. Every problem names its sheet and
 * cell; later findings (schema, cross-checks, scoring) are placed on cells through the same map.
 */
export async function readTemplate(path: string, file: string, cache: CatalogCache, catalogOption?: string): Promise<{ loaded: LoadedEvidence; index?: CatalogIndex }> {
  const fail = (fs: Finding[]) => ({ loaded: { path, findings: fs } });
  let bytes: Buffer;
  try {
    const st = await stat(path);
    if (st.isDirectory()) return fail([{ ...finding('file.is_directory', []), file }]);
    if (!st.isFile()) return fail([{ ...finding('file.not_regular', []), file }]);
    if (st.size > MAX_FILE_BYTES) return fail([{ ...finding('file.too_large', [], { size: st.size, limit: MAX_FILE_BYTES }), file }]);
    bytes = await readFile(path);
  } catch (e) {
    const code = typeof e === 'object' && e && 'code' in e ? String((e as { code: unknown }).code) : String(e);
    return fail([{ ...finding(code === 'ENOENT' ? 'file.not_found' : 'file.unreadable', [], { reason: code }), file }]);
  }
  const { Workbook } = await excel();
  const wb = new Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return fail([{ ...finding('xlsx.not_workbook', []), file }]);
  }
  const meta = wb.getWorksheet(META_SHEET);
  if (!meta || cellText(meta.getCell('A1')) !== 'cchc_template') return fail([{ ...finding('xlsx.not_template', []), file }]);
  const version = cellText(meta.getCell('B1'));
  if (version !== TEMPLATE_VERSION) {
    return fail([{ ...finding('xlsx.template_version', [], { found: version, expected: TEMPLATE_VERSION }), file, cell: ref(meta, 'B1') }]);
  }
  // B2 names a shipped catalog, or a file relative to the workbook's folder.
  const recorded = cellText(meta.getCell('B2'));
  const cat = catalogOption !== undefined ? await cache.get(catalogOption, process.cwd()) : await cache.get(recorded, dirname(resolve(path)));
  const catalogRef = catalogOption !== undefined ? catalogOption : looksLikePath(recorded) ? catalogPath(recorded, dirname(resolve(path))) : recorded;
  if (!cat.index) return fail(cat.findings.map((f) => (f.file ? f : { ...f, file, cell: ref(meta, 'B2') })));
  const index = cat.index;
  const year = Number(cellText(meta.getCell('B3')));
  const ws = wb.getWorksheet(INPUT_SHEET);
  if (!ws) return fail([{ ...finding('xlsx.sheet_missing', [], { sheet: INPUT_SHEET }), file }]);

  const rows = new Map<string, number>();
  const plainCitations = new Map<string, Set<string>>();
  for (let r = 5; ; r++) {
    const code = cellText(meta.getCell(`A${r}`));
    if (!code) break;
    rows.set(code, Number(plain(meta.getCell(`B${r}`))));
    const kept = cellText(meta.getCell(`C${r}`));
    if (kept) plainCitations.set(code, new Set(kept.split('\n')));
  }

  const r: Reading = { raw: {}, cells: new Map(), findings: [] };
  const unit = readUnit(wb, file, r);
  const items: Record<string, Record<string, unknown>> = {};
  const at = (addr: string) => ref(ws, addr);

  for (const leaf of index.leaves.values()) {
    const row = rows.get(leaf.code);
    if (row === undefined || cellText(ws.getCell(`${COL.code}${row}`)) !== leaf.code || cellText(ws.getCell(`${COL.name}${row}`)).toLowerCase() !== leaf.name.normalize('NFC').toLowerCase()) {
      r.findings.push({
        ...finding(row === undefined ? 'xlsx.catalog_changed' : 'xlsx.row_moved', [], { expected: `${leaf.code} ${leaf.name}` }, leaf.code),
        file,
        cell: at(`${COL.code}${row ?? 1}`),
      });
      continue;
    }
    const base = `items.${leaf.code}`;
    const item: Record<string, unknown> = {};
    const cell = (col: string) => ws.getCell(`${col}${row}`);
    const keys = ratioKeys(leaf.rule);
    const list = choices(leaf.rule);
    const num = numberInput(leaf.rule, leaf.max / 10_000);
    r.cells.set(base, at(`${COL.code}${row}`));
    r.cells.set(`${base}.value`, at(`${COL.value}${row}`));
    r.cells.set(`${base}.not_arisen`, at(`${COL.notArisen}${row}`));
    r.cells.set(`${base}.documents`, at(`${COL.documents}${row}`));
    r.cells.set(`${base}.note`, at(`${COL.note}${row}`));
    r.cells.set(`${base}.claimed`, at(`${COL.claimed}${row}`));

    const bad = (col: string, code: 'xlsx.not_a_number' | 'xlsx.not_in_list', args: Record<string, string>) =>
      r.findings.push({ ...finding(code, [], args, leaf.code), file, cell: at(`${col}${row}`) });

    if (keys) {
      r.cells.set(`${base}.value.${keys.numerator}`, at(`${COL.value}${row}`));
      r.cells.set(`${base}.value.${keys.denominator}`, at(`${COL.denominator}${row}`));
      const a = cellNumber(cell(COL.value));
      const b = cellNumber(cell(COL.denominator));
      if (a === 'bad') bad(COL.value, 'xlsx.not_a_number', { what: num!.what });
      if (b === 'bad') bad(COL.denominator, 'xlsx.not_a_number', { what: num!.what });
      if (a !== 'bad' && b !== 'bad' && (a !== undefined || b !== undefined)) {
        const v: Record<string, unknown> = {};
        if (a !== undefined) v[keys.numerator] = a;
        if (b !== undefined) v[keys.denominator] = b;
        item.value = v;
      }
    } else if (list) {
      const t = cellText(cell(COL.value));
      if (t !== '') {
        const hit = list.find(([label, value]) => label.toLowerCase() === t.toLowerCase() || String(value) === t.toLowerCase());
        if (hit) item.value = hit[1];
        else bad(COL.value, 'xlsx.not_in_list', { value: t, allowed: list.map(([l]) => l).join(', ') });
      }
    } else {
      const n = cellNumber(cell(COL.value));
      if (n === 'bad') bad(COL.value, 'xlsx.not_a_number', { what: num?.what ?? 'số' });
      else if (n !== undefined) item.value = n;
    }
    const na = cellText(cell(COL.notArisen));
    if (na) item.not_arisen = na;
    const docs = cellText(cell(COL.documents));
    if (docs) item.documents = parseCitations(docs, plainCitations.get(leaf.code));
    const note = cellText(cell(COL.note));
    if (note) item.note = note;
    const claimed = cellNumber(cell(COL.claimed));
    if (claimed === 'bad') bad(COL.claimed, 'xlsx.not_a_number', { what: 'điểm' });
    else if (claimed !== undefined) item.claimed = claimed;
    if (Object.keys(item).length) items[leaf.code] = item;
  }

  const raw = { unit, catalog: catalogRef, year, ...r.raw, items };
  const locate = (fs: Finding[]): Finding[] =>
    fs.map((f) => {
      if (f.file) return f;
      for (let n = f.path.length; n >= 0; n--) {
        const key = f.path.slice(0, n).join('.');
        const c = r.cells.get(key) ?? (key === 'catalog' || key === 'year' ? ref(META_SHEET, key === 'catalog' ? 'B2' : 'B3') : undefined);
        if (c) return { ...f, file, cell: c };
      }
      return { ...f, file };
    });
  if (hasErrors(r.findings)) return { loaded: { path, findings: r.findings }, index };
  const res = Evidence.safeParse(raw);
  if (!res.success) return { loaded: { path, findings: locate(zodFindings(res.error.issues, raw)) }, index };
  return { loaded: { path, evidence: res.data, locate, findings: [] }, index };
}
