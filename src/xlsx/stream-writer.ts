import { EventEmitter } from 'node:events';
// fs.open through the module object: a test replaces it with one whose writes fail (test/cli/write-errors.test.ts).
import fs from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import type { Finding } from '../core/findings/finding.js';
import { writeAtomically } from '../io/atomic-write.js';
import { isStopping } from '../io/interrupt.js';
import type { Provenance } from '../io/provenance.js';
import { CUSTOM_PART, customXml, declareCustomPart, excel, FIXED_DATE, newWorkbook, provenanceProperties, type Workbook, type Worksheet } from './excel.js';
import { withFrozenTopRow } from './sheet-view.js';
import { type PartWriter, ZipStream } from './zip-stream.js';

/** What a sheet fixes when it is made: a streamed sheet writes its view and sheet properties first. */
export interface SheetOptions {
  views: Worksheet['views'];
  fitToPage: boolean;
}

/**
 * Where a workbook writer puts its sheets: a workbook in memory, or a file written row by row (the
 * ranking of a whole province, whose memory must not grow with the number of units). The writer says
 * when rows are final; a streamed sheet then writes them out and forgets them, so a row may not be
 * touched again once done. Sheets are made one after another: each is done before the next is added.
 */
export interface SheetBook {
  addSheet(name: string, o: SheetOptions): Worksheet;
  /** Rows up to `row` are final. */
  rowsDone(ws: Worksheet, row: number): Promise<void>;
  /** The sheet is final. */
  sheetDone(ws: Worksheet): Promise<void>;
}

/** The same sheets in an exceljs workbook in memory (saved with saveWorkbook, like every other workbook). */
export async function memoryBook(): Promise<SheetBook & { workbook: Workbook }> {
  const wb = await newWorkbook();
  return {
    workbook: wb,
    addSheet: (name, o) => wb.addWorksheet(name, { views: o.views }),
    rowsDone: () => Promise.resolve(),
    sheetDone: () => Promise.resolve(),
  };
}

/** exceljs's streaming writer as it is built inside (lib/stream/xlsx/workbook-writer.js, 4.4.0). */
interface WriterInside {
  zip: { append(data: string | Buffer, o: { name: string }): void };
  promise: Promise<unknown>;
  sharedStrings: { add(text: string): number };
  styles: StyleIds;
  _openStream(path: string): unknown;
  addThemes(): Promise<void>;
  addOfficeRels(): Promise<void>;
  _finalize(): Promise<unknown>;
}
type Writer = ExcelJS.stream.xlsx.WorkbookWriter & WriterInside;

/** A sheet's XML on its way into the zip, as exceljs's worksheet writer expects its stream. */
class SheetSink extends EventEmitter {
  finished: Promise<void> | undefined;
  private rows = 0;
  constructor(readonly part: PartWriter) {
    super();
  }
  pause(): void {}
  /** Rows are deflated some 64 KB at a time: a call into zlib per row costs more than compressing it. */
  private pending: string[] = [];
  private size = 0;
  write(chunk: string | Buffer | { toBuffer(): Buffer }): boolean {
    let text = typeof chunk === 'string' ? chunk : (Buffer.isBuffer(chunk) ? chunk : chunk.toBuffer()).toString('utf8');
    // The sheet view (in the first piece, with the sheet's properties) gets the edit saveWorkbook makes.
    if (text.includes('<sheetView ')) text = withFrozenTopRow(text);
    this.pending.push(inlineStrings(text));
    this.size += text.length;
    if (this.size >= 1 << 16) this.flush();
    return true;
  }
  private flush(): void {
    if (!this.pending.length) return;
    this.part.write(Buffer.from(this.pending.join(''), 'utf8'));
    this.pending = [];
    this.size = 0;
  }
  end(): void {
    this.flush();
    this.part.end();
    this.finished = this.part.drain().then(() => void this.emit('zipped'));
  }
  /** Every so many rows, wait until they are in the file; a Ctrl-C stops the writing there. */
  async pace(): Promise<void> {
    if (isStopping()) throw new Error('stopping');
    if (++this.rows % 64 === 0) await this.part.drain();
  }
}

/**
 * Text cells without a shared-string table (which would grow with the units): exceljs's streaming writer
 * writes them as formula results (t="str", meant for a formula's text); here they become the inline strings
 * the format has for that. An empty text stays an empty text, not a blank cell (COUNTA counts it, as it did
 * in the workbook written in memory): it is entry 0 of a shared-string table that holds only it.
 */
function inlineStrings(xml: string): string {
  return xml.replace(/ t="str"><v>([^<]*)<\/v>/g, (_, v: string) => (v === '' ? ` t="s"><v>${EMPTY}</v>` : ` t="inlineStr"><is><t xml:space="preserve">${v}</t></is>`));
}
const EMPTY = 0;

/** The style table of exceljs's writers (xlsx/xform/style/styles-xform.js): a cell's style → its s="n". */
interface StyleIds {
  addStyleModel(model: unknown, cellType?: number): number;
}

