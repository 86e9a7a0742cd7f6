import { describe, expect, it } from 'vitest';
import { Rule, type RuleT } from '../../src/core/schema/catalog.js';
import { fromNumber, sub, toNumber, type Fixed } from '../../src/core/fixed.js';
import { pointsFor, readValue } from '../../src/core/scoring/rules.js';
import { DISTANCE_KINDS, distanceOf, type Distance } from '../../src/core/plan/distance.js';

const rule = (r: Record<string, unknown>): RuleT => Rule.parse({ when_not_arisen: 'not_applicable', ...r });

/** The distance of an item scored from a raw value, as the scoring would leave it. */
function distance(r: RuleT, max: number, value: unknown, decimals = 2): Distance {
  const m = fromNumber(max) as Fixed;
  const read = readValue(r, m, decimals, value);
  if (!read.ok || read.input.kind === 'none') throw new Error('bad value');
  const points = pointsFor(r, m, decimals, read.input);
  const lost = sub(m, points);
  return distanceOf({ rule: r, max: m }, { status: 'scored', value, points, lost }, decimals);
}

/** Each step as [value, points, gain]. */
const ladder = (d: Distance) => (d.kind === 'steps' ? d.steps.map((s) => [s.value, toNumber(s.points), toNumber(s.gain)]) : d.kind);

const onTime = rule({
  kind: 'rate_bands',
  measure: 'ratio',
  numerator: { key: 'dung_han', label: 'Số hồ sơ giải quyết đúng hạn' },
  denominator: { key: 'tong', label: 'Tổng số hồ sơ' },
  bands: [
    { from: 100, points: 3.5 },
    { from: 98, points: 2.5 },
    { from: 95, points: 1.5 },
    { from: 0, points: 0 },
  ],
});

describe('distance of a ratio to its bands', () => {
  it('names the smallest whole numerator for each band above, the denominator unchanged', () => {
    expect(ladder(distance(onTime, 3.5, { dung_han: 1180, tong: 1200 }))).toEqual([[{ dung_han: 1200, tong: 1200 }, 3.5, 1]]);
    // 95% of 1 200 is exactly 1 140: the bound is reached there, not one case later.
    expect(ladder(distance(onTime, 3.5, { dung_han: 1100, tong: 1200 }))).toEqual([
      [{ dung_han: 1140, tong: 1200 }, 1.5, 1.5],
      [{ dung_han: 1176, tong: 1200 }, 2.5, 2.5],
      [{ dung_han: 1200, tong: 1200 }, 3.5, 3.5],
    ]);
    // 98% of 1 201 is 1 176,98: 1 177 cases.
    const d = distance(onTime, 3.5, { dung_han: 1140, tong: 1201 });
    expect(d.kind === 'steps' && d.steps.map((s) => s.move)).toEqual([
      { kind: 'ratio', numerator: 'dung_han', denominator: 'tong', from: 1140, to: 1141, den: 1201 },
      { kind: 'ratio', numerator: 'dung_han', denominator: 'tong', from: 1140, to: 1177, den: 1201 },
      { kind: 'ratio', numerator: 'dung_han', denominator: 'tong', from: 1140, to: 1201, den: 1201 },
    ]);
    expect(d.kind === 'steps' && d.control).toBe('unit');
  });

  it('says when the rule can give no more (its best band is short of max)', () => {
    const short = rule({ kind: 'rate_bands', measure: 'percent', bands: [{ from: 90, points: 1 }] });
    expect(ladder(distance(short, 2, 95))).toBe('ceiling');
  });

  it('gives a percentage target on the hundredths grid, the bound itself when it is on it', () => {
    const pct = rule({ kind: 'rate_bands', measure: 'percent', bands: [{ from: 95, points: 1.5 }, { from: 80, points: 1 }] });
    expect(ladder(distance(pct, 1.5, 94.99))).toEqual([[95, 1.5, 0.5]]);
    expect(ladder(distance(pct, 1.5, 79.995))).toEqual([[80, 1, 1], [95, 1.5, 1.5]]);
  });
});

describe('distance of a rate scaled to max (pro rata, survey): the rounding at the catalog decimals', () => {
  const proRata = rule({ kind: 'pro_rata', measure: 'ratio', numerator: { key: 'da_so_hoa', label: 'Số hồ sơ đã số hóa' }, denominator: { key: 'tong', label: 'Tổng' } });
  it('asks for the smallest numerator whose points round up to the next hundredth, and names full marks', () => {
    const d = distance(proRata, 2.5, { da_so_hoa: 840, tong: 1200 });
    expect(d.kind).toBe('steps');
    if (d.kind !== 'steps') return;
    // 2,5 × 842/1200 = 1,7541 → 1,75; 2,5 × 843/1200 = 1,75625 → 1,76.
    expect(ladder({ ...d, steps: [d.steps[0]!] })).toEqual([[{ da_so_hoa: 843, tong: 1200 }, 1.76, 0.01]]);
    // 2,5 × 1198/1200 = 2,4958 rounds to 2,50: full marks two cases short of 100%.
    expect(d.steps.at(-1)!.value).toEqual({ da_so_hoa: 1198, tong: 1200 });
    expect(d.steps).toHaveLength(75);
  });
  it('marks survey results as not under the unit’s control', () => {
    const d = distance(rule({ kind: 'survey' }), 6, 90);
    expect(d.kind === 'steps' && d.control).toBe('survey');
    // 6 × 90,08% = 5,4048 → 5,40; 6 × 90,09% = 5,4054 → 5,41.
    expect(d.kind === 'steps' && d.steps[0]!.move).toEqual({ kind: 'percent', from: 90, to: 90.09 });
    expect(ladder(distance(rule({ kind: 'survey' }), 10, 89.6)).slice(0, 1)).toEqual([[89.65, 8.97, 0.01]]);
  });
});

