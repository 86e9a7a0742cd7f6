import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { findSoffice, recalcWithLibreOffice } from './libreoffice.js';

const soffice = findSoffice();
const SUMMARY = 'Tổng hợp theo lĩnh vực';

describe('LibreOffice recalculation harness', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-lo-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // CI installs LibreOffice (.ci/setup): there, a missing soffice is a failure, not a skip.
  it.runIf(!!process.env.CI)('has LibreOffice on CI', () => {
    expect(soffice, 'soffice not found: .ci/setup should have installed libreoffice-calc-nogui').toBeDefined();
  });

  it.skipIf(!soffice)('recalculates every formula instead of trusting cached results', { timeout: 180_000 }, async () => {
    const wb = new ExcelJS.Workbook();
    wb.calcProperties.fullCalcOnLoad = true;
    const data = wb.addWorksheet('Dữ liệu');
    data.getCell('A1').value = 0.25;
    data.getCell('A2').value = 0.5;
    data.getCell('A3').value = 1.25;
    data.getCell('A4').value = { formula: 'SUM(A1:A3)', result: 999 }; // deliberately wrong cache
    data.getCell('B1').value = 'Ghi chú có dấu';
    data.getCell('B4').value = { formula: 'IF(A4>100,"lớn","")', result: 'lớn' };
    data.getCell('C4').value = { formula: 'A4/0', result: 0 };
    data.getCell('D4').value = { formula: 'A4=2', result: false };
    const sum = wb.addWorksheet(SUMMARY);
    sum.getCell('A1').value = 'Tổng';
    sum.getCell('B1').value = { formula: "'Dữ liệu'!A4*10", result: 9990 };
    sum.getCell('B2').value = { formula: `ROUND(B1/3,2)`, result: 0 };
    sum.getCell('C3').value = { formula: `'${SUMMARY}'!B1+'Dữ liệu'!A1`, result: -1 };
    const file = join(dir, 'sai số bộ nhớ đệm.xlsx');
    await wb.xlsx.writeFile(file);

    const t0 = Date.now();
    const v = await recalcWithLibreOffice(file);
    console.log(`LibreOffice recalc took ${Date.now() - t0} ms`);

    expect(Object.keys(v)).toEqual(['Dữ liệu', SUMMARY]);
    expect(v['Dữ liệu']).toEqual([
      [0.25, 'Ghi chú có dấu'],
      [0.5],
      [1.25],
      [2, '', '#DIV/0!', 'TRUE'],
    ]);
    expect(v[SUMMARY]).toEqual([
      ['Tổng', 20],
      [null, 6.67],
      [null, null, 20.25],
    ]);
  });
});
