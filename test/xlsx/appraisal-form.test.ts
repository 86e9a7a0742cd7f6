import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORM_SHEET, SUMMARY_SHEET } from '../../src/workbook/form.js';
import { toNumber } from '../../src/core/fixed.js';
import { cellText } from '../../src/xlsx/cells.js';
import { ROOT } from '../e2e/cli.js';
import { appraisedForm, MINI, readBack, rowOf, tmp } from './support.js';

const HV = join(ROOT, 'examples/van-lang-2024/20101-hoang-viet.yaml');
const HV_OVERLAY = join(ROOT, 'examples/van-lang-2024-tham-dinh/20101-hoang-viet.yaml');
const MINI_OVERLAY = join(ROOT, 'test/fixtures/mini/tham-dinh.yaml');
// Recalculated in LibreOffice: test/support/libreoffice.test.ts.

describe('the form with the appraisal columns (10: Điểm thẩm định, 11: Ghi chú thẩm định)', () => {
  it('fills the appraised points, the council’s notes and live totals of column 10 beside column 7', async () => {
    const { out, au } = await appraisedForm(HV, HV_OVERLAY, tmp());
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    const row = rowOf(ws, '3.2.1');
    expect(ws.getCell(`G${row}`).value).toBe(2.5);
    expect(ws.getCell(`J${row}`).value).toBe(1.5);
    const note = cellText(ws.getCell(`K${row}`));
    expect(note).toContain('Thẩm định lần 1: Số liệu không khớp hệ thống');
    expect(note).toContain('Thẩm định lần 2: Không chấp nhận giải trình');
    // Parent rows sum column 10 too; the footer has its totals, index and band.
    expect(ws.getCell(`J${rowOf(ws, '3')}`).value).toMatchObject({ formula: expect.stringMatching(/^SUM\(J/), result: 13 });
    const j = (label: string) => ws.getCell(`J${rowOf(ws, label)}`).value as { formula: string; result: unknown };
    expect(j('Tổng điểm').result).toBe(88.75);
    expect(j('Tổng điểm tối đa áp dụng')).toMatchObject({ formula: expect.stringMatching(/^SUM\(M/), result: 98.5 });
    expect(j('Chỉ số cải cách hành chính (%)').result).toBe(au.result.index);
    expect(j('Xếp loại').result).toBe('Xuất sắc');
    // Column 7 keeps the self-assessment.
    expect((ws.getCell(`G${rowOf(ws, 'Chỉ số cải cách hành chính (%)')}`).value as { result: number }).result).toBe(92.95);
    expect(ws.getColumn('M').hidden).toBe(true);
    const summary = (await readBack(out)).getWorksheet(SUMMARY_SHEET)!;
    expect(summary.getCell('H4').value).toBe('Điểm thẩm định');
  });

  it('counts an item the council deems applicable in the appraised max, and one it deems not arisen out of it', async () => {
    const { out, au } = await appraisedForm(MINI, MINI_OVERLAY, tmp());
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    expect(ws.getCell(`J${rowOf(ws, '1.3')}`).value).toBe('Không đánh giá');
    expect(ws.getCell(`M${rowOf(ws, '1.3')}`).value).toBe(0);
    expect(ws.getCell(`L${rowOf(ws, '1.3')}`).value).toBe(0.5);
    expect((ws.getCell(`J${rowOf(ws, 'Tổng điểm tối đa áp dụng')}`).value as { result: number }).result).toBe(toNumber(au.result.applicableMax));
    // The bonus the council did not recognise: 0 in column 10, capped like column 7.
    expect(ws.getCell(`J${rowOf(ws, 'T.1')}`).value).toBe(0);
    expect(ws.getCell(`J${rowOf(ws, 'Điểm thưởng')}`).value).toMatchObject({ formula: `MIN(J${rowOf(ws, 'T.1')},0.5)` });
  });
});
