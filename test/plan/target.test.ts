import { describe, expect, it } from 'vitest';
import { catalog, evidence } from '../helpers.js';
import { flattenCatalog } from '../../src/core/flat-catalog.js';
import { scoreUnit } from '../../src/core/scoring/score.js';
import { fromNumber, fromUnits, percent, toNumber, toUnits, type Fixed } from '../../src/core/fixed.js';
import { goalFor, leastTotal, wayUp, type Goal, type Target } from '../../src/core/plan/target.js';
import { standingAmong, type Peers } from '../../src/core/plan/peers.js';

/** Area 1 of the test catalog: a ratio in bands, a yes/no, a pro-rata ratio and a survey (10 points); area 2: judgement 5. */
const cat = catalog({}, [
  {
    code: '1.1',
    name: 'Hồ sơ đúng hạn',
    max: 2,
    rule: {
      kind: 'rate_bands',
      when_not_arisen: 'not_applicable',
      measure: 'ratio',
      numerator: { key: 'dung_han', label: 'Số hồ sơ đúng hạn' },
      denominator: { key: 'tong', label: 'Tổng số hồ sơ' },
      bands: [
        { from: 100, points: 2 },
        { from: 95, points: 1 },
      ],
    },
  },
  { code: '1.2', name: 'Kế hoạch', max: 1, rule: { kind: 'yes_no', when_not_arisen: 'not_applicable' } },
  {
    code: '1.3',
    name: 'Số hóa',
    max: 3,
    rule: { kind: 'pro_rata', when_not_arisen: 'not_applicable', measure: 'ratio', numerator: { key: 'so_hoa', label: 'Số hồ sơ số hóa' }, denominator: { key: 'tong', label: 'Tổng' } },
  },
  { code: '1.4', name: 'Hài lòng', max: 4, rule: { kind: 'survey', when_not_arisen: 'not_applicable' } },
]);
const flat = flattenCatalog(cat);
const items = {
  '1.1': { value: { dung_han: 96, tong: 100 } },
  '1.2': { value: false },
  '1.3': { value: { so_hoa: 50, tong: 100 } },
  '1.4': { value: 80 },
  '2.1': { value: 4 },
};
const ev = evidence(items);
const { result } = scoreUnit(flat, ev);
// 1 + 0 + 1,5 + 3,2 + 4 = 9,7 of 15: 64,67%.

const peers = (indexes: number[]): Peers => ({
  file: 'kq.json',
  groupBy: null,
  group: null,
  others: indexes.map((index, i) => ({ code: `U${i}`, name: `Xã ${i}`, index })),
  me: { index: result.index!, rank: 0, rankLabel: '', groupSize: indexes.length + 1 },
  types: ['xa'],
});

const goal = (t: Target, p?: Peers): Goal => {
  const g = goalFor(t, result, cat.bands, p);
  if ('code' in g) throw new Error(g.code);
  return g;
};

describe('the least total for a published index', () => {
  it('is exact at the rounding of the index: one ten-thousandth less publishes less', () => {
    for (const a of [985000, 150000, 1000000, 987654]) {
      const max = fromUnits(a);
      for (let p = 1n; p <= 10000n; p += 37n) {
        const t = leastTotal(p, max, 2);
        expect(percent(t, max, 2).scaled >= p).toBe(true);
        expect(percent(fromUnits(toUnits(t) - 1), max, 2).scaled < p).toBe(true);
      }
    }
  });
});

