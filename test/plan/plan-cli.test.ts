import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'cchc-plan-'));
const out = (f: string) => join(dir, f);
const UNIT = 'examples/hoang-viet-2024.yaml';
const RANKING = out('ket-qua.json');
const PLAN = ['plan', UNIT, '--ranking', RANKING, '--previous', 'examples/van-lang-2023.json', '--target-rank', '1'];

/** The text of a .docx's body, without markup. */
async function docxText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');
}

beforeAll(async () => {
  const r = await cli(['batch', 'examples/van-lang-2024', '-q', '--json', '-o', RANKING]);
  expect(r.exitCode).toBe(1); // the example's deliberately broken file
  const p = await cli([...PLAN, '-o', out('ke-hoach.docx'), '--xlsx', out('phu-luc.xlsx')]);
  expect([p.exitCode, p.stderr]).toEqual([0, expect.stringContaining('Đã ghi kế hoạch')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cchc plan', () => {
  it('writes the plan of document 003: header, result sentence, the four parts, each lost criterion, the annex', async () => {
    const t = await docxText(out('ke-hoach.docx'));
    for (const s of [
      'UBND HUYỆN VĂN LÃNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số:        /KH-UBND',
      'Hoàng Việt, ngày …… tháng …… năm 2025',
      'Nâng cao Chỉ số cải cách hành chính xã Hoàng Việt năm 2025',
      'Năm 2024, Chỉ số cải cách hành chính của xã đạt 92,95%, xếp loại Xuất sắc, xếp hạng 03/15 xã, thị trấn, giữ nguyên thứ hạng so với năm 2023.',
      'I. MỤC ĐÍCH, YÊU CẦU',
      'xếp hạng 01/15 trở lên, tăng 02 bậc so với năm 2024: chỉ số cần đạt từ 96,15% trở lên',
      'III. NHIỆM VỤ, GIẢI PHÁP',
      'Bộ phận tham mưu: Tư pháp – hộ tịch.',
      'ưu tiên 1: thêm 20 hồ sơ giải quyết đúng hạn (1\u00a0180 → 1\u00a0200 / 1\u00a0200) (+1,00 điểm)',
      'Trước ngày 30 tháng 11 năm 2025',
      'IV. TỔ CHỨC THỰC HIỆN',
      'Nơi nhận:',
      'TM. ỦY BAN NHÂN DÂN',
      'MỤC TIÊU PHẤN ĐẤU NĂM 2025',
    ]) {
      expect(t).toContain(s);
    }
    // Every lost criterion gets its section, in catalog order.
    const lost = ['1.5', '2.4.2', '3.2.1', '7.1.1', '7.1.2', '7.2.3', '8.1.1', '8.1.2', '8.2.1'];
    const at = lost.map((c) => t.indexOf(`(mã ${c};`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('writes the same bytes twice, and the annex as a workbook', async () => {
    const again = await cli([...PLAN, '-o', out('lan-2.docx'), '--xlsx', out('lan-2.xlsx')]);
    expect(again.exitCode).toBe(0);
    expect(readFileSync(out('lan-2.docx')).equals(readFileSync(out('ke-hoach.docx')))).toBe(true);
    expect(readFileSync(out('lan-2.xlsx')).equals(readFileSync(out('phu-luc.xlsx')))).toBe(true);
  });

  it('writes nothing for a target already met (exit 0), an unreachable one, last year’s file of the same year, or a wrong date (exit 2)', async () => {
    const target = out('khong.docx');
    const met = await cli(['plan', UNIT, '--target-band', 'Xuất sắc', '-o', target]);
    expect([met.exitCode, met.stderr]).toEqual([0, expect.stringContaining('Đã đạt mục tiêu')]);
    const far = await cli(['plan', UNIT, '--target-index', '99', '-o', target]);
    expect([far.exitCode, far.stderr]).toEqual([2, expect.stringContaining('(plan.unreachable)')]);
    const same = await cli(['plan', UNIT, '--ranking', RANKING, '--previous', RANKING, '-o', target]);
    expect([same.exitCode, same.stderr]).toEqual([2, expect.stringContaining('(plan.previous_year)')]);
    const date = await cli(['plan', UNIT, '--deadline', '31/11/2025', '-o', target]);
    expect([date.exitCode, date.stderr]).toEqual([2, expect.stringContaining('(option.date)')]);
    expect(existsSync(target)).toBe(false);
  });
});
