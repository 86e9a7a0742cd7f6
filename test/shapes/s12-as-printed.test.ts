import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/core/schema/catalog.js';
import { checkCatalog } from '../../src/core/validate/catalog-checks.js';
import { formatFinding } from '../../src/reporters/format-finding.js';
import { catalogFromDoc, assess, evidenceFromDoc } from '../../src/core/pipeline.js';
import { flattenCatalog } from '../../src/core/flat-catalog.js';
import { catalog, codes, plain, score } from '../helpers.js';

const doc = (data: unknown) => ({ file: 'x.yaml', data, locate: (fs: readonly unknown[]) => [...fs] as never });
const leafArea = { code: '3', name: 'Tác động', max: 15, rule: { kind: 'judgement', when_not_arisen: 'not_applicable' } };

describe('shape 12: a catalog typed as published', () => {
  it('areas adding up to 99,55 under a "100" heading: an error, or a warning with scale_note', () => {
    const base = catalog();
    const off = Catalog.parse({ ...base, scale: 100 });
    expect(codes(checkCatalog(off))).toEqual(['catalog.scale_sum']);
    const noted = Catalog.parse({ ...base, scale: 100, scale_note: 'Phụ lục in thang 100' });
    const fs = checkCatalog(noted);
    expect(fs.map((f) => [f.code, f.severity])).toEqual([['catalog.scale_as_printed', 'warning']]);
  });

  it('the index is computed on the maxima as printed', () => {
    const c = Catalog.parse({ ...catalog(), scale: 100, scale_note: 'như văn bản' });
    const { result } = score(c, { '1.1': { value: 'dung_han' }, '1.2': { value: true }, '2.1': { value: 5 } });
    expect(plain(result).applicableMax).toBe(10);
    expect(result.index).toBe(100);
  });

  it('an area scored directly, without criteria, is allowed and scored', () => {
    const c = catalog({ areas: [...catalog().areas, leafArea], scale: 25 });
    expect(checkCatalog(c)).toEqual([]);
    const { result } = score(c, { '3': { value: 12 } });
    expect(plain(result).areas[2]).toEqual({ code: '3', name: 'Tác động', max: 15, applicableMax: 15, points: 12 });
  });

  it('messages call an area "lĩnh vực", never "tiêu chí"', async () => {
    const c = catalog({ areas: [...catalog().areas, leafArea], scale: 25 });
    const flat = flattenCatalog(c);
    const ev = evidenceFromDoc(
      doc({ unit: { code: 'X', name: 'UBND xã X', level: 'xa', province: 'P' }, catalog: 'test', year: 2024, items: { '3': { value: 99 }, '1': { value: 1 } } }),
      'u.yaml',
      '.',
    );
    const out = assess(flat, ev).findings.filter((f) => f.severity === 'error');
    expect(out.map((f) => formatFinding(f, 'vi'))).toEqual([
      'lỗi: [lĩnh vực 1] mã 1 là lĩnh vực/tiêu chí có mục con; kê khai theo từng tiêu chí thành phần (evidence.not_leaf)',
      'lỗi: [lĩnh vực 3] điểm phải từ 0 đến 15, tối đa 2 chữ số thập phân (evidence.points_range)',
    ]);
    expect(formatFinding(out[0]!, 'en')).toMatch(/^error: \[area 1\]/);
    const badCat = await catalogFromDoc(doc({ ...c, areas: [{ ...c.areas[0], max: 99 }, c.areas[1], leafArea] }), 'test.yaml');
    expect(badCat.findings.map((f) => formatFinding(f, 'vi'))[0]).toMatch(/^lỗi: \[lĩnh vực 1\] tổng điểm tối đa các mục con/);
  });
});