describe('ranks among the others as published', () => {
  it('shares a rank on an equal index and skips the next (1, 2, 2, 4)', () => {
    const p = peers([95, 93.1, 93.1, 90]);
    expect(standingAmong(93.1, p, 2)).toEqual({ rank: 2, rankLabel: '2/5', groupSize: 5 });
    expect(standingAmong(93.09, p, 2).rank).toBe(4);
    expect(standingAmong(95.01, p, 2).rank).toBe(1);
  });
  it('needs the index of the unit now at the target rank, equalled', () => {
    const g = goal({ kind: 'rank', rank: 2 }, peers([95, 93.1, 93.1, 60]));
    expect(g.index).toBe(93.1);
    expect(g.reach).toMatchObject({ index: 93.1 });
    // Rank 3 needs as much: with 93,09 three units would be above.
    expect(goal({ kind: 'rank', rank: 3 }, peers([95, 93.1, 93.1, 60])).index).toBe(93.1);
    expect(goal({ kind: 'rank', rank: 5 }, peers([95, 93.1, 93.1, 60])).index).toBe(0);
  });
  it('refuses a rank outside the group and a band the catalog lacks', () => {
    expect(goalFor({ kind: 'rank', rank: 6 }, result, cat.bands, peers([1, 2, 3, 4]))).toMatchObject({ code: 'plan.target_rank', args: { max: 5 } });
    expect(goalFor({ kind: 'band', band: 'Giỏi' }, result, cat.bands)).toMatchObject({ code: 'plan.target_band' });
    expect(goal({ kind: 'band', band: 'xuất sắc' }).index).toBe(90);
  });
  it('reads an index target with more decimals than published up to the next published value', () => {
    expect(goal({ kind: 'index', index: fromNumber(64.671) as Fixed }).scaled).toBe(6468n);
  });
});

describe('the cheapest way up', () => {
  it('says when the target is met already', () => {
    const w = wayUp(flat, ev, result, goal({ kind: 'index', index: fromNumber(64.67) as Fixed }));
    expect(w).toMatchObject({ reached: true, steps: [] });
  });

  it('takes the one item that reaches the target with the least effort, and checks it by rescoring', () => {
    // 64,67% → 70%: 10,5 points of 15. Gap 0,8: 1.1 to 100% (+1, 4 cases of 100), 1.2 Yes (+1, a whole step) or 1.3 (+0,8 at 77 of 100).
    const w = wayUp(flat, ev, result, goal({ kind: 'index', index: fromNumber(70) as Fixed }));
    if ('findings' in w) throw new Error('refused');
    expect(w.steps.map((s) => [s.code, s.step.value])).toEqual([['1.1', { dung_han: 100, tong: 100 }]]);
    expect(w.result!.after.index).toBe(71.33);
  });

  it('takes two items when one is not enough, most points per effort first', () => {
    // 64,67% → 80%: 12 points, gap 2,3. Best single gain is 1,5 (1.3 at 100%): two items needed.
    const w = wayUp(flat, ev, result, goal({ kind: 'index', index: fromNumber(80) as Fixed }));
    if ('findings' in w) throw new Error('refused');
    expect(w.steps.map((s) => s.code).sort()).toEqual(['1.1', '1.3']);
    expect(w.steps[0]!.code).toBe('1.1');
    // 1.3 only as far as needed: 1,3 more points, in steps of 0,03 a case: 94 of 100 gives 2,82 (93 gives 2,79).
    expect(w.steps.find((s) => s.code === '1.3')!.step.value).toEqual({ so_hoa: 94, tong: 100 });
    expect(toNumber(w.result!.after.total)).toBe(12.02);
    expect(w.result!.after.index).toBe(80.13);
    expect(w.notControlled.map((n) => [n.code, n.distance.kind === 'steps' && n.distance.control])).toEqual([
      ['1.4', 'survey'],
      ['2.1', 'council'],
    ]);
  });

  it('says a target is out of reach, with the best the unit could do alone and with everyone', () => {
    const w = wayUp(flat, ev, result, goal({ kind: 'index', index: fromNumber(90) as Fixed }));
    // Alone: 2 + 1 + 3 + 3,2 + 4 = 13,2 → 88%; with the survey and council too: 100%.
    expect(w).toEqual({ findings: [expect.objectContaining({ code: 'plan.unreachable', args: { needed: 90, best: 88, all: 100 } })] });
  });
});
