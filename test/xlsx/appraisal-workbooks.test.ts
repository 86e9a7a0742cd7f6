import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';
import { ROOT } from '../e2e/cli.js';
import { tmp } from './support.js';
import { cellText } from '../../src/xlsx/cells.js';

const UNIT = join(ROOT, 'examples/van-lang-2024/20101-hoang-viet.yaml');

async function open(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The row of an item on a sheet (column A holds the code); throws when there is none (exceljs reads row −1 as row 1). */
function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  let found = -1;
  ws.eachRow((row, n) => {
    if (found < 0 && row.getCell('A').value === code) found = n;
  });
  if (found < 0) throw new Error(`no row of '${ws.name}' has "${code}" in column A`);
  return found;
}

/** Fills a workbook as an appraiser would, cell by cell, and saves it. */
async function fill(file: string, sheet: string, cells: Record<string, ExcelJS.CellValue>, round: { by?: string; date?: string } = {}) {
  const wb = await open(file);
  const ws = wb.getWorksheet(sheet)!;
  for (const [addr, v] of Object.entries(cells)) {
    const m = /^([A-Z])(.+)$/.exec(addr)!;
    const row = /^\d+$/.test(m[2]!) ? Number(m[2]) : rowOf(ws, m[2]!);
    ws.getCell(`${m[1]}${row}`).value = v;
  }
  const r = wb.getWorksheet('Vòng')!;
  if (round.by !== undefined) r.getCell('B5').value = round.by;
  if (round.date !== undefined) r.getCell('B6').value = round.date;
  await wb.xlsx.writeFile(file);
}

