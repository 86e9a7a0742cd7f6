import { Catalog } from '../src/core/schema/catalog.js';
import { Evidence } from '../src/core/schema/evidence.js';
import { flattenCatalog } from '../src/core/flat-catalog.js';
import { scoreUnit } from '../src/core/scoring/score.js';
import { resultNumbers } from '../src/core/json/score.js';
export { toNumber as n } from '../src/core/fixed.js';

type Json = Record<string, unknown>;

/** A two-area catalog (scale 10) used by the pure-core tests; `leaves` overrides area 1's items. */
export function catalog(over: Json = {}, leaves?: Json[]): Catalog {
  const items = leaves ?? [
    { code: '1.1', name: 'Kế hoạch', max: 2, rule: { kind: 'timeliness', late: 1, when_not_arisen: 'not_applicable' } },
    { code: '1.2', name: 'PAKN', max: 3, rule: { kind: 'yes_no', when_not_arisen: 'full_marks' } },
  ];
  const max = items.reduce((s, i) => s + Number(i.max), 0);
  return Catalog.parse({
    id: 'test',
    title: 'Thử',
    level: 'xa',
    scope: 'Thử',
    year: 2024,
    scale: max + 5,
    bands: [
      { label: 'Xuất sắc', from: 90 },
      { label: 'Tốt', from: 80 },
      { label: 'Yếu', from: 0 },
    ],
    areas: [
      { code: '1', name: 'Lĩnh vực một', max, children: items },
      {
        code: '2',
        name: 'Lĩnh vực hai',
        max: 5,
        children: [{ code: '2.1', name: 'Đánh giá', max: 5, rule: { kind: 'judgement', when_not_arisen: 'not_applicable' } }],
      },
    ],
    ...over,
  });
}

export function evidence(items: Json, over: Json = {}): Evidence {
  return Evidence.parse({
    unit: { code: 'X1', name: 'UBND xã Thử', level: 'xa', province: 'Lạng Sơn' },
    catalog: 'test',
    year: 2024,
    items,
    ...over,
  });
}

export function score(cat: Catalog, items: Json) {
  return scoreUnit(flattenCatalog(cat), evidence(items));
}

export const codes = (fs: ReadonlyArray<{ code: string }>) => fs.map((f) => f.code);

/** A result's points as plain numbers (the JSON edge): what assertions compare. */
export const plain = resultNumbers;
