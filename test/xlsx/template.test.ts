import { readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { saveTemplate, templateWorkbook } from '../../src/workbook/template.js';
import { INPUT_SHEET, META_SHEET, UNIT_SHEET, choices } from '../../src/workbook/template-layout.js';
import { diskCatalogs } from '../../src/io/catalog-source.js';
import { readTemplate } from '../../src/workbook/read-template.js';
import { scoreEvidence } from '../../src/core/pipeline.js';
import { MINI, MINI_CATALOG, readBack, rowOf, scored, tmp } from './support.js';
import { ROOT } from '../e2e/cli.js';

async function writeTemplate(prefill = true) {
  const u = await scored();
  const out = join(tmp(), 'mau.xlsx');
  expect(await saveTemplate(await templateWorkbook(u.flat, prefill ? u.evidence.evidence : undefined), out, [])).toEqual([]);
  return { out, u };
}

async function read(file: string) {
  return readTemplate(file, 'mau.xlsx', diskCatalogs(), { ref: MINI_CATALOG, fromDir: process.cwd() });
}

/** Opens a template, applies an edit as a person would in a spreadsheet program, saves it again. */
async function edit(file: string, change: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = await readBack(file);
  change(wb, wb.getWorksheet(INPUT_SHEET)!);
  const out = file.replace(/\.xlsx$/, '-edited.xlsx');
  await wb.xlsx.writeFile(out);
  return out;
}

describe('fill-in template', () => {
  it('has instructions, unit, input and hidden meta sheets', async () => {
    const { out } = await writeTemplate(false);
    const wb = await readBack(out);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['Hướng dẫn', 'visible'],
      ['Đơn vị', 'visible'],
      ['Tự đánh giá', 'visible'],
      ['_cchc', 'hidden'],
    ]);
    const meta = wb.getWorksheet(META_SHEET)!;
    expect([meta.getCell('B1').value, meta.getCell('B2').value, meta.getCell('B3').value]).toEqual(['1', 'mini-2024', 2024]);
  });

  it('gives input cells validation and locks everything else', async () => {
    const { out } = await writeTemplate(false);
    const ws = (await readBack(out)).getWorksheet(INPUT_SHEET)!;
    const dv = (code: string, col = 'E') => ws.getCell(`${col}${rowOf(ws, code)}`).dataValidation;
    expect(dv('1.1.1')).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^'_cchc'!\$[A-Z]\$2:\$[A-Z]\$4$/)] });
    expect(dv('1.3')).toMatchObject({ type: 'list' });
    expect(dv('1.2')).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 1000000] });
    expect(dv('2.2')).toMatchObject({ type: 'decimal', formulae: [0, 100] });
    expect(dv('2.1', 'F')).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual' });
    expect(dv('2.4', 'J')).toMatchObject({ type: 'decimal', formulae: [0, 1] });
    const r = rowOf(ws, '2.1');
    expect(ws.getCell(`E${r}`).protection?.locked).toBe(false);
    expect(ws.getCell(`B${r}`).protection?.locked ?? true).toBe(true);
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
  });

  it('round-trips: evidence → pre-filled template → import gives the same evidence and score', async () => {
    const { out, u } = await writeTemplate();
    const { loaded } = await read(out);
    expect(loaded.findings).toEqual([]);
    expect({ ...loaded.evidence, catalog: 'x' }).toEqual({ ...u.evidence.evidence, catalog: 'x' });
    const again = await scoreEvidence(loaded, diskCatalogs(), { ref: MINI_CATALOG, fromDir: process.cwd() });
    expect(again.result).toEqual(u.result);
  });

  it('round-trips the shipped example too: 60 items, choices of many kinds, plain and structured citations', async () => {
    const u = await scored(join(ROOT, 'examples/hoang-viet-2024.yaml'));
    const out = join(tmp(), 'hoang-viet.xlsx');
    expect(await saveTemplate(await templateWorkbook(u.flat, u.evidence.evidence), out, [])).toEqual([]);
    const { loaded } = await readTemplate(out, 'hoang-viet.xlsx', diskCatalogs());
    expect(loaded.findings).toEqual([]);
    // 1.1.3 cites a document as plain text that reads like a structured citation: it stays plain text.
    expect(loaded.evidence!.items['1.1.3']!.documents).toEqual(u.evidence.evidence!.items['1.1.3']!.documents);
    expect(loaded.evidence).toEqual(u.evidence.evidence);
    const again = await scoreEvidence(loaded, diskCatalogs());
    expect(again.result).toEqual(u.result);
  });

  it('writes a blank template for every shipped catalog, one list column per distinct drop-down', async () => {
    for (const id of ['xa-mau-2024', 'tinh-2948-2018']) {
      const cat = await diskCatalogs().get(id, ROOT);
      const wb = await templateWorkbook(cat.flat!);
      const meta = wb.getWorksheet(META_SHEET)!;
      const distinct = new Set([...cat.flat!.leaves.values()].flatMap((l) => {
        const c = choices(l.rule);
        return c ? [JSON.stringify(c)] : [];
      }));
      const listColumns: number[] = [];
      meta.getRow(2).eachCell((_c, n) => void (n >= 4 ? listColumns.push(n) : undefined));
      // …and one each for the unit's level and type.
      expect(listColumns).toHaveLength(distinct.size + 2);
      const out = join(tmp(), `${id}.xlsx`);
      expect(await saveTemplate(wb, out, [])).toEqual([]);
      const { loaded } = await readTemplate(out, `${id}.xlsx`, diskCatalogs());
      // Blank: only the unit's level is filled in, so the unit is incomplete, but every row is where it should be.
      expect(loaded.findings.every((f) => f.code.startsWith('schema.')), JSON.stringify(loaded.findings.slice(0, 3))).toBe(true);
    }
  });

  it('reads a filled-in blank template, numbers typed with a decimal comma included', async () => {
    const { out } = await writeTemplate(false);
    const filled = await edit(out, (wb, ws) => {
      const unit = wb.getWorksheet('Đơn vị')!;
      unit.getCell('B2').value = 'X9';
      unit.getCell('B3').value = 'UBND xã Mới';
      unit.getCell('B7').value = 'Lạng Sơn';
      ws.getCell(`E${rowOf(ws, '1.1.1')}`).value = 'Chậm';
      ws.getCell(`E${rowOf(ws, '2.2')}`).value = '97,5';
      ws.getCell(`E${rowOf(ws, '2.1')}`).value = 50;
      ws.getCell(`F${rowOf(ws, '2.1')}`).value = 50;
    });
    const { loaded } = await read(filled);
    expect(loaded.findings).toEqual([]);
    expect(loaded.evidence!.unit).toMatchObject({ code: 'X9', name: 'UBND xã Mới', level: 'xa', province: 'Lạng Sơn' });
    expect(loaded.evidence!.items).toEqual({
      '1.1.1': { value: 'cham' },
      '2.1': { value: { dung_han: 50, tong: 50 } },
      '2.2': { value: 97.5 },
    });
  });
});

