import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings/finding.js';
import { hasErrors } from '../../src/core/findings/finding.js';
import { type CatalogSource, Catalogs, evidenceFromDoc, scoreEvidence } from '../../src/core/pipeline.js';
import type { Doc } from '../../src/core/source.js';
import { plain } from '../helpers.js';

/**
 * Catalog + evidence → totals a person worked out by hand (each case's comment), through the whole
 * one-unit pipeline of the core (schema, catalog and evidence checks, scoring) on documents handed to
 * it from memory: no file is read by the core. The small catalog below has one item of every rule
 * kind; the cases sit on and just beside each rule's boundaries. The last case uses the shipped
 * provincial catalog (criteria/tinh-2948-2018.yaml, given to the core as data).
 */

type Json = Record<string, unknown>;

/** Documents by path; the core asks for its catalog by reference and gets it from here. */
function memory(files: Record<string, Json>): CatalogSource {
  return {
    resolve: (ref) => `criteria/${ref}.yaml`,
    read: (path) => {
      const data = files[path];
      return Promise.resolve(data ? { doc: doc(path, data) } : { findings: [] });
    },
  };
}

const doc = (file: string, data: unknown): Doc => ({ file, data, locate: (fs: readonly Finding[]) => fs.map((f) => ({ ...f, file })) });

const rule = (r: Json) => ({ when_not_arisen: 'not_applicable', ...r });

/** Scale 25: area 1 (10) yes/no, choice, timeliness, deduction; area 2 (10) rates; area 3 (5) judgement; bonus ≤ 1, penalty ≤ 2. */
const TAY: Json = {
  id: 'tay-2024',
  title: 'Bộ tiêu chí tính tay',
  level: 'xa',
  scope: 'Thử',
  year: 2024,
  scale: 25,
  decimals: 2,
  bands: [
    { label: 'Xuất sắc', from: 90 },
    { label: 'Tốt', from: 80 },
    { label: 'Khá', from: 70 },
    { label: 'Trung bình', from: 50 },
    { label: 'Yếu', from: 0 },
  ],
  areas: [
    {
      code: '1',
      name: 'Một',
      max: 10,
      children: [
        { code: '1.1', name: 'Có/không, mặc định', max: 2, rule: rule({ kind: 'yes_no', when_not_arisen: 'full_marks' }) },
        { code: '1.2', name: 'Có/không, điểm riêng', max: 1, rule: rule({ kind: 'yes_no', yes: 1, no: 0.25 }) },
        {
          code: '1.3',
          name: 'Chọn mức',
          max: 3,
          rule: rule({
            kind: 'choice',
            options: [
              { value: 'tot', label: 'Tốt', points: 3 },
              { value: 'kha', label: 'Khá', fraction: 0.5 },
              { value: 'kem', label: 'Kém', fraction: 0.333 },
            ],
          }),
        },
        { code: '1.4', name: 'Đúng hạn', max: 2, rule: rule({ kind: 'timeliness', late: 1, missing: 0.5 }) },
        { code: '1.5', name: 'Trừ dần', max: 2, rule: rule({ kind: 'deduction', per_item: 0.5, floor: 0.5 }) },
      ],
    },
    {
      code: '2',
      name: 'Hai',
      max: 10,
      children: [
        {
          code: '2.1',
          name: 'Mức tỷ lệ (tử số/mẫu số)',
          max: 3,
          rule: rule({
            kind: 'rate_bands',
            measure: 'ratio',
            numerator: { key: 'dung_han', label: 'Đúng hạn' },
            denominator: { key: 'tong_so', label: 'Tổng số' },
            bands: [
              { from: 100, points: 3 },
              { from: 90, points: 2 },
              { from: 70, points: 1 },
              { from: 0, points: 0 },
            ],
          }),
        },
        {
          code: '2.2',
          name: 'Mức tỷ lệ (%)',
          max: 2,
          rule: rule({ kind: 'rate_bands', measure: 'percent', bands: [{ from: 95.5, points: 2 }, { from: 80, points: 1 }] }),
        },
        {
          code: '2.3',
          name: 'Theo tỷ lệ (tử số/mẫu số)',
          max: 2,
          rule: rule({
            kind: 'pro_rata',
            measure: 'ratio',
            when_not_arisen: 'full_marks',
            numerator: { key: 'da_xu_ly', label: 'Đã xử lý' },
            denominator: { key: 'phat_hien', label: 'Phát hiện' },
          }),
        },
        { code: '2.4', name: 'Theo tỷ lệ (%)', max: 1, rule: rule({ kind: 'pro_rata', measure: 'percent' }) },
        { code: '2.5', name: 'Khảo sát', max: 2, rule: rule({ kind: 'survey' }) },
      ],
    },
    { code: '3', name: 'Ba', max: 5, children: [{ code: '3.1', name: 'Thẩm định', max: 5, rule: rule({ kind: 'judgement' }) }] },
  ],
  bonus: {
    name: 'Thưởng',
    max: 1,
    items: [
      { code: 'T.1', name: 'Thưởng một', max: 1, rule: rule({ kind: 'yes_no' }) },
      { code: 'T.2', name: 'Thưởng hai', max: 0.5, rule: rule({ kind: 'yes_no' }) },
    ],
  },
  penalty: {
    name: 'Trừ',
    max: 2,
    items: [
      { code: 'D.1', name: 'Trừ một', max: 1.5, rule: rule({ kind: 'yes_no' }) },
      { code: 'D.2', name: 'Trừ hai', max: 1, rule: rule({ kind: 'yes_no' }) },
    ],
  },
};

