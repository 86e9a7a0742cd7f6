import type * as Docx from 'docx';
import type { Provenance } from '../core/provenance.js';

/**
 * Every call to the `docx` library goes through this module: the documents cchc writes (src/workbook)
 * describe their content with the small model below, so the library could be swapped. `docx` is loaded
 * lazily, only when a Word document is written.
 */

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Points; default the paragraph's. */
  size?: number;
}

export interface Para {
  kind: 'p';
  runs: Run[];
  align?: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent in millimetres (Nghị định 30 body text: 10 mm). */
  indent?: number;
  /** Space before and after, in points. */
  before?: number;
  after?: number;
  /** Points; default the document's. */
  size?: number;
  keepNext?: boolean;
}

export interface Cell {
  blocks: Para[];
  /** Columns this cell spans (default 1). */
  span?: number;
  shade?: boolean;
  valign?: 'top' | 'center';
}

export interface Table {
  kind: 'table';
  /** Column widths in millimetres. */
  widths: number[];
  rows: Cell[][];
  /** Rows repeated at the top of every page. */
  headerRows?: number;
  borders: boolean;
}

export type Block = Para | Table;

export interface Section {
  landscape?: boolean;
  blocks: Block[];
  /** Page numbers at the top centre from this section's second page on (Nghị định 30: none on the first page). */
  pageNumbers?: 'from-second' | 'all';
}

export interface DocumentInfo {
  title: string;
  /** Times New Roman size of body text, in points. */
  size: number;
  /** Margins in millimetres (Nghị định 30: top/bottom 20, left 30, right 15). */
  margins: { top: number; bottom: number; left: number; right: number };
  provenance?: Provenance;
}

let lib: typeof Docx | undefined;
async function docx(): Promise<typeof Docx> {
  lib ??= await import('docx');
  return lib;
}

const FONT = 'Times New Roman';
/** Twentieths of a point per millimetre. */
const TWIP_MM = 1440 / 25.4;
const mm = (x: number) => Math.round(x * TWIP_MM);
/** A4 in twips. */
const A4 = { width: 11906, height: 16838 };

/** A fixed instant for the document's properties and zip entries: the same input gives the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

function paragraph(d: typeof Docx, p: Para, base: number): Docx.Paragraph {
  const align = { left: d.AlignmentType.LEFT, center: d.AlignmentType.CENTER, right: d.AlignmentType.RIGHT, justify: d.AlignmentType.JUSTIFIED }[p.align ?? 'left'];
  return new d.Paragraph({
    alignment: align,
    ...(p.indent ? { indent: { firstLine: mm(p.indent) } } : {}),
    spacing: { before: (p.before ?? 0) * 20, after: (p.after ?? 0) * 20 },
    ...(p.keepNext ? { keepNext: true } : {}),
    children: p.runs.map(
      (r) => new d.TextRun({ text: r.text, bold: r.bold ?? false, italics: r.italic ?? false, size: (r.size ?? p.size ?? base) * 2, font: FONT }),
    ),
  });
}

function table(d: typeof Docx, t: Table, base: number): Docx.Table {
  const none = { style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const line = { style: d.BorderStyle.SINGLE, size: 4, color: '000000' };
  const b = t.borders ? line : none;
  const widths = t.widths.map(mm);
  return new d.Table({
    width: { size: widths.reduce((a, x) => a + x, 0), type: d.WidthType.DXA },
    columnWidths: widths,
    layout: d.TableLayoutType.FIXED,
    borders: { top: b, bottom: b, left: b, right: b, insideHorizontal: b, insideVertical: b },
    rows: t.rows.map((cells, r) => {
      let col = 0;
      return new d.TableRow({
        tableHeader: r < (t.headerRows ?? 0),
        cantSplit: true,
        children: cells.map((c) => {
          const span = c.span ?? 1;
          const width = widths.slice(col, col + span).reduce((a, x) => a + x, 0);
          col += span;
          return new d.TableCell({
            width: { size: width, type: d.WidthType.DXA },
            ...(span > 1 ? { columnSpan: span } : {}),
            verticalAlign: c.valign === 'center' ? d.VerticalAlignTable.CENTER : d.VerticalAlignTable.TOP,
            ...(c.shade ? { shading: { type: d.ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' } } : {}),
            margins: { top: 40, bottom: 40, left: 80, right: 80 },
            children: c.blocks.map((p) => paragraph(d, p, base)),
          });
        }),
      });
    }),
  });
}

/** The document as .docx bytes, identical for identical content (fixed dates, entries re-zipped in order). */
export async function docxBytes(info: DocumentInfo, sections: Section[]): Promise<Buffer> {
  const d = await docx();
  const pageNumber = () =>
    new d.Header({ children: [new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: [new d.TextRun({ children: [d.PageNumber.CURRENT], font: FONT, size: 26 })] })] });
  const doc = new d.Document({
    creator: 'cchc',
    lastModifiedBy: 'cchc',
    title: info.title,
    ...(info.provenance ? { customProperties: provenanceProperties(info.provenance).map(([name, value]) => ({ name, value })) } : {}),
    styles: { default: { document: { run: { font: FONT, size: info.size * 2 }, paragraph: { spacing: { line: 276 } } } } },
    sections: sections.map((s) => ({
      properties: {
        page: {
          // docx swaps width and height itself for a landscape page.
          size: s.landscape ? { ...A4, orientation: d.PageOrientation.LANDSCAPE } : A4,
          margin: { top: mm(info.margins.top), bottom: mm(info.margins.bottom), left: mm(info.margins.left), right: mm(info.margins.right), header: mm(8) },
        },
        ...(s.pageNumbers === 'from-second' ? { titlePage: true } : {}),
      },
      ...(s.pageNumbers ? { headers: { default: pageNumber(), ...(s.pageNumbers === 'from-second' ? { first: new d.Header({ children: [] }) } : {}) } } : {}),
      children: s.blocks.map((b) => (b.kind === 'p' ? paragraph(d, b, info.size) : table(d, b, info.size))),
    })),
  });
  return deterministic(await d.Packer.toBuffer(doc));
}

/** What the document was made from, as custom properties (File › Properties › Custom), in a fixed order. */
function provenanceProperties(p: Provenance): Array<[string, string]> {
  const props: Array<[string, string]> = [['cchc.version', p.cchc]];
  if (p.catalog) props.push(['cchc.catalog.id', p.catalog.id], ['cchc.catalog.sha256', p.catalog.sha256 ?? '']);
  props.push(['cchc.inputs', String(p.inputs.length)]);
  p.inputs.forEach((f, i) => props.push([`cchc.input.${i + 1}.file`, f.file], [`cchc.input.${i + 1}.sha256`, f.sha256 ?? '']));
  return props;
}

/** docx stamps the time of writing into docProps/core.xml and every zip entry: both fixed here. */
async function deterministic(buf: Buffer): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(buf);
  const out = new JSZip();
  const names = Object.keys(zip.files).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a.localeCompare(b)));
  const stamp = FIXED_DATE.toISOString().replace('.000', '');
  for (const name of names) {
    const f = zip.files[name]!;
    if (f.dir) continue;
    let data = await f.async('nodebuffer');
    if (name === 'docProps/core.xml') data = Buffer.from(data.toString('utf8').replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${stamp}`));
    out.file(name, data, { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}
