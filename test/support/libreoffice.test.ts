import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNumber } from '../../src/core/fixed.js';
import { scoreEvidence, type UnitScore } from '../../src/core/pipeline.js';
import type { Evidence } from '../../src/core/schema/evidence.js';
import { scoreUnit } from '../../src/core/scoring/score.js';
import { diskCatalogs } from '../../src/io/catalog-source.js';
import { formWorkbook, FORM_SHEET, SUMMARY_SHEET } from '../../src/workbook/form.js';
import { readTemplate } from '../../src/workbook/read-template.js';
import { saveTemplate, templateWorkbook } from '../../src/workbook/template.js';
import { INPUT_SHEET } from '../../src/workbook/template-layout.js';
import { isPercentFormat } from '../../src/xlsx/cells.js';
import { saveWorkbook } from '../../src/xlsx/excel.js';
import { cli } from '../cli/run.js';
import { ROOT } from '../e2e/cli.js';
import { appraisedForm, formulas, MINI, MINI_CATALOG, readBack, rowOf, scored } from '../xlsx/support.js';
import { findPdftotext, findSoffice, hasWriter, openLibreOffice, readLayout, readPrint, readValues, XLSX_FILTER, type CellValue, type LibreOffice, type PrintedWord } from './libreoffice.js';
import { customProperties, sha256, stamp } from './properties.js';

/**
 * Every check that needs LibreOffice, with one LibreOffice per locale started once (openLibreOffice):
 * starting LibreOffice costs seconds of CPU, converting one more file in it little. The workbooks and
 * documents are made first, then recalculated and re-saved as .xlsx (en-US), printed to PDF (en-US: a
 * reader whose regional settings use a decimal point), saved as .ods, re-saved under vi-VN, and the
 * plan printed under vi-VN. A conversion that fails fails every check that needs it.
 */
const soffice = findSoffice();
// CI installs LibreOffice, its Writer and pdftotext (.ci/setup): there, a missing one is a failure, not a skip.
const run = Boolean(soffice) || Boolean(process.env.CI);
const print = (Boolean(soffice) && Boolean(findPdftotext())) || Boolean(process.env.CI);
const printPlan = (hasWriter() && Boolean(findPdftotext())) || Boolean(process.env.CI);
const EXAMPLE = join(ROOT, 'examples/hoang-viet-2024.yaml');
/** Forms of catalog shapes with formulas of their own: the signing column (13), band conditions (11), survey rows (9). */
const SHAPE_FORMS = ['13-cong-chuc-phu-trach/don-vi.yaml', '11-dieu-kien-xep-loai/xa-a.yaml', '09-dieu-tra-xa-hoi-hoc/xa-co-dieu-tra.yaml'];
const SUMMARY = 'Tổng hợp theo lĩnh vực';
const HV = join(ROOT, 'examples/van-lang-2024/20101-hoang-viet.yaml');
const HV_OVERLAY = join(ROOT, 'examples/van-lang-2024-tham-dinh/20101-hoang-viet.yaml');
const MINI_OVERLAY = join(ROOT, 'test/fixtures/mini/tham-dinh.yaml');
const PLAN_UNIT = 'examples/hoang-viet-2024.yaml';

type Values = Record<string, CellValue[][]>;
const dir = mkdtempSync(join(tmpdir(), 'cchc-lo-test-'));
const at = (f: string) => join(dir, f);

/** What each check reads back, filled by beforeAll. */
const out = {
  harness: undefined as Values | undefined,
  forms: [] as Array<{ unit: string; u: Awaited<ReturnType<typeof scored>>; written: string; values: Values }>,
  signed: undefined as { result: ReturnType<typeof scoreUnit>['result']; pages: string[]; words: PrintedWord[] } | undefined,
  ranking: undefined as { pages: string[] } | undefined,
  percent: {} as Record<string, string>,
  ods: '',
  provenance: '',
  appraised: [] as Array<Awaited<ReturnType<typeof appraisedForm>> & { values: Values }>,
  plan: undefined as { plan: string; annex: string } | undefined,
};
let yaml: Awaited<ReturnType<typeof scored>>;
let closing: LibreOffice[] = [];

