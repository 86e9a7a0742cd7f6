import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type { Finding } from '../core/findings/finding.js';
import { writeAtomically } from '../io/atomic-write.js';
import { withFrozenTopRow } from './sheet-view.js';
import type { Provenance } from '../io/provenance.js';
import { zipParts, type ZipPart } from './zip-write.js';
import type { BookLike, CellLike, RowLike } from './sheet-like.js';
import { RecordedBook } from './sheet-record.js';
import { recordedParts } from './form-parts.js';

/**
 * Every exceljs call goes through this module and the writers beside it, so the library could be
 * swapped. exceljs costs ~0,25 s to import: it is loaded lazily, only on paths that touch workbooks.
 */
export type Workbook = ExcelJS.Workbook;
export type Worksheet = ExcelJS.Worksheet;
export type Cell = ExcelJS.Cell;

/**
 * exceljs types a cell's font and a row's height as always there, but a cell never styled has no
 * font and a row never sized has no height: read them through these, which say so.
 */
export const fontOf = (c: CellLike): Partial<ExcelJS.Font> | undefined => c.font;
export const heightOf = (r: RowLike): number | undefined => r.height;

let lib: typeof ExcelJS | undefined;
export async function excel(): Promise<typeof ExcelJS> {
  if (!lib) {
    const m = (await import('exceljs')) as unknown as { default?: typeof ExcelJS } & typeof ExcelJS;
    lib = m.default ?? m;
  }
  return lib;
}

/** A fixed instant for workbook properties and zip entries: the same input gives the same bytes. */
export const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

export async function newWorkbook(): Promise<Workbook> {
  const { Workbook } = await excel();
  const wb = new Workbook();
  wb.creator = 'cchc';
  wb.lastModifiedBy = 'cchc';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  // Spreadsheet programs recalculate on open; the cached results cchc writes are its own numbers.
  wb.calcProperties.fullCalcOnLoad = true;
  return wb;
}

const stamped = new WeakMap<Workbook, Provenance>();

/**
 * Records what a workbook was made from (cchc version, catalog id and SHA-256, input files and their
 * SHA-256). It is written as custom document properties (File › Properties › Custom in Excel and
 * LibreOffice): nothing on a sheet, nothing printed, and kept when the workbook is filled and saved.
 */
export function stampProvenance(wb: Workbook, p: Provenance): void {
  stamped.set(wb, p);
}

