import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './run.js';

/** The example district copied, with its catalog beside it (referenced by path), so files can be edited. */
function district(): { dir: string; units: string; overlays: string; catalog: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-verify-'));
  const units = join(dir, 'don-vi');
  const overlays = join(dir, 'tham-dinh');
  cpSync('examples/van-lang-2024', units, { recursive: true });
  cpSync('examples/van-lang-2024-tham-dinh', overlays, { recursive: true });
  rmSync(join(units, '20108-tan-tac.yaml'));
  rmSync(join(overlays, '20108-tan-tac.yaml'));
  const catalog = join(dir, 'xa-mau-2024.yaml');
  cpSync('criteria/xa-mau-2024.yaml', catalog);
  return { dir, units, overlays, catalog };
}

describe('cchc verify: the offline lock of a published result', () => {
  it('passes a ranking whose files are as published, and names each file changed or gone since (exit 1)', async () => {
    const d = district();
    const out = join(d.dir, 'ket-qua.json');
    const xlsx = join(d.dir, 'xep-hang.xlsx');
    expect((await cli(['batch', d.units, '--appraisals', d.overlays, '--json', '-o', out, '--xlsx', xlsx, '-q'])).exitCode).toBe(0);
    const ok = await cli(['verify', out]);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain('Cả 31 tệp không đổi kể từ khi công bố.');
    expect(ok.stdout).toMatch(/✓ bộ tiêu chí xa-mau-2024 \(.*xa-mau-2024\.yaml\): không đổi/);

    const unit = join(d.units, '20101-hoang-viet.yaml');
    writeFileSync(unit, readFileSync(unit, 'utf8').replace('dung_han: 1180', 'dung_han: 1190'));
    rmSync(join(d.overlays, '20103-tan-thanh.yaml'));
    for (const result of [out, xlsx]) {
      const r = await cli(['verify', result]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain(`${unit}: lỗi: `);
      expect(r.stderr).toContain('(verify.changed)');
      expect(r.stderr).toMatch(/tham-dinh\/20103-tan-thanh\.yaml: lỗi: .*\(verify\.missing\)/);
    }
    const j = JSON.parse((await cli(['verify', out, '--json'])).stdout);
    expect(j.unchanged).toBe(false);
    expect(j.files.filter((f: { status: string }) => f.status !== 'unchanged').map((f: { role: string; status: string }) => [f.role, f.status])).toEqual([
      ['appraisal', 'missing'],
      ['unit', 'changed'],
    ]);
  });

  it('catches an edited catalog, and checks a unit result with its overlay', async () => {
    const d = district();
    const unit = join(d.units, '20101-hoang-viet.yaml');
    writeFileSync(unit, readFileSync(unit, 'utf8').replace('catalog: xa-mau-2024', 'catalog: ../xa-mau-2024.yaml'));
    const out = join(d.dir, 'hv.json');
    expect((await cli(['score', unit, '--appraisal', join(d.overlays, '20101-hoang-viet.yaml'), '--json', '-o', out])).exitCode).toBe(0);
    expect((await cli(['verify', out])).stdout).toMatch(/✓ .*20101-hoang-viet\.yaml \(tệp thẩm định\): không đổi/);
    writeFileSync(d.catalog, `${readFileSync(d.catalog, 'utf8')}\n# sửa\n`);
    const r = await cli(['verify', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/xa-mau-2024\.yaml: lỗi: .*\(verify\.catalog_changed\)/);
  });

  it('refuses a result that records no provenance (exit 2)', async () => {
    const r = await cli(['verify', 'examples/van-lang-2023.json']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('examples/van-lang-2023.json:1:1: lỗi: không có nguồn gốc (provenance) để kiểm tra: cần kết quả JSON định dạng 2 hoặc biểu Excel do cchc ghi (verify.no_provenance)\n');
  });
});
