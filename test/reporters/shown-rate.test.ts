import { describe, expect, it } from 'vitest';
import { shownPercent, type PercentBound } from '../../src/core/fixed.js';
import { describeHint, describeValue } from '../../src/reporters/describe.js';
import { catalog, n, score } from '../helpers.js';

const pctBound = (text: string): PercentBound => {
  const [i, f = ''] = text.split('.');
  return { num: BigInt(i! + f), den: 10n ** BigInt(f.length) };
};

describe('shownPercent: one display rounding that never crosses a bound', () => {
  it('shows two decimals when they keep the rate on its side of every bound', () => {
    expect(shownPercent(1180n, 1200n, [pctBound('100'), pctBound('95')])).toBe(98.33);
    expect(shownPercent(1n, 3n, [pctBound('50')])).toBe(33.33);
    expect(shownPercent(2n, 3n, [pctBound('50')])).toBe(66.67);
  });

  it('shows more decimals where two would look like a bound not reached is reached', () => {
    // 90,005% under "from 90,01%": half up at two decimals would say 90,01%.
    expect(shownPercent(90005n, 100000n, [pctBound('90.01')])).toBe(90.005);
    // 99,996% is not 100%.
    expect(shownPercent(99996n, 100000n, [pctBound('100')])).toBe(99.996);
    // 1999 of 2000 = 99,95%: exact, shown as is.
    expect(shownPercent(1999n, 2000n, [pctBound('100')])).toBe(99.95);
  });

  it('rounds towards the exact side past six decimals', () => {
    // 99999999/100000000 = 99,999999%: six decimals still round to 100.
    const s = shownPercent(999999999n, 1000000000n, [pctBound('100')]);
    expect(s).toBeLessThan(100);
  });

  it('keeps the relation with every bound, over many rates', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const bounds = [pctBound('100'), pctBound('95'), pctBound('90.01'), pctBound('80'), pctBound('33.333')];
    for (let i = 0; i < 20000; i++) {
      const den = BigInt(1 + rnd(5000));
      const num = BigInt(rnd(Number(den) + 1));
      const s = shownPercent(num, den, bounds);
      const shown = pctBound(String(s));
      for (const b of bounds) {
        const exactReaches = 100n * num * b.den >= b.num * den;
        const shownReaches = shown.num * b.den >= b.num * shown.den;
        expect(shownReaches, `${num}/${den} shown ${s} vs ${b.num}/${b.den}`).toBe(exactReaches);
      }
    }
  });
});

describe('the table, the JSON and the hint show one value', () => {
  const cat = catalog({}, [
    {
      code: '1.1',
      name: 'Tỷ lệ',
      max: 2,
      rule: { kind: 'rate_bands', measure: 'percent', when_not_arisen: 'not_applicable', bands: [{ from: 90.01, points: 2 }, { from: 0, points: 0 }] },
    },
    {
      code: '1.2',
      name: 'Hồ sơ',
      max: 1,
      rule: {
        kind: 'pro_rata',
        measure: 'ratio',
        numerator: { key: 'dat', label: 'Đạt' },
        denominator: { key: 'tong', label: 'Tổng' },
        when_not_arisen: 'not_applicable',
      },
    },
    {
      code: '1.3',
      name: 'Mức trần',
      max: 2,
      rule: { kind: 'rate_bands', measure: 'percent', when_not_arisen: 'not_applicable', bands: [{ from: 90, points: 1 }] },
    },
  ]);
  const { result } = score(cat, { '1.1': { value: 90.005 }, '1.2': { value: { dat: 19999, tong: 20000 } }, '1.3': { value: 95 } });
  const item = (code: string) => result.items.find((i) => i.code === code)!;
  const rule = (code: string) => cat.areas[0]!.children!.find((c) => c.code === code)!.rule!;

  it('90,005% under "from 90,01%": shown 90,005, scored 0, asked for 90,01', () => {
    const it = item('1.1');
    expect(n(it.points!)).toBe(0);
    expect(it.rate).toBe(90.005);
    expect(it.hint).toEqual({ code: 'hint.next_band', args: { from: 90.01, points: 2, pct: 90.005 } });
    expect(describeValue(it, rule('1.1'), 'vi')).toBe('90,005%');
    expect(describeHint(it.hint!, 'vi')).toContain('90,005%');
  });

  it('19 999 of 20 000 is shown 99,995%, not 100,00%; its points, 1 × 99,995% rounded to 1,00, lose nothing', () => {
    const it = item('1.2');
    expect(it.rate).toBe(99.995);
    expect(n(it.points!)).toBe(1);
    expect(n(it.lost)).toBe(0);
    expect(it.hint).toBeUndefined();
    expect(describeValue(it, rule('1.2'), 'vi')).toBe('19999/20000 (99,995%)');
  });

  it('a rule whose best band gives less than max: the hint does not ask for a band already reached', () => {
    const it = item('1.3');
    expect(n(it.points!)).toBe(1);
    expect(it.hint?.code).toBe('hint.rule_ceiling');
  });
});
