import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './run.js';

const UNIT = 'examples/van-lang-2024/20101-hoang-viet.yaml';
const OVERLAY = 'examples/van-lang-2024-tham-dinh/20101-hoang-viet.yaml';
const tmp = () => mkdtempSync(join(tmpdir(), 'cchc-appraisal-'));

describe('cchc score --appraisal', () => {
  it('prints self and appraised side by side, both indices and the changes with reasons, most points first', async () => {
    const r = await cli(['score', UNIT, '--appraisal', OVERLAY]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Tự đánh giá 92,95% — Thẩm định 90,10% (−2,85)');
    expect(r.stdout).toContain('Tổng điểm: 91,56 → 88,75');
    const changed = r.stdout.slice(r.stdout.indexOf('Các tiêu chí Hội đồng thẩm định thay đổi (6)'));
    expect([...changed.matchAll(/^ +\d\. (\S+) /gm)].slice(0, 6).map((m) => m[1])).toEqual(['3.2.1', '1.4', '2.4.3', '1.1.2', '7.1.2', '7.2.3']);
    expect(changed).toContain('Số liệu thẩm định: 1150/1200 (95,83%)');
    expect(changed).toContain('Thẩm định lần 2 → 1,50: Không chấp nhận giải trình');
    const en = await cli(['score', UNIT, '--appraisal', OVERLAY, '--lang', 'en']);
    expect(en.stdout).toContain('Self-assessed 92.95% — Appraised 90.10% (−2.85)');
  });

  it('JSON: the chosen round’s result with selfIndex, round, and per item self, appraised and the reason', async () => {
    const j = JSON.parse((await cli(['score', UNIT, '--appraisal', OVERLAY, '--json'])).stdout);
    expect(j).toMatchObject({ formatVersion: 2, index: 90.1, selfIndex: 92.95, appraised: true, round: 'tham_dinh_2', achieved: 88.75 });
    expect(j.provenance.inputs.map((i: { file: string }) => i.file)).toEqual([UNIT, OVERLAY]);
    const it321 = j.items.find((i: { code: string }) => i.code === '3.2.1');
    expect(it321).toMatchObject({ points: 1.5, selfPoints: 2.5, appraisal: { self: 2.5, appraised: 1.5, difference: -1, decidedIn: 'tham_dinh_2', reason: 'so_lieu_khong_khop' } });
    expect(it321.appraisal.rounds.map((s: { round: string }) => s.round)).toEqual(['tham_dinh_1', 'giai_trinh', 'tham_dinh_2']);
    expect(j.changed).toEqual(['3.2.1', '1.4', '2.4.3', '1.1.2', '7.1.2', '7.2.3']);
    // Language-free: the same bytes in English.
    expect((await cli(['score', UNIT, '--appraisal', OVERLAY, '--json', '--lang', 'en'])).stdout).toBe(JSON.stringify(j, null, 2) + '\n');
    const one = JSON.parse((await cli(['score', UNIT, '--appraisal', OVERLAY, '--json', '--round', 'tham_dinh_1'])).stdout);
    expect(one).toMatchObject({ round: 'tham_dinh_1', index: 90.1 });
    expect(one.rounds.map((x: { round: string }) => x.round)).toEqual(['tham_dinh_1']);
  });

  it('refuses --round without --appraisal (exit 2)', async () => {
    const r = await cli(['score', UNIT, '--round', 'tham_dinh_1']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('(option.requires)');
  });

  it('bad overlays: every problem with file:line:column and its code, exit 2, nothing written, inputs untouched', async () => {
    const dir = tmp();
    const overlay = join(dir, 'tham-dinh.yaml');
    const text = [
      'unit: { code: "20102" }',
      'catalog: xa-mau-2024',
      'year: 2023',
      'rounds:',
      '  tham_dinh_1:',
      '    by: Tổ thẩm định',
      '    date: 10/01/2025',
      '    items:',
      '      "9.9.9": { points: 0, reason: khong_co_tai_lieu }',
      '      "1.4": { points: 2, reason: khong_co_tai_lieu }',
      '      "3.2.1": { value: { dung_han: 1250, tong: 1200 }, reason: so_lieu_khong_khop }',
      '  giai_trinh:',
      '    by: UBND xã',
      '    date: 17/01/2025',
      '    items:',
      '      "1.1.1": { explanation: Đã ban hành đúng hạn }',
      '',
    ].join('\n');
    writeFileSync(overlay, text);
    const out = join(dir, 'kq.json');
    const form = join(dir, 'bieu.xlsx');
    const r = await cli(['score', UNIT, '--appraisal', overlay, '--json', '-o', out, '--xlsx', form]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    const at = (code: string) => lines.find((l) => l.includes(`(${code})`));
    expect(at('appraisal.unit_mismatch')).toMatch(/tham-dinh\.yaml:1:\d+: lỗi: /);
    expect(at('appraisal.year_mismatch')).toMatch(/tham-dinh\.yaml:3:7: lỗi: /);
    expect(at('appraisal.unknown_code')).toMatch(/tham-dinh\.yaml:9:\d+: lỗi: \[tiêu chí 9\.9\.9\]/);
    expect(at('appraisal.points_range')).toMatch(/tham-dinh\.yaml:10:\d+: lỗi: \[tiêu chí 1\.4\]/);
    expect(at('evidence.numerator_exceeds')).toMatch(/tham-dinh\.yaml:11:\d+: lỗi: \[tiêu chí 3\.2\.1\]/);
    expect(at('appraisal.explained_unchanged')).toMatch(/tham-dinh\.yaml:16:\d+: lỗi: \[tiêu chí 1\.1\.1\]/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(form)).toBe(false);
    expect(readFileSync(overlay, 'utf8')).toBe(text);
  });

  it('an overlay that is really the unit’s own file, or missing, is named as such', async () => {
    const r = await cli(['score', UNIT, '--appraisal', UNIT]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('(file.not_appraisal)');
    const missing = await cli(['score', UNIT, '--appraisal', 'khong-co.yaml']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('(file.not_found)');
  });

  it('an overlay round 2 the file does not have: --round tham_dinh_2 is refused on the overlay', async () => {
    const dir = tmp();
    const overlay = join(dir, 'td.yaml');
    writeFileSync(overlay, 'unit: { code: "20101" }\ncatalog: xa-mau-2024\nyear: 2024\nrounds:\n  tham_dinh_1: { by: Tổ, date: 10/01/2025, items: {} }\n');
    const r = await cli(['score', UNIT, '--appraisal', overlay, '--round', 'tham_dinh_2']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/td\.yaml:5:3: lỗi: .*\(appraisal\.round_absent\)/);
    const ok = await cli(['score', UNIT, '--appraisal', overlay]);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain('Tự đánh giá 92,95% — Thẩm định 92,95% (±0,00)');
  });

  it('cchc validate checks an overlay on its own against its catalog (kind "appraisal")', async () => {
    const dir = tmp();
    const overlay = join(dir, 'td.yaml');
    writeFileSync(overlay, 'unit: { code: "20101" }\ncatalog: xa-mau-2024\nyear: 2024\nrounds:\n  tham_dinh_2: { by: HĐ, date: 10/01/2025, items: {} }\n');
    const r = await cli(['validate', overlay, OVERLAY, '--json']);
    expect(r.exitCode).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(j.files.map((f: { kind: string; valid: boolean }) => [f.kind, f.valid])).toEqual([
      ['appraisal', false],
      ['appraisal', true],
    ]);
    expect(j.files[0].findings.map((f: { code: string; line: number }) => [f.code, f.line])).toEqual([['appraisal.round_order', 5]]);
  });
});
