import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { catalog } from '../helpers.js';
import { score } from '../helpers.js';
import { flattenCatalog } from '../../src/core/flat-catalog.js';
import { toNumber } from '../../src/core/fixed.js';
import { weakCriteria } from '../../src/core/plan/district.js';
import { cli } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'cchc-plan-district-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the criteria most units lost', () => {
  it('counts units, then points lost, then catalog order, naming each unit with its points', () => {
    const cat = catalog();
    const unit = (code: string, items: Record<string, unknown>) => {
      const { result } = score(cat, items);
      return { result: { ...result, unit: { ...result.unit, code, name: `Xã ${code}` } } };
    };
    const units = [
      unit('A', { '1.1': { value: 'cham' }, '1.2': { value: false }, '2.1': { value: 5 } }),
      unit('B', { '1.1': { value: 'khong' }, '1.2': { value: true }, '2.1': { value: 4 } }),
      unit('C', { '1.1': { value: 'dung_han' }, '1.2': { value: false }, '2.1': { value: 5 } }),
    ];
    const weak = weakCriteria(flattenCatalog(cat), units);
    expect(weak.map((w) => [w.code, w.units.map((u) => [u.code, toNumber(u.lost)]), toNumber(w.lost)])).toEqual([
      ['1.2', [['A', 3], ['C', 3]], 6],
      ['1.1', [['B', 2], ['A', 1]], 3],
      ['2.1', [['B', 1]], 1],
    ]);
  });
});

describe('cchc plan --batch', () => {
  it('writes a plan per unit and the district summary; a unit at its target gets a plan without it', async () => {
    const ranking = join(dir, 'ket-qua.json');
    expect((await cli(['batch', 'examples/van-lang-2024', '-q', '--json', '-o', ranking])).exitCode).toBe(1);
    const out = join(dir, 'ke-hoach');
    // Three units of the district (fewer documents to write), one of them broken on purpose: listed, not planned.
    const r = await cli(['plan', '--batch', 'examples/van-lang-2024/201{00,01,08}-*.yaml', '--ranking', ranking, '--target-rank', '1', '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('20108-tan-tac.yaml:106:17');
    expect(r.stderr).toContain('UBND thị trấn Na Sầm: đã đạt mục tiêu; kế hoạch lập không kèm mục tiêu (plan.target_skipped)');
    const files = readdirSync(out).sort();
    expect(files).toEqual(['ke-hoach-20100.docx', 'ke-hoach-20101.docx', 'tieu-chi-yeu.xlsx']);
    expect(r.stdout).toMatch(/^ {2}1\. 3\.2\.1 .* — 2 đơn vị, mất 2,00 điểm/m);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'tieu-chi-yeu.xlsx'));
    const ws = wb.getWorksheet('Tiêu chí yếu')!;
    expect([ws.getCell('B5').value, ws.getCell('E5').value, ws.getCell('F5').value]).toEqual(['3.2.1', 2, 2]);
    expect(ws.getCell('G5').value).toBe('UBND thị trấn Na Sầm (1,00); UBND xã Hoàng Việt (1,00)');
  });
});
