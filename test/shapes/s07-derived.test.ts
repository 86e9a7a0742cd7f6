import { describe, expect, it } from 'vitest';
import { Rule } from '../../src/core/schema/catalog.js';
import { checkCatalog } from '../../src/core/validate/catalog-checks.js';
import { canBePositive, evaluate, parseExpression } from '../../src/core/scoring/expression.js';
import { describeRule, describeValue } from '../../src/reporters/describe.js';
import { findingMessage } from '../../src/reporters/format-finding.js';
import { catalog, n, score } from '../helpers.js';

// 766/QĐ-TTg 5.3: "Tỷ lệ hài lòng … = (Tổng số PAKN – Số bị phản hồi … không hài lòng … hoặc quá hạn)/Tổng số PAKN *100%".
const rule = {
  kind: 'rate_bands',
  when_not_arisen: 'full_marks',
  measure: 'derived',
  counts: [
    { key: 'tong_pakn', label: 'Tổng số PAKN' },
    { key: 'khong_hai_long', label: 'Số không hài lòng hoặc quá hạn' },
  ],
  numerator: 'tong_pakn - khong_hai_long',
  denominator: 'tong_pakn',
  bands: [
    { from: 95, points: 2 },
    { from: 80, points: 1 },
    { from: 0, points: 0 },
  ],
};
const cat = catalog({}, [{ code: '1.1', name: 'Hài lòng PAKN', max: 2, rule }]);
const run = (value: unknown) => {
  const { result, findings } = score(cat, { '1.1': { value, documents: ['x'] } });
  return { item: result.items[0]!, errors: findings.filter((f) => f.severity === 'error') };
};

describe('shape 7: a ratio derived from named counts', () => {
  it('parses + and − of names and whole numbers, nothing else', () => {
    expect(parseExpression('a - b').ok).toBe(true);
    expect(parseExpression('a − b + 2').ok).toBe(true);
    expect(parseExpression('  a+b-c ').ok).toBe(true);
    for (const bad of ['a * b', 'a -', '- a', 'a b', '(a - b)', 'A', 'process.exit()', '']) expect(parseExpression(bad).ok, bad).toBe(false);
    expect(parseExpression('a * b')).toEqual({ ok: false, position: 3 });
    const e = parseExpression('a - b + 3');
    if (!e.ok) throw new Error();
    expect(evaluate(e.expr, new Map([['a', 10n], ['b', 4n]]))).toBe(9n);
    expect(canBePositive(e.expr)).toBe(true);
    const z = parseExpression('a - a');
    expect(z.ok && canBePositive(z.expr)).toBe(false);
  });

  it('scores the derived rate at its boundaries: 95% exactly, just below, zero denominator', () => {
    expect(n(run({ tong_pakn: 100, khong_hai_long: 5 }).item.points!)).toBe(2); // 95/100
    expect(n(run({ tong_pakn: 1000, khong_hai_long: 51 }).item.points!)).toBe(1); // 94,9 %
    expect(run({ tong_pakn: 1000, khong_hai_long: 51 }).item.rate).toBe(94.9);
    const none = run({ tong_pakn: 0, khong_hai_long: 0 }).item;
    expect(none.status).toBe('full_marks'); // no PAKN in the year: "được tính 02 điểm"
    expect(n(none.points!)).toBe(2);
  });

  it('keeps the raw counts in the evidence and shows them on the form', () => {
    const { item } = run({ tong_pakn: 120, khong_hai_long: 9 });
    expect(item.value).toEqual({ tong_pakn: 120, khong_hai_long: 9 });
    expect(describeValue(item, Rule.parse(rule), 'vi')).toBe('Tổng số PAKN: 120; Số không hài lòng hoặc quá hạn: 9 → 111/120 (92,50%)');
    expect(describeRule(Rule.parse(rule), 2, 'vi')).toContain('tỷ lệ = (Tổng số PAKN − Số không hài lòng hoặc quá hạn) / Tổng số PAKN');
  });

  it('refuses counts that do not fit together: a negative numerator, a missing count', () => {
    const neg = run({ tong_pakn: 5, khong_hai_long: 9 }).errors;
    expect(neg.map((f) => f.code)).toEqual(['evidence.derived_negative']);
    expect(findingMessage(neg[0]!, 'vi')).toBe('tong_pakn − khong_hai_long = -4: các số đếm không khớp nhau (kết quả âm)');
    expect(run({ tong_pakn: 5 }).errors.map((f) => [f.code, f.path.join('.')])).toEqual([['evidence.input_missing', 'items.1.1.value.khong_hai_long']]);
  });

  it('checks the expressions when the catalog is read: syntax, unknown inputs, a denominator that is always zero', () => {
    const bad = catalog({}, [
      { code: '1.1', name: 'A', max: 1, rule: { ...rule, numerator: 'tong_pakn * 2', bands: [{ from: 0, points: 1 }] } },
      { code: '1.2', name: 'B', max: 1, rule: { ...rule, numerator: 'tong - khong_hai_long', bands: [{ from: 0, points: 1 }] } },
      { code: '1.3', name: 'C', max: 1, rule: { ...rule, denominator: 'tong_pakn - tong_pakn', bands: [{ from: 0, points: 1 }] } },
      { code: '1.4', name: 'D', max: 1, rule: { ...rule, counts: undefined, bands: [{ from: 0, points: 1 }] } },
    ]);
    const found = checkCatalog(bad).map((f) => [f.code, f.item, f.path.slice(-1)[0]]);
    expect(found).toEqual([
      ['catalog.expression_syntax', '1.1', 'numerator'],
      ['catalog.expression_unknown_input', '1.2', 'numerator'],
      ['catalog.expression_zero', '1.3', 'denominator'],
      ['catalog.measure_fields', '1.4', 'measure'],
    ]);
  });
});
