import { fontOf, heightOf, type Cell, type Worksheet } from '../xlsx/excel.js';
import type { CellLike, SheetLike } from '../xlsx/sheet-like.js';

/** Nghị định 30/2020/NĐ-CP: Times New Roman, A4, margins top/bottom 20 mm, left 30 mm, right 15 mm. */
export const FONT = 'Times New Roman';
const MM = 1 / 25.4;

export type Style = { bold?: boolean; italic?: boolean; size?: number; underline?: boolean };

/**
 * One font object per style, shared by the cells that have it: a workbook is written faster when cells share
 * their style's parts (src/xlsx/excel.ts). Shared parts are never changed in place: a cell gets another one.
 */
const FONTS = new Map<string, Cell['font']>();
function fontFor(size: number, bold: boolean, italic: boolean, underline: boolean): Cell['font'] {
  const key = `${size}|${bold ? 1 : 0}${italic ? 1 : 0}${underline ? 1 : 0}`;
  let f = FONTS.get(key);
  if (!f) FONTS.set(key, (f = { name: FONT, size, bold, italic, underline }));
  return f;
}

export function put<C extends CellLike>(ws: { getCell(addr: string): C }, addr: string, value: Cell['value'], style: Style = {}): C {
  const c = ws.getCell(addr);
  c.value = value;
  c.font = fontFor(style.size ?? 12, style.bold ?? false, style.italic ?? false, style.underline ?? false);
  return c;
}

/** A merged, centred line of text (header blocks, titles). */
/** Centred, wrapped: lines of text and table headings (one object, shared; never changed in place). */
export const CENTRED: Cell['alignment'] = { horizontal: 'center', vertical: 'middle', wrapText: true };
const RULE_ALIGN: Cell['alignment'] = { horizontal: 'center', vertical: 'top' };

export function line(ws: SheetLike, range: string, value: string, style: Style = {}): void {
  ws.mergeCells(range);
  const c = put(ws, range.split(':')[0]!, value, style);
  c.alignment = CENTRED;
}

/** Spreadsheet column letters: 1 → A, 26 → Z, 27 → AA. */
export function colName(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

const THIN = { style: 'thin' as const };
export const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };

const INPUT_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFF2CC' } };
/** A cell the person filling in a workbook types into: unlocked, yellow, boxed. */
export function input<C extends CellLike>(c: C): C {
  c.protection = { locked: false };
  c.fill = INPUT_FILL;
  c.border = BOX;
  c.font = { name: FONT, size: 11 };
  c.alignment = { vertical: 'top', wrapText: true };
  return c;
}

/** "20 tháng 12 năm 2024" from dd/mm/yyyy or yyyy-mm-dd; blanks to fill by hand when there is no date. */
export function dateWords(date: string | undefined): string {
  const m = date ? (/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)) : null;
  if (!m) return '…… tháng …… năm ……';
  const [d, mo, y] = date!.includes('/') ? [m[1]!, m[2]!, m[3]!] : [m[3]!, m[2]!, m[1]!];
  return `${d.padStart(2, '0')} tháng ${mo.padStart(2, '0')} năm ${y}`;
}

/** Vietnamese date line: "Hoàng Việt, ngày 20 tháng 12 năm 2024"; blanks to fill by hand when no date is given. */
export function dateLine(place: string, date: string | undefined): string {
  return `${place}, ngày ${dateWords(date)}`;
}

/**
 * Number formats tagged Vietnamese (LCID 042A): LibreOffice then shows a decimal comma (92,95) whatever
 * the reader's own locale. Excel keeps its own separators (Options › Advanced › system separators):
 * the tag is harmless there. Numbers stay numbers either way.
 */
export const VI_LOCALE = '[$-42A]';
export function decimalFormat(decimals: number): string {
  return `${VI_LOCALE}${decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0'}`;
}
/** Points and percentages: two decimals. */
export const POINTS = decimalFormat(2);
/** Counts. */
export const COUNT = decimalFormat(0);

/** A people's committee (UBND) at any level, as opposed to a department (sở): by level, else by name. */
export function isCommittee(name: string, level?: string): boolean {
  return level !== undefined ? level !== 'so' : /^(UBND|Ủy ban nhân dân)\s/i.test(name.normalize('NFC'));
}

/** "05/BC-UBND", or a blank for the number when it is given by hand at issue (Nghị định 30: two digits under 10). */
export function reportNumber(number: string | number | undefined, symbol: string | undefined): string {
  const n = number === undefined ? '        ' : String(number).padStart(2, '0');
  return `${n}/${symbol ? text(symbol).trim() : 'BC-……'}`;
}

/**
 * The short rule under the issuing body (Nghị định 30: a solid line 1/3 to 1/2 as long as the name) and the
 * rule under the motto (as long as the motto). Drawn with box-drawing characters, which Times New Roman and
 * its metric twin Liberation Serif both have: a line the right length, centred, with no drawing objects.
 * One "─" at 12 points is 8,5 points wide; a bold capital at 12 points about 7,5 (measured in LibreOffice's PDF).
 */
export function ruleUnder(name: string): string {
  return '─'.repeat(Math.max(3, Math.round(name.length * 0.37)));
}
/** "Độc lập - Tự do - Hạnh phúc" in 13-point bold is 167 points wide; 20 rule characters are 170. */
export const MOTTO_RULE = '─'.repeat(20);
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

