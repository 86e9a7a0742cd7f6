import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { catalogPath, looksLikePath } from '../io/catalog-store.js';
import { badCharacter, cellNumber, cellText, plain, shiftDecimal } from '../xlsx/cells.js';
import { otherSpreadsheetFormat } from '../core/file-kind.js';
import { sniffWorkbook } from '../xlsx/workbook-guard.js';
import type { Finding } from '../core/findings/finding.js';
import { hasErrors } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import type { FlatCatalog } from '../core/flat-catalog.js';
import { flatForType } from '../core/unit-types.js';
import { toNumber } from '../core/fixed.js';
import { ratioKeys } from '../core/scoring/rules.js';
import { namedInputs } from '../core/scoring/named.js';
import { parseCitations } from '../core/schema/citation.js';
import {
  COL,
  HEAD_ROW,
  INPUT_SHEET,
  META_SHEET,
  TEMPLATE_VERSION,
  UNIT_FIELDS,
  SURVEY_ROW,
  UNIT_SHEET,
  choices,
  inputChoices,
  inputRef,
  inputRowLabel,
  RESPONSIBLE_COL,
  RESPONSIBLE_HEAD,
  numberInput,
  unitChoices,
  type Expected,
} from './template-layout.js';
import { excel, type Workbook, type Worksheet } from '../xlsx/excel.js';
import { MAX_FILE_BYTES } from '../io/yaml-file.js';
import { evidenceFromDoc, type CatalogOption, type Catalogs, type LoadedEvidence } from '../core/pipeline.js';

export const ref = (ws: Worksheet | string, addr: string) => `'${typeof ws === 'string' ? ws : ws.name}'!${addr}`;

/** A sheet by name; names compared in NFC, as a program may have written them decomposed. */
export function sheet(wb: Workbook, name: string): Worksheet | undefined {
  return wb.getWorksheet(name) ?? wb.worksheets.find((w) => w.name.normalize('NFC') === name);
}

export interface Reading {
  raw: Record<string, unknown>;
  cells: Map<string, string>;
  findings: Finding[];
  file: string;
}

/** Cell text, refused when it holds damaged (U+FFFD) or control characters; one-line fields take no line breaks. */
export function textAt(r: Reading, ws: Worksheet, addr: string, multiline: boolean, item?: string): string | undefined {
  const t = cellText(ws.getCell(addr));
  const bad = badCharacter(t, multiline);
  if (!bad) return t;
  const code = bad.kind === 'replacement' ? 'xlsx.mojibake' : 'xlsx.control_char';
  r.findings.push({ ...finding(code, [], { char: bad.char }, item), file: r.file, cell: ref(ws, addr) });
  return undefined;
}

/**
 * A number typed for `expect`. A percentage (a percent-formatted cell, or "89,6%" typed as text) is taken
 * in a percent field and refused elsewhere; a count must be whole (1180,5 is refused, never rounded);
 * a bare number above 0 and at most 1 in a percent field is read as it is, with a warning: it may be a
 * fraction (0,896 for 89,6 %) or really a rate of at most 1 %.
 */
export function numberAt(r: Reading, ws: Worksheet, addr: string, expect: { expected: Expected; max?: number }, item: string): number | undefined {
  const n = cellNumber(ws.getCell(addr));
  if (n.kind === 'empty') return undefined;
  const at = { file: r.file, cell: ref(ws, addr) };
  const max = expect.max !== undefined ? { max: expect.max } : {};
  if (n.kind === 'bad') {
    r.findings.push({ ...finding('xlsx.not_a_number', [], { expected: expect.expected, value: n.text, ...max }, item), ...at });
    return undefined;
  }
  if (n.percent && expect.expected !== 'percent') {
    r.findings.push({ ...finding('xlsx.percent_unexpected', [], { expected: expect.expected, value: n.typed, ...max }, item), ...at });
    return undefined;
  }
  if (expect.expected === 'count' && !Number.isInteger(n.value)) {
    r.findings.push({ ...finding('xlsx.not_whole', [], { value: n.typed }, item), ...at });
    return undefined;
  }
  if (expect.expected === 'percent' && !n.percent && n.value > 0 && n.value <= 1) {
    r.findings.push({ ...finding('xlsx.percent_fraction', [], { value: n.value, percent: shiftDecimal(n.value, 2) }, item), ...at });
  }
  return n.value;
}

