import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/core/schema/catalog.js';
import { checkCatalog } from '../../src/core/validate/catalog-checks.js';
import { formWorkbook, FORM_SHEET } from '../../src/workbook/form.js';
import { saveWorkbook } from '../../src/xlsx/excel.js';
import { cli } from '../cli/run.js';
import { ROOT } from '../e2e/cli.js';
import { readBack, rowOf, scored, tmp } from '../xlsx/support.js';
import { catalog, codes, score } from '../helpers.js';

/**
 * Shape 11: a band that asks more than the index ("… và không có tiêu chí nào dưới 50% số điểm"). A unit the
 * index places in the band but a condition does not falls to the next band, and the result says why.
 */
const DIR = join(ROOT, 'examples/catalog-shapes/11-dieu-kien-xep-loai');
const leaves = [
  { code: '1.1', name: 'Kế hoạch', max: 8, rule: { kind: 'judgement', when_not_arisen: 'not_applicable' } },
  { code: '1.2', name: 'Tuyên truyền', max: 2, rule: { kind: 'judgement', when_not_arisen: 'not_applicable' } },
];
const withBands = (requires: unknown[]) =>
  catalog(
    {
      bands: [
        { label: 'Xuất sắc', from: 90, requires },
        { label: 'Tốt', from: 80 },
        { label: 'Yếu', from: 0 },
      ],
    },
    leaves,
  );
const all = (a: number, b: number, c: number) => ({ '1.1': { value: a }, '1.2': { value: b }, '2.1': { value: c } });

describe('shape 11: band conditions', () => {
  it('every criterion at least 50%: exactly 50% holds, just under falls one band and is reported', () => {
    const c = withBands([{ each: 'criteria', min_percent: 50 }]);
    expect(checkCatalog(c)).toEqual([]);
    const held = score(c, all(8, 1, 5)).result; // 14/15 = 93,33%; 1.2 = 50%
    expect([held.index, held.band, held.bandMissed]).toEqual([93.33, 'Xuất sắc', undefined]);
    const fell = score(c, all(8, 0.99, 5)).result; // 13,99/15 = 93,27%; 1.2 = 49,5%
    expect([fell.index, fell.band]).toEqual([93.27, 'Tốt']);
    expect(fell.bandMissed).toEqual([{ band: 'Xuất sắc', failed: [{ code: '1.2', rate: 49.5, min: 50 }] }]);
  });

  it('a condition does not matter when the index alone is below the band, and a not-assessed criterion meets it', () => {
    const c = withBands([{ each: 'criteria', min_percent: 50 }]);
    const low = score(c, all(8, 0, 4)).result; // 12/15 = 80%: Tốt by the index, the condition is not what decides
    expect([low.band, low.bandMissed]).toEqual(['Tốt', undefined]);
    const na = score(c, { '1.1': { value: 8 }, '1.2': { not_arisen: 'Không phát sinh' }, '2.1': { value: 5 } }).result;
    expect([na.index, na.band, na.bandMissed]).toEqual([100, 'Xuất sắc', undefined]);
  });

  it('conditions on areas and on named codes; a failed area is marked as an area', () => {
    const areas = score(withBands([{ each: 'areas', min_percent: 90 }]), all(8, 0.5, 5)).result; // area 1: 85%
    expect(areas.bandMissed).toEqual([{ band: 'Xuất sắc', failed: [{ code: '1', rate: 85, min: 90, area: true }] }]);
    const named = score(withBands([{ codes: ['2.1'], min_percent: 100 }]), all(8, 2, 4.9)).result; // 14,9/15
    expect([named.band, named.bandMissed?.[0]?.failed[0]?.code]).toEqual(['Tốt', '2.1']);
    expect(score(withBands([{ codes: ['1.2'], min_percent: 100 }]), all(8, 2, 4.9)).result.band).toBe('Xuất sắc');
  });

  it('an unknown code, a condition with neither or both targets: coded findings at their place, all at once', () => {
    const c = Catalog.parse({
      ...withBands([{ each: 'areas', min_percent: 1 }]),
      bands: [
        { label: 'Xuất sắc', from: 90, requires: [{ codes: ['9.9', '1.2'], min_percent: 50 }, { min_percent: 50 }, { each: 'areas', codes: ['1'], min_percent: 50 }] },
        { label: 'Yếu', from: 0 },
      ],
    });
    const fs = checkCatalog(c);
    expect(codes(fs)).toEqual(['catalog.band_condition_unknown', 'catalog.band_condition_target', 'catalog.band_condition_target']);
    expect(fs[0]!.path).toEqual(['bands', 0, 'requires', 0, 'codes', 0]);
    expect(fs[0]!.args).toEqual({ code: '9.9' });
  });

  it('validate gives file:line:column for an unknown code and exits 2', async () => {
    const dir = tmp();
    const text = `id: x\ntitle: X\nlevel: xa\nscope: X\nyear: 2024\nscale: 5\nbands:\n  - label: A\n    from: 90\n    requires:\n      - { codes: ["7"], min_percent: 50 }\n  - { label: B, from: 0 }\nareas:\n  - code: "1"\n    name: M\n    max: 5\n    children:\n      - { code: "1.1", name: N, max: 5, rule: { kind: judgement, when_not_arisen: not_applicable } }\n`;
    writeFileSync(join(dir, 'x.yaml'), text);
    const r = await cli(['validate', join(dir, 'x.yaml'), '--json']);
    expect(r.exitCode).toBe(2);
    const f = JSON.parse(r.stdout).files[0].findings[0];
    expect([f.code, f.line, f.column]).toEqual(['catalog.band_condition_unknown', 11, 19]);
  });

  it('the report says why the band is lower, the JSON carries bandMissed, the form checks the condition live', async () => {
    const a = await cli(['score', join(DIR, 'xa-a.yaml')]);
    expect(a.stdout).toContain('Chỉ số đạt mức "Xuất sắc" nhưng chưa đủ điều kiện của mức này: tiêu chí 1.2 đạt 25,00% số điểm (cần từ 50%) → xếp loại Tốt');
    expect(a.stdout).toContain('→ tiêu chí 1.2 cần đạt từ 50% số điểm (hiện 25,00%) để được xếp loại Xuất sắc');
    const j = JSON.parse((await cli(['score', join(DIR, 'xa-a.yaml'), '--json'])).stdout);
    expect(j.bandMissed).toEqual([{ band: 'Xuất sắc', failed: [{ code: '1.2', rate: 25, min: 50 }] }]);
    expect(j.catalog.bands[0].requires).toEqual([{ each: 'criteria', min_percent: 50 }]);
    const show = await cli(['catalog', 'show', join(DIR, 'dang-11-dieu-kien-xep-loai.yaml')]);
    expect(show.stdout).toContain('Xuất sắc ≥ 90% (không có tiêu chí nào dưới 50% số điểm)');

    const u = await scored(join(DIR, 'xa-a.yaml'));
    const out = join(tmp(), 'form.xlsx');
    await saveWorkbook(await formWorkbook(u.result, u.flat, u.evidence.evidence!), out, []);
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    const band = ws.getCell(`G${rowOf(ws, 'Xếp loại')}`).value as { formula: string; result: string };
    expect(band.result).toBe('Tốt');
    const r12 = rowOf(ws, '1.2');
    expect(band.formula).toContain(`OR(L${r12}=0,ROUND(G${r12}*100-50*L${r12},6)>=0)`);
  });
});