/** Every item of TAY at its most: 10 + 10 + 5 = 25 of 25. */
const FULL: Json = {
  '1.1': true,
  '1.2': 'có',
  '1.3': 'tot',
  '1.4': 'dung_han',
  '1.5': 0,
  '2.1': { dung_han: 40, tong_so: 40 },
  '2.2': 100,
  '2.3': { da_xu_ly: 5, phat_hien: 5 },
  '2.4': 100,
  '2.5': 100,
  '3.1': 5,
};

const NOT_ARISEN = { not_arisen: 'Không phát sinh trong năm' };

interface Totals {
  achieved: number;
  bonus: number;
  penalty: number;
  total: number;
  applicableMax: number;
  index: number;
  band: string;
  areas: number[];
  /** Points of the items the case is about (null: not assessed). */
  items: Record<string, number | null>;
}

interface Case {
  name: string;
  catalog: Json;
  unit: Json;
  items: Record<string, unknown>;
  expected: Totals;
}

const unitXa = { code: '20101', name: 'UBND xã Tính Tay', level: 'xa', province: 'Lạng Sơn' };
const tay = (over: Record<string, unknown>): Record<string, unknown> => ({ ...FULL, ...over });

const CASES: Case[] = [
  {
    // 10 + 10 + 5 = 25 of 25 → 100,00 % → Xuất sắc.
    name: 'every item at its most',
    catalog: TAY,
    unit: unitXa,
    items: tay({}),
    expected: { achieved: 25, bonus: 0, penalty: 0, total: 25, applicableMax: 25, index: 100, band: 'Xuất sắc', areas: [10, 10, 5], items: { '1.1': 2, '2.1': 3 } },
  },
  {
    // yes_no "no": 1.1 gives its default 0 (−2), 1.2 its own 0,25 (−0,75). 25 − 2,75 = 22,25; 22,25 / 25 = 89,00 % → Tốt.
    name: 'yes/no: the default "no" (0) and a catalog’s own "no" points',
    catalog: TAY,
    unit: unitXa,
    items: tay({ '1.1': false, '1.2': 'không' }),
    expected: { achieved: 22.25, bonus: 0, penalty: 0, total: 22.25, applicableMax: 25, index: 89, band: 'Tốt', areas: [7.25, 10, 5], items: { '1.1': 0, '1.2': 0.25 } },
  },
  {
    // Not arisen: 1.1 and 2.3 (full_marks) keep 2 and 2; 1.2 (1), 1.4 (2) and 2.1 (0 of 0: 3) leave the denominator.
    // Points: area 1 = 2 + 3 + 2 = 7, area 2 = 2 + 2 + 1 + 2 = 7, area 3 = 5 → 19; max 25 − 1 − 2 − 3 = 19 → 100,00 %.
    name: 'not arisen: full marks, or out of the denominator (also 0 of 0)',
    catalog: TAY,
    unit: unitXa,
    items: tay({ '1.1': NOT_ARISEN, '1.2': NOT_ARISEN, '1.4': NOT_ARISEN, '2.1': { dung_han: 0, tong_so: 0 }, '2.3': NOT_ARISEN }),
    expected: {
      achieved: 19,
      bonus: 0,
      penalty: 0,
      total: 19,
      applicableMax: 19,
      index: 100,
      band: 'Xuất sắc',
      areas: [7, 7, 5],
      items: { '1.1': 2, '1.2': null, '1.4': null, '2.1': null, '2.3': 2 },
    },
  },
  {
    // choice "kem": fraction 0,333 of 3 = 0,999 → 1,00 at 2 decimals (−2). 23 / 25 = 92,00 %.
    name: 'choice: a fraction of max, rounded to the catalog’s decimals',
    catalog: TAY,
    unit: unitXa,
    items: tay({ '1.3': 'kem' }),
    expected: { achieved: 23, bonus: 0, penalty: 0, total: 23, applicableMax: 25, index: 92, band: 'Xuất sắc', areas: [8, 10, 5], items: { '1.3': 1 } },
  },
  {
    // choice "kha": 0,5 × 3 = 1,5 (−1,5); timeliness "khong": missing = 0,5 (−1,5). 25 − 3 = 22 → 88,00 % → Tốt.
    name: 'choice half, and timeliness not done (its "missing" points)',
    catalog: TAY,
    unit: unitXa,
    items: tay({ '1.3': 'kha', '1.4': 'khong' }),
    expected: { achieved: 22, bonus: 0, penalty: 0, total: 22, applicableMax: 25, index: 88, band: 'Tốt', areas: [7, 10, 5], items: { '1.3': 1.5, '1.4': 0.5 } },
  },
  {
    // timeliness "cham": late = 1 (−1); judgement 4,25 of 5 (−0,75). 25 − 1,75 = 23,25 → 93,00 %.
    name: 'timeliness late, and points set by judgement',
    catalog: TAY,
    unit: unitXa,
    items: tay({ '1.4': 'cham', '3.1': 4.25 }),
    expected: { achieved: 23.25, bonus: 0, penalty: 0, total: 23.25, applicableMax: 25, index: 93, band: 'Xuất sắc', areas: [9, 10, 4.25], items: { '1.4': 1, '3.1': 4.25 } },
  },
  {
    // deduction 3 × 0,5 = 1,5 from 2 → 0,5, exactly the floor (−1,5). 23,5 / 25 = 94,00 %.
    name: 'deduction down to exactly its floor',
    catalog: TAY,
    unit: unitXa,
    items: tay({ '1.5': 3 }),
    expected: { achieved: 23.5, bonus: 0, penalty: 0, total: 23.5, applicableMax: 25, index: 94, band: 'Xuất sắc', areas: [8.5, 10, 5], items: { '1.5': 0.5 } },
  },
  {
    // deduction 7 × 0,5 = 3,5 from 2 → −1,5, held at the floor 0,5 (−1,5). Same totals as one just at the floor.
    name: 'deduction past its floor stays at the floor',
    catalog: TAY,
    unit: unitXa,
    items: tay({ '1.5': 7 }),
    expected: { achieved: 23.5, bonus: 0, penalty: 0, total: 23.5, applicableMax: 25, index: 94, band: 'Xuất sắc', areas: [8.5, 10, 5], items: { '1.5': 0.5 } },
  },
  {
    // rate bands: 36/40 = 90 % exactly → band "from 90" = 2 (−1); 95,49 % just under 95,5 → band "from 80" = 1 (−1).
    // 25 − 2 = 23 → 92,00 %.
    name: 'rate bands: exactly on a bound, and a hundredth under a decimal bound',
    catalog: TAY,
    unit: unitXa,
    items: tay({ '2.1': { dung_han: 36, tong_so: 40 }, '2.2': 95.49 }),
    expected: { achieved: 23, bonus: 0, penalty: 0, total: 23, applicableMax: 25, index: 92, band: 'Xuất sắc', areas: [10, 8, 5], items: { '2.1': 2, '2.2': 1 } },
  },
  {
    // rate bands: 899/1000 = 89,9 % → "from 70" = 1 (−2); 79,99 % is under the lowest band (80) → 0 (−2).
    // 25 − 4 = 21 → 84,00 % → Tốt.
    name: 'rate bands: just under a bound, and under the lowest band',
    catalog: TAY,
    unit: unitXa,
    items: tay({ '2.1': { dung_han: 899, tong_so: 1000 }, '2.2': 79.99 }),
    expected: { achieved: 21, bonus: 0, penalty: 0, total: 21, applicableMax: 25, index: 84, band: 'Tốt', areas: [10, 6, 5], items: { '2.1': 1, '2.2': 0 } },
  },
  {
    // rate bands: 28/40 = 70 % exactly → 1 (−2); 95,5 % exactly → 2. 23 → 92,00 %.
    name: 'rate bands: exactly on the lowest paying bound, and exactly on a decimal bound',
    catalog: TAY,
    unit: unitXa,
    items: tay({ '2.1': { dung_han: 28, tong_so: 40 }, '2.2': 95.5 }),
    expected: { achieved: 23, bonus: 0, penalty: 0, total: 23, applicableMax: 25, index: 92, band: 'Xuất sắc', areas: [10, 8, 5], items: { '2.1': 1, '2.2': 2 } },
  },
  {
    // pro rata 1/3 × 2 = 0,6667 → 0,67 (−1,33); 12,5 % × 1 = 0,125 → 0,13, half up (−0,87); survey 87,5 % × 2 = 1,75 (−0,25).
    // 25 − 2,45 = 22,55 → 90,20 % → Xuất sắc.
    name: 'pro rata and survey: max × rate, rounded half up to the catalog’s decimals',
    catalog: TAY,
    unit: unitXa,
    items: tay({ '2.3': { da_xu_ly: 1, phat_hien: 3 }, '2.4': 12.5, '2.5': 87.5 }),
    expected: { achieved: 22.55, bonus: 0, penalty: 0, total: 22.55, applicableMax: 25, index: 90.2, band: 'Xuất sắc', areas: [10, 7.55, 5], items: { '2.3': 0.67, '2.4': 0.13, '2.5': 1.75 } },
  },
  {
    // bonus 1 + 0,5 = 1,5, capped at 1; penalty 1,5 + 1 = 2,5, capped at 2. 25 + 1 − 2 = 24 → 96,00 %.
    name: 'bonus and penalty, each held at its cap',
    catalog: TAY,
    unit: unitXa,
    items: tay({ 'T.1': true, 'T.2': true, 'D.1': true, 'D.2': true }),
    expected: { achieved: 25, bonus: 1, penalty: 2, total: 24, applicableMax: 25, index: 96, band: 'Xuất sắc', areas: [10, 10, 5], items: { 'T.1': 1, 'T.2': 0.5, 'D.1': 1.5, 'D.2': 1 } },
  },
  {
    // 1.1 "no" (−2), 2.4 at 50 % = 0,5 (−0,5): 22,5 / 25 = 90,00 % exactly → Xuất sắc (the bound counts).
    name: 'the band: an index exactly on its bound',
    catalog: TAY,
    unit: unitXa,
    items: tay({ '1.1': false, '2.4': 50 }),
    expected: { achieved: 22.5, bonus: 0, penalty: 0, total: 22.5, applicableMax: 25, index: 90, band: 'Xuất sắc', areas: [8, 9.5, 5], items: { '2.4': 0.5 } },
  },
  {
    // 1.1 "no" (−2), 2.4 at 49 % = 0,49 (−0,51): 22,49 / 25 = 89,96 % → Tốt.
    name: 'the band: an index just under its bound',
    catalog: TAY,
    unit: unitXa,
    items: tay({ '1.1': false, '2.4': 49 }),
    expected: { achieved: 22.49, bonus: 0, penalty: 0, total: 22.49, applicableMax: 25, index: 89.96, band: 'Tốt', areas: [8, 9.49, 5], items: { '2.4': 0.49 } },
  },
];

