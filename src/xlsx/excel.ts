import type ExcelJS from 'exceljs';
import type { Finding } from '../core/findings/finding.js';
import { writeAtomically } from '../io/atomic-write.js';
import { withFrozenTopRow } from './sheet-view.js';
import type { Provenance } from '../io/provenance.js';

/**
 * Every exceljs call goes through this module and the writers beside it, so the library could be
 * swapped. exceljs costs ~0,25 s to import: it is loaded lazily, only on paths that touch workbooks.
 */
export type Workbook = ExcelJS.Workbook;
export type Worksheet = ExcelJS.Worksheet;
export type Cell = ExcelJS.Cell;
type Row = ExcelJS.Row;

/**
 * exceljs types a cell's font and a row's height as always there, but a cell never styled has no
 * font and a row never sized has no height: read them through these, which say so.
 */
export const fontOf = (c: Cell): Partial<ExcelJS.Font> | undefined => c.font;
export const heightOf = (r: Row): number | undefined => r.height;

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
const CUSTOM_PART = 'docProps/custom.xml';

function customXml(props: Array<[string, string]>): string {
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
function declareCustomPart(name: string, data: Buffer): Buffer {
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

/** Re-zips with constant entry dates (exceljs stamps the time of writing into every entry). */
async function deterministic(buf: ArrayBuffer | Buffer, prov?: Provenance, edit?: PartEdit): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(buf);
  const out = new JSZip();
  const names = Object.keys(zip.files).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a.localeCompare(b)));
  for (const name of names) {
    const f = zip.files[name]!;
    if (f.dir) continue;
    let data = await f.async('nodebuffer');
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) data = Buffer.from(withFrozenTopRow(data.toString('utf8')));
    if (name === 'docProps/core.xml') {
      data = Buffer.from(data.toString('utf8').replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${FIXED_DATE.toISOString().replace('.000', '')}`));
    }
    if (prov) data = declareCustomPart(name, data);
    if (edit) data = edit(name, data);
    out.file(name, data, { date: FIXED_DATE, createFolders: false });
  }
  if (prov) out.file(CUSTOM_PART, customXml(provenanceProperties(prov)), { date: FIXED_DATE, createFolders: false });
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}

/** Renders a workbook to bytes, identical for identical content. */
export async function workbookBytes(wb: Workbook, edit?: PartEdit): Promise<Buffer> {
  // Stored, not compressed: the bytes are re-zipped (and compressed) once, in deterministic().
  return deterministic(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } }), stamped.get(wb), edit);
}

/** Atomic writes live in src/io/atomic-write.ts; re-exported here, where the workbook writers look. */
export { writeAtomically };

export async function saveWorkbook(wb: Workbook, out: string, inputs: ReadonlyArray<string | undefined>, edit?: PartEdit): Promise<Finding[]> {
  return writeAtomically(out, await workbookBytes(wb, edit), inputs);
}