function readUnit(wb: Workbook, r: Reading): Record<string, unknown> {
  const unit: Record<string, unknown> = {};
  const ws = sheet(wb, UNIT_SHEET);
  if (!ws) {
    r.findings.push({ ...finding('xlsx.sheet_missing', [], { sheet: UNIT_SHEET }), file: r.file });
    return unit;
  }
  UNIT_FIELDS.forEach(([key], i) => {
    const row = i + 2;
    if (cellText(ws.getCell(`C${row}`)) !== key) {
      r.findings.push({ ...finding('xlsx.row_moved', [], { expected: key }), file: r.file, cell: ref(ws, `A${row}`) });
      return;
    }
    const path = key === 'date' || key === 'signer' ? key : `unit.${key}`;
    r.cells.set(path, ref(ws, `B${row}`));
    const t = textAt(r, ws, `B${row}`, false);
    if (!t) return;
    const list = unitChoices(key);
    if (list) {
      const hit = list.find(([label, code]) => label.toLowerCase() === t.toLowerCase() || code === t.toLowerCase());
      if (hit) unit[key] = hit[1];
      else r.findings.push({ ...finding('xlsx.not_in_list', [], { value: t, allowed: list.map(([l]) => l).join('; ') }), file: r.file, cell: ref(ws, `B${row}`) });
    } else if (key === 'predecessors') unit[key] = t.split(/[,;]\s*/).filter(Boolean);
    else if (key === 'date' || key === 'signer') r.raw[key] = t;
    else unit[key] = t;
  });
  // A catalog with a survey share: "no survey this year" on the row after the unit's fields.
  if (cellText(ws.getCell(`C${SURVEY_ROW.row}`)) === SURVEY_ROW.key) {
    const at = `B${SURVEY_ROW.row}`;
    r.cells.set(SURVEY_ROW.key, ref(ws, at));
    const t = textAt(r, ws, at, false)?.toLowerCase();
    if (t === 'có') r.raw[SURVEY_ROW.key] = true;
    else if (t === 'không') r.raw[SURVEY_ROW.key] = false;
    else if (t) r.findings.push({ ...finding('xlsx.not_in_list', [], { value: t, allowed: 'Có; Không' }), file: r.file, cell: ref(ws, at) });
  }
  return unit;
}

/** Why the catalog a workbook names cannot be read, found without opening it (a FIFO would block an open). */
export async function catalogRefProblem(recorded: string, baseDir: string): Promise<'directory' | 'not_regular' | 'system' | undefined> {
  if (!looksLikePath(recorded)) return undefined; // a shipped catalog's id
  const target = catalogPath(recorded, baseDir);
  const st = await stat(target).catch(() => undefined);
  if (!st) return undefined; // missing: the catalog loader says so, on this cell
  if (st.isDirectory()) return 'directory';
  if (!st.isFile()) return 'not_regular';
  // /proc and /sys files look regular (size 0) and read as anything.
  const real = await realpath(target).catch(() => target);
  return /^\/(?:proc|sys|dev)(?:\/|$)/.test(real) ? 'system' : undefined;
}