/** A workbook whose cached results are all wrong: LibreOffice must recalculate rather than trust them. */
async function harnessWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.calcProperties.fullCalcOnLoad = true;
  const data = wb.addWorksheet('Dữ liệu');
  data.getCell('A1').value = 0.25;
  data.getCell('A2').value = 0.5;
  data.getCell('A3').value = 1.25;
  data.getCell('A4').value = { formula: 'SUM(A1:A3)', result: 999 }; // deliberately wrong cache
  data.getCell('B1').value = 'Ghi chú có dấu';
  data.getCell('B4').value = { formula: 'IF(A4>100,"lớn","")', result: 'lớn' };
  data.getCell('C4').value = { formula: 'A4/0', result: 0 };
  data.getCell('D4').value = { formula: 'A4=2', result: false };
  const sum = wb.addWorksheet(SUMMARY);
  sum.getCell('A1').value = 'Tổng';
  sum.getCell('B1').value = { formula: "'Dữ liệu'!A4*10", result: 9990 };
  sum.getCell('B2').value = { formula: `ROUND(B1/3,2)`, result: 0 };
  sum.getCell('C3').value = { formula: `'${SUMMARY}'!B1+'Dữ liệu'!A1`, result: -1 };
  await wb.xlsx.writeFile(file);
}

/** The pre-filled template of the shipped example with 8.1.1 typed as a percentage and 8.1.2 as 90%. */
async function percentWorkbook(template: string, file: string): Promise<void> {
  const wb = await readBack(template);
  const ws = wb.getWorksheet(INPUT_SHEET)!;
  const percent = (code: string, value: number, numFmt: string) => {
    const c = ws.getCell(`E${rowOf(ws, code)}`);
    c.value = value;
    // One cell's format only (exceljs shares one style object among the cells read with it).
    c.style = { ...c.style, numFmt };
  };
  percent('8.1.1', 0.896, '0.0%');
  percent('8.1.2', 0.9, '0%');
  await wb.xlsx.writeFile(file);
}

async function scoreOf(file: string): Promise<UnitScore> {
  const { loaded } = await readTemplate(file, 'hv.xlsx', diskCatalogs());
  return scoreEvidence(loaded, diskCatalogs());
}

/** Every formula of the form and its summary: LibreOffice's recalculated value equals the value cchc cached. Returns how many. */
function expectFormulasAsCached(wb: Awaited<ReturnType<typeof readBack>>, values: Parameters<typeof cellAt>[0]): number {
  let checked = 0;
  for (const sheet of [FORM_SHEET, SUMMARY_SHEET]) {
    for (const [addr, { result }] of formulas(wb.getWorksheet(sheet)!)) {
      const lo = cellAt(values, sheet, addr);
      if (typeof result === 'number') expect(Math.round(Number(lo) * 10_000) / 10_000, `${sheet}!${addr}`).toBe(result);
      else expect(lo ?? '', `${sheet}!${addr}`).toBe(result ?? '');
      checked++;
    }
  }
  return checked;
}

