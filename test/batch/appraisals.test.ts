import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';

const UNITS = 'examples/van-lang-2024';
const OVERLAYS = 'examples/van-lang-2024-tham-dinh';
const LAST_YEAR = 'examples/van-lang-2023.json';
const tmp = () => mkdtempSync(join(tmpdir(), 'cchc-batch-appraisal-'));

type Unit = { code: string; index: number; selfIndex: number; appraised: boolean; round: string | null; indexDifference: number; rank: number; change: { indexDelta: number | null; previous: { index: number } | null } | null };
const json = async (args: string[]) => {
  const r = await cli(['batch', ...args, '--json', '-q']);
  return { ...r, j: JSON.parse(r.stdout) as { units: Unit[]; invalid: Array<{ file: string; findings: Array<{ code: string; file: string; line?: number }> }>; appraisals: { appraised: number; invalid: Array<{ file: string; findings: Array<{ code: string }> }>; changes: Array<{ code: string; units: number; difference: number; entries: Array<{ unit: string }> }> } } };
};

/** The example overlays in a folder of their own, to take some away or add bad ones. */
function overlaysCopy(): string {
  const dir = join(tmp(), 'tham-dinh');
  cpSync(OVERLAYS, dir, { recursive: true });
  return dir;
}

describe('cchc batch --appraisals', () => {
  it('ranks on the appraised index, with self and appraised side by side, and compares last year with it', async () => {
    const { exitCode, j } = await json([UNITS, '--appraisals', OVERLAYS, '--compare', LAST_YEAR]);
    // 1: Tân Tác's own file is invalid (on purpose); the other 15 are appraised and ranked.
    expect(exitCode).toBe(1);
    expect(j.appraisals.appraised).toBe(15);
    const hv = j.units.find((u) => u.code === '20101')!;
    expect(hv).toMatchObject({ index: 90.1, selfIndex: 92.95, appraised: true, round: 'tham_dinh_2', indexDifference: -2.85, rank: 5 });
    // On self-scores Hoàng Việt was 3rd; the appraisal moves it behind An Hùng and Tân Mỹ.
    expect(j.units.slice(0, 5).map((u) => u.code)).toEqual(['20100', '20103', '20114', '20102', '20101']);
    expect(hv.change!.indexDelta).toBe(Math.round((90.1 - hv.change!.previous!.index) * 100) / 100);
    const tanMy = j.units.find((u) => u.code === '20102')!;
    // Its explanation of 3.1.1 was accepted: only 1.1.1 (−0,50) is left.
    expect(tanMy.indexDifference).toBe(-0.5);
    const c321 = j.appraisals.changes.find((c) => c.code === '3.2.1')!;
    expect(c321).toMatchObject({ units: 3, difference: -3 });
    expect(c321.entries.map((e) => e.unit).sort()).toEqual(['20100', '20101', '20112']);
    expect(j.appraisals.changes[0]!.code).toBe('3.2.1');
  });

  it('lists a unit without an overlay as invalid, unless --allow-unappraised ranks it on its self-assessment', async () => {
    const dir = overlaysCopy();
    rmSync(join(dir, '20105-bac-la.yaml'));
    const strict = await json([UNITS, '--appraisals', dir]);
    expect(strict.exitCode).toBe(1);
    const bacLa = strict.j.invalid.find((f) => f.file.endsWith('20105-bac-la.yaml'))!;
    expect(bacLa.findings.map((f) => [f.code, f.line])).toEqual([['batch.unappraised', 5]]);
    expect(strict.j.units.map((u) => u.code)).not.toContain('20105');
    const allowed = await json([UNITS, '--appraisals', dir, '--allow-unappraised']);
    const u = allowed.j.units.find((x) => x.code === '20105')!;
    expect(u).toMatchObject({ appraised: false, round: null, index: 74.22, selfIndex: 74.22 });
  });

  it('a unit with two overlays, a broken overlay, an overlay for no unit: listed, and the batch goes on', async () => {
    const dir = overlaysCopy();
    writeFileSync(join(dir, 'an-hung-lan-2.yaml'), readFileSync(join(OVERLAYS, '20114-an-hung.yaml')));
    const broken = readFileSync(join(OVERLAYS, '20110-hong-thai.yaml'), 'utf8').replace('"6.3":', '"6.9":');
    writeFileSync(join(dir, '20110-hong-thai.yaml'), broken);
    writeFileSync(join(dir, '20199-khong-co.yaml'), 'unit: { code: "20199" }\ncatalog: xa-mau-2024\nyear: 2024\nrounds:\n  tham_dinh_1: { by: Tổ, date: 10/01/2025, items: {} }\n');
    writeFileSync(join(dir, 'hong.yaml'), 'rounds: [\n');
    const r = await json([UNITS, '--appraisals', dir]);
    expect(r.exitCode).toBe(1);
    const codes = (suffix: string) => r.j.invalid.find((f) => f.file.endsWith(suffix))!.findings.map((f) => f.code);
    expect(codes('20114-an-hung.yaml')).toEqual(['batch.duplicate_appraisal']);
    // The overlay's own error, placed in the overlay; the unit is listed invalid.
    const hongThai = r.j.invalid.find((f) => f.file.endsWith('20110-hong-thai.yaml'))!;
    expect(hongThai.findings.map((f) => [f.code, f.file.endsWith('tham-dinh/20110-hong-thai.yaml')])).toEqual([['appraisal.unknown_code', true]]);
    expect(r.j.appraisals.invalid.map((f) => [f.file.split('/').pop(), f.findings[0]!.code])).toEqual([
      ['20199-khong-co.yaml', 'batch.appraisal_orphan'],
      ['hong.yaml', 'yaml.syntax'],
    ]);
    expect(r.j.units).toHaveLength(13);
    expect(r.stderr).toMatch(/20199-khong-co\.yaml:1:\d+: lỗi: .*\(batch\.appraisal_orphan\)/);
  });

  it('refuses --allow-unappraised or --round without --appraisals, and an --appraisals that gives no file (exit 2)', async () => {
    for (const args of [['--allow-unappraised'], ['--round', 'tham_dinh_1']]) {
      const r = await cli(['batch', UNITS, ...args]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('(option.requires)');
    }
    const empty = await cli(['batch', UNITS, '--appraisals', tmp()]);
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toContain('(batch.empty_dir)');
  });

  it('--round tham_dinh_1 ranks every unit on round 1: explanations not yet decided', async () => {
    const { j } = await json([UNITS, '--appraisals', OVERLAYS, '--round', 'tham_dinh_1']);
    expect(j.units.find((u) => u.code === '20102')).toMatchObject({ round: 'tham_dinh_1', indexDifference: -1.5 });
  });

  it('text, CSV and the ranking workbook show self, appraised and the difference, and a sheet of every change by criterion', async () => {
    const dir = tmp();
    const xlsx = join(dir, 'xep-hang.xlsx');
    const text = await cli(['batch', UNITS, '--appraisals', OVERLAYS, '-q', '--xlsx', xlsx]);
    expect(text.stdout).toMatch(/│ 05\/15 │ 20101 │ UBND xã Hoàng Việt .*│ +92,95% │ +90,10% │ +−2,85 │ Xuất sắc │/);
    expect(text.stdout).toContain('Bình quân tự đánh giá 84,14% · sau thẩm định 83,10% (15/15 đơn vị đã thẩm định)');
    const csv = await cli(['batch', UNITS, '--appraisals', OVERLAYS, '-q', '--format', 'csv']);
    const [head, ...rows] = csv.stdout.replace('\uFEFF', '').trim().split('\r\n');
    const col = head!.split(',');
    const hv = rows.find((r) => r.includes(',20101,'))!.split(',');
    expect([hv[col.indexOf('index')], hv[col.indexOf('selfIndex')], hv[col.indexOf('indexDifference')], hv[col.indexOf('appraised')]]).toEqual(['90.10', '92.95', '-2.85', 'true']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ranking = wb.getWorksheet('Xếp hạng')!;
    const heads = (ranking.getRow(8).values as unknown[]).slice(1);
    expect(heads).toEqual(expect.arrayContaining(['Tự đánh giá (%)', 'Thẩm định (%)', 'Chênh lệch']));
    const sheet = wb.getWorksheet('Thẩm định')!;
    expect(sheet.getCell('B9').value).toBe('3.2.1');
    expect(sheet.getCell('G9').value).toBe(-3);
    expect(sheet.getCell('C10').value).toBe('UBND thị trấn Na Sầm');
  });
});
