import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/core/schema/catalog.js';
import { flattenCatalog } from '../../src/core/flat-catalog.js';

describe('improvement guidance in the shipped catalogs', () => {
  for (const id of ['xa-mau-2024', 'tinh-2948-2018']) {
    it(`${id}: every sub-criterion has tasks and implementing sections (its own or its criterion's), in Vietnamese`, () => {
      const flat = flattenCatalog(Catalog.parse(parse(readFileSync(`criteria/${id}.yaml`, 'utf8'))));
      const missing = [...flat.leaves.values()].filter((l) => !l.improve?.tasks.length || !l.improve.implementers?.length).map((l) => l.code);
      expect(missing).toEqual([]);
      for (const l of flat.leaves.values()) for (const t of l.improve!.tasks) expect(t, l.code).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    });
  }
  it('passes guidance down: a criterion’s improve reaches its sub-criteria unless they give their own', () => {
    const c = Catalog.parse({
      id: 't', title: 'T', level: 'xa', scope: 'T', year: 2024, scale: 2,
      bands: [{ label: 'Tốt', from: 0 }],
      areas: [{ code: '1', name: 'A', max: 2, children: [{ code: '1.1', name: 'B', max: 2, improve: { tasks: ['Làm việc chung'] }, children: [
        { code: '1.1.1', name: 'C', max: 1, rule: { kind: 'yes_no', when_not_arisen: 'not_applicable' } },
        { code: '1.1.2', name: 'D', max: 1, improve: { implementers: ['Văn phòng'], tasks: ['Làm việc riêng'] }, rule: { kind: 'yes_no', when_not_arisen: 'not_applicable' } },
      ] }] }],
    });
    const f = flattenCatalog(c);
    expect(f.leaves.get('1.1.1')!.improve).toEqual({ tasks: ['Làm việc chung'] });
    expect(f.leaves.get('1.1.2')!.improve).toEqual({ implementers: ['Văn phòng'], tasks: ['Làm việc riêng'] });
  });
});
