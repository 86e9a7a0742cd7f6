import type { Cell, Worksheet } from './xlsx.js';

/** Nghị định 30/2020/NĐ-CP: Times New Roman, A4, margins top/bottom 20 mm, left 30 mm, right 15 mm. */
export const FONT = 'Times New Roman';
const MM = 1 / 25.4;

export type Style = { bold?: boolean; italic?: boolean; size?: number; underline?: boolean };

export function put(ws: Worksheet, addr: string, value: Cell['value'], style: Style = {}): Cell {
  const c = ws.getCell(addr);
  c.value = value;
  c.font = { name: FONT, size: style.size ?? 12, bold: style.bold ?? false, italic: style.italic ?? false, underline: style.underline ?? false };
  return c;
}

/** A merged, centred line of text (header blocks, titles). */
export function line(ws: Worksheet, range: string, value: string, style: Style = {}): void {
  ws.mergeCells(range);
  const c = put(ws, range.split(':')[0]!, value, style);
  c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

/** Spreadsheet column letters: 1 → A, 26 → Z, 27 → AA. */
export function colName(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

const THIN = { style: 'thin' as const };
export const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Vietnamese date line: "Hoàng Việt, ngày 20 tháng 12 năm 2024"; blanks to fill by hand when no date is given. */
export function dateLine(place: string, date: string | undefined): string {
  const m = date ? (/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)) : null;
  if (!m) return `${place}, ngày …… tháng …… năm ……`;
  const [d, mo, y] = date!.includes('/') ? [m[1]!, m[2]!, m[3]!] : [m[3]!, m[2]!, m[1]!];
  return `${place}, ngày ${d.padStart(2, '0')} tháng ${mo.padStart(2, '0')} năm ${y}`;
}

/**
 * The Nghị định 30 header block over `cols` columns: agency on the left (body above, then the unit in bold,
 * both upper-case), national title on the right, the place-and-date line in italics below it.
 */
export function headerBlock(ws: Worksheet, cols: number, o: { parent?: string | undefined; unit: string; place: string; date?: string | undefined }): void {
  const split = Math.max(2, Math.floor(cols * 0.4));
  const col = colName;
  const left = (r: number) => `A${r}:${col(split)}${r}`;
  const right = (r: number) => `${col(split + 1)}${r}:${col(cols)}${r}`;
  if (o.parent) line(ws, left(1), o.parent.toUpperCase(), { size: 12 });
  else ws.mergeCells(left(1));
  line(ws, right(1), 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true });
  line(ws, left(2), o.unit.toUpperCase(), { bold: true });
  line(ws, right(2), 'Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true });
  ws.mergeCells(left(3));
  line(ws, right(3), dateLine(o.place, o.date), { italic: true });
}

export function pageSetup(ws: Worksheet, o: { lastRow: number; lastCol: string; titleRows: string; freezeRows: number }): void {
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printArea: `A1:${o.lastCol}${o.lastRow}`,
    printTitlesRow: o.titleRows,
    margins: { left: 30 * MM, right: 15 * MM, top: 20 * MM, bottom: 20 * MM, header: 8 * MM, footer: 8 * MM },
  };
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: o.freezeRows, topLeftCell: `A${o.freezeRows + 1}`, activeCell: `A${o.freezeRows + 1}` }];
}

/** Text from users is always written as text; exceljs never turns a string into a formula. */
export function text(s: string | undefined): string {
  return (s ?? '').normalize('NFC');
}

/** Points per line of Times New Roman at a font size, with the leading spreadsheet programs use. */
const LINE = 1.2;

/** How many lines a text takes in a column `width` characters wide (Excel's unit: the width of "0"). */
export function linesFor(textValue: string, width: number, o: { bold?: boolean; size?: number } = {}): number {
  // Measured in LibreOffice: a column of width 46 holds about 57 characters of 11-point Times New Roman
  // (1,25 a unit), bold a little fewer, capitals about a quarter fewer. Words wrap before the edge, so
  // the estimate stays on the safe side: a row a little tall beats text cut off in print.
  const scale = (11 / (o.size ?? 11)) * (o.bold ? 1.18 : 1.28) * 0.93;
  return textValue.split('\n').reduce((n, para) => {
    const upper = para.length > 3 && para === para.toUpperCase() && para !== para.toLowerCase();
    // A cell loses about one and a half characters to its margins, whatever its width.
    const perLine = Math.max(1, Math.floor((width - 1.5) * scale * (upper ? 0.75 : 1)));
    return n + Math.max(1, Math.ceil(para.length / perLine));
  }, 0);
}

/**
 * Sets each row's height to fit its wrapped text. Neither exceljs nor LibreOffice sizes rows when a
 * workbook is opened, so without this long names and citations print on top of the next row.
 * Merged cells (headers, footers) keep the height they were given.
 */
export function fitRowHeights(ws: Worksheet, from: number, to: number): void {
  for (let r = from; r <= to; r++) {
    const row = ws.getRow(r);
    let height = 0;
    row.eachCell((c, colNumber) => {
      if (c.isMerged) return;
      const v = c.value;
      const t = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
      if (!t) return;
      const size = c.font?.size ?? 11;
      const width = ws.getColumn(colNumber).width ?? 9;
      height = Math.max(height, linesFor(t, width, { bold: Boolean(c.font?.bold), size }) * size * LINE + 3);
    });
    // 409 points is the tallest row a spreadsheet allows.
    if (height > (row.height ?? 15)) row.height = Math.min(409, Math.ceil(height));
  }
}