// The shipped provincial catalog (81 items, scale 100), given to the core as data.
const TINH = parse(readFileSync(join(import.meta.dirname, '../../criteria/tinh-2948-2018.yaml'), 'utf8')) as Json;
const leafCodes = (nodes: Json[]): string[] => nodes.flatMap((n) => (n.children ? leafCodes(n.children as Json[]) : [n.code as string]));
const tinhDeclared: Record<string, unknown> = {
  '1.1.1': 'cham', // timeliness, late 0,5 of 1
  '1.1.2': 80, // rate bands 100 → 1,5 · 80 → 1 · 50 → 0,5: exactly 80 → 1 of 1,5
  '1.2.1': 3, // deduction 0,25 each: 1 − 0,75 = 0,25 of 1
  '1.4.1': 'tu_80', // choice, fraction 0,5 of 1,5 = 0,75
  '1.5.1': 2.5, // judgement, of 3
  '2.3.1': { da_xu_ly: 2, phat_hien: 3 }, // pro rata 2/3 × 2,5 = 1,6667 → 1,67
  '3.4.2': { da_xu_ly: 9, tiep_nhan: 10 }, // rate bands 100 → 1 · 90 → 0,5: 90 % → 0,5 of 1
  '4.1.1': true, // yes/no, 1 of 1
  '5.6.2': 0, // deduction, none: 1,5 of 1,5
  '8.1.1': 80, // survey 80 % × 7,5 = 6
  '8.2.1': 92.5, // survey 92,5 % × 4 = 3,7
};