describe('the appraiser’s workbook: cchc template --appraisal → fill → cchc import → overlay', () => {
  it('is pre-filled with the unit’s values, documents and self-scores; inputs unlocked, reasons in a drop-down', async () => {
    const dir = tmp();
    const out = join(dir, 'tham-dinh.xlsx');
    const r = await cli(['template', '--appraisal', UNIT, '-o', out]);
    expect(r.exitCode).toBe(0);
    const ws = (await open(out)).getWorksheet('Thẩm định lần 1')!;
    const row = rowOf(ws, '3.2.1');
    expect(ws.getCell(`E${row}`).value).toBe('1180/1200 (98,33%)');
    expect(ws.getCell(`G${row}`).value).toBe(2.5);
    expect(cellText(ws.getCell(`F${row}`))).toContain('Báo cáo số 433/BC-UBND');
    expect(ws.getCell(`H${row}`).protection).toMatchObject({ locked: false });
    expect(ws.getCell(`G${row}`).protection?.locked).not.toBe(false);
    expect(ws.getCell(`K${row}`).dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell(`G${rowOf(ws, '2.1')}`).value).toBe('Không đánh giá');
  });

  it('imports the appraiser’s entries as an overlay that scores with the same rules', async () => {
    const dir = tmp();
    const xlsx = join(dir, 'tham-dinh.xlsx');
    await cli(['template', '--appraisal', UNIT, '-o', xlsx]);
    await fill(
      xlsx,
      'Thẩm định lần 1',
      {
        'H3.2.1': 1150,
        'I3.2.1': 1200,
        'K3.2.1': 'Số liệu không khớp hệ thống',
        'M3.2.1': 'Hệ thống ghi nhận 1.150 hồ sơ đúng hạn',
        'J1.4': 0,
        'K1.4': 'Không có tài liệu kiểm chứng',
        'L1.4': 'Báo cáo kết quả tuyên truyền CCHC năm 2024',
        // Not applicable for the unit; the council finds the task arose and was not done.
        'H2.1': 'Không',
        'K2.1': 'Nhiệm vụ có phát sinh, phải đánh giá',
        // Scored by the unit; the council finds the task did not arise: out of the max, by the rule.
        'K6.5': 'Nhiệm vụ không phát sinh',
      },
      { by: 'Tổ thẩm định huyện Văn Lãng', date: '10/01/2025' },
    );
    const yamlFile = join(dir, 'tham-dinh.yaml');
    const r = await cli(['import', xlsx, '-o', yamlFile]);
    expect(r.stderr).toContain('Đã ghi');
    expect(r.exitCode).toBe(0);
    const text = readFileSync(yamlFile, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schema\/appraisal\.schema\.json$/);
    const doc = parse(text);
    expect(doc).toMatchObject({ unit: { code: '20101' }, catalog: 'xa-mau-2024', year: 2024 });
    expect(doc.rounds.tham_dinh_1).toMatchObject({
      by: 'Tổ thẩm định huyện Văn Lãng',
      date: '10/01/2025',
      items: {
        '3.2.1': { value: { dung_han: 1150, tong: 1200 }, reason: 'so_lieu_khong_khop', note: 'Hệ thống ghi nhận 1.150 hồ sơ đúng hạn' },
        '1.4': { points: 0, reason: 'khong_co_tai_lieu', missing: 'Báo cáo kết quả tuyên truyền CCHC năm 2024' },
        '2.1': { value: false, reason: 'phat_sinh' },
        '6.5': { not_arisen: true, reason: 'khong_phat_sinh' },
      },
    });
    const j = JSON.parse((await cli(['score', UNIT, '--appraisal', yamlFile, '--json'])).stdout);
    // 91,56 − 1 (3.2.1) − 1,5 (1.4) − 1,5 (6.5 out) over 98,5 + 1,5 (2.1 assessed) − 1,5 (6.5 out).
    expect(j).toMatchObject({ achieved: 87.56, applicableMax: 98.5, index: 88.89, selfIndex: 92.95 });
  });

  it('refuses a wrongly filled workbook cell by cell, writing nothing', async () => {
    const dir = tmp();
    const xlsx = join(dir, 'tham-dinh.xlsx');
    await cli(['template', '--appraisal', UNIT, '-o', xlsx]);
    await fill(xlsx, 'Thẩm định lần 1', { 'J1.4': 2, 'K1.4': 'Không có tài liệu kiểm chứng', 'K1.5': 'Lý do tôi nghĩ ra', 'H1.1.2': 0.5, 'J1.1.2': 0.5, 'K1.1.2': 'Lý do khác' }, { by: 'Tổ', date: '10/01/2025' });
    const out = join(dir, 'td.yaml');
    const r = await cli(['import', xlsx, '-o', out]);
    expect(r.exitCode).toBe(2);
    expect(existsSync(out)).toBe(false);
    const lines = r.stderr.trim().split('\n');
    expect(lines.find((l) => l.includes('(xlsx.not_in_list)'))).toMatch(/tham-dinh\.xlsx:'Thẩm định lần 1'!K\d+: lỗi: \[tiêu chí 1\.5\]/);
    expect(lines.find((l) => l.includes('(appraisal.points_range)'))).toMatch(/'Thẩm định lần 1'!J\d+: lỗi: \[tiêu chí 1\.4\]/);
    // Both a value and points: which did the council mean?
    expect(lines.find((l) => l.includes('(appraisal.outcome_twice)'))).toMatch(/'Thẩm định lần 1'!A\d+: lỗi: \[tiêu chí 1\.1\.2\]/);
    expect(lines.find((l) => l.includes('(appraisal.note_missing)'))).toMatch(/'Thẩm định lần 1'!K\d+/);
  });

  it('says a round sheet left blank together with the rows’ problems, not instead of them', async () => {
    const dir = tmp();
    const xlsx = join(dir, 'tham-dinh.xlsx');
    await cli(['template', '--appraisal', UNIT, '-o', xlsx]);
    // Who appraised is forgotten; a rate is over its denominator and points are over max.
    await fill(xlsx, 'Thẩm định lần 1', { 'H1.3.2': 6, 'I1.3.2': 5, 'K1.3.2': 'Số liệu không khớp hệ thống', 'J1.1.2': 3, 'K1.1.2': 'Chất lượng chưa đạt yêu cầu' }, { date: '10/01/2025' });
    const out = join(dir, 'td.yaml');
    const r = await cli(['import', xlsx, '-o', out]);
    expect(r.exitCode).toBe(2);
    expect(existsSync(out)).toBe(false);
    const codes = r.stderr.trim().split('\n').map((l) => [/'([^']+)'!([A-Z]+)/.exec(l)?.slice(1).join('!'), /\(([a-z_.]+)\)$/.exec(l)?.[1]]);
    expect(codes).toEqual([
      ['Vòng!B', 'schema.missing_key'], // B5
      [expect.stringMatching(/^Thẩm định lần 1!J$/), 'appraisal.points_range'],
      [expect.stringMatching(/^Thẩm định lần 1!H$/), 'evidence.numerator_exceeds'],
    ]);
  });
});

