import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/core/schema/catalog.js';
import { checkCatalog } from '../../src/core/validate/catalog-checks.js';
import { scoreUnit } from '../../src/core/scoring/score.js';
import { flattenCatalog } from '../../src/core/flat-catalog.js';
import { formWorkbook, FORM_SHEET, SUMMARY_SHEET } from '../../src/workbook/form.js';
import { saveWorkbook } from '../../src/xlsx/excel.js';
import { cli } from '../cli/run.js';
import { ROOT } from '../e2e/cli.js';
import { readBack, rowOf, scored, tmp } from '../xlsx/support.js';
import { catalog, codes, evidence, plain } from '../helpers.js';

/**
 * Shape 9: a survey share (Hà Nội 2940: "Điểm đánh giá qua ĐTXHH (nếu có) là 30/100 … không tổ chức ĐT XHH, kết quả
 * thẩm định điểm tự chấm là kết quả chỉ số, được quy về thang điểm 100").
 */
const DIR = join(ROOT, 'examples/catalog-shapes/09-dieu-tra-xa-hoi-hoc');
const leaves = [
  { code: '1.1', name: 'Kế hoạch', max: 4, rule: { kind: 'yes_no', when_not_arisen: 'not_applicable' } },
  { code: '1.2', name: 'Hài lòng', max: 2, rule: { kind: 'survey', when_not_arisen: 'full_marks' } },
];
const shared = (over = {}) => catalog({ survey_share: { max: 2, not_run: 'rescale' }, ...over }, leaves);
const run = (c: Catalog, items: Record<string, unknown>, over = {}) => scoreUnit(flattenCatalog(c), evidence(items, over));
const items = { '1.1': { value: true }, '1.2': { value: 75 }, '2.1': { value: 3 } };