describe('distance of choices, timeliness, yes/no, deductions and judgement', () => {
  it('climbs choice levels by points, whatever their order in the catalog', () => {
    const c = rule({
      kind: 'choice',
      options: [
        { value: 'tot', label: 'Tốt', fraction: 0.75 },
        { value: 'xuat_sac', label: 'Xuất sắc', fraction: 1 },
        { value: 'hoan_thanh', label: 'Hoàn thành', fraction: 0.5 },
      ],
    });
    expect(ladder(distance(c, 2, 'hoan_thanh'))).toEqual([['tot', 1.5, 0.5], ['xuat_sac', 2, 1]]);
  });
  it('goes from not done to late to on time', () => {
    const t = rule({ kind: 'timeliness', late: 0.5 });
    expect(ladder(distance(t, 1, 'khong'))).toEqual([['cham', 0.5, 0.5], ['dung_han', 1, 1]]);
    expect(ladder(distance(t, 1, 'cham'))).toEqual([['dung_han', 1, 0.5]]);
  });
  it('asks for Yes', () => {
    expect(ladder(distance(rule({ kind: 'yes_no' }), 1, false))).toEqual([[true, 1, 1]]);
  });
  it('counts the cases to avoid, skipping counts still at the floor', () => {
    expect(ladder(distance(rule({ kind: 'deduction', per_item: 0.25 }), 1.5, 2))).toEqual([[1, 1.25, 0.25], [0, 1.5, 0.5]]);
    // 5 cases × 0,5 is below the floor 0: 2 cases still give 0; 1 case gives 0,5.
    expect(ladder(distance(rule({ kind: 'deduction', per_item: 0.5 }), 1, 5))).toEqual([[1, 0.5, 0.5], [0, 1, 1]]);
  });
  it('leaves judgement to the council', () => {
    const d = distance(rule({ kind: 'judgement' }), 1.5, 1);
    expect(d.kind === 'steps' && d.control).toBe('council');
    expect(ladder(d)).toEqual([[1.5, 1.5, 0.5]]);
  });
});

describe('what is not computed', () => {
  it('says "unknown" for a rule kind that has no distance function, rather than failing', () => {
    const strange = { kind: 'documents_on_time', when_not_arisen: 'not_applicable' } as unknown as RuleT;
    const d = distanceOf({ rule: strange, max: fromNumber(1) as Fixed }, { status: 'scored', value: 3, points: fromNumber(0) as Fixed, lost: fromNumber(1) as Fixed }, 2);
    expect(d).toEqual({ kind: 'unknown', rule: 'documents_on_time' });
  });
  it('covers every rule kind of the catalog schema', () => {
    const kinds = Rule.options.map((o) => o.shape.kind.value);
    expect([...DISTANCE_KINDS].sort()).toEqual([...kinds].sort());
  });
  it('has no distance for an item that lost nothing, or was not declared', () => {
    const one = fromNumber(1) as Fixed;
    const zero = fromNumber(0) as Fixed;
    expect(distanceOf({ rule: rule({ kind: 'yes_no' }), max: one }, { status: 'scored', value: true, points: one, lost: zero }, 2)).toEqual({ kind: 'none' });
    expect(distanceOf({ rule: rule({ kind: 'yes_no' }), max: one }, { status: 'unanswered', points: zero, lost: one }, 2)).toEqual({ kind: 'unanswered' });
  });
});

describe('distance of points an appraisal council awarded', () => {
  const yes = rule({ kind: 'yes_no' });
  const at = (r: RuleT, max: number, value: unknown, points: number) => {
    const m = fromNumber(max) as Fixed;
    const p = fromNumber(points) as Fixed;
    return distanceOf({ rule: r, max: m }, { status: 'scored', value, points: p, lost: sub(m, p) }, 2, true);
  };

  it('is the council’s step back to what the rule gives the declared value (a document it did not accept)', () => {
    // Declared Yes, the council gave 0: without it the rule would say "already Yes", a ceiling.
    const d = at(yes, 1, true, 0);
    expect(d).toMatchObject({ kind: 'steps', control: 'council' });
    expect(ladder(d)).toEqual([[true, 1, 1]]);
    expect(d.kind === 'steps' && d.steps[0]!.move).toEqual({ kind: 'points', from: 0, to: 1 });
    // 1 180/1 200 is worth 2,50; the council's 1,00 leaves 1,50 to win back by explaining.
    expect(ladder(at(onTime, 3.5, { dung_han: 1180, tong: 1200 }, 1))).toEqual([[{ dung_han: 1180, tong: 1200 }, 2.5, 1.5]]);
  });

  it('climbs the value as usual when the council gave what the rule gives, or more', () => {
    expect(ladder(at(onTime, 3.5, { dung_han: 1180, tong: 1200 }, 2.5))).toEqual([[{ dung_han: 1200, tong: 1200 }, 3.5, 1]]);
  });
});
