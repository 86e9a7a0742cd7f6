import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/core/schema/catalog.js';
import { checkCatalog } from '../../src/core/validate/catalog-checks.js';
import { catalogForType } from '../../src/core/unit-types.js';
import { cli } from '../cli/run.js';
import { ROOT } from '../e2e/cli.js';
import { tmp } from '../xlsx/support.js';
import { catalog, codes } from '../helpers.js';

/**
 * Shape 8: several unit types in one catalog (Hai Bà Trưng: phòng and phường in one decision; Nam Định: a band
 * per group). The catalog decides what applies to each type; batch ranks each type apart in one run.
 */
const DIR = join(ROOT, 'examples/catalog-shapes/08-nhieu-loai-don-vi');
const units = ['phuong-a', 'phuong-b', 'xa-c', 'xa-d'].map((u) => join(DIR, `${u}.yaml`));
const typed = (over: Record<string, unknown> = {}) =>
  catalog({
    unit_types: [
      { code: 'phuong', label: 'Phường' },
      { code: 'xa', label: 'Xã', bands: [{ label: 'Tốt', from: 80 }, { label: 'Yếu', from: 0 }] },
    ],
    ...over,
  });

describe('shape 8: unit types in one catalog', () => {
  it('a mixed district of phường and xã is ranked per type in one batch run, each with its own bands', async () => {
    const r = await cli(['batch', ...units, '--json', '-q']);
    expect(r.exitCode, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { groupBy: string; units: Array<{ code: string; group: string; rank: number; index: number; band: string }> };
    expect(j.groupBy).toBe('type');
    expect(j.units.map((u) => [u.group, u.code, u.rank, u.index, u.band])).toEqual([
      ['phuong', '90801', 1, 93, 'Tốt'],
      ['phuong', '90802', 2, 86, 'Khá'],
      ['xa', '90803', 1, 84, 'Tốt'],
      ['xa', '90804', 2, 78, 'Khá'],
    ]);
  });

  it('ranks across types when the catalog says so', async () => {
    const dir = tmp();
    const text = (await import('node:fs')).readFileSync(join(DIR, 'huyen-minh-hoa-phuong-xa-2024.yaml'), 'utf8');
    writeFileSync(join(dir, 'huyen-minh-hoa-phuong-xa-2024.yaml'), text.replace('scale: 10\n', 'scale: 10\nrank_across_types: true\n'));
    for (const u of units) writeFileSync(join(dir, u.split('/').pop()!), (await import('node:fs')).readFileSync(u, 'utf8'));
    const j = JSON.parse((await cli(['batch', dir, '--json', '-q'])).stdout);
    expect(j.groupBy).toBeNull();
    expect(j.units.map((u: { code: string; rank: number }) => [u.code, u.rank])).toEqual([['90801', 1], ['90802', 2], ['90803', 3], ['90804', 4]]);
  });

  it('what does not apply is decided by the catalog: the xã has no area 3 and its own max for 2.2', () => {
    const full = Catalog.parse({
      ...typed(),
      areas: [
        ...typed().areas,
        { code: '3', name: 'Đô thị', max: 2, applies_to: ['phuong'], children: [{ code: '3.1', name: 'Văn minh', max: 2, rule: { kind: 'judgement', when_not_arisen: 'not_applicable' } }] },
      ],
      scale: 12,
      unit_types: [
        { code: 'phuong', label: 'Phường' },
        { code: 'xa', label: 'Xã', scale: 10 },
      ],
    });
    expect(checkCatalog(full)).toEqual([]);
    const xa = catalogForType(full, 'xa');
    expect(xa.areas.map((a) => a.code)).toEqual(['1', '2']);
    expect(xa.scale).toBe(10);
    expect(catalogForType(full, 'phuong').areas.map((a) => a.code)).toEqual(['1', '2', '3']);
  });

  it('per-type maxima must add up for each type; unknown types are coded at their place', () => {
    const c = Catalog.parse({
      ...typed(),
      areas: [{ ...typed().areas[0]!, applies_to: ['phuong', 'thi_tran'] }, { ...typed().areas[1]!, max_by_type: { xa: 6 } }],
    });
    const fs = checkCatalog(c);
    expect(codes(fs).sort()).toEqual(['catalog.applies_to_unknown', 'catalog.children_sum_type', 'catalog.type_scale_sum']);
    expect(fs.find((f) => f.code === 'catalog.applies_to_unknown')!.path).toEqual(['areas', 0, 'applies_to', 1]);
    expect(fs.find((f) => f.code === 'catalog.type_scale_sum')!.args).toEqual({ type: 'xa', sum: 6, scale: 10 });
  });

  it('a unit without its type, of an unknown type, or declaring an item not for its type: coded errors, exit 2', async () => {
    const dir = tmp();
    const src = (await import('node:fs')).readFileSync(units[2]!, 'utf8').replace('./huyen', `${DIR}/huyen`);
    writeFileSync(join(dir, 'a.yaml'), src.replace(' type: xa,', ''));
    writeFileSync(join(dir, 'b.yaml'), src.replace('type: xa', 'type: thi_tran'));
    writeFileSync(join(dir, 'c.yaml'), src.replace('items:\n', 'items:\n  "3.1": { value: 1 }\n'));
    const r = await cli(['validate', dir, '--json']);
    expect(r.exitCode).toBe(2);
    const got = JSON.parse(r.stdout).files.map((f: { findings: Array<{ code: string; line: number }> }) => f.findings.map((x) => [x.code, x.line]));
    expect(got).toEqual([[['evidence.unit_type_missing', 6]], [['evidence.unit_type_unknown', 6]], [['evidence.not_for_type', 10]]]);
  });

  it('the unit\'s score, form and text show only what applies to its type', async () => {
    const j = JSON.parse((await cli(['score', units[2]!, '--json'])).stdout);
    expect(j.areas.map((a: { code: string; max: number }) => [a.code, a.max])).toEqual([['1', 4], ['2', 6]]);
    expect(j.catalog.bands[0]).toEqual({ label: 'Tốt', from: 80 });
    const dir = tmp();
    const f = await cli(['score', units[2]!, '--xlsx', join(dir, 'bieu.xlsx')]);
    expect(f.exitCode, f.stderr).toBe(0);
  });
});
