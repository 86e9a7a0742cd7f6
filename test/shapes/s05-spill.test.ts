import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rule } from '../../src/core/schema/catalog.js';
import { checkCatalog } from '../../src/core/validate/catalog-checks.js';
import { lostItems } from '../../src/core/scoring/score.js';
import { describeRule } from '../../src/reporters/describe.js';
import { formWorkbook, FORM_SHEET } from '../../src/workbook/form.js';
import { cellText } from '../../src/xlsx/cells.js';
import { catalog, codes, n, plain, score } from '../helpers.js';
import { ROOT } from '../e2e/cli.js';
import { formulas, scored } from '../xlsx/support.js';

// TT 09/2021/TT-BTP layout: "… bị 0 điểm và bị trừ 0,25 điểm"; Tiền Giang 2022: "- Không ban hành: -1 điểm".
const items = [
  { code: '1.1', name: 'Bố trí', max: 1, rule: { kind: 'yes_no', no: -0.25, when_not_arisen: 'not_applicable' } },
  { code: '1.2', name: 'Kế hoạch', max: 1, rule: { kind: 'timeliness', late: 0, missing: -1, when_not_arisen: 'not_applicable' } },
  { code: '1.3', name: 'Báo cáo', max: 1, rule: { kind: 'deduction', per_item: 0.5, floor: -1, when_not_arisen: 'not_applicable' } },
];
const withCap = (cap: number) => ({
  penalty: { name: 'Điểm trừ', max: cap, items: [{ code: 'D.1', name: 'Báo cáo đột xuất', max: 0.5, rule: { kind: 'yes_no', when_not_arisen: 'not_applicable' } }] },
});

describe('shape 5: an outcome below zero scores 0 and is deducted in the penalty section', () => {
  it('"bị 0 điểm và bị trừ 0,25 điểm": the item gets 0, the penalty 0,25, traced back to the item', () => {
    const { result } = score(catalog({}, items), { '1.1': { value: false }, '1.2': { value: 'dung_han' }, '1.3': { value: 0 }, '2.1': { value: 5 } });
    const p = plain(result);
    expect(p.items.find((i) => i.code === '1.1')).toMatchObject({ points: 0, lost: 1, spilled: 0.25 });
    expect(p.penalty).toBe(0.25); // no penalty section: linked deductions are not capped
    expect(p.achieved).toBe(7);
    expect(p.total).toBe(6.75);
    expect(p.items.find((i) => i.code === '1.2')).not.toHaveProperty('spilled');
  });

  it('a deduction runs down to its negative floor, and no further', () => {
    const run = (count: number) => plain(score(catalog({}, items), { '1.3': { value: count } }).result).items.find((i) => i.code === '1.3')!;
    expect(run(2)).toMatchObject({ points: 0 }); // exactly 0: nothing spills
    expect(run(2)).not.toHaveProperty('spilled');
    expect(run(3)).toMatchObject({ points: 0, spilled: 0.5 });
    expect(run(9)).toMatchObject({ points: 0, spilled: 1 }); // floor -1
  });

  it('the penalty section cap covers its own items and the linked deductions together', () => {
    const all = { '1.1': { value: false }, '1.2': { value: 'khong' }, '1.3': { value: 3 }, 'D.1': { value: true } };
    expect(plain(score(catalog(withCap(1.5), items), all).result).penalty).toBe(1.5); // 0,5 + 0,25 + 1 + 0,5 = 2,25 → 1,5
    expect(plain(score(catalog(withCap(5), items), all).result).penalty).toBe(2.25);
  });

  it('lists the item first among the lost when its deduction makes it cost the most', () => {
    const { result } = score(catalog({}, items), { '1.1': { value: false }, '1.2': { value: 'khong' }, '1.3': { value: 1 }, '2.1': { value: 5 } });
    expect(lostItems(result).map((i) => i.code)).toEqual(['1.2', '1.1', '1.3']);
  });

  it('says it in words: "0 điểm và bị trừ 0,25 điểm"', () => {
    expect(describeRule(Rule.parse(items[0]!.rule), 1, 'vi')).toBe('Có: 1 điểm; Không: 0 điểm và bị trừ 0,25 điểm. Nếu không phát sinh: không đánh giá.');
    expect(describeRule(Rule.parse(items[2]!.rule), 1, 'vi')).toBe(
      'Mỗi trường hợp trừ 0,5 điểm, thấp nhất -1 (phần dưới 0 bị trừ vào điểm trừ). Nếu không phát sinh: không đánh giá.',
    );
  });

  it('refuses negative points in the bonus or penalty section', () => {
    const bad = catalog(
      { penalty: { name: 'Điểm trừ', max: 1, items: [{ code: 'D.1', name: 'x', max: 0.5, rule: { kind: 'yes_no', no: -0.5, when_not_arisen: 'not_applicable' } }] } },
      items,
    );
    expect(codes(checkCatalog(bad))).toEqual(['catalog.negative_outside_areas']);
  });

  it('the form gives each linked deduction a row in the penalty section, in its live total', async () => {
    const u = await scored(join(ROOT, 'examples/catalog-shapes/05-tru-duoi-0/don-vi.yaml'));
    const wb = await formWorkbook(u.result, u.flat, u.evidence.evidence!);
    const ws = wb.getWorksheet(FORM_SHEET)!;
    const rows: Record<string, number> = {};
    ws.eachRow((row, i) => {
      const b = row.getCell('B').value;
      if (typeof b === 'string' && b.startsWith('Bị trừ do tiêu chí')) rows[cellText(row.getCell('A'))] = i;
    });
    expect(Object.keys(rows)).toEqual(['1.1', '1.2', '1.3']);
    expect(ws.getCell(`G${rows['1.2']}`).value).toBe(1);
    const f = [...formulas(ws as never).values()].find((x) => x.formula.startsWith('MIN(') && x.result === 1.5);
    expect(f?.formula).toContain(`G${rows['1.3']}`);
    let leafRow = -1;
    ws.eachRow((row, i) => {
      if (leafRow < 0 && row.getCell('A').value === '1.1') leafRow = i;
    });
    expect(cellText(ws.getCell(`D${leafRow}`))).toBe('Không\n(Bị trừ 0,25 điểm ở mục Điểm trừ)');
    expect(n(u.result.penalty)).toBe(1.5);
  });
});
