import { describe, expect, it } from 'vitest';
import { Rule, type RuleT } from '../../src/core/schema/catalog.js';
import { fromNumber, toNumber, type Fixed } from '../../src/core/fixed.js';
import { hintFor, pointsFor, readValue, ruleRange } from '../../src/core/scoring/rules.js';

const NA = { when_not_arisen: 'not_applicable' };
const rule = (r: Record<string, unknown>): RuleT => Rule.parse({ ...NA, ...r });

/** Points for a raw value, or the finding code when the value is refused. */
function points(r: RuleT, max: number, raw: unknown, decimals = 2): number | string {
  const m = fromNumber(max) as Fixed;
  const read = readValue(r, m, decimals, raw);
  if (!read.ok) return read.code;
  if (read.input.kind === 'none') return 'none';
  return toNumber(pointsFor(r, m, decimals, read.input));
}

const bands = rule({
  kind: 'rate_bands',
  measure: 'ratio',
  numerator: { key: 'dung_han', label: 'Đúng hạn' },
  denominator: { key: 'tong', label: 'Tổng' },
  bands: [
    { from: 100, points: 2 },
    { from: 95, points: 1 },
    { from: 0, points: 0 },
  ],
});
const bandsPct = rule({ kind: 'rate_bands', measure: 'percent', bands: [{ from: 100, points: 2 }, { from: 95, points: 1 }] });

describe('rate bands (lower bound inclusive)', () => {
  it('gives the band at exactly 95% and the one below at 94,99%', () => {
    expect(points(bands, 2, { dung_han: 95, tong: 100 })).toBe(1);
    expect(points(bands, 2, { dung_han: 9499, tong: 10000 })).toBe(0);
    expect(points(bandsPct, 2, 95)).toBe(1);
    expect(points(bandsPct, 2, 94.99)).toBe(0);
    expect(points(bands, 2, { dung_han: 1200, tong: 1200 })).toBe(2);
    expect(points(bands, 2, { dung_han: 1199, tong: 1200 })).toBe(1);
  });
  it('treats 0 of 0 as "did not arise"', () => {
    expect(points(bands, 2, { dung_han: 0, tong: 0 })).toBe('none');
  });
  it('refuses a numerator above its denominator, negatives, fractions and missing keys', () => {
    expect(points(bands, 2, { dung_han: 101, tong: 100 })).toBe('evidence.numerator_exceeds');
    expect(points(bands, 2, { dung_han: -1, tong: 100 })).toBe('evidence.count_invalid');
    expect(points(bands, 2, { dung_han: 1.5, tong: 100 })).toBe('evidence.count_invalid');
    expect(points(bands, 2, { dung_han: 1 })).toBe('evidence.ratio_keys');
    expect(points(bands, 2, { dung_han: 1, tong: 2, khac: 3 })).toBe('evidence.ratio_keys');
    expect(points(bands, 2, 97)).toBe('evidence.value_type');
    expect(points(bandsPct, 2, 100.01)).toBe('evidence.percent_range');
  });
  it('scores below the lowest listed band as 0 and hints at the top band', () => {
    expect(points(bandsPct, 2, 50)).toBe(0);
    const m = fromNumber(2) as Fixed;
    const read = readValue(bands, m, 2, { dung_han: 1180, tong: 1200 });
    expect(read.ok && hintFor(bands, m, 2, read.input)).toMatchObject({ code: 'hint.next_band', args: { from: 100, points: 2, pct: 98.33 } });
  });
});

describe('pro rata and survey', () => {
  const pro = rule({ kind: 'pro_rata', measure: 'ratio', numerator: { key: 'so_hoa', label: 'a' }, denominator: { key: 'tong', label: 'b' } });
  it('scales the max and rounds once to the catalog decimals', () => {
    expect(points(pro, 1, { so_hoa: 2, tong: 3 })).toBe(0.67);
    expect(points(pro, 1, { so_hoa: 1, tong: 8 })).toBe(0.13); // 0,125 → 0,13
    expect(points(pro, 1, { so_hoa: 1, tong: 8 }, 1)).toBe(0.1);
    expect(points(pro, 1, { so_hoa: 0, tong: 5 })).toBe(0);
    expect(points(pro, 1, { so_hoa: 5, tong: 5 })).toBe(1);
  });
  it('survey: satisfaction percent × max, 0..100 only', () => {
    const s = rule({ kind: 'survey' });
    expect(points(s, 2, 92.35)).toBe(1.85);
    expect(points(s, 2, 100)).toBe(2);
    expect(points(s, 2, 0)).toBe(0);
    expect(points(s, 2, -1)).toBe('evidence.percent_range');
    expect(points(s, 2, '90')).toBe('evidence.value_type');
    // "89,6" is how a Vietnamese user writes 89.6; YAML reads it as text, and the message says so.
    expect(points(s, 2, '89,6')).toBe('evidence.decimal_comma');
    expect(points(bandsPct, 2, '97,5')).toBe('evidence.decimal_comma');
  });
});

