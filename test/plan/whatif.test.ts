import { describe, expect, it } from 'vitest';
import { catalog, evidence } from '../helpers.js';
import { flattenCatalog } from '../../src/core/flat-catalog.js';
import { scoreUnit } from '../../src/core/scoring/score.js';
import { toNumber } from '../../src/core/fixed.js';
import { readSets } from '../../src/core/plan/set-value.js';
import { whatIf } from '../../src/core/plan/whatif.js';

const cat = catalog({ bands: [{ label: 'Tốt', from: 80 }, { label: 'Khá', from: 70 }, { label: 'Yếu', from: 0 }] }, [
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
      bands: [{ from: 100, points: 2 }, { from: 95, points: 1 }],
    },
  },
  { code: '1.2', name: 'Kế hoạch', max: 1, rule: { kind: 'timeliness', late: 0.5, when_not_arisen: 'not_applicable' } },
  { code: '1.3', name: 'Hài lòng', max: 2, rule: { kind: 'survey', when_not_arisen: 'not_applicable' } },
  { code: '1.4', name: 'Báo cáo', max: 1, rule: { kind: 'deduction', per_item: 0.25, when_not_arisen: 'not_applicable' } },
  { code: '1.5', name: 'Công khai', max: 1, rule: { kind: 'yes_no', when_not_arisen: 'not_applicable' } },
]);
const flat = flattenCatalog(cat);
const ev = evidence({
  '1.1': { value: { dung_han: 1139, tong: 1200 } },
  '1.2': { value: 'cham' },
  '1.3': { value: 80 },
  '1.4': { value: 2 },
  '1.5': { value: false },
  '2.1': { value: 4 },
});
const { result } = scoreUnit(flat, ev);

const read = (...args: string[]) => readSets(args, flat);

describe('--set values, read like evidence values', () => {
  it('reads a ratio, a percentage with a decimal comma or a % sign, a count, timeliness, yes/no and points', () => {
    const r = read('1.1=1140/1200', '1.3=95,5%', '1.4=0', '1.2=dung_han', '1.5=có', '2.1=4,5');
    expect(r.findings).toEqual([]);
    expect(r.sets.map((s) => [s.code, s.value])).toEqual([
      ['1.1', { dung_han: 1140, tong: 1200 }],
      ['1.3', 95.5],
      ['1.4', 0],
      ['1.2', 'dung_han'],
      ['1.5', 'có'],
      ['2.1', 4.5],
    ]);
    expect(read('1.5=true').sets[0]!.value).toBe(true);
  });

  it('refuses every bad one at once, placed on the option, with what the rule expects', () => {
    const r = read('1.1=1300/1200', '1.1=1140', '9.9=1', '1=2', 'x', '1.3=95.5.1', '1.3=101', '1.4=1,5', '1.2=som', '2.1=6', '1.3=1e2');
    expect(r.findings.map((f) => [f.file, f.code])).toEqual([
      ['--set 1.1=1300/1200', 'evidence.numerator_exceeds'],
      ['--set 1.1=1140', 'whatif.set_twice'],
      ['--set 9.9=1', 'evidence.unknown_code'],
      ['--set 1=2', 'evidence.not_leaf'],
      ['--set x', 'whatif.set_format'],
      ['--set 1.3=95.5.1', 'whatif.value_format'],
      ['--set 1.3=101', 'whatif.set_twice'],
      ['--set 1.4=1,5', 'whatif.value_format'],
      ['--set 1.2=som', 'evidence.choice_unknown'],
      ['--set 2.1=6', 'evidence.points_range'],
      ['--set 1.3=1e2', 'whatif.set_twice'],
    ]);
    expect(read('1.3=101').findings.map((f) => f.code)).toEqual(['evidence.percent_range']);
    expect(read('1.1=1140').findings[0]).toMatchObject({ code: 'whatif.value_format', args: { expected: 'ratio', numerator: 'dung_han', denominator: 'tong' } });
  });

  it('refuses a percentage typed as a fraction (0,896 for 89,6 %) unless the % sign says it is meant', () => {
    expect(read('1.3=0,896').findings.map((f) => [f.code, f.args])).toEqual([['whatif.percent_fraction', { value: '0,896', percent: 89.6 }]]);
    expect(read('1.3=0.5').findings[0]).toMatchObject({ code: 'whatif.percent_fraction', args: { percent: 50 } });
    expect(read('1.3=0,896%').sets[0]!.value).toBe(0.896);
    expect(read('1.3=0').sets[0]!.value).toBe(0);
    expect(read('1.3=1').sets[0]!.value).toBe(1);
  });

  it('never reads a number other than the one typed', () => {
    expect(read('1.3=89,60').sets[0]!.value).toBe(89.6);
    expect(read('1.3=89.123456789012345678').findings.map((f) => f.code)).toEqual(['whatif.value_format']);
  });
});

describe('rescoring with assumed values', () => {
  it('crosses a band bound exactly at the bound, and the index band with it', () => {
    // 1 139 of 1 200 is 94,92%: 0 points. 1 140 is exactly 95%: 1 point.
    const w = whatIf(flat, ev, result, read('1.1=1140/1200').sets);
    if ('findings' in w) throw new Error('refused');
    expect(w.changes.map((c) => [c.before.code, toNumber(c.before.points!), toNumber(c.after.points!)])).toEqual([['1.1', 0, 1]]);
    expect([result.index, w.after.index]).toEqual([55, 63.33]);
    const w2 = whatIf(flat, ev, result, read('1.1=1200/1200', '1.2=dung_han', '1.4=0').sets);
    if ('findings' in w2) throw new Error('refused');
    // 2 + 1 + 1,6 + 1 + 0 + 4 = 9,6 of 12: exactly 80%, the lower bound of "Tốt".
    expect([w2.after.index, w2.after.band]).toEqual([80, 'Tốt']);
  });
});

describe('rescoring an appraised result', () => {
  it('keeps the council’s points on the items not assumed, and scores an assumed one by its rule', async () => {
    const { fromNumber } = await import('../../src/core/fixed.js');
    const awarded = new Map([['1.5', fromNumber(0)!], ['2.1', fromNumber(2)!]]);
    const yes = { ...ev, items: { ...ev.items, '1.5': { value: true } } };
    const { result: before } = scoreUnit(flat, yes, awarded);
    const w = whatIf(flat, yes, before, read('1.5=có').sets, awarded);
    if ('findings' in w) throw new Error('refused');
    expect(w.changes.map((c) => [toNumber(c.before.points!), toNumber(c.after.points!)])).toEqual([[0, 1]]);
    // 2.1 keeps the 2 points the council gave, not the 4 declared.
    expect(toNumber(w.after.items.find((i) => i.code === '2.1')!.points!)).toBe(2);
  });
});
