import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/core/schema/catalog.js';
import { checkCatalog } from '../../src/core/validate/catalog-checks.js';
import { checkEvidence, isRealDate } from '../../src/core/validate/evidence-checks.js';
import { flattenCatalog } from '../../src/core/flat-catalog.js';
import { catalog, codes, evidence } from '../helpers.js';

const leaf = (code: string, max: number, rule: Record<string, unknown> = { kind: 'yes_no' }) => ({
  code,
  name: `Mục ${code}`,
  max,
  rule: { when_not_arisen: 'not_applicable', ...rule },
});

describe('catalog cross-checks', () => {
  it('accepts a consistent catalog', () => {
    expect(checkCatalog(catalog())).toEqual([]);
  });

  it('reports every problem at once, each with its code and item', () => {
    const bad = catalog({}, [
      leaf('1.1', 1),
      leaf('1.1', 1),
      leaf('2.5', 1),
      leaf('1.3', 0.5, { kind: 'timeliness', on_time: 1, late: 0.25 }),
      leaf('1.4', 1, { kind: 'rate_bands', measure: 'percent', bands: [{ from: 90, points: 0.5 }, { from: 95, points: 1 }] }),
      leaf('1.5', 1, { kind: 'choice', options: [{ value: 'a', label: 'A', points: 1, fraction: 1 }, { value: 'a', label: 'B', points: 0 }] }),
      leaf('1.6', 1, { kind: 'pro_rata', measure: 'ratio' }),
      leaf('1.7', 0.12345),
      leaf('1.8', 1, { kind: 'deduction', per_item: 0.25, floor: 2 }),
    ]);
    const found = checkCatalog(bad).map((f) => [f.code, f.item]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['catalog.duplicate_code', '1.1'],
        ['catalog.code_not_under_parent', '2.5'],
        ['catalog.rule_exceeds_max', '1.3'],
        ['catalog.bands_order', '1.4'],
        ['catalog.choice_points', '1.5'],
        ['catalog.duplicate_choice', '1.5'],
        ['catalog.measure_fields', '1.6'],
        ['catalog.too_many_decimals', '1.7'],
        ['catalog.floor_exceeds_max', '1.8'],
        ['catalog.children_sum', '1'],
        ['catalog.scale_sum', undefined],
      ]),
    );
  });

  // An area with a rule and no children is scored directly (a leaf area, as some annexes print them).
  it('checks the parent sum, rules on parents, leaves without rules and band order', () => {
    const c = Catalog.parse({
      ...catalog(),
      bands: [{ label: 'A', from: 50 }, { label: 'B', from: 80 }],
      areas: [
        { code: '1', name: 'A', max: 3, children: [{ ...leaf('1.1', 1), children: [leaf('1.1.1', 1)] }, { code: '1.2', name: 'x', max: 1 }] },
        { code: '2', name: 'B', max: 7, rule: { kind: 'yes_no', when_not_arisen: 'full_marks' } },
      ],
    });
    expect(codes(checkCatalog(c))).toEqual(
      expect.arrayContaining(['catalog.rule_and_children', 'catalog.no_rule', 'catalog.children_sum', 'catalog.bands_order']),
    );
  });
});

describe('evidence cross-checks', () => {
  const idx = flattenCatalog(catalog());
  it('finds unknown codes, parent codes, impossible dates, year and level mismatches', () => {
    const ev = evidence(
      {
        '9.9': { value: true },
        '1': { value: true },
        '1.1': { value: 'cham', not_arisen: 'x', documents: [{ type: 'KH', number: '1/KH-UBND', date: '31/02/2024', issuer: 'UBND' }] },
      },
      { year: 2023, unit: { code: 'H', name: 'UBND huyện', level: 'huyen', province: 'LS' } },
    );
    const found = checkEvidence(idx, ev).map((f) => [f.code, f.item ?? null]);
    expect(found).toHaveLength(6);
    expect(found).toEqual(expect.arrayContaining([
      ['evidence.year_mismatch', null],
      ['evidence.level_mismatch', null],
      ['evidence.unknown_code', '9.9'],
      ['evidence.not_leaf', '1'],
      ['evidence.value_and_not_arisen', '1.1'],
      ['evidence.date_invalid', '1.1'],
    ]));
  });
  it('knows which dates exist', () => {
    expect(isRealDate('29/02/2024')).toBe(true);
    expect(isRealDate('29/02/2023')).toBe(false);
    expect(isRealDate('2024-12-31')).toBe(true);
    expect(isRealDate('31/04/2024')).toBe(false);
  });

  it('finds impossible dates written inside free-text citations', () => {
    const docs = [
      'Kế hoạch số 35/KH-UBND ngày 31/02/2024 của UBND xã',
      'Báo cáo số 12/BC-UBND ngày 29/02/2023',
      'Công văn 7/UBND-VP, 2024-13-01',
      'Quyết định số 5/QĐ-UBND ngày 5/1/2024 của UBND xã', // exists
      'Thông báo ngày 30 tháng 2 năm 2024',
      'Biên bản họp ngày 31.04.2024',
      'Nghị quyết số 01/02/2024/NQ-HĐND', // a symbol, not a date
    ];
    const found = checkEvidence(idx, evidence({ '1.1': { value: 'dung_han', documents: docs } }));
    expect(found.map((f) => [f.code, f.path.join('.'), f.args.date])).toEqual([
      ['evidence.date_invalid', 'items.1.1.documents.0', '31/02/2024'],
      ['evidence.date_invalid', 'items.1.1.documents.1', '29/02/2023'],
      ['evidence.date_invalid', 'items.1.1.documents.2', '2024-13-01'],
      ['evidence.date_invalid', 'items.1.1.documents.4', 'ngày 30 tháng 2 năm 2024'],
      ['evidence.date_invalid', 'items.1.1.documents.5', '31.04.2024'],
    ]);
  });
  it('warns when a symbol carries another year than its date', () => {
    const docs = [
      'Nghị quyết số 05/2023/NQ-HĐND ngày 10/01/2024 của HĐND tỉnh',
      { type: 'Thông tư', number: '01/2024/TT-BNV', date: '15/01/2023', issuer: 'Bộ Nội vụ' },
      'Nghị định số 107/2020/NĐ-CP ngày 14/9/2020 của Chính phủ', // consistent
    ];
    const found = checkEvidence(idx, evidence({ '1.1': { value: 'dung_han', documents: docs } }));
    expect(found.map((f) => [f.code, f.severity, f.path.join('.'), f.args.symbolYear])).toEqual([
      ['evidence.symbol_year', 'warning', 'items.1.1.documents.0', 2023],
      ['evidence.symbol_year', 'warning', 'items.1.1.documents.1.number', 2024],
    ]);
  });
});