describe.skipIf(!run)('checked in LibreOffice', () => {
  beforeAll(async () => {
    // LibreOffice starts (seconds) while cchc makes the workbooks, as a user would get them.
    const [en, vi] = await Promise.all([openLibreOffice('en-US'), openLibreOffice('vi-VN')]);
    closing = [en, vi];
    await harnessWorkbook(at('harness.xlsx'));
    const forms = [];
    for (const unit of [MINI, EXAMPLE, ...SHAPE_FORMS.map((f) => join(ROOT, 'examples/catalog-shapes', f))]) {
      const u = await scored(unit);
      const written = at(`form-${forms.length + 1}.xlsx`);
      expect(await saveWorkbook(await formWorkbook(u.result, u.flat, u.evidence.evidence!), written, [])).toEqual([]);
      forms.push({ unit, u, written });
    }
    yaml = await scored(EXAMPLE);
    // One claim that differs from the rules, to see both numbers in print.
    const ev: Evidence = {
      ...yaml.evidence.evidence!,
      signer: 'Âu Hồng Ngân',
      items: { ...yaml.evidence.evidence!.items, '1.1.1': { ...yaml.evidence.evidence!.items['1.1.1'], claimed: 0.5 } },
    };
    const signed = scoreUnit(yaml.flat, ev).result;
    expect(await saveWorkbook(await formWorkbook(signed, yaml.flat, ev), at('signed.xlsx'), [])).toEqual([]);
    // The example's deliberately broken file: exit 1. The JSON is the ranking the plan is made from.
    expect((await cli(['batch', 'examples/van-lang-2024', '--xlsx', at('xep-hang.xlsx'), '-q', '--json', '-o', at('kq.json')])).code).toBe(1);
    expect(await saveTemplate(await templateWorkbook(yaml.flat, yaml.evidence.evidence), at('hoang-viet.xlsx'), [])).toEqual([]);
    await percentWorkbook(at('hoang-viet.xlsx'), at('percent.xlsx'));
    const mini = await scored();
    expect(await saveTemplate(await templateWorkbook(mini.flat, mini.evidence.evidence), at('mau.xlsx'), [])).toEqual([]);
    expect((await cli(['score', EXAMPLE, '--xlsx', at('bieu.xlsx')])).code).toBe(0);

    const appraised = [await appraisedForm(HV, HV_OVERLAY, dir), await appraisedForm(MINI, MINI_OVERLAY, dir)];
    if (printPlan) {
      const p = await cli(['plan', PLAN_UNIT, '--ranking', at('kq.json'), '--previous', 'examples/van-lang-2023.json', '--target-rank', '1', '-o', at('ke-hoach.docx'), '--xlsx', at('phu-luc.xlsx')]);
      expect([p.exitCode, p.stderr]).toEqual([0, expect.stringContaining('Đã ghi kế hoạch')]);
    }

    // Both LibreOffices work at once: the machine has two cores.
    const o = at('lo');
    const [[[harness, ...converted], printed, [ods]], [[percentVi], [plan, annex]]] = await Promise.all([
      Promise.all([
        en.convert([at('harness.xlsx'), ...forms.map((f) => f.written), at('percent.xlsx'), at('bieu.xlsx'), appraised[0]!.out, appraised[1]!.out], XLSX_FILTER, o),
        print ? en.convert([at('signed.xlsx'), at('xep-hang.xlsx')], 'pdf', o) : [],
        en.convert([at('mau.xlsx')], 'ods', o),
      ]),
      Promise.all([
        vi.convert([at('percent.xlsx')], XLSX_FILTER, at('lo-vi')),
        printPlan ? vi.convert([at('ke-hoach.docx'), at('phu-luc.xlsx')], 'pdf', at('lo-vi')) : [],
      ]),
    ]);
    await Promise.all([en.close(), vi.close()]);
    const formFiles = converted.slice(0, forms.length);
    const [percentEn, provenance, appraised1, appraised2] = converted.slice(forms.length);
    out.harness = await readValues(harness!);
    out.forms = await Promise.all(forms.map(async (f, i) => ({ ...f, values: await readValues(formFiles[i]!) })));
    if (print) {
      out.signed = { result: signed, ...(await readPrint(printed[0]!)) };
      out.ranking = await readPrint(printed[1]!);
    }
    out.percent = { 'en-US': percentEn!, 'vi-VN': percentVi! };
    out.ods = ods!;
    out.provenance = provenance!;
    out.appraised = [
      { ...appraised[0]!, values: await readValues(appraised1!) },
      { ...appraised[1]!, values: await readValues(appraised2!) },
    ];
    if (printPlan) out.plan = { plan: await readLayout(plan!), annex: await readLayout(annex!) };
  }, 300_000);
  afterAll(async () => {
    // Stopped here too when beforeAll failed half-way.
    await Promise.all(closing.map((lo) => lo.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the recalculation harness', () => {
    it('recalculates every formula instead of trusting cached results', () => {
      const v = out.harness!;
      expect(Object.keys(v)).toEqual(['Dữ liệu', SUMMARY]);
      expect(v['Dữ liệu']).toEqual([[0.25, 'Ghi chú có dấu'], [0.5], [1.25], [2, '', '#DIV/0!', 'TRUE']]);
      expect(v[SUMMARY]).toEqual([
        ['Tổng', 20],
        [null, 6.67],
        [null, null, 20.25],
      ]);
    });
  });

  describe('the form recalculated in LibreOffice', () => {
    for (const [i, name] of ['unit.yaml', 'hoang-viet-2024.yaml', ...SHAPE_FORMS].entries()) {
      it(`every formula gives cchc's own number (${name})`, async () => {
        const { u, written, values } = out.forms[i]!;
        const wb = await readBack(written);
        const checked = expectFormulasAsCached(wb, values);
        expect(checked).toBeGreaterThan(10);
        const ws = wb.getWorksheet(FORM_SHEET)!;
        const g = (label: string) => cellAt(values, FORM_SHEET, `G${rowOf(ws, label)}`);
        expect(g('Tổng điểm')).toBeCloseTo(toNumber(u.result.total), 9);
        expect(g('Tổng điểm tối đa áp dụng')).toBeCloseTo(toNumber(u.result.applicableMax), 9);
        expect(g('Chỉ số cải cách hành chính (%)')).toBe(u.result.index);
        expect(g('Xếp loại')).toBe(u.result.band);
      });
    }
  });

  describe.skipIf(!print)('printed by LibreOffice with English (en-US) regional settings', () => {
    it('the form reads as signed: header, decimal commas, both scores where they differ, signature block, pages numbered from 2', () => {
      const { result, pages, words } = out.signed!;
      const all = pages.join('\n');
      expect(pages.length).toBeGreaterThan(1);

      // Nghị định 30: no number on the first page; "Trang 2/N" on the second, N the whole printout.
      expect(pages[0]).not.toMatch(/Trang \d/);
      expect(pages[1]).toContain(`Trang 2/${pages.length}`);
      expect(pages[pages.length - 1]).toContain(`Trang ${pages.length}/${pages.length}`);

      // Header: number line, date line, rules measured on the page.
      expect(squash(pages[0]!)).toContain('Số:/BC-UBND');
      expect(squash(pages[0]!)).toContain('HoàngViệt,ngày');
      // The issuing body is the second line starting "UBND" (the first is the body above it).
      const body = lineAt(words, 'UBND', 1);
      const bodyY = words.filter((w) => w.page === 1 && w.text === 'UBND')[1]!.yMin;
      const bodyRule = ruleUnder(words, body, bodyY);
      expect(bodyRule).toBeGreaterThanOrEqual((body[1] - body[0]) / 3);
      expect(bodyRule).toBeLessThanOrEqual((body[1] - body[0]) / 2);
      // "Độc lập - Tự do - Hạnh phúc": its first letter is the first "Đ" printed on the page.
      const motto = lineAt(words, 'Đ');
      const mottoRule = ruleUnder(words, motto, words.find((w) => w.page === 1 && w.text.normalize('NFC') === 'Đ')!.yMin);
      expect(Math.abs(mottoRule - (motto[1] - motto[0])) / (motto[1] - motto[0])).toBeLessThan(0.1);

      // Decimal comma under en-US; the claim beside cchc's number, marked.
      expect(all).toContain(result.index!.toFixed(2).replace('.', ','));
      expect(all).not.toContain(result.index!.toFixed(2));
      expect(all).toMatch(/1,00\s+0,50 ≠/);
      expect(squash(all)).toContain('(≠)Ở1tiêuchíthànhphần');

      expect(squash(all)).toMatch(/TM\.ỦYBANNHÂNDÂNCHỦTỊCH.*ÂuHồngNgân/);
    });

    it('the ranking workbook has decimal commas, the file not ranked, the summary and signatures, and page numbers from page 2', () => {
      const { pages } = out.ranking!;
      expect(pages.length).toBeGreaterThan(2);
      expect(pages[0]).not.toMatch(/Trang \d/);
      expect(pages[1]).toContain(`Trang 2/${pages.length}`);
      const first = pages[0]!;
      // Hoàng Việt's row: its index with a decimal comma, never a point.
      expect(first).toMatch(/UBND xã Hoàng Việt(\s+\d+,\d\d){10}\s+03\/15/);
      expect(first).not.toMatch(/\d\.\d\d\b/);
      expect(squash(first)).toContain('16tệp:15đơnvịđượcxếphạng,1tệpkhôngđượcxếphạng');
      expect(squash(first)).toContain('UBNDxãTânTácexamples/van-lang-2024/20108-tan-tac.yaml:106:17');
      expect(squash(first)).toContain('Khôngxếphạng');
      expect(squash(first)).toMatch(/Chỉsốbìnhquân\(%\)84,14/);
      expect(squash(first)).toMatch(/NGƯỜILẬPBIỂUTRƯỞNGPHÒNG/);
    });
  });

  describe('percent cells after LibreOffice saves the workbook', () => {
    for (const locale of ['en-US', 'vi-VN']) {
      it(`reads LibreOffice's own percent formats (${locale})`, async () => {
        const resaved = out.percent[locale]!;
        const ws = (await readBack(resaved)).getWorksheet(INPUT_SHEET)!;
        // The formats are LibreOffice's: whatever it writes must still read as a percentage.
        expect(isPercentFormat(ws.getCell(`E${rowOf(ws, '8.1.1')}`).numFmt)).toBe(true);
        const u = await scoreOf(resaved);
        expect(u.findings.filter((f) => f.code.startsWith('xlsx.'))).toEqual([]);
        expect(u.evidence.evidence!.items['8.1.1']!.value).toBe(89.6);
        expect(u.evidence.evidence!.items['8.1.2']!.value).toBe(90);
        // The whole round trip through LibreOffice is lossless: same evidence, same score.
        expect(u.evidence.evidence).toEqual(yaml.evidence.evidence);
        expect(u.result).toEqual(yaml.result);
      });
    }
  });

  describe('the appraised forms recalculated in LibreOffice', () => {
    it('every formula of both columns gives cchc’s own number', async () => {
      for (const { out: written, au, values } of out.appraised) {
        const wb = await readBack(written);
        const checked = expectFormulasAsCached(wb, values);
        expect(checked).toBeGreaterThan(20);
        const ws = wb.getWorksheet(FORM_SHEET)!;
        const j = (label: string) => cellAt(values, FORM_SHEET, `J${rowOf(ws, label)}`);
        expect(j('Tổng điểm')).toBeCloseTo(toNumber(au.result.total), 9);
        expect(j('Tổng điểm tối đa áp dụng')).toBeCloseTo(toNumber(au.result.applicableMax), 9);
        expect(j('Chỉ số cải cách hành chính (%)')).toBe(au.result.index);
        expect(j('Xếp loại')).toBe(au.result.band);
      }
      expect(out.appraised).toHaveLength(2);
    });
  });

  describe.skipIf(!printPlan)('the plan printed by LibreOffice', () => {
    it('opens and converts to PDF with the Nghị định 30 header, the headings and the annex table', () => {
      const { plan, annex } = out.plan!;
      const text = squeeze(plan);
      for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '/KH-UBND', 'KẾ HOẠCH', 'I. MỤC ĐÍCH, YÊU CẦU', 'II. MỤC TIÊU', 'III. NHIỆM VỤ, GIẢI PHÁP', 'IV. TỔ CHỨC THỰC HIỆN', 'Nơi nhận:', 'Phụ lục', 'MỤC TIÊU PHẤN ĐẤU NĂM 2025', 'Giá trị cần đạt']) {
        expect(text).toContain(squeeze(s));
      }
      // The first page carries no page number; the second does (Nghị định 30).
      const pages = plan.split('\f');
      expect(pages.length).toBeGreaterThan(3);
      expect(pages[0]!.trim().startsWith('UBND HUYỆN VĂN LÃNG')).toBe(true);
      expect(pages[1]!.trim().startsWith('2')).toBe(true);
      // The annex's rows, in the document and in the workbook: 3.2.1 from 2,50 to 3,50 points.
      expect(text).toContain(squeeze('3.2.1. Tỷ lệ hồ sơ'));
      expect(squeeze(annex)).toContain(squeeze('3.2.1. Tỷ lệ hồ sơ'));
      expect(squeeze(annex)).toContain(squeeze('3,50 2,50 3,50'));
      // The deadline column holds a whole date on one line ("30/11/202" over "5" once).
      const annexPages = pages.slice(pages.findIndex((x) => x.includes('MỤC TIÊU PHẤN ĐẤU')));
      expect(annexPages.join('\n')).toMatch(/\b30\/11\/2025\b/);
      expect(annexPages.join('\n')).not.toMatch(/30\/11\/202\s*$/m);
    });
  });

  it('a template saved as .ods by LibreOffice is refused as a format to save as .xlsx', async () => {
    const { loaded } = await readTemplate(out.ods, 'mau.ods', diskCatalogs(), { ref: MINI_CATALOG, fromDir: process.cwd() });
    expect(loaded.findings.map((f) => [f.code, f.args.format])).toEqual([['xlsx.unsupported_format', 'ods']]);
  });

  it('a form saved again by LibreOffice keeps every provenance property', async () => {
    const kept = await customProperties(out.provenance);
    const example = 'examples/hoang-viet-2024.yaml';
    expect(new Map(kept)).toEqual(new Map(stamp([[example, sha256(example)]])));
  });
});