CASES.push({
  // Declared: 0,5 + 1 + 0,25 + 0,75 + 2,5 + 1,67 + 0,5 + 1 + 1,5 + 6 + 3,7 = 19,37 of 1 + 1,5 + 1 + 1,5 + 3 + 2,5 + 1 + 1 + 1,5
  // + 7,5 + 4 = 25,5. Every other item did not arise: full marks for 2.2.2 (1,5), 3.1.3 (0,5) and 3.3.6 (0,5) = 2,5 of 2,5;
  // the other 67 leave the denominator. 21,87 / 28 = 78,107… → 78,11 % → Dưới nhóm B.
  // Areas: 1 = 0,5 + 1 + 0,25 + 0,75 + 2,5 = 5; 2 = 1,5 + 1,67 = 3,17; 3 = 0,5 + 0,5 + 0,5 = 1,5; 4 = 1; 5 = 1,5; 6 = 7 = 0; 8 = 9,7.
  name: 'the provincial catalog (tinh-2948-2018): one item of each kind declared, the rest not arisen',
  catalog: TINH,
  unit: { code: '20', name: 'UBND tỉnh Lạng Sơn', level: 'tinh', province: 'Lạng Sơn' },
  items: Object.fromEntries(leafCodes(TINH.areas as Json[]).map((c) => [c, c in tinhDeclared ? tinhDeclared[c] : NOT_ARISEN])),
  expected: {
    achieved: 21.87,
    bonus: 0,
    penalty: 0,
    total: 21.87,
    applicableMax: 28,
    index: 78.11,
    band: 'Dưới nhóm B',
    areas: [5, 3.17, 1.5, 1, 1.5, 0, 0, 9.7],
    items: { '1.1.2': 1, '1.2.1': 0.25, '1.4.1': 0.75, '2.2.2': 1.5, '2.3.1': 1.67, '3.4.2': 0.5, '6.1.2': null, '8.1.1': 6, '8.2.1': 3.7 },
  },
});

