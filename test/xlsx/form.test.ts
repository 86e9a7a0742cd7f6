import { toNumber } from '../../src/core/fixed.js';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colName, fitRowHeights, linesFor } from '../../src/workbook/sheet-style.js';
import { formWorkbook, FORM_SHEET, SUMMARY_SHEET } from '../../src/workbook/form.js';
import { newWorkbook, saveWorkbook } from '../../src/xlsx/excel.js';
import { cellText } from '../../src/xlsx/cells.js';
import type { Evidence } from '../../src/core/schema/evidence.js';
import { scoreUnit } from '../../src/core/scoring/score.js';
import { templateWorkbook } from '../../src/workbook/template.js';
import { decimalPoints, formulas, MINI, pointFormatted, readBack, rowOf, scored, sheetXml, tmp } from './support.js';

/** Scores the mini unit (after an optional change to its evidence) and writes its form. */
async function writeForm(dir: string, name = 'form.xlsx', tweak?: (e: Evidence) => Evidence) {
  const u = await scored();
  const ev = tweak ? tweak(u.evidence.evidence!) : u.evidence.evidence!;
  const result = tweak ? scoreUnit(u.flat, ev).result : u.result;
  const out = join(dir, name);
  expect(await saveWorkbook(await formWorkbook(result, u.flat, ev), out, [MINI])).toEqual([]);
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
    expect(ws.getCell('E4').font.italic).toBe(true);
    expect(rowOf(ws, 'BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024')).toBeGreaterThan(4);
    expect(ws.getRow(rowOf(ws, 'STT')).values).toEqual([
      undefined, 'STT', 'Lĩnh vực, tiêu chí, tiêu chí thành phần', 'Điểm tối đa', 'Số liệu kê khai', 'Cách tính điểm',
      'Tài liệu kiểm chứng', 'Điểm tự đánh giá', 'Điểm đơn vị tự chấm', 'Giải trình', 'Điểm thẩm định', 'Ghi chú thẩm định',
    ]);
    // Area rows upper-case and bold; leaf points numeric with 2-decimal format.
    const area = rowOf(ws, '1');
    expect(ws.getCell(`B${area}`).value).toBe('CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC');
    expect(ws.getCell(`B${area}`).font.bold).toBe(true);
    const leaf = rowOf(ws, '2.2');
    expect(ws.getCell(`G${leaf}`).value).toBe(0.88);
    expect(ws.getCell(`G${leaf}`).numFmt).toBe('[$-42A]0.00');
    expect(ws.getCell(`F${rowOf(ws, '1.1.1')}`).value).toBe(
      'Kế hoạch số 35/KH-UBND ngày 19/01/2024 của UBND xã Thử Nghiệm về công tác cải cách hành chính năm 2024',
    );

    const f = formulas(ws);
    const footer = (label: string) => f.get(`G${rowOf(ws, label)}`)!;
    expect(footer('Tổng điểm các lĩnh vực').result).toBe(toNumber(u.result.achieved));
    expect(footer('Điểm thưởng')).toMatchObject({ formula: expect.stringMatching(/^MIN\(/), result: 0.5 });
    expect(footer('Tổng điểm').result).toBe(toNumber(u.result.total));
    expect(footer('Tổng điểm tối đa áp dụng').result).toBe(toNumber(u.result.applicableMax));
    expect(footer('Chỉ số cải cách hành chính (%)')).toMatchObject({ formula: expect.stringContaining('ROUND('), result: 71.1 });
    expect(footer('Xếp loại').result).toBe('Khá');
    expect(f.get(`G${area}`)!.result).toBe(2.88);
    expect(rowOf(ws, 'TM. ỦY BAN NHÂN DÂN', 'H')).toBeGreaterThan(0);
    expect(rowOf(ws, 'CHỦ TỊCH', 'H')).toBe(rowOf(ws, 'TM. ỦY BAN NHÂN DÂN', 'H') + 1);
    // A row that is not there fails the check instead of giving row −1, which exceljs reads as row 1: a check
    // of a missing row would have looked at the page header.
    expect(ws.getCell('H-1').address).toBe('H1');
    expect(() => rowOf(ws, 'TM. HỘI ĐỒNG NHÂN DÂN', 'H')).toThrow(/no row of .* has "TM. HỘI ĐỒNG NHÂN DÂN" in column H/);
  });

  it('marks not-applicable rows and leaves them out of the applicable max', async () => {
    const { out } = await writeForm(tmp(), 'na.xlsx', (e) => ({ ...e, items: { ...e.items, '1.3': { not_arisen: 'Không có' } } }));
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    const r = rowOf(ws, '1.3');
    expect(ws.getCell(`G${r}`).value).toBe('Không đánh giá');
    expect(ws.getCell(`L${r}`).value).toBe(0);
    expect(ws.getCell(`C${r}`).value).toBe(0.5);
    expect(formulas(ws).get(`G${rowOf(ws, 'Tổng điểm tối đa áp dụng')}`)!.result).toBe(9.5);
  });

  it('is ready to print: Times New Roman, A4 landscape fitted to width, repeated header, only the heading frozen', async () => {
    const { out } = await writeForm(tmp());
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    const head = rowOf(ws, 'STT');
    expect(ws.getCell(`B${head + 2}`).font.name).toBe('Times New Roman');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${head}:${head + 1}` });
    expect(ws.pageSetup.printArea).toMatch(/^A1:K\d+$/);
    // Two rows frozen (the column titles and their numbers), starting at the heading: the header above is for print.
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, topLeftCell: `A${head + 2}` });
    expect(await sheetXml(out, 1)).toContain(`<sheetView workbookViewId="0" topLeftCell="A${head}"><pane ySplit="2" topLeftCell="A${head + 2}"`);
    expect(ws.getColumn('L').hidden).toBe(true);
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
    for (let r = rowOf(ws, 'STT') + 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      for (const col of ['B', 'D', 'E', 'F', 'I']) {
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
    expect(ws.getCell(`I${r}`).value).toBe('=1+1');
    expect(ws.getCell(`I${r}`).formula).toBeUndefined();
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
    const wb = await formWorkbook(u.result, u.flat, u.evidence.evidence!);
    expect((await saveWorkbook(wb, MINI, [MINI])).map((f) => f.code)).toEqual(['output.is_input']);
    const dir = tmp();
    const missing = join(dir, 'no-such-dir', 'f.xlsx');
    expect((await saveWorkbook(wb, missing, [MINI])).map((f) => f.code)).toEqual(['output.no_folder']);
    expect(existsSync(missing)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('sums per area on the second sheet, linked to the form', async () => {
    const { out, u } = await writeForm(tmp());
    const ws = (await readBack(out)).getWorksheet(SUMMARY_SHEET)!;
    expect(ws.getRow(4).values).toEqual([undefined, 'STT', 'Lĩnh vực', 'Điểm tối đa', 'Điểm tối đa áp dụng', 'Điểm đạt', 'Tỷ lệ (%)']);
    expect(ws.getCell('E5').formula).toMatch(/^'Tự đánh giá'!G\d+$/);
    expect([ws.getCell('E5').result, ws.getCell('E6').result]).toEqual(u.result.areas.map((a) => toNumber(a.points)));
    expect(ws.getCell('F5').result).toBe(72);
  });

  it('shows the unit\'s own claim beside cchc\'s number, marks where they differ, and keeps the totals cchc\'s', async () => {
    // The mini unit claims 2 for 2.1, where its figures give 1 (evidence.claim_mismatch).
    const { out, u } = await writeForm(tmp());
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    const r = rowOf(ws, '2.1');
    expect(ws.getCell(`G${r}`).value).toBe(1);
    expect(ws.getCell(`H${r}`).value).toBe(2);
    expect(ws.getCell(`H${r}`).numFmt).toBe('[$-42A]0.00" ≠"');
    expect(ws.getCell(`G${r}`).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    // No claim elsewhere: nothing shown, nothing marked.
    expect(ws.getCell(`H${rowOf(ws, '2.2')}`).value).toBeNull();
    expect((ws.getCell(`G${rowOf(ws, '2.2')}`).fill as { pattern?: string } | undefined)?.pattern ?? 'none').toBe('none');
    const f = formulas(ws);
    expect(f.get(`G${rowOf(ws, 'Tổng điểm')}`)!.result).toBe(toNumber(u.result.total));
    expect(f.get(`G${rowOf(ws, '2')}`)!.result).toBe(3.73);
    const legend = [...Array(ws.rowCount).keys()].map((i) => ws.getCell(`A${i + 1}`).value).find((v) => typeof v === 'string' && v.startsWith('(≠)'));
    expect(legend).toMatch(/^\(≠\) Ở 1 tiêu chí thành phần/);
    expect(legend).toContain('cột 7');
  });

  it('shows a claim equal to cchc\'s number unmarked, and no legend when nothing differs', async () => {
    const { out } = await writeForm(tmp(), 'same.xlsx', (e) => ({ ...e, items: { ...e.items, '2.1': { ...e.items['2.1']!, claimed: 1 } } }));
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    const r = rowOf(ws, '2.1');
    expect(ws.getCell(`H${r}`).value).toBe(1);
    expect(ws.getCell(`H${r}`).numFmt).toBe('[$-42A]0.00');
    let legend = false;
    ws.eachRow((row) => void (cellText(row.getCell(1)).startsWith('(≠)') ? (legend = true) : undefined));
    expect(legend).toBe(false);
  });

  describe('Nghị định 30 header', () => {
    it('has the number line with blanks to fill by hand, short rules under the body and the motto, 13-point motto and date', async () => {
      const { out } = await writeForm(tmp());
      const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
      expect(ws.getCell('A4').value).toBe('Số:         /BC-UBND');
      expect(ws.getCell('A4').font.size).toBe(13);
      const rule = cellText(ws.getCell('A3'));
      expect(rule).toMatch(/^─+$/);
      // 1/3 to 1/2 of the name (a rule character is a little wider than a capital: see sheet-style.ts).
      const name = 'UBND XÃ THỬ NGHIỆM';
      expect(rule.length * 8.5).toBeGreaterThanOrEqual((name.length * 7.5) / 3);
      expect(rule.length * 8.5).toBeLessThanOrEqual((name.length * 7.5) / 2);
      expect(cellText(ws.getCell('E3'))).toMatch(/^─{20}$/);
      expect(ws.getCell('E2').font).toMatchObject({ bold: true, size: 13 });
      expect(ws.getCell('E2').font.underline).toBeFalsy();
      expect(ws.getCell('E4').value).toBe('Thử Nghiệm, ngày …… tháng …… năm ……');
      expect(ws.getCell('E4').font).toMatchObject({ italic: true, size: 13 });
    });

    it('prints the report number from the evidence, two digits under 10, and a department\'s own symbol', async () => {
      const a = await writeForm(tmp(), 'a.xlsx', (e) => ({ ...e, report: { number: 5 } }));
      expect((await readBack(a.out)).getWorksheet(FORM_SHEET)!.getCell('A4').value).toBe('Số: 05/BC-UBND');
      const b = await writeForm(tmp(), 'b.xlsx', (e) => ({ ...e, unit: { ...e.unit, level: 'so', name: 'Sở Tư pháp', parent: 'UBND tỉnh Lạng Sơn' }, report: { number: '123', symbol: 'BC-STP' } }));
      expect((await readBack(b.out)).getWorksheet(FORM_SHEET)!.getCell('A4').value).toBe('Số: 123/BC-STP');
      const c = await writeForm(tmp(), 'c.xlsx', (e) => ({ ...e, unit: { ...e.unit, level: 'so', name: 'Sở Tư pháp' } }));
      expect((await readBack(c.out)).getWorksheet(FORM_SHEET)!.getCell('A4').value).toBe('Số:         /BC-……');
    });

    it('as an annex: "Phụ lục I", its title and "(Kèm theo Báo cáo số … ngày …)", without a number or date line of its own', async () => {
      const { out } = await writeForm(tmp(), 'pl.xlsx', (e) => ({ ...e, date: '20/12/2024', report: { number: 15, annex: 'I' } }));
      const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
      const annex = rowOf(ws, 'Phụ lục I');
      expect(annex).toBeGreaterThan(4);
      expect(ws.getCell(`A${annex}`).font).toMatchObject({ bold: true, size: 14 });
      expect(ws.getCell(`A${annex + 1}`).value).toBe('BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024');
      const ref = rowOf(ws, '(Kèm theo Báo cáo số 15/BC-UBND ngày 20 tháng 12 năm 2024 của UBND xã Thử Nghiệm)');
      expect(ref).toBeGreaterThan(annex);
      expect(ws.getCell(`A${ref}`).font.italic).toBe(true);
      expect(ws.getCell('A4').value).toBeNull();
      expect(ws.getCell('E4').value).toBeNull();
      const plain = await writeForm(tmp(), 'p.xlsx', (e) => ({ ...e, report: { annex: true } }));
      expect(rowOf((await readBack(plain.out)).getWorksheet(FORM_SHEET)!, 'Phụ lục')).toBeGreaterThan(4);
    });
  });

  describe('signature block from the data', () => {
    const block = async (tweak: (e: Evidence) => Evidence) => {
      const { out } = await writeForm(tmp(), 's.xlsx', tweak);
      const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
      const lines: string[] = [];
      ws.eachRow((row, n) => {
        const v = row.getCell('H').value;
        // The legend row spans A:K; the signature block starts in H.
        if (n > rowOf(ws, 'Xếp loại') && typeof v === 'string' && !row.getCell('A').value) lines.push(v);
      });
      return lines;
    };

    it('signs for a people\'s committee, with the hint to sign by hand when no name is given', async () => {
      expect(await block((e) => e)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', '(Ký, ghi rõ họ tên, đóng dấu)']);
      expect(await block((e) => ({ ...e, signer: 'Âu Hồng Ngân' }))).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Âu Hồng Ngân']);
    });

    it('takes the title from the evidence (a deputy signing for the chairman), and a department\'s director', async () => {
      expect(await block((e) => ({ ...e, signer_title: ['KT. Chủ tịch', 'PHÓ CHỦ TỊCH'], signer: 'Nguyễn Văn A' }))).toEqual([
        'KT. CHỦ TỊCH',
        'PHÓ CHỦ TỊCH',
        'Nguyễn Văn A',
      ]);
      expect(await block((e) => ({ ...e, unit: { ...e.unit, level: 'so', name: 'Sở Nội vụ' } }))).toEqual(['GIÁM ĐỐC', '(Ký, ghi rõ họ tên, đóng dấu)']);
    });
  });

  it('numbers every page from the second (Nghị định 30): the form, its summary sheet and the fill-in template', async () => {
    const { out, u } = await writeForm(tmp());
    const wb = await readBack(out);
    expect(wb.getWorksheet(FORM_SHEET)!.headerFooter).toMatchObject({ differentFirst: true, oddFooter: '&C&"Times New Roman,Regular"&13Trang &P/&N' });
    // The summary's pages continue the document's numbering: its first page is numbered.
    expect(wb.getWorksheet(SUMMARY_SHEET)!.headerFooter.oddFooter).toContain('Trang &P/&N');
    expect(wb.getWorksheet(SUMMARY_SHEET)!.headerFooter.differentFirst).toBeFalsy();
    const template = join(tmp(), 'mau.xlsx');
    expect(await saveWorkbook(await templateWorkbook(u.flat, undefined, 'mini-2024.yaml'), template, [])).toEqual([]);
    for (const ws of (await readBack(template)).worksheets.filter((w) => w.state !== 'hidden' && w.pageSetup.printArea)) {
      expect(ws.headerFooter.oddFooter, ws.name).toContain('Trang &P/&N');
    }
  });

  it('shows a decimal comma whatever the reader\'s regional settings: Vietnamese number formats, commas in text', async () => {
    const { out } = await writeForm(tmp(), 'vi.xlsx', (e) => ({ ...e, items: { ...e.items, '2.2': { value: 87.5, documents: ['x'], claimed: 0.5 } } }));
    const wb = await readBack(out);
    for (const ws of wb.worksheets) {
      expect(pointFormatted(ws), ws.name).toEqual([]);
      expect(decimalPoints(ws, ['A']), ws.name).toEqual([]);
    }
    const ws = wb.getWorksheet(FORM_SHEET)!;
    expect(ws.getCell(`B${rowOf(ws, 'ĐIỂM THƯỞNG (tối đa 0,5 điểm)', 'B')}`).value).toBe('ĐIỂM THƯỞNG (tối đa 0,5 điểm)');
    expect(typeof ws.getCell(`G${rowOf(ws, '2.2')}`).value).toBe('number');
  });
});
