import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colName, fitRowHeights, linesFor } from '../../src/export/sheet-style.js';
import { formWorkbook, FORM_SHEET, SUMMARY_SHEET } from '../../src/export/form.js';
import { newWorkbook, saveWorkbook } from '../../src/export/xlsx.js';
import type { Evidence } from '../../src/schema/evidence.js';
import { scoreUnit } from '../../src/scoring/score.js';
import { formulas, MINI, readBack, rowOf, scored, tmp } from './support.js';

/** Scores the mini unit (after an optional change to its evidence) and writes its form. */
async function writeForm(dir: string, name = 'form.xlsx', tweak?: (e: Evidence) => Evidence) {
  const u = await scored();
  const ev = tweak ? tweak(u.evidence.evidence!) : u.evidence.evidence!;
  const result = tweak ? scoreUnit(u.index, ev).result : u.result;
  const out = join(dir, name);
  expect(await saveWorkbook(await formWorkbook(result, u.index, ev, 'vi'), out, [MINI])).toEqual([]);
  return { out, u: { ...u, result } };
}

describe('self-assessment form', () => {
  it('has the standard header, columns and footer with live formulas caching cchc numbers', async () => {
    const { out, u } = await writeForm(tmp());
    const wb = await readBack(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([FORM_SHEET, SUMMARY_SHEET]);
    const ws = wb.getWorksheet(FORM_SHEET)!;
    expect(ws.getCell('A1').value).toBe('UBND HUYỆN VĂN LÃNG');
    expect(ws.getCell('A2').value).toBe('UBND XÃ THỬ NGHIỆM');
    expect(ws.getCell('A2').font.bold).toBe(true);
    expect(ws.getCell('E1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getCell('E2').value).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(ws.getCell('E3').font.italic).toBe(true);
    expect(ws.getCell('A5').value).toBe('BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024');
    expect(ws.getRow(9).values).toEqual([
      undefined, 'STT', 'Lĩnh vực, tiêu chí, tiêu chí thành phần', 'Điểm tối đa', 'Số liệu kê khai', 'Cách tính điểm',
      'Tài liệu kiểm chứng', 'Điểm tự đánh giá', 'Giải trình', 'Điểm thẩm định', 'Ghi chú thẩm định',
    ]);
    // Area rows upper-case and bold; leaf points numeric with 2-decimal format.
    const area = rowOf(ws, '1');
    expect(ws.getCell(`B${area}`).value).toBe('CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC');
    expect(ws.getCell(`B${area}`).font.bold).toBe(true);
    const leaf = rowOf(ws, '2.2');
    expect(ws.getCell(`G${leaf}`).value).toBe(0.88);
    expect(ws.getCell(`G${leaf}`).numFmt).toBe('0.00');
    expect(ws.getCell(`F${rowOf(ws, '1.1.1')}`).value).toBe(
      'Kế hoạch số 35/KH-UBND ngày 19/01/2024 của UBND xã Thử Nghiệm về công tác cải cách hành chính năm 2024',
    );

    const f = formulas(ws);
    const footer = (label: string) => f.get(`G${rowOf(ws, label)}`)!;
    expect(footer('Tổng điểm các lĩnh vực').result).toBe(u.result.achieved);
    expect(footer('Điểm thưởng')).toMatchObject({ formula: expect.stringMatching(/^MIN\(/), result: 0.5 });
    expect(footer('Tổng điểm').result).toBe(u.result.total);
    expect(footer('Tổng điểm tối đa áp dụng').result).toBe(u.result.applicableMax);
    expect(footer('Chỉ số cải cách hành chính (%)')).toMatchObject({ formula: expect.stringContaining('ROUND('), result: 71.1 });
    expect(footer('Xếp loại').result).toBe('Khá');
    expect(f.get(`G${area}`)!.result).toBe(2.88);
    expect(ws.getCell(`A${rowOf(ws, 'TM. ỦY BAN NHÂN DÂN', 'G')}`)).toBeDefined();
    expect(rowOf(ws, 'CHỦ TỊCH', 'G')).toBeGreaterThan(0);
  });

  it('marks not-applicable rows and leaves them out of the applicable max', async () => {
    const { out } = await writeForm(tmp(), 'na.xlsx', (e) => ({ ...e, items: { ...e.items, '1.3': { not_arisen: 'Không có' } } }));
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    const r = rowOf(ws, '1.3');
    expect(ws.getCell(`G${r}`).value).toBe('Không đánh giá');
    expect(ws.getCell(`K${r}`).value).toBe(0);
    expect(ws.getCell(`C${r}`).value).toBe(0.5);
    expect(formulas(ws).get(`G${rowOf(ws, 'Tổng điểm tối đa áp dụng')}`)!.result).toBe(9.5);
  });

  it('is ready to print: Times New Roman, A4 landscape fitted to width, repeated header, frozen panes', async () => {
    const { out } = await writeForm(tmp());
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    expect(ws.getCell('B12').font.name).toBe('Times New Roman');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '9:10' });
    expect(ws.pageSetup.printArea).toMatch(/^A1:J\d+$/);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 10 });
    expect(ws.getColumn('K').hidden).toBe(true);
  });

  it('never makes a row taller than a spreadsheet allows (409 points)', async () => {
    const wb = await newWorkbook();
    const ws = wb.addWorksheet('x');
    ws.columns = [{ width: 20 }];
    ws.getCell('A1').value = 'giải trình rất dài '.repeat(500);
    fitRowHeights(ws, 1, 1);
    expect(ws.getRow(1).height).toBe(409);
  });

  it('names columns past Z as spreadsheets do', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(colName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('gives each row the height its wrapped text needs, so nothing prints over the next row', async () => {
    const { out } = await writeForm(tmp());
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    let checked = 0;
    for (let r = 11; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      for (const col of ['B', 'D', 'E', 'F', 'H']) {
        const v = row.getCell(col).value;
        if (typeof v !== 'string' || row.getCell(col).isMerged) continue;
        // At least one 11-point line per explicit line break, and more for text wider than its column.
        const lines = linesFor(v, ws.getColumn(col).width!, { bold: Boolean(row.getCell(col).font?.bold) });
        expect(lines).toBeGreaterThanOrEqual(v.split('\n').length);
        expect(row.height ?? 15, `${col}${r}`).toBeGreaterThanOrEqual(lines * 11 * 1.2);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('writes evidence text that looks like a formula as text', async () => {
    const evil = ['=HYPERLINK("http://x","bấm")', '+1+2', '-3', '@SUM(A1)'];
    const { out } = await writeForm(tmp(), 'inj.xlsx', (e) => ({
      ...e,
      items: { ...e.items, '1.2': { value: 2, documents: evil, note: '=1+1' } },
    }));
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    const r = rowOf(ws, '1.2');
    expect(ws.getCell(`F${r}`).value).toBe(evil.join('\n'));
    expect(ws.getCell(`F${r}`).formula).toBeUndefined();
    expect(ws.getCell(`H${r}`).value).toBe('=1+1');
    expect(ws.getCell(`H${r}`).formula).toBeUndefined();
  });

  it('gives byte-identical files for the same input', async () => {
    const dir = tmp();
    const a = (await writeForm(dir, 'a.xlsx')).out;
    await new Promise((r) => setTimeout(r, 1100));
    const b = (await writeForm(dir, 'b.xlsx')).out;
    const h = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    expect(h(a)).toBe(h(b));
  });

  it('never overwrites an input and leaves no partial file when writing fails', async () => {
    const u = await scored();
    const wb = await formWorkbook(u.result, u.index, u.evidence.evidence!, 'vi');
    expect((await saveWorkbook(wb, MINI, [MINI])).map((f) => f.code)).toEqual(['output.is_input']);
    const dir = tmp();
    const missing = join(dir, 'no-such-dir', 'f.xlsx');
    expect((await saveWorkbook(wb, missing, [MINI])).map((f) => f.code)).toEqual(['output.write_failed']);
    expect(existsSync(missing)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('sums per area on the second sheet, linked to the form', async () => {
    const { out, u } = await writeForm(tmp());
    const ws = (await readBack(out)).getWorksheet(SUMMARY_SHEET)!;
    expect(ws.getRow(4).values).toEqual([undefined, 'STT', 'Lĩnh vực', 'Điểm tối đa', 'Điểm tối đa áp dụng', 'Điểm đạt', 'Tỷ lệ (%)']);
    expect(ws.getCell('E5').formula).toMatch(/^'Tự đánh giá'!G\d+$/);
    expect([ws.getCell('E5').result, ws.getCell('E6').result]).toEqual(u.result.areas.map((a) => a.points));
    expect(ws.getCell('F5').result).toBe(72);
  });
});
