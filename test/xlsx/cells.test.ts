import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellNumber, cellText } from '../../src/xlsx/cells.js';

describe('reading one cell', () => {
  it('shows an error, an error result or an uncalculated formula as the spreadsheet does, never "[object Object]"', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('x');
    const cell = (value: ExcelJS.CellValue) => {
      const c = ws.getCell('A1');
      c.value = value;
      return c;
    };
    const cases: Array<[ExcelJS.CellValue, string]> = [
      [{ error: '#N/A' }, '#N/A'],
      [{ formula: 'B1/C1', result: { error: '#DIV/0!' } }, '#DIV/0!'],
      [{ formula: 'B1*2' }, '=B1*2'],
    ];
    for (const [value, shown] of cases) {
      expect(cellText(cell(value))).toBe(shown);
      expect(cellNumber(cell(value))).toEqual({ kind: 'bad', text: shown });
    }
    expect(cellNumber(cell({ formula: 'B1*2', result: 4 }))).toEqual({ kind: 'number', value: 4, percent: false, typed: '4' });
  });
});
