import type ExcelJS from 'exceljs';
import type { Finding } from '../findings/finding.js';
import { writeAtomically } from '../io/atomic-write.js';
import { withFrozenTopRow } from './sheet-view.js';

/**
 * Every exceljs call goes through this module and the writers beside it, so the library could be
 * swapped. exceljs costs ~0,25 s to import: it is loaded lazily, only on paths that touch workbooks.
 */
export type Workbook = ExcelJS.Workbook;
export type Worksheet = ExcelJS.Worksheet;
export type Cell = ExcelJS.Cell;

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

/** Re-zips with constant entry dates (exceljs stamps the time of writing into every entry). */
async function deterministic(buf: ArrayBuffer | Buffer): Promise<Buffer> {
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
    out.file(name, data, { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}

/** Renders a workbook to bytes, identical for identical content. */
export async function workbookBytes(wb: Workbook): Promise<Buffer> {
  // Stored, not compressed: the bytes are re-zipped (and compressed) once, in deterministic().
  return deterministic(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Parameters<Workbook['xlsx']['writeBuffer']>[0]));
}

/** Atomic writes live in src/io/atomic-write.ts; re-exported here, where the workbook writers look. */
export { writeAtomically };

export async function saveWorkbook(wb: Workbook, out: string, inputs: ReadonlyArray<string | undefined>): Promise<Finding[]> {
  return writeAtomically(out, await workbookBytes(wb), inputs);
}