/** Property name → text, in a fixed order. */
export function provenanceProperties(p: Provenance): Array<[string, string]> {
  const props: Array<[string, string]> = [['cchc.version', p.cchc]];
  if (p.catalog) props.push(['cchc.catalog.id', p.catalog.id], ['cchc.catalog.sha256', p.catalog.sha256 ?? '']);
  props.push(['cchc.inputs', String(p.inputs.length)]);
  p.inputs.forEach((f, i) => props.push([`cchc.input.${i + 1}.file`, f.file], [`cchc.input.${i + 1}.sha256`, f.sha256 ?? '']));
  return props;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const CUSTOM_PART = 'docProps/custom.xml';

export function customXml(props: Array<[string, string]>): string {
  // fmtid is the one every Office custom property uses; pids start at 2.
  const items = props.map(
    ([name, value], i) =>
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${xml(name)}"><vt:lpwstr>${xml(value)}</vt:lpwstr></property>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
    `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${items.join('')}</Properties>`
  );
}

/** The package parts that declare docProps/custom.xml: its content type and the root relationship. */
export function declareCustomPart(name: string, data: Buffer): Buffer {
  if (name !== '[Content_Types].xml' && name !== '_rels/.rels') return data;
  const text = data.toString('utf8');
  if (name === '[Content_Types].xml' && !text.includes(`/${CUSTOM_PART}"`)) {
    return Buffer.from(
      text.replace('</Types>', `<Override PartName="/${CUSTOM_PART}" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>`),
    );
  }
  if (name === '_rels/.rels' && !text.includes(`Target="${CUSTOM_PART}"`)) {
    return Buffer.from(
      text.replace(
        '</Relationships>',
        `<Relationship Id="rIdCchcCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="${CUSTOM_PART}"/></Relationships>`,
      ),
    );
  }
  return data;
}

/**
 * The provenance a workbook written by cchc carries (its custom document properties), read back without
 * loading the sheets: undefined when the file has none (not written by cchc, or the properties removed).
 */
export async function readStampedProvenance(bytes: Buffer): Promise<Provenance | undefined> {
  const { default: JSZip } = await import('jszip');
  let xmlText: string | undefined;
  try {
    xmlText = await (await JSZip.loadAsync(bytes)).file(CUSTOM_PART)?.async('string');
  } catch {
    return undefined;
  }
  if (!xmlText) return undefined;
  const unxml = (s: string) => s.replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
  const props = new Map<string, string>();
  for (const m of xmlText.matchAll(/<property\b[^>]*\bname="([^"]*)"[^>]*>\s*<vt:lpwstr>([^<]*)<\/vt:lpwstr>/g)) props.set(unxml(m[1]!), unxml(m[2]!));
  const version = props.get('cchc.version');
  if (version === undefined) return undefined;
  const id = props.get('cchc.catalog.id');
  const inputs: Provenance['inputs'] = [];
  const n = Number(props.get('cchc.inputs') ?? 0);
  for (let i = 1; i <= n; i++) {
    const file = props.get(`cchc.input.${i}.file`);
    if (file) inputs.push({ file, sha256: props.get(`cchc.input.${i}.sha256`) || null });
  }
  return { cchc: version, catalog: id === undefined ? null : { id, sha256: props.get('cchc.catalog.sha256') || null }, inputs };
}

/** A change to one part's bytes before they are zipped again (xml edits exceljs cannot make). */
export type PartEdit = (name: string, data: Buffer) => Buffer;

/**
 * The parts exceljs writes for a workbook, as name → bytes, without its own zip. exceljs's writer
 * (lib/xlsx/xlsx.js `write`) renders each part and hands it to a zip (`zip.append(data, {name})`); this
 * runs the same steps, in the same order, with a zip that only keeps the parts. Should a later exceljs
 * lack one of these steps, the workbook is written through exceljs's own (stored) zip and read back.
 */
interface XlsxSteps {
  prepareModel(model: unknown, options: object): void;
  addContentTypes(zip: PartSink, model: unknown): Promise<void>;
  addOfficeRels(zip: PartSink, model: unknown): Promise<void>;
  addWorkbookRels(zip: PartSink, model: unknown): Promise<void>;
  addWorksheets(zip: PartSink, model: unknown): Promise<void>;
  addSharedStrings(zip: PartSink, model: unknown): Promise<void>;
  addDrawings(zip: PartSink, model: unknown): Promise<void>;
  addTables(zip: PartSink, model: unknown): Promise<void>;
  addThemes(zip: PartSink, model: unknown): Promise<void>;
  addStyles(zip: PartSink, model: unknown): Promise<void>;
  addMedia(zip: PartSink, model: unknown): Promise<void>;
  addApp(zip: PartSink, model: unknown): Promise<void>;
  addCore(zip: PartSink, model: unknown): Promise<void>;
  addWorkbook(zip: PartSink, model: unknown): Promise<void>;
}
interface PartSink {
  append(data: string | Uint8Array, options: { name: string; base64?: boolean }): void;
}
const STEPS = [
  'prepareModel',
  'addContentTypes',
  'addOfficeRels',
  'addWorkbookRels',
  'addWorksheets',
  'addSharedStrings',
  'addDrawings',
  'addTables',
  'addThemes',
  'addStyles',
  'addMedia',
  'addApp',
  'addCore',
  'addWorkbook',
] as const;

/**
 * exceljs gives every cell its own style object and, writing, renders each one's font, border, fill and
 * format to XML to find its style number: half the time of writing a form. Cells whose style is made of
 * the very same objects (cchc's writers share them: sheet-style.ts) get the same number without the
 * rendering. What the cache returns is what exceljs would: the same objects render the same XML, which
 * exceljs's own index maps to one number; a style it has seen itself (its WeakMap) is left to it, and a
 * style with anything else in it, or a date cell without a number format (exceljs gives those one), too.
 */
interface StyleIndex {
  addStyleModel(style: unknown, cellType?: number): number;
  weakMap?: WeakMap<object, number>;
}
const STYLE_KEYS = new Set(['font', 'border', 'fill', 'alignment', 'protection', 'numFmt']);
/** exceljs's ValueType.Date. */
const DATE_TYPE = 4;

function memoizeStyles(model: object): void {
  let styles: StyleIndex | undefined;
  Object.defineProperty(model, 'styles', {
    configurable: true,
    enumerable: true,
    get: () => styles,
    set: (value: StyleIndex) => {
      styles = value;
      const weak = value.weakMap;
      if (typeof value.addStyleModel !== 'function' || !(weak instanceof WeakMap)) return;
      const add = value.addStyleModel.bind(value);
      const ids = new WeakMap<object, number>();
      let next = 0;
      const idOf = (o: object) => {
        let id = ids.get(o);
        if (id === undefined) ids.set(o, (id = next++));
        return id;
      };
      const numFmts = new Map<string, number>();
      const seen = new Map<string, number>();
      value.addStyleModel = (style, cellType) => {
        if (!style || typeof style !== 'object' || weak.has(style)) return add(style, cellType);
        const s = style as Record<string, unknown>;
        if (!s.numFmt && cellType === DATE_TYPE) return add(style, cellType);
        let key = '';
        for (const k in s) {
          const v = s[k];
          if (!STYLE_KEYS.has(k)) return add(style, cellType);
          if (v === undefined) continue;
          if (k === 'numFmt') {
            if (typeof v !== 'string') return add(style, cellType);
            let n = numFmts.get(v);
            if (n === undefined) numFmts.set(v, (n = numFmts.size));
            key += `n${n}`;
          } else if (v !== null && typeof v === 'object') key += `${k[0]!}${k[1]!}${idOf(v)}`;
          else return add(style, cellType);
        }
        const known = seen.get(key);
        if (known === undefined) {
          const id = add(style, cellType);
          seen.set(key, id);
          return id;
        }
        weak.set(style, known);
        return known;
      };
    },
  });
}

async function exceljsParts(wb: Workbook): Promise<Map<string, Buffer> | undefined> {
  const x = wb.xlsx as unknown as Partial<XlsxSteps>;
  if (!STEPS.every((s) => typeof x[s] === 'function')) return undefined;
  const steps = x as XlsxSteps;
  const parts = new Map<string, Buffer>();
  // As JSZip stores what exceljs appends: text as UTF-8, base64 text decoded, bytes as they are.
  const zip: PartSink = {
    append: (data, o) => void parts.set(o.name, typeof data === 'string' ? Buffer.from(data, o.base64 ? 'base64' : 'utf8') : Buffer.from(data)),
  };
  const { model } = wb;
  memoizeStyles(model);
  steps.prepareModel(model, {});
  await steps.addContentTypes(zip, model);
  await steps.addOfficeRels(zip, model);
  await steps.addWorkbookRels(zip, model);
  await steps.addWorksheets(zip, model);
  await steps.addSharedStrings(zip, model); // always after the worksheets, as in exceljs
  await steps.addDrawings(zip, model);
  await steps.addTables(zip, model);
  await steps.addThemes(zip, model);
  await steps.addStyles(zip, model);
  await steps.addMedia(zip, model);
  await steps.addApp(zip, model);
  await steps.addCore(zip, model);
  await steps.addWorkbook(zip, model);
  return parts;
}

/** The fallback: exceljs's own stored zip, read back. */
async function zippedParts(wb: Workbook): Promise<Map<string, Buffer>> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
  const parts = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) parts.set(name, await f.async('nodebuffer'));
  return parts;
}

