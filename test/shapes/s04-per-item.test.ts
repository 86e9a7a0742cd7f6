import { describe, expect, it } from 'vitest';
import { Rule } from '../../src/core/schema/catalog.js';
import { describeHint, describeRule, describeValue } from '../../src/reporters/describe.js';
import { numberInput } from '../../src/workbook/template-layout.js';
import { catalog, codes, n, score } from '../helpers.js';

// A Phú Thọ self-assessment form: "Mỗi nội quy, quy chế được ban hành đảm bảo nội dung theo yêu cầu đạt 0,5 điểm" (max 2).
const rule = { kind: 'per_item', each: 0.5, item_label: 'nội quy, quy chế đảm bảo nội dung', when_not_arisen: 'not_applicable' };
const cat = catalog({}, [{ code: '1.1', name: 'Nội quy, quy chế', max: 2, rule }]);
const pts = (value: unknown) => {
  const { result, findings } = score(cat, { '1.1': { value, documents: ['x'] } });
  const item = result.items[0]!;
  return { points: n(item.points!), item, findings: codes(findings) };
};

describe('shape 4: points per qualifying item, capped at max', () => {
  it('0,5 each: 0 → 0, 3 → 1,5, 4 → 2 (max), 9 → still 2', () => {
    expect(pts(0).points).toBe(0);
    expect(pts(3).points).toBe(1.5);
    expect(pts(4).points).toBe(2);
    expect(pts(9).points).toBe(2);
    expect(pts(Number.MAX_SAFE_INTEGER).points).toBe(2);
  });

  it('refuses a count that is not a whole number', () => {
    expect(pts(2.5).findings).toContain('evidence.count_invalid');
    expect(pts(-1).findings).toContain('evidence.count_invalid');
    expect(pts('3').findings).toContain('evidence.count_invalid');
    expect(() => Rule.parse({ ...rule, each: 0 })).toThrow();
  });

  it('says how many more cases reach full marks', () => {
    const { item } = pts(3);
    expect(item.hint).toEqual({ code: 'hint.more_items', args: { count: 3, each: 0.5, more: 1, label: 'nội quy, quy chế đảm bảo nội dung' } });
    expect(describeHint(item.hint!, 'vi')).toBe('Có 3 nội quy, quy chế đảm bảo nội dung, mỗi trường hợp 0,5 điểm; cần thêm 1 để đạt tối đa');
    expect(describeValue(item, Rule.parse(rule), 'vi')).toBe('3 nội quy, quy chế đảm bảo nội dung');
    expect(describeRule(Rule.parse(rule), 2, 'vi')).toBe('Mỗi nội quy, quy chế đảm bảo nội dung đạt 0,5 điểm, tối đa 2 điểm. Nếu không phát sinh: không đánh giá.');
    expect(pts(4).item.hint).toBeUndefined();
  });

  it('is a whole-number input in the fill-in template', () => {
    expect(numberInput(Rule.parse(rule), 2)).toEqual({ whole: true, min: 0, max: 1e6, expected: 'count' });
  });
});