describe('the unit’s explanation workbook: cchc template --explanation → fill → cchc import --appraisal', () => {
  const OVERLAY = [
    'unit: { code: "20101" }',
    'catalog: xa-mau-2024',
    'year: 2024',
    'rounds:',
    '  tham_dinh_1:',
    '    by: Tổ thẩm định',
    '    date: 10/01/2025',
    '    items:',
    '      "1.4": { points: 0, reason: khong_co_tai_lieu, missing: Báo cáo kết quả tuyên truyền }',
    '      "1.1.2": { points: 0.75, reason: chat_luong_chua_dat }',
    '      "7.2.3": { value: { da_so_hoa: 900, giai_quyet: 1200 }, reason: so_lieu_khong_khop }',
    '',
  ].join('\n');

  it('lists only the items round 1 reduced, and imports back as the giai_trinh round of the same overlay', async () => {
    const dir = tmp();
    const overlay = join(dir, 'tham-dinh.yaml');
    writeFileSync(overlay, OVERLAY);
    const xlsx = join(dir, 'giai-trinh.xlsx');
    expect((await cli(['template', '--explanation', overlay, '--unit', UNIT, '-o', xlsx])).exitCode).toBe(0);
    const ws = (await open(xlsx)).getWorksheet('Giải trình')!;
    const codes: unknown[] = [];
    ws.eachRow((row, n) => n > 5 && codes.push(row.getCell('A').value));
    // 7.2.3 went up (840 → 900 digitised): nothing to explain.
    expect(codes).toEqual(['1.1.2', '1.4']);
    expect(ws.getCell(`F${rowOf(ws, '1.4')}`).value).toBe('Không có tài liệu kiểm chứng');
    expect(cellText(ws.getCell(`G${rowOf(ws, '1.4')}`))).toContain('Tài liệu còn thiếu: Báo cáo kết quả tuyên truyền');

    await fill(xlsx, 'Giải trình', { 'H1.4': 'Đã có báo cáo, gửi bổ sung', 'I1.4': 'Báo cáo số 430/BC-UBND ngày 13/12/2024 của UBND xã Hoàng Việt về kết quả tuyên truyền CCHC năm 2024' }, { date: '17/01/2025' });
    const out = join(dir, 'tham-dinh-giai-trinh.yaml');
    const missing = await cli(['import', xlsx, '-o', out]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('(xlsx.appraisal_needed)');
    const r = await cli(['import', xlsx, '--appraisal', overlay, '-o', out]);
    expect(r.exitCode).toBe(0);
    const doc = parse(readFileSync(out, 'utf8'));
    expect(doc.rounds.tham_dinh_1.items['1.4']).toMatchObject({ points: 0 });
    expect(doc.rounds.giai_trinh).toEqual({
      by: 'UBND xã Hoàng Việt',
      date: '17/01/2025',
      items: {
        '1.4': {
          explanation: 'Đã có báo cáo, gửi bổ sung',
          documents: [{ type: 'Báo cáo', number: '430/BC-UBND', date: '13/12/2024', issuer: 'UBND xã Hoàng Việt', subject: 'kết quả tuyên truyền CCHC năm 2024' }],
        },
      },
    });
    // The council accepts in round 2: the points come back.
    writeFileSync(out, `${readFileSync(out, 'utf8')}  tham_dinh_2:\n    by: Hội đồng\n    date: 24/01/2025\n    items:\n      "1.4": { decision: chap_nhan }\n`);
    const j = JSON.parse((await cli(['score', UNIT, '--appraisal', out, '--json'])).stdout);
    expect(j.items.find((i: { code: string }) => i.code === '1.4').points).toBe(1.5);

    // The overlay edited after the workbook was made: refused, naming the cell that records it.
    writeFileSync(overlay, OVERLAY.replace('points: 0.75', 'points: 0.5'));
    const changed = await cli(['import', xlsx, '--appraisal', overlay, '-o', join(dir, 'x.yaml')]);
    expect(changed.exitCode).toBe(2);
    expect(changed.stderr).toMatch(/giai-trinh\.xlsx:'_cchc'!B5: lỗi: .*\(xlsx\.appraisal_changed\)/);
  });
});
