import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';
import { decimalPoints, pointFormatted, readBack, sheetXml, tmp } from '../xlsx/support.js';
import { cellText } from '../../src/xlsx/cells.js';

const sheetNames = ['Xếp hạng', ...Array.from({ length: 8 }, (_, i) => `Lĩnh vực ${i + 1}`), 'Tiêu chí yếu'];

/** Every cell of a sheet that holds a formula. */
const formulaCells = (ws: ExcelJS.Worksheet) => {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => void (c.formula || c.type === ExcelJS.ValueType.Formula ? out.push(c.address) : undefined)));
  return out;
};

describe('the ranking workbook (--xlsx)', () => {
  let file: string;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    file = join(tmp(), 'xep-hang.xlsx');
    const run = await cli(['batch', 'examples/van-lang-2024', '--compare', 'examples/van-lang-2023.json', '--xlsx', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Đã ghi bảng xếp hạng: ${file}`);
    wb = await readBack(file);
  });

  it('has the ranking, one sheet per area and the weak criteria', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(sheetNames);
  });

  it('opens with the Nghị định 30 header block and the title', () => {
    const ws = wb.getWorksheet('Xếp hạng')!;
    expect(ws.getCell('A1').value).toBe('UBND HUYỆN VĂN LÃNG');
    expect(ws.getCell('A2').value).toBe('PHÒNG NỘI VỤ');
    expect(ws.getCell('A2').font.bold).toBe(true);
    const right = ws.getRow(1).values as unknown[];
    expect(right).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const motto = ws.getRow(2).values as unknown[];
    expect(motto).toContain('Độc lập - Tự do - Hạnh phúc');
    const dateCell = ws.getRow(4).findCell(7)!;
    expect(dateCell.value).toBe('Văn Lãng, ngày …… tháng …… năm ……');
    expect(dateCell.font.italic).toBe(true);
    expect(ws.getCell('A4').value).toBe('Số:         /BC-PNV');
    expect(cellText(ws.getCell('A3'))).toMatch(/^─+$/);
    expect(ws.getCell('A5').value).toBe('KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024 CỦA UBND CÁC XÃ, THỊ TRẤN');
  });

  it('has the standard columns, numbers as numbers with two decimals, ranks and changes as text', () => {
    const ws = wb.getWorksheet('Xếp hạng')!;
    const head = (ws.getRow(8).values as unknown[]).slice(1);
    expect(head[0]).toBe('STT');
    expect(head[1]).toBe('Đơn vị');
    expect(head.slice(2, 10)).toEqual(['Lĩnh vực 1\n(12 điểm)', 'Lĩnh vực 2\n(9 điểm)', 'Lĩnh vực 3\n(15 điểm)', 'Lĩnh vực 4\n(6 điểm)', 'Lĩnh vực 5\n(11 điểm)', 'Lĩnh vực 6\n(7 điểm)', 'Lĩnh vực 7\n(14 điểm)', 'Lĩnh vực 8\n(26 điểm)']);
    // A compact heading, frozen on screen and repeated in print; the names are spelled out under the table.
    expect(ws.getRow(8).height).toBeLessThanOrEqual(45);
    const legend = ws.getCell('A27').value as string;
    expect(legend).toMatch(/^Lĩnh vực: 1\. Công tác chỉ đạo, điều hành cải cách hành chính \(tối đa 12 điểm\); 2\. /);
    expect(head.slice(10)).toEqual(['Tổng điểm', 'Chỉ số (%)', 'Xếp hạng', 'Xếp loại', 'Thay đổi']);
    const hv = ws.getRow(11);
    expect(hv.getCell(2).value).toBe('UBND xã Hoàng Việt');
    for (const c of [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
      expect(typeof hv.getCell(c).value).toBe('number');
      expect(hv.getCell(c).numFmt).toBe('[$-42A]0.00');
    }
    expect(hv.getCell(12).value).toBe(92.95);
    expect(hv.getCell(13).value).toBe('03/15');
    expect(hv.getCell(14).value).toBe('Xuất sắc');
    expect(hv.getCell(15).value).toBe('giữ nguyên (+0,95)');
    expect(ws.getCell('A23').value).toBe(15);
    expect(ws.getCell('M23').value).toBe('15/15');
  });

  it('is set for print: Times New Roman, A4 landscape fit to width, heading repeated, pages numbered from the second', () => {
    wb.worksheets.forEach((ws, i) => {
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(ws.pageSetup.printTitlesRow).toBe('8:8');
      expect(ws.headerFooter.oddFooter).toBe('&C&"Times New Roman,Regular"&13Trang &P/&N');
      // Only the first page of the printout is unnumbered; later sheets continue the numbering.
      expect(Boolean(ws.headerFooter.differentFirst), ws.name).toBe(i === 0);
      ws.eachRow((row) => row.eachCell((c) => expect(c.font?.name).toBe('Times New Roman')));
    });
  });

  it('freezes only the table\'s heading row on screen (the header above is for print), with a filter on it', async () => {
    for (const [i, ws] of wb.worksheets.entries()) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A9' });
      // The sheet view starts at the heading: rows 1–7 are scrolled out of view, not frozen.
      expect(await sheetXml(file, i + 1)).toContain('<sheetView workbookViewId="0" topLeftCell="A8"><pane ySplit="1" topLeftCell="A9"');
    }
    expect(wb.getWorksheet('Xếp hạng')!.autoFilter).toBe('A8:O23');
  });

  it('lists the file that could not be ranked, with its first error, and counts every file', () => {
    const ws = wb.getWorksheet('Xếp hạng')!;
    expect(ws.getCell('A6').value).toContain('16 tệp: 15 đơn vị được xếp hạng, 1 tệp không được xếp hạng');
    expect(cellText(ws.getCell('A24'))).toMatch(/^Không xếp hạng — tệp không hợp lệ \(1 tệp/);
    expect(ws.getCell('A25').value).toBe(16);
    expect(ws.getCell('B25').value).toBe('UBND xã Tân Tác');
    const reason = cellText(ws.getCell('C25'));
    expect(reason).toMatch(/^examples\/van-lang-2024\/20108-tan-tac\.yaml:106:17: /);
    expect(reason).toMatch(/\(evidence\.numerator_exceeds\)$/);
    expect(ws.getCell('M25').value).toBe('Không xếp hạng');
  });

  it('sums up under the table and ends with the signatures', () => {
    const ws = wb.getWorksheet('Xếp hạng')!;
    const summary = new Map<string, unknown>();
    ws.eachRow((row, n) => void (n > 25 && typeof row.getCell(2).value === 'string' ? summary.set(row.getCell(2).value as string, row.getCell(3).value) : undefined));
    expect(Object.fromEntries(summary)).toMatchObject({
      'Số tệp': 16,
      'Số đơn vị được xếp hạng': 15,
      'Số tệp không được xếp hạng': 1,
      'Chỉ số bình quân (%)': 84.14,
      'Chỉ số cao nhất (%)': 96.15,
      'Chỉ số thấp nhất (%)': 72.88,
      'Số đơn vị xếp loại Xuất sắc': 5,
      'Số đơn vị xếp loại Tốt': 6,
      'Số đơn vị xếp loại Khá': 4,
    });
    const signatures = new Set<string>();
    ws.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && /^(NGƯỜI LẬP BIỂU|TRƯỞNG PHÒNG|\(Ký)/.test(c.value) ? signatures.add(c.value) : undefined)));
    expect([...signatures]).toEqual(['NGƯỜI LẬP BIỂU', 'TRƯỞNG PHÒNG', '(Ký, ghi rõ họ tên)', '(Ký, ghi rõ họ tên, đóng dấu)']);
  });

  it('shows a decimal comma whatever the reader\'s regional settings', () => {
    for (const ws of wb.worksheets) {
      expect(pointFormatted(ws), ws.name).toEqual([]);
      expect(decimalPoints(ws, ws.name === 'Tiêu chí yếu' ? ['B'] : []), ws.name).toEqual([]);
    }
  });

  it('compares units per area, best rate first, with ties sharing a rank', () => {
    const ws = wb.getWorksheet('Lĩnh vực 2')!;
    expect((ws.getRow(8).values as unknown[]).slice(1)).toEqual(['STT', 'Đơn vị', 'Điểm tối đa áp dụng', 'Điểm đạt', 'Điểm bị mất', 'Tỷ lệ đạt (%)', 'Xếp hạng lĩnh vực']);
    const rows = Array.from({ length: 15 }, (_, i) => ws.getRow(9 + i));
    const rates = rows.map((r) => r.getCell(6).value as number);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(ws.getCell('G9').value).toBe('01/15');
    rows.forEach((r, i) => {
      const prev = rows[i - 1];
      const rank = cellText(r.getCell(7));
      if (prev && prev.getCell(6).value === r.getCell(6).value) expect(rank).toBe(prev.getCell(7).value);
      else expect(rank).toBe(`${String(i + 1).padStart(2, '0')}/15`);
    });
  });

  it('lists the weak criteria: most units losing points first', () => {
    const ws = wb.getWorksheet('Tiêu chí yếu')!;
    expect(ws.getCell('B9').value).toBe('8.1.1');
    const units: number[] = [];
    for (let r = 9; r <= ws.rowCount; r++) units.push(ws.getRow(r).getCell(6).value as number);
    expect(units.length).toBeGreaterThan(10);
    expect(units).toEqual([...units].sort((a, b) => b - a));
    expect(ws.getCell('F9').value).toBe(15);
    expect(ws.getCell('I9').value).toBe('Văn phòng – thống kê');
  });

  it('is byte-identical for the same input', async () => {
    const again = join(tmp(), 'again.xlsx');
    await cli(['batch', 'examples/van-lang-2024', '--compare', 'examples/van-lang-2023.json', '--xlsx', again]);
    expect(readFileSync(again).equals(readFileSync(file))).toBe(true);
  });
});

describe('text that looks like a formula', () => {
  it('is written as text in the workbook and neutralised in CSV', async () => {
    const file = join(tmp(), 'x.xlsx');
    const run = await cli(['batch', 'test/batch/fixtures/injection', '--xlsx', file, '--group-by', 'parent', '--format', 'csv']);
    expect(run.code).toBe(0);
    const wb = await readBack(file);
    for (const ws of wb.worksheets) expect(formulaCells(ws)).toEqual([]);
    const ws = wb.getWorksheet('Xếp hạng')!;
    const names: unknown[] = [];
    ws.eachRow((row, n) => void (n > 8 && n <= 12 ? names.push(row.getCell(2).value) : undefined));
    expect(names).toEqual(['@SUM(1+1) (3 đơn vị)', '=HYPERLINK("http://example.com","bấm")', '-UBND xã Trừ', '+84 UBND xã Cộng']);
    const csv = run.stdout.split('\r\n');
    expect(csv[1]).toBe(`'@SUM(1+1),1,1/3,I1,"'=HYPERLINK(""http://example.com"",""bấm"")",'@SUM(1+1),xa,Lạng Sơn,4.00,6.00,10.00,0.00,0.00,10.00,10.00,100.00,Xuất sắc,,,,,test/batch/fixtures/injection/i1.yaml`);
  });
});