/** The parts of a workbook, before cchc's own changes; `viaZip` takes exceljs's zipped path (the fallback). */
export async function workbookParts(wb: Workbook, viaZip = false): Promise<Map<string, Buffer>> {
  return (viaZip ? undefined : await exceljsParts(wb)) ?? (await zippedParts(wb));
}

/** [Content_Types].xml first (as Office writes it), then the parts by name. */
const partOrder = (a: string, b: string) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a.localeCompare(b));

/**
 * The workbook file from its parts: frozen headings placed, fixed dates (exceljs stamps the time of
 * writing), the provenance part declared and added, the caller's edits made; zipped once.
 */
function deterministic(parts: Map<string, Buffer | string>, prov?: Provenance, edit?: PartEdit): Buffer {
  const out: ZipPart[] = [];
  for (const name of [...parts.keys()].sort(partOrder)) {
    const part = parts.get(name)!;
    let data: Buffer;
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) data = Buffer.from(withFrozenTopRow(typeof part === 'string' ? part : part.toString('utf8')));
    else data = typeof part === 'string' ? Buffer.from(part) : part;
    if (name === 'docProps/core.xml') {
      data = Buffer.from(data.toString('utf8').replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${FIXED_DATE.toISOString().replace('.000', '')}`));
    }
    if (prov) data = declareCustomPart(name, data);
    if (edit) data = edit(name, data);
    out.push({ name, data });
  }
  if (prov) out.push({ name: CUSTOM_PART, data: Buffer.from(customXml(provenanceProperties(prov))) });
  return zipParts(out, FIXED_DATE);
}

// The exceljs release the bundle was built with, whose parts form-parts.ts writes (test/xlsx/form-parts.test.ts
// compares the two): scripts/build.mjs sets it. Run from the sources (tests, tsx), the one installed is the one tested.
declare const __EXCELJS_BUILT__: string | undefined;
let fixedTheme: Promise<string | undefined> | undefined;
/**
 * exceljs's fixed theme part (xl/theme/theme1.xml), read from its small module without loading exceljs: when
 * the exceljs installed is the release the bundle was built with, else undefined (every workbook then goes
 * through exceljs, whose output another release may change).
 */
export function exceljsTheme(): Promise<string | undefined> {
  fixedTheme ??= (async () => {
    try {
      if (typeof __EXCELJS_BUILT__ === 'string') {
        const pkg = JSON.parse(await readFile(createRequire(import.meta.url).resolve('exceljs/package.json'), 'utf8')) as { version?: unknown };
        if (pkg.version !== __EXCELJS_BUILT__) return undefined;
      }
      return (await import('exceljs/lib/xlsx/xml/theme1.js')).default;
    } catch {
      return undefined;
    }
  })();
  return fixedTheme;
}

/**
 * A workbook built by `build`, as a file stamped with its provenance: recorded and written without exceljs
 * (form-parts.ts) when that writer is sure of every part, which gives exceljs's bytes; otherwise built again
 * on an exceljs workbook and written by exceljs, the reference. A worker that only writes sure workbooks
 * never loads exceljs.
 */
export async function bookBytes(build: (wb: BookLike) => void, prov?: Provenance): Promise<Buffer> {
  const theme = await exceljsTheme();
  if (theme !== undefined) {
    const book = new RecordedBook();
    build(book);
    const parts = recordedParts(book, theme);
    if (parts) return deterministic(parts, prov);
  }
  const wb = await newWorkbook();
  build(wb);
  if (prov) stampProvenance(wb, prov);
  return workbookBytes(wb);
}

/** Renders a workbook to bytes, identical for identical content. */
export async function workbookBytes(wb: Workbook, edit?: PartEdit): Promise<Buffer> {
  return deterministic(await workbookParts(wb), stamped.get(wb), edit);
}

/** Atomic writes live in src/io/atomic-write.ts; re-exported here, where the workbook writers look. */
export { writeAtomically };

export async function saveWorkbook(wb: Workbook, out: string, inputs: ReadonlyArray<string | undefined>, edit?: PartEdit): Promise<Finding[]> {
  return writeAtomically(out, await workbookBytes(wb, edit), inputs);
}
