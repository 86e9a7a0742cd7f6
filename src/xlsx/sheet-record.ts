import type ExcelJS from 'exceljs';
import type { BookLike, CellLike, RowLike, SheetLike } from './sheet-like.js';

/**
 * A workbook recorded, not built: the cells, rows, merges and sheet settings the form sets through the
 * SheetLike API, kept as exceljs keeps them (a cell's style is one object its font, border… are set on;
 * merged cells share their master's style object; a merged cell's value is its master's), so that
 * form-parts.ts can write the parts exceljs would write. What it does not follow exactly is noted in
 * `unsure`, and such a workbook is written through exceljs instead.
 */
export type CellStyle = Record<string, unknown>;

export class RecordedCell implements CellLike {
  style: CellStyle = {};
  raw: unknown = null;
  master: RecordedCell | undefined;
  mergeCount = 0;
  constructor(
    readonly row: number,
    readonly col: number,
    private readonly book: RecordedBook,
  ) {}

  get value(): ExcelJS.CellValue {
    return (this.master ? this.master.raw : this.raw) as ExcelJS.CellValue;
  }
  set value(v: ExcelJS.CellValue) {
    // exceljs gives a merged cell's value to its master: not something the form does.
    if (this.master) this.book.unsure.push('value of a merged cell');
    this.raw = v ?? null;
  }
  get isMerged(): boolean {
    return this.mergeCount > 0 || this.master !== undefined;
  }
  get font() {
    return this.style.font as Partial<ExcelJS.Font>;
  }
  set font(v) {
    this.style.font = v;
  }
  get alignment() {
    return this.style.alignment as Partial<ExcelJS.Alignment>;
  }
  set alignment(v) {
    this.style.alignment = v;
  }
  get border() {
    return this.style.border as Partial<ExcelJS.Borders>;
  }
  set border(v) {
    this.style.border = v;
  }
  get fill() {
    return this.style.fill as ExcelJS.Fill;
  }
  set fill(v) {
    this.style.fill = v;
  }
  get numFmt() {
    return this.style.numFmt as string;
  }
  set numFmt(v) {
    this.style.numFmt = v;
  }
  get protection() {
    return this.style.protection as Partial<ExcelJS.Protection>;
  }
  set protection(v) {
    this.style.protection = v;
  }
}

export class RecordedRow implements RowLike {
  readonly cells: Array<RecordedCell | undefined> = [];
  /** Unset (undefined) until the form sizes the row, as exceljs's (typed as always there, as exceljs types it). */
  height!: number;
  constructor(readonly number: number) {}
  /** As exceljs's Row.eachCell: the cells with a value or merged, in column order. */
  eachCell(callback: (cell: CellLike, colNumber: number) => void): void {
    this.cells.forEach((c, i) => {
      if (c && (c.raw !== null || c.master)) callback(c, i + 1);
    });
  }
}


/** A column not set: no width (read only). */
const NO_COLUMN: { width?: number } = Object.freeze({});

export class RecordedSheet implements SheetLike {
  readonly rows: Array<RecordedRow | undefined> = [];
  /** Merged ranges as [top, left, bottom, right]. */
  readonly merges: Array<[number, number, number, number]> = [];
  columns: Array<Partial<ExcelJS.Column>> = [];
  views: Array<Partial<ExcelJS.WorksheetView>> = [];
  pageSetup: Partial<ExcelJS.PageSetup> = {};
  headerFooter: Partial<ExcelJS.HeaderFooter> = {};
  constructor(
    readonly name: string,
    readonly book: RecordedBook,
  ) {}

  getRow(r: number): RecordedRow {
    if (!Number.isInteger(r) || r < 1 || r > 1048576) this.book.unsure.push(`row ${r}`);
    let row = this.rows[r];
    if (!row) this.rows[r] = row = new RecordedRow(r);
    return row;
  }

  getCell(r: number | string, c?: number): RecordedCell {
    let row = r;
    let col = c;
    if (typeof r === 'string') {
      // "B12": one to three capitals, then a row number from 1; read without a regular expression (every cell is).
      let i = 0;
      col = 0;
      for (let ch = r.charCodeAt(0); ch >= 65 && ch <= 90 && i < 3; ch = r.charCodeAt(++i)) col = col * 26 + ch - 64;
      let j = i;
      row = 0;
      for (let d = r.charCodeAt(j) - 48; d >= 0 && d <= 9 && j - i < 7; d = r.charCodeAt(++j) - 48) row = row * 10 + d;
      if (i === 0 || j === i || j !== r.length || r.charCodeAt(i) === 48 || c !== undefined) {
        this.book.unsure.push(`address ${r}`);
        return new RecordedCell(1, 1, this.book);
      }
    }
    if (typeof col !== 'number' || !Number.isInteger(col) || col < 1 || col > 16384) {
      this.book.unsure.push(`column ${String(col)}`);
      return new RecordedCell(1, 1, this.book);
    }
    const line = this.getRow(row as number);
    let cell = line.cells[col - 1];
    if (!cell) line.cells[col - 1] = cell = new RecordedCell(row as number, col, this.book);
    return cell;
  }

  getColumn(c: number): { width?: number | undefined } {
    return this.columns[c - 1] ?? NO_COLUMN;
  }

  /** As exceljs: every cell but the top-left one becomes part of it, its value dropped, its style the master's. */
  mergeCells(range: string): void {
    const m = /^([A-Z]{1,3}[1-9]\d*):([A-Z]{1,3}[1-9]\d*)$/.exec(range);
    if (!m) {
      this.book.unsure.push(`merge ${range}`);
      return;
    }
    const a = this.getCell(m[1]!);
    const b = this.getCell(m[2]!);
    const top = Math.min(a.row, b.row);
    const bottom = Math.max(a.row, b.row);
    const left = Math.min(a.col, b.col);
    const right = Math.max(a.col, b.col);
    // exceljs refuses to merge over a merge (and would then throw): the fallback does what it does.
    if (this.merges.some(([t, l, bo, ri]) => t <= bottom && bo >= top && l <= right && ri >= left)) {
      this.book.unsure.push(`merge over a merge ${range}`);
      return;
    }
    const master = this.getCell(top, left);
    if (master.master) this.book.unsure.push(`merge from a merged cell ${range}`);
    for (let i = top; i <= bottom; i++) {
      for (let j = left; j <= right; j++) {
        if (i === top && j === left) continue;
        const cell = this.getCell(i, j);
        if (cell.mergeCount) this.book.unsure.push(`merge over a master ${range}`);
        cell.raw = null;
        cell.master = master;
        cell.style = master.style;
        master.mergeCount++;
      }
    }
    this.merges.push([top, left, bottom, right]);
  }
}

/** exceljs refuses these sheet names (and throws): the fallback does what it does. */
const BAD_NAME = /[*?:/\\[\]]|^'|'$/;

export class RecordedBook implements BookLike<RecordedSheet> {
  readonly sheets: RecordedSheet[] = [];
  /** What this recording did not follow as exceljs would: when not empty, the workbook goes through exceljs. */
  readonly unsure: string[] = [];
  addWorksheet(name: string): RecordedSheet {
    if (!name || name.length > 31 || BAD_NAME.test(name) || this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      this.unsure.push(`sheet name ${name}`);
    }
    const ws = new RecordedSheet(name, this);
    this.sheets.push(ws);
    return ws;
  }
}
