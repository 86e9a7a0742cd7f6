import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskCatalogs } from '../../src/io/catalog-source.js';
import { scoreEvidence } from '../../src/core/pipeline.js';
import { scoreJson } from '../../src/core/json/score.js';
import { formWorkbook, FORM_SHEET } from '../../src/workbook/form.js';
import { saveTemplate, templateWorkbook } from '../../src/workbook/template.js';
import { readTemplate } from '../../src/workbook/read-template.js';
import { INPUT_SHEET, HEAD_ROW } from '../../src/workbook/template-layout.js';
import { saveWorkbook } from '../../src/xlsx/excel.js';
import { readAppraisalYaml } from '../../src/io/appraisal-file.js';
import { appraiseScored } from '../../src/core/appraisal/apply.js';
import { cli } from '../cli/run.js';
import { ROOT } from '../e2e/cli.js';
import { formulas, MINI, readBack, rowOf, scored, tmp } from '../xlsx/support.js';

/**
 * Shape 13: "Chữ ký của công chức phụ trách" — the unit names the official who answers for each item; the
 * form gets a column for them to sign (M, or N after the appraised form's hidden M), the template a column K
 * read back on import. Forms and templates of other catalogs keep their layout. The form's LibreOffice
 * recalculation is in test/support/libreoffice.test.ts (SHAPE_FORMS).
 */
const EX = join(ROOT, 'examples/catalog-shapes/13-cong-chuc-phu-trach/don-vi.yaml');
const MINI_OVERLAY = join(ROOT, 'test/fixtures/mini/tham-dinh.yaml');
const LAN = 'Nguyễn Thị Lan, công chức Tư pháp – hộ tịch';

describe('shape 13: the official in charge of each item', () => {
  it('is kept in the result and the JSON, and does not change the points', async () => {
    const u = await scored(EX);
    const j = scoreJson(u.result, u.flat, []);
    expect(j.items.find((i) => i.code === '1.1')?.responsible).toBe(LAN);
    expect(j.total).toBe(4);
    const r = await cli(['score', EX]);
    expect(r.stdout).toContain(`Công chức phụ trách: Trần Văn Bình`);
  });

  it('the form has a signing column M with its heading and each official, and its formulas are unchanged', async () => {
    const u = await scored(EX);
    const out = join(tmp(), 'form.xlsx');
    expect(await saveWorkbook(await formWorkbook(u.result, u.flat, u.evidence.evidence!), out, [])).toEqual([]);
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    const r = rowOf(ws, '1.1');
    expect(ws.getCell(`M${r}`).value).toBe(LAN);
    const head = rowOf(ws, 'STT');
    expect(ws.getCell(`M${head}`).value).toBe('Công chức phụ trách (ký, ghi rõ họ tên)');
    expect(ws.getColumn('M').hidden).toBe(false);
    expect(ws.getColumn('L').hidden).toBe(true);
    // Without the names and the catalog flag: no column M at all, and the same formulas.
    const bare = structuredClone(u.evidence.evidence!);
    for (const it of Object.values(bare.items)) delete it.responsible;
    const flat = { ...u.flat, catalog: { ...u.flat.catalog, responsible_column: undefined } };
    const out2 = join(tmp(), 'form.xlsx');
    await saveWorkbook(await formWorkbook(u.result, flat, bare), out2, []);
    const ws2 = (await readBack(out2)).getWorksheet(FORM_SHEET)!;
    expect(ws2.getCell(`M${head}`).value).toBeNull();
    expect([...formulas(ws2)].map(([a, f]) => [a, f.formula])).toEqual([...formulas(ws)].map(([a, f]) => [a, f.formula]));
  });

  it('on an appraised form the column moves to N, after the hidden appraised max in M', async () => {
    const u = await scored(MINI);
    const ev = structuredClone(u.evidence.evidence!);
    const first = Object.keys(ev.items)[0]!;
    ev.items[first]!.responsible = LAN;
    const a = appraiseScored({ result: u.result, flat: u.flat, evidence: ev }, await readAppraisalYaml(MINI_OVERLAY), 'final');
    const out = join(tmp(), 'form.xlsx');
    await saveWorkbook(await formWorkbook(u.result, u.flat, ev, a.appraised), out, []);
    const ws = (await readBack(out)).getWorksheet(FORM_SHEET)!;
    const r = rowOf(ws, first);
    expect(ws.getCell(`N${r}`).value).toBe(LAN);
    expect(typeof ws.getCell(`M${r}`).value).toBe('number');
    expect(ws.getColumn('M').hidden).toBe(true);
  });

  it('the template has column K for the official, read back by import (round trip)', async () => {
    const u = await scored(EX);
    const out = join(tmp(), 'mau.xlsx');
    expect(await saveTemplate(await templateWorkbook(u.flat, u.evidence.evidence, u.catalogFile), out, [])).toEqual([]);
    const ws = (await readBack(out)).getWorksheet(INPUT_SHEET)!;
    expect(ws.getCell(`K${HEAD_ROW}`).value).toBe('Công chức phụ trách');
    const r = rowOf(ws, '1.1');
    expect(ws.getCell(`K${r}`).value).toBe(LAN);
    expect(ws.getCell(`K${r}`).protection).toMatchObject({ locked: false });
    const { loaded } = await readTemplate(out, 'mau.xlsx', diskCatalogs());
    expect(loaded.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(loaded.evidence?.items['1.1']?.responsible).toBe(LAN);
    expect((await scoreEvidence(loaded, diskCatalogs())).result).toEqual(u.result);
    // A blank template of the same catalog has the column too (responsible_column), one of another catalog not.
    const blank = join(tmp(), 'blank.xlsx');
    await saveTemplate(await templateWorkbook(u.flat, undefined, u.catalogFile), blank, []);
    expect((await readBack(blank)).getWorksheet(INPUT_SHEET)!.getCell(`K${HEAD_ROW}`).value).toBe('Công chức phụ trách');
    const m = await scored(MINI);
    const other = join(tmp(), 'mini.xlsx');
    await saveTemplate(await templateWorkbook(m.flat, undefined, m.catalogFile), other, []);
    expect((await readBack(other)).getWorksheet(INPUT_SHEET)!.getCell(`K${HEAD_ROW}`).value).toBeNull();
  });
});
