import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenCatalog } from '../../src/core/flat-catalog.js';
import { checkCatalog } from '../../src/core/validate/catalog-checks.js';
import { checkEvidence } from '../../src/core/validate/evidence-checks.js';
import { describeValue } from '../../src/reporters/describe.js';
import { formWorkbook, FORM_SHEET } from '../../src/workbook/form.js';
import { catalog, codes, evidence, plain, score } from '../helpers.js';
import { ROOT } from '../e2e/cli.js';
import { scored } from '../xlsx/support.js';

// "Trong năm đánh giá không có nhiệm vụ được giao ban hành VBQPPL được tính 03 điểm" — on a parent of two sub-items.
const parent = (mode = 'full_marks') => ({
  code: '1.1',
  name: 'Ban hành VBQPPL',
  max: 3,
  when_not_arisen: mode,
  children: [
    { code: '1.1.1', name: 'Kịp thời', max: 1.5, rule: { kind: 'timeliness', late: 0.75, when_not_arisen: 'not_applicable' } },
    { code: '1.1.2', name: 'Đúng thẩm quyền', max: 1.5, rule: { kind: 'yes_no', when_not_arisen: 'not_applicable' } },
  ],
});
const cat = (mode?: string) => catalog({}, [parent(mode), { code: '1.2', name: 'Rà soát', max: 2, rule: { kind: 'yes_no', when_not_arisen: 'not_applicable' } }]);
const err = (fs: ReadonlyArray<{ code: string; severity: string; item?: string }>) => fs.filter((f) => f.severity === 'error').map((f) => [f.code, f.item]);

describe('shape 6: "did not arise" declared once on a parent', () => {
  it('full marks for every leaf below (3 points), the reason on each', () => {
    const { result, findings } = score(cat(), { '1.1': { not_arisen: 'Không có nhiệm vụ' }, '1.2': { value: true }, '2.1': { value: 5 } });
    const p = plain(result);
    expect(p.areas[0]!.children![0]!.points).toBe(3);
    expect(p.items.filter((i) => i.code.startsWith('1.1.'))).toEqual([
      expect.objectContaining({ status: 'full_marks', points: 1.5, reason: 'Không có nhiệm vụ', notArisenAt: '1.1' }),
      expect.objectContaining({ status: 'full_marks', points: 1.5, notArisenAt: '1.1' }),
    ]);
    expect(err(findings)).toEqual([]);
    expect(codes(findings)).not.toContain('evidence.unanswered');
    expect(describeValue(result.items[0]!, cat().areas[0]!.children![0]!.children![0]!.rule! as never, 'vi')).toBe('Không phát sinh (khai ở mục 1.1): Không có nhiệm vụ');
  });

  it('not_applicable at the parent takes the whole branch out of the denominator', () => {
    const { result } = score(cat('not_applicable'), { '1.1': { not_arisen: 'x' }, '1.2': { value: true } });
    expect(plain(result).applicableMax).toBe(7);
  });

  it('a sub-item declared on its own, or a value under a parent declared not arisen, is an error', () => {
    // The mixed declaration that used to score 8 instead of 10 without a word.
    const mixed = score(cat(), { '1.1.1': { not_arisen: 'x' }, '1.1.2': { value: true }, '1.2': { value: true } });
    expect(err(mixed.findings)).toEqual([['evidence.not_arisen_at_parent', '1.1.1']]);
    const both = score(cat(), { '1.1': { not_arisen: 'x' }, '1.1.2': { value: true } });
    expect(err(both.findings)).toEqual([['evidence.not_arisen_conflict', '1.1.2']]);
  });

  it('a parent takes not_arisen, documents and a note; a value there is refused; other parents stay "not a leaf"', () => {
    const idx = flattenCatalog(cat());
    const ev = evidence({ '1.1': { not_arisen: 'x', value: true }, '1': { not_arisen: 'y' } });
    // ("1" comes first: JavaScript keeps integer-like keys first.)
    expect(checkEvidence(idx, ev).map((f) => [f.code, f.item])).toEqual([
      ['evidence.not_leaf', '1'],
      ['evidence.parent_value', '1.1'],
      ['evidence.value_and_not_arisen', '1.1'],
    ]);
  });

  it('refuses when_not_arisen on a leaf and on a parent inside a deciding parent', () => {
    const bad = catalog({}, [
      { ...parent(), children: [{ ...parent().children[0]!, code: '1.1.1' }, { code: '1.1.2', name: 'x', max: 1.5, when_not_arisen: 'full_marks', children: [{ code: '1.1.2.1', name: 'y', max: 1.5, rule: { kind: 'yes_no', when_not_arisen: 'not_applicable' } }] }] },
      { code: '1.2', name: 'Rà soát', max: 2, when_not_arisen: 'full_marks', rule: { kind: 'yes_no', when_not_arisen: 'not_applicable' } },
    ]);
    expect(checkCatalog(bad).map((f) => [f.code, f.item])).toEqual([
      ['catalog.not_arisen_nested', '1.1.2'],
      ['catalog.not_arisen_on_leaf', '1.2'],
    ]);
  });

  it('the form writes the declaration on the parent row', async () => {
    const u = await scored(join(ROOT, 'examples/catalog-shapes/06-khong-phat-sinh-o-muc-cha/don-vi.yaml'));
    const ws = (await formWorkbook(u.result, u.flat, u.evidence.evidence!)).getWorksheet(FORM_SHEET)!;
    let r = -1;
    ws.eachRow((row, i) => {
      if (r < 0 && row.getCell('A').value === '1.1') r = i;
    });
    expect(ws.getCell(`D${r}`).value).toBe('Không phát sinh: Trong năm đánh giá không có nhiệm vụ được giao ban hành VBQPPL');
    expect(ws.getCell(`D${r + 1}`).value).toBe('Không phát sinh (khai ở mục 1.1): Trong năm đánh giá không có nhiệm vụ được giao ban hành VBQPPL');
  });
});
