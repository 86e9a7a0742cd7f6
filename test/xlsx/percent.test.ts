import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveTemplate, templateWorkbook } from '../../src/workbook/template.js';
import { INPUT_SHEET } from '../../src/workbook/template-layout.js';
import { isPercentFormat, shiftDecimal } from '../../src/xlsx/cells.js';
import { diskCatalogs } from '../../src/io/catalog-source.js';
import { readTemplate } from '../../src/workbook/read-template.js';
import { scoreEvidence, type UnitScore } from '../../src/core/pipeline.js';
import { readBack, rowOf, scored, tmp } from './support.js';
import { ROOT } from '../e2e/cli.js';

const EXAMPLE = join(ROOT, 'examples/hoang-viet-2024.yaml');
type Edit = (ws: ExcelJS.Worksheet, row: (code: string) => number) => void;

let yaml: Awaited<ReturnType<typeof scored>>;
let template: string;

beforeAll(async () => {
  yaml = await scored(EXAMPLE);
  template = join(tmp(), 'hoang-viet.xlsx');
  expect(await saveTemplate(await templateWorkbook(yaml.flat, yaml.evidence.evidence), template, [])).toEqual([]);
});

/** The pre-filled template of the shipped example, with cells changed as a person would in a spreadsheet program. */
async function edited(change: Edit): Promise<string> {
  const wb = await readBack(template);
  const ws = wb.getWorksheet(INPUT_SHEET)!;
  change(ws, (code) => rowOf(ws, code));
  const out = join(tmp(), 'edited.xlsx');
  await wb.xlsx.writeFile(out);
  return out;
}

async function scoreOf(file: string): Promise<UnitScore> {
  const { loaded } = await readTemplate(file, 'hv.xlsx', diskCatalogs());
  return scoreEvidence(loaded, diskCatalogs());
}

/** A number format on one cell only (exceljs shares one style object among the cells read with it). */
function format(c: ExcelJS.Cell, numFmt: string): void {
  c.style = { ...c.style, numFmt };
}

/** 8.1.1 typed as a percentage: the value a spreadsheet program stores for "89,6%", and the format it gives. */
const percentCell = (value: number | string, numFmt?: string): Edit => (ws, row) => {
  const c = ws.getCell(`E${row('8.1.1')}`);
  c.value = value;
  if (numFmt) format(c, numFmt);
};

describe('percent cells', () => {
  it('the number formats that mean ×100, and exact decimal shifting', () => {
    for (const f of ['0%', '0.00%', '0.0%', '#,##0.00%', '[$-42A]0.00%', '0.00%;[Red]-0.00%', '0.0 %', '#,##0.0##%']) expect(isPercentFormat(f), f).toBe(true);
    for (const f of [undefined, '', 'General', '0.00', '0.00"%"', '0.00\\%', '0.00;[Red]0.00%', '@', '[Red]0.00', '_%0.00', '*%0']) expect(isPercentFormat(f), String(f)).toBe(false);
    expect([shiftDecimal(0.896, 2), shiftDecimal(0.005, 2), shiftDecimal(1, 2), shiftDecimal(1e-7, 2), shiftDecimal(0.1234, 2)]).toEqual([89.6, 0.5, 100, 0.00001, 12.34]);
  });

  const same: Array<[string, Edit]> = [
    ['0.896 formatted 0.00% (Excel, LibreOffice)', percentCell(0.896, '0.00%')],
    ['0.896 formatted 0%', percentCell(0.896, '0%')],
    ['0.896 formatted 0.0%', percentCell(0.896, '0.0%')],
    ['0.896 with a locale tag [$-42A]', percentCell(0.896, '[$-42A]0.00%')],
    ['89,6 % as Excel computes it (0.8959999999999999)', percentCell(89.6 / 100, '0.00%')],
    ['text "89,6%"', percentCell('89,6%')],
    ['text "89.6 %"', percentCell('89.6 %')],
  ];
  for (const [name, change] of same) {
    it(`${name}: 89,6 exactly, same score as the YAML (92,95)`, async () => {
      const u = await scoreOf(await edited(change));
      expect(u.findings.filter((f) => f.code.startsWith('xlsx.'))).toEqual([]);
      expect(u.evidence.evidence!.items['8.1.1']!.value).toBe(89.6);
      expect(u.result!.index).toBe(92.95);
      expect(u.result).toEqual(yaml.result);
    });
  }

  it('a bare number above 0 and at most 1 is read as it is, with a warning on its cell', async () => {
    for (const v of [0.896, 1, '0,896']) {
      const u = await scoreOf(await edited(percentCell(v)));
      const w = u.findings.filter((f) => f.code === 'xlsx.percent_fraction');
      expect(w, String(v)).toHaveLength(1);
      expect(w[0]).toMatchObject({ severity: 'warning', item: '8.1.1', file: 'hv.xlsx', cell: expect.stringMatching(/^'Tự đánh giá'!E\d+$/) });
      expect(w[0]!.args.percent).toBe(v === 1 ? 100 : 89.6);
      expect(u.evidence.evidence!.items['8.1.1']!.value).toBe(v === 1 ? 1 : 0.896);
    }
    for (const v of [0, 1.5, 89.6]) {
      const u = await scoreOf(await edited(percentCell(v)));
      expect(u.findings.filter((f) => f.code === 'xlsx.percent_fraction'), String(v)).toEqual([]);
    }
  });

  it('a percentage above 100 once read (1,5 formatted %) is out of range, on its cell', async () => {
    const u = await scoreOf(await edited(percentCell(1.5, '0%')));
    const f = u.findings.find((x) => x.severity === 'error');
    expect(f).toMatchObject({ code: 'evidence.percent_range', item: '8.1.1', cell: expect.stringMatching(/!E\d+$/) });
  });
});

describe('counts are whole and never percentages', () => {
  // 5.2 of xa-mau-2024 is a ratio of two counts (officials up to standard over all officials).
  const cases: Array<[string, Edit, string, string]> = [
    ['1180,5 typed as a number', (ws, row) => void (ws.getCell(`E${row('5.2')}`).value = 1180.5), 'xlsx.not_whole', 'E'],
    ['"1180,5" typed as text', (ws, row) => void (ws.getCell(`E${row('5.2')}`).value = '1180,5'), 'xlsx.not_whole', 'E'],
    ['a denominator of 1200,5', (ws, row) => void (ws.getCell(`F${row('5.2')}`).value = 1200.5), 'xlsx.not_whole', 'F'],
    ['a percent-formatted count', (ws, row) => {
      const c = ws.getCell(`E${row('5.2')}`);
      c.value = 0.5;
      format(c, '0%');
    }, 'xlsx.percent_unexpected', 'E'],
    ['"98%" as points claimed', (ws, row) => void (ws.getCell(`J${row('5.2')}`).value = '98%'), 'xlsx.percent_unexpected', 'J'],
  ];
  for (const [name, change, code, col] of cases) {
    it(`${name}: refused on its cell, not rounded`, async () => {
      const u = await scoreOf(await edited(change));
      const errors = u.findings.filter((f) => f.severity === 'error');
      expect(errors.map((f) => [f.code, f.item])).toEqual([[code, '5.2']]);
      expect(errors[0]!.cell).toMatch(new RegExp(`^'Tự đánh giá'!${col}\\d+$`));
      expect(u.result).toBeUndefined();
    });
  }
});
