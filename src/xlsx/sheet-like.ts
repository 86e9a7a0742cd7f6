import type ExcelJS from 'exceljs';

/**
 * The part of exceljs's Worksheet/Row/Cell API the self-assessment form is built with. An exceljs
 * workbook has it, and so has the recorder (sheet-record.ts) whose workbooks form-parts.ts writes without
 * exceljs: the form's layout code is written once, against this.
 */
export interface CellLike {
  value: ExcelJS.CellValue;
  font: Partial<ExcelJS.Font>;
  alignment: Partial<ExcelJS.Alignment>;
  border: Partial<ExcelJS.Borders>;
  fill: ExcelJS.Fill;
  numFmt: string;
  protection: Partial<ExcelJS.Protection>;
  readonly isMerged: boolean;
}

export interface RowLike {
  height: number;
  eachCell(callback: (cell: CellLike, colNumber: number) => void): void;
}

export interface SheetLike {
  readonly name: string;
  columns: Array<Partial<ExcelJS.Column>>;
  views: Array<Partial<ExcelJS.WorksheetView>>;
  pageSetup: Partial<ExcelJS.PageSetup>;
  headerFooter: Partial<ExcelJS.HeaderFooter>;
  getCell(r: number | string, c?: number): CellLike;
  getRow(r: number): RowLike;
  getColumn(c: number): { width?: number | undefined };
  mergeCells(range: string): void;
}

export interface BookLike<S extends SheetLike = SheetLike> {
  addWorksheet(name: string): S;
}