export interface Header {
  parent?: string | undefined;
  unit: string;
  place: string;
  date?: string | undefined;
  /** The "Số: …/BC-…" line; none for an annex, whose report number is in its "Kèm theo …" line. */
  number?: string | undefined;
  /** The place-and-date line (default true); an annex has its report's date instead. */
  dated?: boolean;
}

/**
 * The Nghị định 30 header block over `cols` columns, rows 1–4: on the left the body above (upright) and the
 * issuing body (bold), both upper-case, a short rule, then "Số: …"; on the right the national title, the motto
 * (13 pt bold), a rule as long as the motto, then the place and date (13 pt italic). Returns the next free row.
 */
export function headerBlock(ws: SheetLike, cols: number, o: Header): number {
  const split = Math.max(2, Math.floor(cols * 0.4));
  const col = colName;
  const left = (r: number) => `A${r}:${col(split)}${r}`;
  const right = (r: number) => `${col(split + 1)}${r}:${col(cols)}${r}`;
  if (o.parent) line(ws, left(1), o.parent.normalize('NFC').toUpperCase(), { size: 12 });
  else ws.mergeCells(left(1));
  line(ws, right(1), 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12 });
  const unit = o.unit.normalize('NFC').toUpperCase();
  line(ws, left(2), unit, { bold: true, size: 12 });
  line(ws, right(2), MOTTO, { bold: true, size: 13 });
  for (const [range, rule] of [[left(3), ruleUnder(unit)], [right(3), MOTTO_RULE]] as const) {
    line(ws, range, rule, { size: 12 });
    ws.getCell(range.split(':')[0]!).alignment = RULE_ALIGN;
  }
  // The rule sits just under the line above it.
  ws.getRow(2).height = 17;
  ws.getRow(3).height = 11;
  const dated = o.dated ?? true;
  if (o.number === undefined && !dated) return 4;
  if (o.number !== undefined) line(ws, left(4), o.number, { size: 13 });
  else ws.mergeCells(left(4));
  if (dated) line(ws, right(4), dateLine(o.place, o.date), { italic: true, size: 13 });
  else ws.mergeCells(right(4));
  ws.getRow(4).height = 20;
  return 5;
}

/** Page numbers from page 2 on (Nghị định 30 does not number the first page), 13 points, centred. */
export const PAGE_FOOTER = '&C&"Times New Roman,Regular"&13Trang &P/&N';

export interface PageSetup {
  lastRow: number;
  lastCol: string;
  /** Rows repeated at the top of every printed page, e.g. "9:10". */
  titleRows: string;
  /** The last frozen row. */
  freezeRows: number;
  /**
   * The first row kept on screen above the scrolling part (default 1: rows 1…freezeRows frozen). With the
   * table's heading row here, the rows above it (the Nghị định 30 header) are printed but scrolled out of
   * view, so the frozen part on screen is the heading alone.
   */
  freezeFrom?: number;
  /**
   * Number this sheet's first page too: for sheets after the first, whose pages continue the document's
   * numbering (LibreOffice and Excel number a whole-workbook print continuously).
   */
  numberFirstPage?: boolean;
}

export function pageSetup(ws: SheetLike, o: PageSetup): void {
  printSetup(ws, o);
  ws.views = frozenViews(o);
}

/**
 * The frozen rows on screen. exceljs writes where the scrolling pane starts; the sheet view's own first row
 * (rows above it scrolled out of view) is added when the workbook is written: see sheet-view.ts.
 */
export function frozenViews(o: Pick<PageSetup, 'freezeRows' | 'freezeFrom'>): Worksheet['views'] {
  const from = o.freezeFrom ?? 1;
  return [{ state: 'frozen', xSplit: 0, ySplit: o.freezeRows - from + 1, topLeftCell: `A${o.freezeRows + 1}`, activeCell: `A${o.freezeRows + 1}` }];
}

/** pageSetup without the frozen rows: for a streamed sheet, whose view is fixed when it is made. */
export function printSetup(ws: Pick<SheetLike, 'pageSetup' | 'headerFooter'>, o: Omit<PageSetup, 'freezeRows' | 'freezeFrom'>): void {
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
  ws.headerFooter = o.numberFirstPage ? { oddFooter: PAGE_FOOTER } : { differentFirst: true, oddFooter: PAGE_FOOTER };
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
export function fitRowHeights(ws: SheetLike, from: number, to: number): void {
  for (let r = from; r <= to; r++) {
    const row = ws.getRow(r);
    let height = 0;
    row.eachCell((c, colNumber) => {
      if (c.isMerged) return;
      const v = c.value;
      const t = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
      if (!t) return;
      const size = fontOf(c)?.size ?? 11;
      const width = ws.getColumn(colNumber).width ?? 9;
      height = Math.max(height, linesFor(t, width, { bold: Boolean(fontOf(c)?.bold), size }) * size * LINE + 3);
    });
    // 409 points is the tallest row a spreadsheet allows.
    if (height > (heightOf(row) ?? 15)) row.height = Math.min(409, Math.ceil(height));
  }
}