/** The bytes of the workbook, or why not: missing, not a file, too large, another format, or beyond a template's limits. */
export async function workbookBytes(path: string, file: string): Promise<Buffer | Finding[]> {
  let bytes: Buffer;
  try {
    const st = await stat(path);
    if (st.isDirectory()) return [{ ...finding('file.is_directory', []), file }];
    if (!st.isFile()) return [{ ...finding('file.not_regular', []), file }];
    if (st.size > MAX_FILE_BYTES) return [{ ...finding('file.too_large', [], { size: st.size, limit: MAX_FILE_BYTES }), file }];
    bytes = await readFile(path);
  } catch (e) {
    const code = typeof e === 'object' && e && 'code' in e ? String(e.code) : String(e);
    return [{ ...finding(code === 'ENOENT' ? 'file.not_found' : 'file.unreadable', [], { reason: code }), file }];
  }
  const s = sniffWorkbook(bytes);
  switch (s.kind) {
    case 'xlsx':
      return bytes;
    case 'format':
      return [{ ...finding('xlsx.unsupported_format', [], { format: s.format }), file }];
    case 'encrypted':
      return [{ ...finding('xlsx.encrypted', []), file }];
    case 'too_big': {
      const args = { limit: s.limit, found: s.found, max: s.max, ...(s.part !== undefined ? { part: s.part } : {}) };
      return [{ ...finding('xlsx.too_big', [], args), file }];
    }
    case 'not_zip': {
      // Not a zip nor an .xls container: named by its extension, if that is another format (an .xls that is really HTML).
      const format = otherSpreadsheetFormat(path);
      return [{ ...(format ? finding('xlsx.unsupported_format', [], { format }) : finding('xlsx.not_workbook', [])), file }];
    }
  }
}

/**
 * Reads a filled `cchc template` workbook into an evidence object. Every problem names its sheet and
 * cell; later findings (schema, cross-checks, scoring) are placed on cells through the same map.
 */