describe('the template reads as Vietnamese and prints on A4', () => {
  async function example() {
    const u = await scored(join(ROOT, 'examples/hoang-viet-2024.yaml'));
    const out = join(tmp(), 'hoang-viet.xlsx');
    expect(await saveTemplate(await templateWorkbook(u.flat, u.evidence.evidence), out, [])).toEqual([]);
    return { out, u };
  }

  it('the guide and unit sheets are A4 portrait, fitted to the page width', async () => {
    const { out } = await writeTemplate(false);
    const wb = await readBack(out);
    for (const name of ['Hướng dẫn', UNIT_SHEET]) {
      expect(wb.getWorksheet(name)!.pageSetup, name).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    }
  });

  it('level and type are drop-downs of Vietnamese labels; labels and the old codes read back to codes', async () => {
    const { out } = await example();
    const wb = await readBack(out);
    const unit = wb.getWorksheet(UNIT_SHEET)!;
    expect([unit.getCell('B4').value, unit.getCell('B5').value]).toEqual(['Cấp xã', 'Xã']);
    const meta = wb.getWorksheet(META_SHEET)!;
    for (const addr of ['B4', 'B5']) {
      const dv = unit.getCell(addr).dataValidation;
      expect(dv).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^'_cchc'!\$([A-Z]+)\$2:\$\1\$\d+$/)] });
      const col = /\$([A-Z]+)\$/.exec(dv.formulae[0] as string)![1]!;
      const labels: unknown[] = [];
      for (let r = 2; meta.getCell(`${col}${r}`).value; r++) labels.push(meta.getCell(`${col}${r}`).value);
      expect(labels).toEqual(
        addr === 'B4'
          ? ['Cấp tỉnh', 'Cấp sở, ban, ngành', 'Cấp huyện', 'Cấp xã']
          : ['Xã', 'Phường', 'Thị trấn', 'Đặc khu', 'Huyện', 'Quận', 'Thị xã', 'Thành phố', 'Sở, ban, ngành', 'Tỉnh', 'Phòng chuyên môn'],
      );
    }
    for (const [level, type, want] of [
      ['Cấp xã', 'Thị trấn', { level: 'xa', type: 'thi_tran' }],
      ['cấp xã', 'đặc khu', { level: 'xa', type: 'dac_khu' }],
      ['xa', 'thi_tran', { level: 'xa', type: 'thi_tran' }],
      ['Cấp huyện', 'Phòng chuyên môn', { level: 'huyen', type: 'phong' }],
      ['Cấp xã'.normalize('NFD'), 'Phường'.normalize('NFD'), { level: 'xa', type: 'phuong' }],
    ] as const) {
      const filled = await edit(out, (w) => {
        w.getWorksheet(UNIT_SHEET)!.getCell('B4').value = level;
        w.getWorksheet(UNIT_SHEET)!.getCell('B5').value = type;
      });
      const { loaded } = await readTemplate(filled, 'hv.xlsx', diskCatalogs());
      expect(loaded.findings, `${level} / ${type}`).toEqual([]);
      expect(loaded.evidence!.unit).toMatchObject(want);
    }
    const wrong = await edit(out, (w) => void (w.getWorksheet(UNIT_SHEET)!.getCell('B5').value = 'Làng'));
    const { loaded } = await readTemplate(wrong, 'hv.xlsx', diskCatalogs());
    expect(loaded.findings.map((f) => [f.code, f.cell])).toEqual([['xlsx.not_in_list', "'Đơn vị'!B5"]]);
  });

  it('rows fit their text and still grow when more is typed: heights written, never marked custom', async () => {
    const { out } = await example();
    const zip = await JSZip.loadAsync(readFileSync(out));
    for (const name of Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/'))) {
      const xml = await zip.file(name)!.async('string');
      expect(xml, name).not.toMatch(/customHeight="(1|true)"/);
    }
    const input = await zip.file('xl/worksheets/sheet3.xml')!.async('string');
    expect(input).toMatch(/<row r="\d+" ht="\d+/);
    const ws = (await readBack(out)).getWorksheet(INPUT_SHEET)!;
    for (const col of ['E', 'G', 'H', 'I']) expect(ws.getCell(`${col}${rowOf(ws, '1.1.1')}`).alignment?.wrapText, col).toBe(true);
    expect((await readBack(out)).getWorksheet(UNIT_SHEET)!.getCell('B3').alignment?.wrapText).toBe(true);
  });

  it('validation messages write numbers with a decimal comma', async () => {
    const { out } = await example();
    const ws = (await readBack(out)).getWorksheet(INPUT_SHEET)!;
    expect(ws.getCell(`J${rowOf(ws, '1.3.1')}`).dataValidation.error).toBe('Điểm từ 0 đến 0,5.');
    expect(ws.getCell(`J${rowOf(ws, '1.2')}`).dataValidation.error).toBe('Điểm từ 0 đến 1,5.');
    expect(ws.getCell(`E${rowOf(ws, '8.1.1')}`).dataValidation.error).toBe('Cần tỷ lệ % từ 0 đến 100, ví dụ 97,5.');
  });
});

