import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formWorkbook, FORM_SHEET, SUMMARY_SHEET } from '../../src/workbook/form.js';
import { saveWorkbook } from '../../src/xlsx/excel.js';
import { readAppraisalYaml } from '../../src/io/appraisal-file.js';
import { appraiseScored, type AppraisedUnit } from '../../src/core/appraisal/apply.js';
import { toNumber } from '../../src/core/fixed.js';
import { findSoffice, recalcAllWithLibreOffice } from '../support/libreoffice.js';
import { ROOT } from '../e2e/cli.js';
import { formulas, MINI, readBack, rowOf, scored, tmp } from './support.js';

const HV = join(ROOT, 'examples/van-lang-2024/20101-hoang-viet.yaml');
const HV_OVERLAY = join(ROOT, 'examples/van-lang-2024-tham-dinh/20101-hoang-viet.yaml');
const MINI_OVERLAY = join(ROOT, 'test/fixtures/mini/tham-dinh.yaml');
const run = Boolean(findSoffice()) || Boolean(process.env.CI);

async function appraisedForm(unit: string, overlay: string, dir: string) {
  const u = await scored(unit);
  const a = appraiseScored({ result: u.result, flat: u.flat, evidence: u.evidence.evidence! }, await readAppraisalYaml(overlay), 'final');
  if (!a.appraised) throw new Error(JSON.stringify(a.findings));
  const out = join(dir, `${unit.split('/').pop()}.xlsx`);
  expect(await saveWorkbook(await formWorkbook(u.result, u.flat, u.evidence.evidence!, 'vi', a.appraised), out, [])).toEqual([]);
  return { out, au: a.appraised as AppraisedUnit };
}

function cellAt(values: Record<string, (string | number | null)[][]>, sheet: string, addr: string) {
  const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return values[sheet]?.[Number(m[2]) - 1]?.[col] ?? null;
}

describe('the form with the appraisal columns (10: Điểm thẩm định, 11: Ghi chú thẩm định)', () => {
  it('fills the appraised points, the council’s notes and live totals of column 10 beside column 7', async () => {
    const { out, au } = await appraisedForm(HV, HV_OVERLAY, tmp());
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    const row = rowOf(ws, '3.2.1');
    expect(ws.getCell(`G${row}`).value).toBe(2.5);
    expect(ws.getCell(`J${row}`).value).toBe(1.5);
    const note = String(ws.getCell(`K${row}`).value);
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

describe.skipIf(!run)('the appraised forms recalculated in LibreOffice (one run for both)', () => {
  it('every formula of both columns gives cchc’s own number', async () => {
    const dir = tmp();
    const forms = [await appraisedForm(HV, HV_OVERLAY, dir), await appraisedForm(MINI, MINI_OVERLAY, dir)];
    const recalculated = await recalcAllWithLibreOffice(forms.map((f) => f.out));
    for (const [i, { out, au }] of forms.entries()) {
      const wb = await readBack(out);
      let checked = 0;
      for (const sheet of [FORM_SHEET, SUMMARY_SHEET]) {
        for (const [addr, { result }] of formulas(wb.getWorksheet(sheet)!)) {
          const lo = cellAt(recalculated[i]!, sheet, addr);
          if (typeof result === 'number') expect(Math.round(Number(lo) * 10_000) / 10_000, `${sheet}!${addr}`).toBe(result);
          else expect(lo ?? '', `${sheet}!${addr}`).toBe(result ?? '');
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(20);
      const ws = wb.getWorksheet(FORM_SHEET)!;
      const j = (label: string) => cellAt(recalculated[i]!, FORM_SHEET, `J${rowOf(ws, label)}`);
      expect(j('Tổng điểm')).toBeCloseTo(toNumber(au.result.total), 9);
      expect(j('Tổng điểm tối đa áp dụng')).toBeCloseTo(toNumber(au.result.applicableMax), 9);
      expect(j('Chỉ số cải cách hành chính (%)')).toBe(au.result.index);
      expect(j('Xếp loại')).toBe(au.result.band);
    }
  }, 180_000);
});