describe('catalog + evidence → totals worked by hand, through the core from memory', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const catalog = c.catalog as { id: string; year: number };
      const source = memory({ [`criteria/${catalog.id}.yaml`]: c.catalog });
      const items = Object.fromEntries(
        Object.entries(c.items).map(([code, v]) => [code, v === NOT_ARISEN ? NOT_ARISEN : { value: v, documents: ['Văn bản số 1'] }]),
      );
      const data = { unit: c.unit, catalog: catalog.id, year: catalog.year, items };
      const u = await scoreEvidence(evidenceFromDoc(doc('don-vi.yaml', data), 'don-vi.yaml', '.'), new Catalogs(source));
      expect(hasErrors(u.findings), JSON.stringify(u.findings.filter((f) => f.severity === 'error'))).toBe(false);
      const r = plain(u.result!);
      const byCode = new Map(r.items.map((i) => [i.code, i]));
      expect({
        achieved: r.achieved,
        bonus: r.bonus,
        penalty: r.penalty,
        total: r.total,
        applicableMax: r.applicableMax,
        index: r.index,
        band: r.band,
        areas: r.areas.map((a) => a.points),
        items: Object.fromEntries(Object.keys(c.expected.items).map((code) => [code, byCode.get(code)?.points])),
      }).toEqual(c.expected);
    });
  }

  it('has at least ten cases, one of them on the provincial catalog', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(10);
    expect(CASES.some((c) => c.catalog === TINH)).toBe(true);
  });
});
