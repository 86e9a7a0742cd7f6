import { describe, expect, it } from 'vitest';
import { Rule } from '../../src/core/schema/catalog.js';
import { checkCatalog } from '../../src/core/validate/catalog-checks.js';
import { describeHint, describeRule, describeValue } from '../../src/reporters/describe.js';
import { findingMessage } from '../../src/reporters/format-finding.js';
import { catalog, codes, n, score } from '../helpers.js';

// Cà Mau 1880/QĐ-UBND 1.1.2: "Xác định đầy đủ nhiệm vụ và có bố trí kinh phí: 1; … hoặc không bố trí kinh phí: 0".
const all = {
  kind: 'conditions',
  combine: 'all',
  when_not_arisen: 'not_applicable',
  conditions: [
    { key: 'du_nhiem_vu', label: 'Xác định đầy đủ nhiệm vụ' },
    { key: 'bo_tri_kinh_phi', label: 'Có bố trí kinh phí' },
  ],
};
const any = { ...all, combine: 'any' };
const cat = catalog({}, [
  { code: '1.1', name: 'Kế hoạch', max: 1, rule: all },
  { code: '1.2', name: 'Tuyên truyền', max: 1, rule: any },
]);
const run = (items: Record<string, unknown>) => {
  const { result, findings } = score(cat, items);
  return { item: (c: string) => result.items.find((i) => i.code === c)!, findings };
};

describe('shape 2: named yes/no conditions, all-of or any-of', () => {
  it('all-of: met only when every condition holds; any-of: when one does', () => {
    const v = (a: boolean, b: boolean) => ({ du_nhiem_vu: a, bo_tri_kinh_phi: b });
    for (const [a, b] of [[true, true], [true, false], [false, true], [false, false]] as const) {
      const r = run({ '1.1': { value: v(a, b) }, '1.2': { value: v(a, b) } });
      expect(n(r.item('1.1').points!), `all ${a} ${b}`).toBe(a && b ? 1 : 0);
      expect(n(r.item('1.2').points!), `any ${a} ${b}`).toBe(a || b ? 1 : 0);
    }
  });

  it('reads "có"/"không" as the other yes/no values do', () => {
    const r = run({ '1.1': { value: { du_nhiem_vu: 'có', bo_tri_kinh_phi: 'Có' } } });
    expect(n(r.item('1.1').points!)).toBe(1);
  });

  it('names the condition that failed, in the hint and on the form', () => {
    const r = run({ '1.1': { value: { du_nhiem_vu: true, bo_tri_kinh_phi: false } }, '1.2': { value: { du_nhiem_vu: false, bo_tri_kinh_phi: false } } });
    const it1 = r.item('1.1');
    expect(it1.hint).toEqual({ code: 'hint.conditions', args: { combine: 'all', unmet: 'Có bố trí kinh phí' } });
    expect(describeHint(it1.hint!, 'vi')).toBe('Còn thiếu: Có bố trí kinh phí');
    expect(describeHint(r.item('1.2').hint!, 'vi')).toBe('Cần đạt ít nhất một trong: Xác định đầy đủ nhiệm vụ; Có bố trí kinh phí');
    expect(describeValue(it1, Rule.parse(all), 'vi')).toBe('Xác định đầy đủ nhiệm vụ: Có; Có bố trí kinh phí: Không');
    expect(describeRule(Rule.parse(all), 1, 'vi')).toBe(
      'Đạt đủ các điều kiện (Xác định đầy đủ nhiệm vụ; Có bố trí kinh phí): 1 điểm; thiếu một điều kiện: 0 điểm. Nếu không phát sinh: không đánh giá.',
    );
  });

  it('reports every missing, unknown or wrong input at once, each at its own key', () => {
    const r = run({ '1.1': { value: { bo_tri: true, du_nhiem_vu: 'maybe' } }, '1.2': { value: true } });
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.path.join('.')])).toEqual([
      ['evidence.input_unknown', 'items.1.1.value.bo_tri'],
      ['evidence.value_type', 'items.1.1.value.du_nhiem_vu'],
      ['evidence.input_missing', 'items.1.1.value.bo_tri_kinh_phi'],
      ['evidence.value_type', 'items.1.2.value'],
    ]);
    const missing = r.findings.find((f) => f.code === 'evidence.input_missing')!;
    expect(findingMessage(missing, 'vi')).toBe('thiếu số liệu "bo_tri_kinh_phi" (Có bố trí kinh phí)');
    const wrong = r.findings.find((f) => f.code === 'evidence.value_type' && f.item === '1.2')!;
    expect(findingMessage(wrong, 'vi')).toBe('số liệu cần là bảng Có/Không cho từng điều kiện: { du_nhiem_vu: true, bo_tri_kinh_phi: true }');
  });

  it('refuses a catalog naming one condition twice, or giving more than max', () => {
    const bad = catalog({}, [
      { code: '1.1', name: 'A', max: 1, rule: { ...all, conditions: [all.conditions[0], all.conditions[0]] } },
      { code: '1.2', name: 'B', max: 1, rule: { ...any, yes: 2 } },
    ]);
    expect(codes(checkCatalog(bad))).toEqual(['catalog.duplicate_input', 'catalog.rule_exceeds_max']);
    expect(() => Rule.parse({ ...all, conditions: [all.conditions[0]] })).toThrow();
  });
});