describe('shape 9: survey share', () => {
  it('reports the assessment and the survey apart, for the result and per area', () => {
    const { result, findings } = run(shared(), items);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const j = plain(result);
    // 4 + 75% × 2 + 3 = 8,5 / 11
    expect([j.total, j.index]).toEqual([8.5, 77.27]);
    expect(j.survey).toEqual({
      run: true,
      assessment: { max: 9, applicableMax: 9, points: 7 },
      survey: { max: 2, applicableMax: 2, points: 1.5 },
    });
    expect(j.areas.map((a) => a.bySource)).toEqual([
      { assessment: { max: 4, applicableMax: 4, points: 4 }, survey: { max: 2, applicableMax: 2, points: 1.5 } },
      { assessment: { max: 5, applicableMax: 5, points: 3 }, survey: { max: 0, applicableMax: 0, points: 0 } },
    ]);
  });

  it('survey not run: survey items leave the max even when they would get full marks; the index is the assessment on 100', () => {
    const { result, findings } = run(shared(), { '1.1': { value: true }, '2.1': { value: 3 } }, { survey_not_run: true });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const j = plain(result);
    expect([j.total, j.applicableMax, j.index]).toEqual([7, 9, 77.78]); // 7 / 9 × 100
    expect(j.items.find((i) => i.code === '1.2')).toMatchObject({ status: 'not_applicable', points: null, surveyNotRun: true });
    expect(j.survey?.run).toBe(false);
  });

  it('a survey value in a year without survey, or the switch on a catalog without a share: coded errors', () => {
    const errors = (c: Catalog) => codes(run(c, items, { survey_not_run: true }).findings.filter((f) => f.severity === 'error'));
    expect(errors(shared())).toEqual(['evidence.survey_not_run_value']);
    expect(errors(catalog({}, leaves))).toEqual(['evidence.survey_not_run_no_share']);
  });

  it('source is inherited from a parent; the survey maxima must add up to the share', () => {
    const c = catalog({ survey_share: { max: 5, not_run: 'rescale' } });
    expect(codes(checkCatalog(c))).toEqual(['catalog.survey_share_sum']);
    const areas = structuredClone(c.areas);
    areas[1]!.source = 'survey';
    const ok = Catalog.parse({ ...c, areas });
    expect(checkCatalog(ok)).toEqual([]);
    const j = plain(run(ok, { '1.1': { value: 'dung_han' }, '1.2': { value: true }, '2.1': { value: 4 } }).result);
    expect(j.survey?.survey).toEqual({ max: 5, applicableMax: 5, points: 4 });
  });

  it('a catalog without a share gives no survey subtotals (existing results unchanged)', () => {
    const j = plain(run(catalog({}, leaves), items).result);
    expect('survey' in j).toBe(false);
    expect(j.areas.some((a) => 'bySource' in a)).toBe(false);
  });

  it('text, JSON, catalog show, the form, and batch --survey-not-run for a whole district', async () => {
    const co = join(DIR, 'xa-co-dieu-tra.yaml');
    const text = (await cli(['score', co])).stdout;
    expect(text).toContain('Điểm thẩm định, tự chấm: 6,00/7,00; điểm điều tra xã hội học: 2,50/3,00');
    expect(text).toContain('Lĩnh vực 1: thẩm định 4,00/4,00; điều tra 1,60/2,00');
    const show = (await cli(['catalog', 'show', join(DIR, 'dang-09-dieu-tra-xa-hoi-hoc.yaml')])).stdout;
    expect(show).toContain('Điều tra xã hội học: 3 điểm');
    // The district ran no survey: a unit without survey values is rescaled; one that has them is refused, not guessed.
    const dir = tmp();
    const plainUnit = join(dir, 'xa-c.yaml');
    const src = readFileSync(co, 'utf8').replace(/^ {2}"(1\.2|2\.2)".*\n/gm, '').replace('90091', '90093').replace('./dang-', `${DIR}/dang-`);
    writeFileSync(plainUnit, src);
    const b = await cli(['batch', co, plainUnit, join(DIR, 'xa-khong-dieu-tra.yaml'), '--survey-not-run', '--json', '-q']);
    expect(b.exitCode).toBe(1);
    const j = JSON.parse(b.stdout) as { units: Array<{ code: string; index: number }>; invalid: Array<{ findings: Array<{ code: string }> }> };
    expect(j.units.map((u) => [u.code, u.index]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([['90092', 85.71], ['90093', 85.71]]);
    expect(j.invalid.flatMap((i) => i.findings.map((f) => f.code))).toEqual(['evidence.survey_not_run_value', 'evidence.survey_not_run_value']);
    const without = await cli(['batch', plainUnit, '--json', '-q']);
    expect(JSON.parse(without.stdout).units[0].index).toBe(60); // 6 / 10: without the switch the survey max stays, unanswered

    const u = await scored(co);
    const out = join(tmp(), 'form.xlsx');
    await saveWorkbook(await formWorkbook(u.result, u.flat, u.evidence.evidence!), out, []);
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    const sv = ws.getCell(`G${rowOf(ws, 'Trong đó: điểm điều tra xã hội học')}`).value as { formula: string; result: number };
    expect(sv).toEqual({ formula: `SUM(G${rowOf(ws, '1.2')},G${rowOf(ws, '2.2')})`, result: 2.5 });
    expect((ws.getCell(`G${rowOf(ws, 'Trong đó: điểm thẩm định, tự chấm')}`).value as { result: number }).result).toBe(6);
  });
  it("the form's summary sheet gives each area's assessment and survey subtotals, as numbers, and their totals", async () => {
    const u = await scored(join(DIR, 'xa-co-dieu-tra.yaml'));
    const out = join(tmp(), 'form.xlsx');
    await saveWorkbook(await formWorkbook(u.result, u.flat, u.evidence.evidence!), out, []);
    const ws = (await readBack(out)).getWorksheet(SUMMARY_SHEET)!;
    const heads = (ws.getRow(4).values as unknown[]).slice(1);
    const col = (h: string) => heads.indexOf(h) + 1;
    expect(col('Thẩm định, tự chấm: điểm đạt')).toBeGreaterThan(0);
    const num = (v: unknown) => (typeof v === 'object' && v !== null && 'result' in v ? v.result : v);
    const row = (r: number) =>
      ['Thẩm định, tự chấm: tối đa áp dụng', 'Thẩm định, tự chấm: điểm đạt', 'Điều tra XHH: tối đa áp dụng', 'Điều tra XHH: điểm đạt'].map((h) => num(ws.getCell(r, col(h)).value));
    const j = plain(u.result);
    const areaRows = j.areas.map((a) => rowOf(ws, a.code));
    j.areas.forEach((a, i) => {
      const b = a.bySource!;
      expect(row(areaRows[i]!), a.code).toEqual([b.assessment.applicableMax, b.assessment.points, b.survey.applicableMax, b.survey.points]);
    });
    expect(row(areaRows[0]!)).toEqual([4, 4, 2, 1.6]); // Lĩnh vực 1: thẩm định 4,00/4,00; điều tra 1,60/2,00
    expect(row(rowOf(ws, 'Tổng cộng', 'B'))).toEqual([7, 6, 3, 2.5]);
  });
});
