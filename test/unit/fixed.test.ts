import { describe, expect, it } from 'vitest';
import { add, decimalParts, divRound, fromNumber, percent, ratioAtLeast, scaleRatio, toNumber, toUnits } from '../../src/core/fixed.js';

describe('fixed-point points', () => {
  it('reads decimals exactly and refuses more than four places', () => {
    expect(fromNumber(0.25)).toBe(2500);
    expect(fromNumber(0.29)).toBe(2900);
    expect(fromNumber(14.5)).toBe(145000);
    expect(fromNumber(0.12345)).toBeUndefined();
    // A float sum is not a four-decimal number, even though ×10 000 rounds to one.
    expect(fromNumber(0.1 + 0.2)).toBeUndefined();
    expect(fromNumber(1e-7)).toBeUndefined();
    expect(fromNumber(-0.25)).toBe(-2500);
  });

  it('agrees with the exact decimal reading for every four-decimal value up to 200', () => {
    // Disagreements are collected and compared once: an expect() per value was most of this test's time.
    const wrong: Array<[number, number | undefined, number]> = [];
    for (let i = 0; i <= 2_000_000; i += 7) {
      const x = Number((i / 10_000).toFixed(4));
      const exact = decimalParts(x)!;
      const want = Number((exact.num * 10_000n) / exact.den);
      const f = fromNumber(x);
      const got = f === undefined ? undefined : toUnits(f);
      if (got !== want) wrong.push([x, got, want]);
    }
    expect(wrong).toEqual([]);
  });

  it('adds 0,1 ten times to exactly 1 where floats drift', () => {
    const tenth = fromNumber(0.1)!;
    const sum = add(...Array.from({ length: 10 }, () => tenth));
    expect(toNumber(sum)).toBe(1);
    expect(Array.from({ length: 10 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(1);
  });

  it('rounds half away from zero, once', () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(7n, 3n)).toBe(2n);
    expect(divRound(4n, 2n)).toBe(2n);
  });

  it('scales a ratio of max to the catalog decimals', () => {
    // 0,875 → 0,88 (half up); 1,847 → 1,85
    expect(toNumber(scaleRatio(fromNumber(1)!, 875n, 1000n, 2))).toBe(0.88);
    expect(toNumber(scaleRatio(fromNumber(2)!, 9235n, 10000n, 2))).toBe(1.85);
    expect(toNumber(scaleRatio(fromNumber(2)!, 1n, 3n, 0))).toBe(1);
  });

  it('computes the index to two decimals', () => {
    expect(percent(fromNumber(92)!, fromNumber(100)!, 2).value).toBe(92);
    // 0,57 of 8 is 7,125%: half up gives 7,13 as ROUND does in a spreadsheet; floats give 7,12.
    expect(percent(fromNumber(0.57)!, fromNumber(8)!, 2).value).toBe(7.13);
    expect(Math.round((0.57 / 8) * 10_000) / 100).toBe(7.12);
    expect(percent(fromNumber(86.5)!, fromNumber(95.5)!, 2).value).toBe(90.58);
    // 89,995 % rounds to 90,00
    expect(percent(fromNumber(17.999)!, fromNumber(20)!, 2).value).toBe(90);
  });

  it('compares ratios exactly at band edges', () => {
    const p = decimalParts(95)!;
    expect(ratioAtLeast(95n, 100n, p.num, p.den * 100n)).toBe(true);
    expect(ratioAtLeast(9499n, 10000n, p.num, p.den * 100n)).toBe(false);
    expect(decimalParts(94.99)).toEqual({ num: 9499n, den: 100n });
    expect(decimalParts(1e-7)).toBeUndefined();
  });
});
