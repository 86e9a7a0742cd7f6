import { describe, expect, it } from 'vitest';
import { Rule, type RuleT } from '../../src/core/schema/catalog.js';
import { fromNumber, shownPercent, toNumber, type Fixed, type PercentBound } from '../../src/core/fixed.js';
import { hintFor, pointsFor, readValue } from '../../src/core/scoring/rules.js';
import { checkCatalog } from '../../src/core/validate/catalog-checks.js';
import { describeHint, describeRule, describeValue } from '../../src/reporters/describe.js';
import { catalog, codes, n, score } from '../helpers.js';

// Cà Mau 1880/QĐ-UBND, 1.1.4: "Thực hiện trên 90% kế hoạch: 2; từ 70% - 90%: 1; dưới 70%: 0".
const caMau = Rule.parse({
  kind: 'rate_bands',
  when_not_arisen: 'not_applicable',
  measure: 'ratio',
  numerator: { key: 'hoan_thanh', label: 'Nhiệm vụ hoàn thành' },
  denominator: { key: 'ke_hoach', label: 'Nhiệm vụ theo kế hoạch' },
  bands: [
    { from: 90, exclusive: true, points: 2 },
    { from: 70, points: 1 },
    { from: 0, points: 0 },
  ],
});
const TWO = fromNumber(2) as Fixed;

function points(rule: RuleT, value: unknown): number {
  const read = readValue(rule, TWO, 2, value);
  if (!read.ok || read.input.kind === 'none') throw new Error('unexpected');
  return toNumber(pointsFor(rule, TWO, 2, read.input));
}

describe('shape 1: exclusive lower bounds ("trên 90%")', () => {
  it('90% exactly belongs to the band below; anything above 90% to the band above', () => {
    expect(points(caMau, { hoan_thanh: 9, ke_hoach: 10 })).toBe(1);
    expect(points(caMau, { hoan_thanh: 90005, ke_hoach: 100000 })).toBe(2); // 90,005 %: the old `from: 90.01` gave 1
    expect(points(caMau, { hoan_thanh: 900001, ke_hoach: 1000000 })).toBe(2);
    expect(points(caMau, { hoan_thanh: 7, ke_hoach: 10 })).toBe(1); // "từ 70%" stays inclusive
    expect(points(caMau, { hoan_thanh: 69, ke_hoach: 100 })).toBe(0);
  });

  it('reads the bound the same way for a declared percentage', () => {
    const pct = Rule.parse({ ...caMau, measure: 'percent', numerator: undefined, denominator: undefined });
    expect(points(pct, 90)).toBe(1);
    expect(points(pct, 90.0001)).toBe(2);
  });

  it('a shown figure never sits on the wrong side of an exclusive bound', () => {
    const b: PercentBound[] = [{ num: 90n, den: 1n, exclusive: true }];
    // 90,004 % is above 90 %: "90,00%" would look like the band below.
    expect(shownPercent(90004n, 100000n, b)).toBe(90.004);
    // 90 % exactly is shown as is: it is below the bound, and "90,00%" says so.
    expect(shownPercent(9n, 10n, b)).toBe(90);
    // Past six decimals, rounded to the exact rate's side.
    expect(shownPercent(900000001n, 1000000000n, b)).toBeGreaterThan(90);
    let seed = 11;
    const rnd = (m: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % m);
    const bounds: PercentBound[] = [{ num: 90n, den: 1n, exclusive: true }, { num: 70n, den: 1n }, { num: 3333n, den: 100n, exclusive: true }];
    for (let i = 0; i < 4000; i++) {
      const den = BigInt(1 + rnd(4000));
      const num = BigInt(rnd(Number(den) + 1));
      const s = shownPercent(num, den, bounds);
      const [int, frac = ''] = String(s).split('.');
      const sNum = BigInt(int! + frac);
      const sDen = 10n ** BigInt(frac.length);
      for (const bd of bounds) {
        const cmp = (a: bigint, d: bigint) => (bd.exclusive ? a * bd.den > bd.num * d : a * bd.den >= bd.num * d);
        expect(cmp(sNum, sDen), `${num}/${den} shown ${s}`).toBe(cmp(100n * num, den));
      }
    }
  });

  it('hint asks for "trên 90%", and the table, the JSON and the hint agree on the figure', () => {
    const cat = catalog({}, [{ code: '1.1', name: 'Thực hiện kế hoạch', max: 2, rule: caMau }]);
    const { result } = score(cat, { '1.1': { value: { hoan_thanh: 9, ke_hoach: 10 }, documents: ['x'] } });
    const item = result.items.find((i) => i.code === '1.1')!;
    expect(n(item.points!)).toBe(1);
    expect(item.rate).toBe(90);
    expect(item.hint).toEqual({ code: 'hint.next_band', args: { from: 90, points: 2, pct: 90, exclusive: 1 } });
    expect(describeHint(item.hint!, 'vi')).toBe('Hiện đạt 90,00%; cần trên 90% để được 2 điểm');
    expect(describeHint(item.hint!, 'en')).toBe('Now 90.00%; above 90% earns 2 points');
    expect(describeValue(item, caMau, 'vi')).toBe('9/10 (90,00%)');
    const near = score(cat, { '1.1': { value: { hoan_thanh: 90004, ke_hoach: 100000 }, documents: ['x'] } }).result.items[0]!;
    expect(near.rate).toBe(90.004);
    expect(n(near.points!)).toBe(2);
  });

  it('says the rule as the decision writes it', () => {
    expect(describeRule(caMau, 2, 'vi')).toBe('trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0 điểm. Nếu không phát sinh: không đánh giá.');
    expect(describeRule(caMau, 2, 'en')).toBe('above 90%: 2 points; 70% to 90%: 1 points; below 70%: 0 points. If did not arise: not assessed.');
    const noFloor = Rule.parse({ ...caMau, bands: [{ from: 90, exclusive: true, points: 2 }, { from: 70, exclusive: true, points: 1 }] });
    expect(describeRule(noFloor, 2, 'vi')).toBe('trên 90%: 2 điểm; trên 70% đến 90%: 1 điểm; 70% trở xuống: 0 điểm. Nếu không phát sinh: không đánh giá.');
  });

  it('refuses "trên 100%", which no rate can reach', () => {
    const cat = catalog({}, [
      { code: '1.1', name: 'A', max: 2, rule: { ...caMau, bands: [{ from: 100, exclusive: true, points: 2 }, { from: 0, points: 0 }] } },
    ]);
    expect(codes(checkCatalog(cat))).toEqual(['catalog.band_unreachable']);
  });

  it('keeps inclusive bands and their hints exactly as before', () => {
    const cat = catalog({}, [
      { code: '1.1', name: 'A', max: 2, rule: { ...caMau, bands: [{ from: 90, points: 2 }, { from: 0, points: 0 }] } },
    ]);
    const it0 = score(cat, { '1.1': { value: { hoan_thanh: 89, ke_hoach: 100 } } }).result.items[0]!;
    expect(it0.hint).toEqual({ code: 'hint.next_band', args: { from: 90, points: 2, pct: 89 } });
    const r = hintFor(cat.areas[0]!.children![0]!.rule!, TWO, 2, { kind: 'rate', num: 9n, den: 10n });
    expect(r.code).toBe('hint.rule_ceiling');
  });
});