export async function readTemplate(path: string, file: string, catalogs: Catalogs, option?: CatalogOption): Promise<{ loaded: LoadedEvidence; flat?: FlatCatalog }> {
  const baseDir = dirname(resolve(path));
  const fail = (fs: Finding[]) => ({ loaded: { path, dir: baseDir, findings: fs } });
  const bytes = await workbookBytes(path, file);
  if (!Buffer.isBuffer(bytes)) return fail(bytes);
  const { Workbook } = await excel();
  const wb = new Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return fail([{ ...finding('xlsx.not_workbook', []), file }]);
  }
  const meta = sheet(wb, META_SHEET);
  if (!meta || cellText(meta.getCell('A1')) !== 'cchc_template') return fail([{ ...finding('xlsx.not_template', []), file }]);
  const version = cellText(meta.getCell('B1'));
  if (version !== TEMPLATE_VERSION) {
    return fail([{ ...finding('xlsx.template_version', [], { found: version, expected: TEMPLATE_VERSION }), file, cell: ref(meta, 'B1') }]);
  }
  // B2 names a shipped catalog, or a file relative to the workbook's folder.
  const recorded = cellText(meta.getCell('B2'));
  const onB2 = { file, cell: ref(meta, 'B2') };
  if (option === undefined) {
    const reason = await catalogRefProblem(recorded, baseDir);
    if (reason) return fail([{ ...finding('xlsx.catalog_ref', [], { catalog: recorded, reason }), ...onB2 }]);
  }
  const cat = option !== undefined ? await catalogs.get(option.ref, option.fromDir) : await catalogs.get(recorded, baseDir);
  const catalogRef = option !== undefined ? option.ref : looksLikePath(recorded) ? catalogPath(recorded, baseDir) : recorded;
  if (!cat.flat) {
    const placed = cat.findings.map((f) => (f.file ? f : { ...f, ...onB2 }));
    // The catalog file's own errors name that file: say first which workbook cell led there.
    const lead = option === undefined && cat.findings.some((f) => f.file) ? [{ ...finding('xlsx.catalog_ref', [], { catalog: recorded, reason: 'invalid' }), ...onB2 }] : [];
    return fail([...lead, ...placed]);
  }
  let flat = cat.flat;
  const year = Number(cellText(meta.getCell('B3')));
  const ws = sheet(wb, INPUT_SHEET);
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

  const r: Reading = { raw: {}, cells: new Map(), findings: [], file };
  const unit = readUnit(wb, r);
  // A catalog of several unit types: the unit's rows are those of its type.
  const type = typeof unit.type === 'string' ? unit.type : undefined;
  if (flat.catalog.unit_types?.some((t) => t.code === type)) flat = flatForType(flat, type!);
  const items: Record<string, Record<string, unknown>> = {};
  const at = (addr: string) => ref(ws, addr);

  const signed = cellText(ws.getCell(`${RESPONSIBLE_COL}${HEAD_ROW}`)) === RESPONSIBLE_HEAD;
  for (const leaf of flat.leaves.values()) {
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
    const addr = (col: string) => `${col}${row}`;
    const keys = ratioKeys(leaf.rule);
    const list = choices(leaf.rule);
    const maxPoints = toNumber(leaf.max);
    const num = numberInput(leaf.rule, maxPoints);
    r.cells.set(base, at(addr(COL.code)));
    r.cells.set(`${base}.value`, at(addr(COL.value)));
    r.cells.set(`${base}.not_arisen`, at(addr(COL.notArisen)));
    r.cells.set(`${base}.documents`, at(addr(COL.documents)));
    r.cells.set(`${base}.note`, at(addr(COL.note)));
    r.cells.set(`${base}.claimed`, at(addr(COL.claimed)));
    const before = r.findings.length;

    const named = namedInputs(leaf.rule);
    if (named) {
      const v: Record<string, unknown> = {};
      for (const inp of named) {
        const sub = rows.get(inputRef(leaf.code, inp.key));
        const label = inputRowLabel(inp.label).normalize('NFC').toLowerCase();
        if (sub === undefined || cellText(ws.getCell(`${COL.name}${sub}`)).toLowerCase() !== label) {
          const code = sub === undefined ? 'xlsx.catalog_changed' : 'xlsx.row_moved';
          r.findings.push({ ...finding(code, [], { expected: `${leaf.code} ${inputRowLabel(inp.label)}` }, leaf.code), file, cell: at(`${COL.name}${sub ?? row}`) });
          continue;
        }
        const cell = `${COL.value}${sub}`;
        r.cells.set(`${base}.value.${inp.key}`, at(cell));
        const list = inputChoices(inp);
        if (list) {
          const t = textAt(r, ws, cell, false, leaf.code);
          if (!t) continue;
          const hit = list.find(([l, val]) => l.normalize('NFC').toLowerCase() === t.toLowerCase() || String(val) === t.toLowerCase());
          if (hit) v[inp.key] = hit[1];
          else r.findings.push({ ...finding('xlsx.not_in_list', [], { value: t, allowed: list.map(([l]) => l).join('; ') }, leaf.code), file, cell: at(cell) });
        } else if (inp.type === 'count') {
          const x = numberAt(r, ws, cell, { expected: 'count' }, leaf.code);
          if (x !== undefined) v[inp.key] = x;
        } else {
          const t = textAt(r, ws, cell, false, leaf.code);
          if (t) v[inp.key] = t;
        }
      }
      if (!hasErrors(r.findings.slice(before)) && Object.keys(v).length) item.value = v;
    } else if (keys) {
      r.cells.set(`${base}.value.${keys.numerator}`, at(addr(COL.value)));
      r.cells.set(`${base}.value.${keys.denominator}`, at(addr(COL.denominator)));
      const a = numberAt(r, ws, addr(COL.value), { expected: 'count' }, leaf.code);
      const b = numberAt(r, ws, addr(COL.denominator), { expected: 'count' }, leaf.code);
      if (!hasErrors(r.findings.slice(before)) && (a !== undefined || b !== undefined)) {
        const v: Record<string, unknown> = {};
        if (a !== undefined) v[keys.numerator] = a;
        if (b !== undefined) v[keys.denominator] = b;
        item.value = v;
      }
    } else if (list) {
      const t = textAt(r, ws, addr(COL.value), false, leaf.code);
      if (t) {
        const hit = list.find(([label, value]) => label.normalize('NFC').toLowerCase() === t.toLowerCase() || String(value) === t.toLowerCase());
        if (hit) item.value = hit[1];
        else r.findings.push({ ...finding('xlsx.not_in_list', [], { value: t, allowed: list.map(([l]) => l).join('; ') }, leaf.code), file, cell: at(addr(COL.value)) });
      }
    } else if (num) {
      const n = numberAt(r, ws, addr(COL.value), { expected: num.expected, max: num.max }, leaf.code);
      if (n !== undefined) item.value = n;
    }
    const na = textAt(r, ws, addr(COL.notArisen), true, leaf.code);
    if (na) item.not_arisen = na;
    const docs = textAt(r, ws, addr(COL.documents), true, leaf.code);
    if (docs) item.documents = parseCitations(docs, plainCitations.get(leaf.code));
    const note = textAt(r, ws, addr(COL.note), true, leaf.code);
    if (note) item.note = note;
    const claimed = numberAt(r, ws, addr(COL.claimed), { expected: 'points', max: maxPoints }, leaf.code);
    if (claimed !== undefined) item.claimed = claimed;
    if (signed) {
      r.cells.set(`${base}.responsible`, at(addr(RESPONSIBLE_COL)));
      const who = textAt(r, ws, addr(RESPONSIBLE_COL), false, leaf.code);
      if (who) item.responsible = who;
    }
    if (Object.keys(item).length) items[leaf.code] = item;
  }

  // Parents that decide "did not arise" for their branch: the declaration, documents and note of their row.
  for (const code of flat.deciders.keys()) {
    const row = rows.get(code);
    if (row === undefined || cellText(ws.getCell(`${COL.code}${row}`)) !== code) {
      r.findings.push({ ...finding(row === undefined ? 'xlsx.catalog_changed' : 'xlsx.row_moved', [], { expected: code }, code), file, cell: at(`${COL.code}${row ?? 1}`) });
      continue;
    }
    const base = `items.${code}`;
    r.cells.set(base, at(`${COL.code}${row}`));
    r.cells.set(`${base}.not_arisen`, at(`${COL.notArisen}${row}`));
    r.cells.set(`${base}.documents`, at(`${COL.documents}${row}`));
    r.cells.set(`${base}.note`, at(`${COL.note}${row}`));
    const item: Record<string, unknown> = {};
    const na = textAt(r, ws, `${COL.notArisen}${row}`, true, code);
    if (na) item.not_arisen = na;
    const docs = textAt(r, ws, `${COL.documents}${row}`, true, code);
    if (docs) item.documents = parseCitations(docs, plainCitations.get(code));
    const note = textAt(r, ws, `${COL.note}${row}`, true, code);
    if (note) item.note = note;
    if (Object.keys(item).length) items[code] = item;
  }

  const raw = { unit, catalog: catalogRef, year, ...r.raw, items };
  const locate = (fs: readonly Finding[]): Finding[] =>
    fs.map((f) => {
      if (f.file) return f;
      for (let n = f.path.length; n >= 0; n--) {
        const key = f.path.slice(0, n).join('.');
        const c = r.cells.get(key) ?? (key === 'catalog' || key === 'year' ? ref(META_SHEET, key === 'catalog' ? 'B2' : 'B3') : undefined);
        if (c) return { ...f, file, cell: c };
      }
      return { ...f, file };
    });
  if (hasErrors(r.findings)) return { loaded: { path, dir: baseDir, findings: r.findings }, flat };
  const loaded = evidenceFromDoc({ file, data: raw, locate }, path, baseDir);
  // r.findings holds only warnings here (a percentage that may be a fraction): they go with the evidence.
  return { loaded: { ...loaded, findings: [...r.findings, ...loaded.findings] }, flat };
}
