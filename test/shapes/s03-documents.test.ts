import { describe, expect, it } from 'vitest';
import { Rule } from '../../src/core/schema/catalog.js';
import { checkCatalog } from '../../src/core/validate/catalog-checks.js';
import { describeHint, describeRule, describeValue } from '../../src/reporters/describe.js';
import { catalog, codes, n, score } from '../helpers.js';

// Cà Mau 1880/QĐ-UBND: four reports "đủ số lượng và đúng thời gian quy định: 1" (deadlines here are illustrative).
const reports = {
  kind: 'documents',
  when_not_arisen: 'not_applicable',
  documents: [
    { key: 'quy_1', label: 'Báo cáo quý I', deadline: '15/03/2024' },
    { key: 'sau_thang', label: 'Báo cáo 6 tháng', deadline: '15/06/2024' },
    { key: 'quy_3', label: 'Báo cáo quý III', deadline: '15/09/2024' },
    { key: 'nam', label: 'Báo cáo năm', deadline: '15/12/2024' },
  ],
};
const noDeadline = { ...reports, documents: reports.documents.map(({ deadline: _d, ...d }) => d) };
const cat = catalog({}, [
  { code: '1.1', name: 'Báo cáo', max: 1, rule: reports },
  { code: '1.2', name: 'Báo cáo (không hạn)', max: 1, rule: noDeadline },
]);
const onTime = { quy_1: '15/03/2024', sau_thang: '2024-06-01', quy_3: '01/09/2024', nam: '15/12/2024' };
const run = (code: string, value: unknown) => {
  const { result, findings } = score(cat, { [code]: { value, documents: ['x'] } });
  return { item: result.items.find((i) => i.code === code)!, errors: findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.path.join('.')]) };
};

describe('shape 3: all of N documents, each by its deadline', () => {
  it('sent on the deadline day is on time; one day later is late; khong is missing', () => {
    expect(n(run('1.1', onTime).item.points!)).toBe(1);
    expect(n(run('1.1', { ...onTime, nam: '16/12/2024' }).item.points!)).toBe(0);
    expect(n(run('1.1', { ...onTime, quy_1: 'khong' }).item.points!)).toBe(0);
    expect(n(run('1.1', { ...onTime, quy_1: false }).item.points!)).toBe(0);
    expect(n(run('1.1', { ...onTime, quy_1: '14/03/2024' }).item.points!)).toBe(1);
  });

  it('without deadlines, each is dung_han / cham / khong', () => {
    const v = { quy_1: 'dung_han', sau_thang: 'dung_han', quy_3: 'dung_han', nam: 'dung_han' };
    expect(n(run('1.2', v).item.points!)).toBe(1);
    expect(n(run('1.2', { ...v, nam: 'cham' }).item.points!)).toBe(0);
    expect(run('1.2', { ...v, nam: '15/12/2024' }).errors).toEqual([['evidence.choice_unknown', 'items.1.2.value.nam']]);
  });

  it('names each late and missing document in the hint and on the form', () => {
    const { item } = run('1.1', { ...onTime, quy_3: '20/09/2024', nam: 'khong' });
    expect(item.hint).toEqual({ code: 'hint.documents', args: { late: 'Báo cáo quý III', missing: 'Báo cáo năm' } });
    expect(describeHint(item.hint!, 'vi')).toBe('Cần đủ và đúng hạn mọi văn bản (chậm: Báo cáo quý III; thiếu: Báo cáo năm)');
    expect(describeValue(item, Rule.parse(reports), 'vi')).toBe(
      'Báo cáo quý I: 15/03/2024 — đúng hạn; Báo cáo 6 tháng: 2024-06-01 — đúng hạn; Báo cáo quý III: 20/09/2024 — chậm; Báo cáo năm: không gửi',
    );
    expect(describeRule(Rule.parse(reports), 1, 'vi')).toContain('Đủ số lượng và đúng thời gian (Báo cáo quý I (hạn 15/03/2024);');
  });

  it('refuses impossible dates, dates in another form and missing documents, all at once', () => {
    const { errors } = run('1.1', { quy_1: '30/02/2024', sau_thang: 'hôm qua', quy_3: '01/09/2024' });
    expect(errors).toEqual([
      ['evidence.date_invalid', 'items.1.1.value.quy_1'],
      ['evidence.value_type', 'items.1.1.value.sau_thang'],
      ['evidence.input_missing', 'items.1.1.value.nam'],
    ]);
  });

  it('refuses a catalog deadline that does not exist, or two documents with one name', () => {
    const bad = catalog({}, [
      { code: '1.1', name: 'A', max: 1, rule: { ...reports, documents: [{ key: 'a', label: 'A', deadline: '31/04/2024' }, { key: 'a', label: 'B' }] } },
    ]);
    expect(codes(checkCatalog(bad))).toEqual(['catalog.date_invalid', 'catalog.duplicate_input']);
  });
});