/**
 * exceljs finds a cell's style number by rendering its font, border and whole style to XML, for every cell
 * (each cell has a style object of its own): the larger part of writing a row. A style written the same
 * way gets the number it got the first time, without the XML; the first time is exceljs's own lookup, so
 * the numbers, their order and styles.xml are what exceljs gives.
 */
function sameStyleOnce(styles: StyleIds): void {
  const add = styles.addStyleModel.bind(styles);
  const seen = new Map<string, number>();
  styles.addStyleModel = (model, cellType) => {
    if (!model) return add(model, cellType);
    const key = `${cellType ?? '-'}|${JSON.stringify(model)}`;
    let id = seen.get(key);
    if (id === undefined) seen.set(key, (id = add(model, cellType)));
    return id;
  };
}

/** <printOptions> as exceljs's workbook in memory writes it (xlsx/xform/sheet/print-options-xform.js). */
function printOptions(p: Partial<ExcelJS.PageSetup>): string {
  const on: Array<[string, boolean | undefined]> = [
    ['headings', p.showRowColHeaders],
    ['gridLines', p.showGridLines],
    ['horizontalCentered', p.horizontalCentered],
    ['verticalCentered', p.verticalCentered],
  ];
  const attrs = on.filter(([, v]) => v).map(([k]) => ` ${k}="1"`);
  return attrs.length ? `<printOptions${attrs.join('')}/>` : '';
}

/**
 * Writes an xlsx file sheet by sheet with exceljs's streaming writer (styles kept, strings inline), into
 * a zip made here: constant dates, the frozen-row edit, the provenance properties and the recalculation
 * flag, as saveWorkbook gives a workbook in memory.
 */
async function streamTo(path: string, prov: Provenance | undefined, build: (book: SheetBook) => Promise<void>): Promise<void> {
  const { stream } = await excel();
  const file = await fs.open(path, 'w');
  try {
    const zip = new ZipStream(file);
    const sinks = new Map<Worksheet, SheetSink>();
    let opened: SheetSink | undefined;
    const Base = stream.xlsx.WorkbookWriter as unknown as new (o: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>) => Writer;
    class Streamed extends Base {
      // Set once the base constructor is through: the parts it adds at once go to this zip, not to archiver.
      ready = false;
      override addThemes() {
        return this.ready ? super.addThemes() : Promise.resolve();
      }
      override addOfficeRels() {
        return this.ready ? super.addOfficeRels() : Promise.resolve();
      }
      override _openStream(name: string) {
        return (opened = new SheetSink(zip.part(name)));
      }
      override async _finalize() {
        if (prov) zip.add(CUSTOM_PART, customXml(provenanceProperties(prov)));
        await zip.close();
        return this;
      }
    }
    const w = new Streamed({ useStyles: true, useSharedStrings: false });
    w.ready = true;
    // As newWorkbook (and exceljs's workbook in memory): written into docProps/core.xml at the end.
    Object.assign(w, { created: FIXED_DATE, modified: FIXED_DATE, creator: 'cchc', lastModifiedBy: 'cchc', title: '', subject: '', description: '', keywords: '', category: '' });
    w.zip = {
      append: (data, o) => {
        const name = o.name.replace(/^\/+/, '');
        let bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        if (prov) bytes = declareCustomPart(name, bytes);
        // Spreadsheet programs recalculate on open (newWorkbook's calcProperties, which this writer drops).
        if (name === 'xl/workbook.xml') bytes = Buffer.from(bytes.toString('utf8').replace(/<calcPr(?![^>]*fullCalcOnLoad)([^>]*?)\/>/, '<calcPr$1 fullCalcOnLoad="1"/>'));
        zip.add(name, bytes);
      },
    };
    w.promise = Promise.all([w.addThemes(), w.addOfficeRels()]);
    if (w.sharedStrings.add('') !== EMPTY) throw new Error('stream-writer: the empty text is not shared string 0');
    sameStyleOnce(w.styles);
    await build({
      addSheet: (name, o) => {
        const ws = w.addWorksheet(name, { views: o.views, pageSetup: { fitToPage: o.fitToPage } });
        const sink = opened!;
        sinks.set(ws, sink);
        // The streaming writer leaves out <printOptions> (horizontal centring), which goes just before the margins.
        const inside = ws as unknown as { _writePageMargins(): void };
        const margins = inside._writePageMargins.bind(ws);
        inside._writePageMargins = () => {
          sink.write(printOptions(ws.pageSetup));
          margins();
        };
        return ws;
      },
      rowsDone: (ws, row) => {
        ws.getRow(row).commit();
        return sinks.get(ws)!.pace();
      },
      sheetDone: async (ws) => {
        ws.commit();
        await sinks.get(ws)!.finished;
      },
    });
    await w.commit();
  } finally {
    await file.close();
  }
}

/** Writes a streamed workbook at `out` whole or not at all (see writeAtomically), with its provenance. */
export function saveStreamed(out: string, inputs: ReadonlyArray<string | undefined>, prov: Provenance | undefined, build: (book: SheetBook) => Promise<void>): Promise<Finding[]> {
  return writeAtomically(out, (path) => streamTo(path, prov, build), inputs);
}