describe('yes/no, choice, timeliness', () => {
  it('yes/no takes booleans and Vietnamese words, also decomposed (NFD)', () => {
    const yn = rule({ kind: 'yes_no' });
    expect(points(yn, 0.5, true)).toBe(0.5);
    expect(points(yn, 0.5, false)).toBe(0);
    expect(points(yn, 0.5, 'Có'.normalize('NFD'))).toBe(0.5);
    expect(points(yn, 0.5, 'không')).toBe(0);
    expect(points(yn, 0.5, 'maybe')).toBe('evidence.value_type');
    expect(points(rule({ kind: 'yes_no', yes: 0.25, no: 0.1 }), 0.5, false)).toBe(0.1);
  });
  it('choice: points or a fraction of max', () => {
    const c = rule({
      kind: 'choice',
      options: [
        { value: 'xuat_sac', label: 'Xuất sắc', fraction: 1 },
        { value: 'tot', label: 'Tốt', fraction: 0.75 },
        { value: 'hoan_thanh', label: 'Hoàn thành', points: 0.25 },
      ],
    });
    expect(points(c, 1, 'xuat_sac')).toBe(1);
    expect(points(c, 1, 'tot')).toBe(0.75);
    expect(points(c, 0.5, 'tot')).toBe(0.38);
    expect(points(c, 1, 'hoan_thanh')).toBe(0.25);
    expect(points(c, 1, 'kem')).toBe('evidence.choice_unknown');
    expect(points(c, 1, 3)).toBe('evidence.value_type');
  });
  it('timeliness: đúng hạn / chậm / không', () => {
    const t = rule({ kind: 'timeliness', late: 0.5 });
    expect(points(t, 1, 'dung_han')).toBe(1);
    expect(points(t, 1, 'cham')).toBe(0.5);
    expect(points(t, 1, 'khong')).toBe(0);
    expect(points(t, 1, 'som')).toBe('evidence.choice_unknown');
  });
});

describe('deduction and judgement', () => {
  it('deducts per item down to the floor, never below', () => {
    const d = rule({ kind: 'deduction', per_item: 0.25 });
    expect(points(d, 1, 0)).toBe(1);
    expect(points(d, 1, 3)).toBe(0.25);
    expect(points(d, 1, 4)).toBe(0);
    expect(points(d, 1, 9)).toBe(0);
    expect(points(rule({ kind: 'deduction', per_item: 0.25, floor: 0.5 }), 1, 9)).toBe(0.5);
    expect(points(d, 1, -1)).toBe('evidence.count_invalid');
    expect(points(d, 1, 1.5)).toBe('evidence.count_invalid');
  });
  it('judgement: 0..max at the catalog precision', () => {
    const j = rule({ kind: 'judgement' });
    expect(points(j, 1, 0.75)).toBe(0.75);
    expect(points(j, 1, 1)).toBe(1);
    expect(points(j, 1, 1.25)).toBe('evidence.points_range');
    expect(points(j, 1, 0.333)).toBe('evidence.points_range');
    expect(points(j, 1, -0.5)).toBe('evidence.points_range');
    expect(points(j, 1, '0,75')).toBe('evidence.decimal_comma');
  });
});

describe('rule range (for catalog checks)', () => {
  it('finds the most a rule can give', () => {
    const r = rule({ kind: 'timeliness', on_time: 2, late: 0.5 });
    expect(toNumber(ruleRange(r, fromNumber(1) as Fixed, 2).hi)).toBe(2);
  });
});