// CI installs LibreOffice (.ci/setup): there, a missing soffice is a failure, not a skip.
it.runIf(!!process.env.CI)('has LibreOffice, its Writer and pdftotext on CI', () => {
  expect(soffice, 'soffice not found: .ci/setup should have installed libreoffice-calc-nogui').toBeDefined();
  expect(hasWriter(), 'LibreOffice Writer not found: .ci/setup should have installed libreoffice-writer-nogui').toBe(true);
  expect(findPdftotext(), 'pdftotext not found: .ci/setup should have installed poppler-utils').toBeDefined();
});

function cellAt(values: Values, sheet: string, addr: string) {
  const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return values[sheet]?.[Number(m[2]) - 1]?.[col] ?? null;
}

/** Text without spaces: pdftotext splits some words where LibreOffice draws a Vietnamese letter from another font. */
const squash = (t: string) => t.replace(/\s+/g, '');
/** Text compared without spaces: a justified PDF line puts spaces inside words. */
const squeeze = squash;

/**
 * A printed line on page 1 that starts with the word `first` (the nth such line), as [left, right] in points:
 * the words that follow it on the same baseline without a gap wider than a few spaces.
 */
function lineAt(words: PrintedWord[], first: string, nth = 0): [number, number] {
  const starts = words.filter((w) => w.page === 1 && w.text.normalize('NFC') === first);
  const start = starts[nth];
  expect(start, `"${first}" not printed`).toBeDefined();
  let i = words.indexOf(start!);
  let right = start!.xMax;
  while (words[i + 1] && Math.abs(words[i + 1]!.yMin - start!.yMin) < 0.5 && words[i + 1]!.xMin - right < 6) right = words[++i]!.xMax;
  return [start!.xMin, right];
}

/** The rule printed just under a line: the nearest row of "─" below it that overlaps it. */
function ruleUnder(words: PrintedWord[], line: [number, number], y: number): number {
  const rule = words
    .filter((w) => w.page === 1 && /^─+$/.test(w.text) && w.yMin > y && w.xMax > line[0] && w.xMin < line[1])
    .sort((a, b) => a.yMin - b.yMin)[0];
  expect(rule, 'no rule under the line').toBeDefined();
  return rule!.xMax - rule!.xMin;
}