describe('bad workbooks name the sheet and cell', () => {
  const cases: Array<[string, (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void, string, RegExp]> = [
    ['edited label', (_wb, ws) => (ws.getCell(`B${rowOf(ws, '1.2')}`).value = 'Đã sửa'), 'xlsx.row_moved', /^'Tự đánh giá'!A\d+$/],
    ['moved rows', (_wb, ws) => ws.spliceRows(6, 0, []), 'xlsx.row_moved', /^'Tự đánh giá'!A\d+$/],
    ['text in a number cell', (_wb, ws) => (ws.getCell(`E${rowOf(ws, '2.2')}`).value = 'khoảng 90'), 'xlsx.not_a_number', /^'Tự đánh giá'!E\d+$/],
    ['choice not in the list', (_wb, ws) => (ws.getCell(`E${rowOf(ws, '1.1.1')}`).value = 'Sớm'), 'xlsx.not_in_list', /^'Tự đánh giá'!E\d+$/],
    ['another template version', (wb) => (wb.getWorksheet(META_SHEET)!.getCell('B1').value = '0'), 'xlsx.template_version', /^'_cchc'!B1$/],
    ['damaged text (U+FFFD) in the unit name', (wb) => (wb.getWorksheet(UNIT_SHEET)!.getCell('B3').value = 'UBND x\uFFFD Th\uFFFD Nghi\uFFFDm'), 'xlsx.mojibake', /^'Đơn vị'!B3$/],
    ['a line break in the unit code', (wb) => (wb.getWorksheet(UNIT_SHEET)!.getCell('B2').value = '20101\n20102'), 'xlsx.control_char', /^'Đơn vị'!B2$/],
    ['an invisible character in the province', (wb) => (wb.getWorksheet(UNIT_SHEET)!.getCell('B7').value = 'Lạng\u200BSơn'), 'xlsx.control_char', /^'Đơn vị'!B7$/],
    ['damaged text in a citation', (_wb, ws) => (ws.getCell(`H${rowOf(ws, '1.2')}`).value = 'K\uFFFD ho\uFFFDch s\uFFFD 35/KH-UBND'), 'xlsx.mojibake', /^'Tự đánh giá'!H\d+$/],
    ['numerator above denominator', (_wb, ws) => {
      ws.getCell(`E${rowOf(ws, '2.1')}`).value = 60;
      ws.getCell(`F${rowOf(ws, '2.1')}`).value = 50;
    }, 'evidence.numerator_exceeds', /^'Tự đánh giá'!E\d+$/],
  ];
  for (const [name, change, code, cell] of cases) {
    it(name, async () => {
      const { out } = await writeTemplate();
      const { loaded, flat } = await read(await edit(out, change));
      const fs = loaded.evidence ? (await scoreEvidence(loaded, diskCatalogs(), { ref: MINI_CATALOG, fromDir: process.cwd() })).findings : loaded.findings;
      const f = fs.find((x) => x.severity === 'error');
      expect(f?.code).toBe(code);
      expect(f?.cell).toMatch(cell);
      expect(flat === undefined || flat.catalog.id === 'mini-2024').toBe(true);
    });
  }

  it('a control character, as Excel stores one (_x0007_), in the unit code', async () => {
    const { out } = await writeTemplate();
    const marked = await edit(out, (wb) => void (wb.getWorksheet(UNIT_SHEET)!.getCell('B2').value = 'MARK'));
    // exceljs drops control characters when writing: put one in the XML the way Excel writes it.
    const zip = await JSZip.loadAsync(readFileSync(marked));
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    zip.file('xl/sharedStrings.xml', strings.replace('>MARK<', '>201_x0007_01<'));
    writeFileSync(marked, await zip.generateAsync({ type: 'nodebuffer' }));
    const { loaded } = await read(marked);
    expect(loaded.findings.map((f) => [f.code, f.cell, f.args.char])).toEqual([['xlsx.control_char', "'Đơn vị'!B2", 'U+0007']]);
  });

  it('text arrives in NFC however it was typed or named, the catalog’s own labels and the sheet names too', async () => {
    // A catalog saved decomposed (NFD), as macOS tools may: its drop-down labels are written as they are.
    const dir = tmp();
    const catalog = join(dir, 'mini-2024.yaml');
    writeFileSync(catalog, readFileSync(MINI_CATALOG, 'utf8').normalize('NFD'));
    const u = await scored(MINI, catalog);
    const out = join(dir, 'mau.xlsx');
    expect(await saveTemplate(await templateWorkbook(u.flat, u.evidence.evidence), out, [])).toEqual([]);
    const filled = await edit(out, (wb, ws) => {
      wb.getWorksheet(UNIT_SHEET)!.getCell('B3').value = 'UBND xã Thử Nghiệm'.normalize('NFD');
      ws.getCell(`I${rowOf(ws, '1.2')}`).value = 'Giải trình dòng một\nvà dòng hai'.normalize('NFD');
      for (const w of wb.worksheets) w.name = w.name.normalize('NFD');
    });
    const { loaded } = await readTemplate(filled, 'mau.xlsx', diskCatalogs(), { ref: catalog, fromDir: process.cwd() });
    expect(loaded.findings).toEqual([]);
    expect(loaded.evidence!.unit.name).toBe('UBND xã Thử Nghiệm'.normalize('NFC'));
    expect(loaded.evidence!.items['1.2']!.note).toBe('Giải trình dòng một\nvà dòng hai'.normalize('NFC'));
    expect(loaded.evidence!.items['1.1.2']!.value).toBe(u.evidence.evidence!.items['1.1.2']!.value);
  });

  it('not a workbook at all, or a workbook not made by cchc', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'fake.xlsx'), 'hello');
    expect((await read(join(dir, 'fake.xlsx'))).loaded.findings.map((f) => f.code)).toEqual(['xlsx.not_workbook']);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 1;
    await wb.xlsx.writeFile(join(dir, 'other.xlsx'));
    expect((await read(join(dir, 'other.xlsx'))).loaded.findings.map((f) => f.code)).toEqual(['xlsx.not_template']);
  });
});

