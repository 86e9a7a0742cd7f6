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
  const col = (n: number) => String.fromCharCode(64 + n);
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
