import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import theme from 'exceljs/lib/xlsx/xml/theme1.js';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { diskCatalogs } from '../../src/io/catalog-source.js';
import { readAppraisalYaml } from '../../src/io/appraisal-file.js';
import { scoreFile } from '../../src/workbook/unit-file.js';
import { buildForm } from '../../src/workbook/form.js';
import { FONT, pageSetup } from '../../src/workbook/sheet-style.js';
import { bookBytes, exceljsTheme, newWorkbook, stampProvenance, workbookBytes, workbookParts } from '../../src/xlsx/excel.js';
import { recordedParts } from '../../src/xlsx/form-parts.js';
import { RecordedBook } from '../../src/xlsx/sheet-record.js';
import type { BookLike, SheetLike } from '../../src/xlsx/sheet-like.js';
import { appraiseScored, type AppraisedUnit } from '../../src/core/appraisal/apply.js';
import { scoreUnit } from '../../src/core/scoring/score.js';
import type { Evidence } from '../../src/core/schema/evidence.js';
import type { FlatCatalog } from '../../src/core/flat-catalog.js';
import type { Provenance } from '../../src/io/provenance.js';
import { ROOT } from '../e2e/cli.js';
import { zipEntries } from './jszip-reference.js';
import { tmp } from './support.js';

/**
 * The form written without exceljs (src/xlsx/form-parts.ts) against exceljs, the reference: every part, byte
 * for byte, and the whole file, for every shipped example unit (appraised too), generated communes, the
 * provincial catalog and units changed to reach every corner of the form; and the way back to exceljs for
 * anything the writer does not know.
 */

const PROV: Provenance = { cchc: '0.0.0-test', catalog: { id: 'xa-mau-2024', sha256: 'ab'.repeat(32) }, inputs: [{ file: 'u.yaml', sha256: 'cd'.repeat(32) }] };

/**
 * The recorded parts must exist (the writer is sure) and equal exceljs's, part for part; with `whole`, the two
 * files too (both go through the same last step, excel.ts `deterministic`: provenance, frozen rows, one zip).
 */
async function expectSame(what: string, build: (wb: BookLike) => void, whole = false): Promise<void> {
  const book = new RecordedBook();
  build(book);
  const parts = recordedParts(book, theme);
  expect(book.unsure, what).toEqual([]);
  expect(parts, what).toBeDefined();
  const wb = await newWorkbook();
  build(wb);
  const reference = await workbookParts(wb);
  expect([...parts!.keys()].sort(), what).toEqual([...reference.keys()].sort());
  for (const [name, data] of reference) {
    if (!data.equals(Buffer.from(parts!.get(name)!))) expect(parts!.get(name), `${what}: ${name}`).toBe(data.toString('utf8'));
  }
  if (!whole) return;
  stampProvenance(wb, PROV);
  const file = await bookBytes(build, PROV);
  const names = (z: Buffer) => zipEntries(z).entries.map((e) => e.name);
  const referenceFile = await workbookBytes(wb);
  expect(names(file), what).toEqual(names(referenceFile));
  expect(file.equals(referenceFile), what).toBe(true);
}

interface Case {
  what: string;
  result: Parameters<typeof buildForm>[1];
  flat: FlatCatalog;
  evidence: Evidence;
  appraised?: AppraisedUnit;
}
const formOf = (c: Case) => (wb: BookLike) => void buildForm(wb, c.result, c.flat, c.evidence, c.appraised);

function yamlUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlUnder(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

const cache = diskCatalogs();
async function unitCase(file: string, what = file.slice(ROOT.length + 1)): Promise<Case | undefined> {
  const u = await scoreFile(file, cache);
  if (!u.result || !u.flat || !u.evidence.evidence) return undefined;
  return { what, result: u.result, flat: u.flat, evidence: u.evidence.evidence };
}
function changed(c: Case, what: string, tweak: (e: Evidence) => Evidence): Case {
  const evidence = tweak(structuredClone(c.evidence));
  return { what: `${c.what}: ${what}`, result: scoreUnit(c.flat, evidence).result, flat: c.flat, evidence };
}

describe('the form written without exceljs is the form exceljs writes', () => {
  let dir: string;
  beforeAll(() => {
    dir = tmp();
  });

  it('every shipped example unit, each appraised one with its overlay, generated communes and the provincial catalog', async () => {
    const province = join(dir, 'province');
    const gen = (await import(pathToFileURL(join(ROOT, 'scripts/gen-province.mjs')).href)) as { generateProvince(dir: string, n: number): void };
    gen.generateProvince(province, 3);
    const cases: Case[] = [];
    for (const f of [...yamlUnder(join(ROOT, 'examples')).filter((f) => !f.includes('tham-dinh')), ...yamlUnder(province)]) {
      const c = await unitCase(f);
      if (c) cases.push(c);
    }
    const tinh = join(dir, 'tinh.yaml');
    writeFileSync(tinh, 'unit: { code: "T01", name: UBND tỉnh Minh Họa, level: tinh, province: Minh Họa }\ncatalog: tinh-2948-2018\nyear: 2018\nitems: {}\n');
    cases.push((await unitCase(tinh, 'provincial catalog'))!);
    // The provincial catalog with one item of each rule kind declared (test/unit/hand-worked.test.ts), a claim
    // that differs, and the rest not arisen.
    const declared: Record<string, unknown> = {
      '1.1.1': 'cham',
      '1.1.2': 80,
      '1.2.1': 3,
      '1.4.1': 'tu_80',
      '1.5.1': 2.5,
      '2.3.1': { da_xu_ly: 2, phat_hien: 3 },
      '3.4.2': { da_xu_ly: 9, tiep_nhan: 10 },
      '4.1.1': true,
      '5.6.2': 0,
      '8.1.1': 80,
      '8.2.1': 92.5,
    };
    const catalogDoc = parse(readFileSync(join(ROOT, 'criteria/tinh-2948-2018.yaml'), 'utf8')) as { areas: Node[] };
    type Node = { code: string; children?: Node[] };
    const leafCodes = (nodes: Node[]): string[] => nodes.flatMap((n) => (n.children ? leafCodes(n.children) : [n.code]));
    const items = Object.fromEntries(
      leafCodes(catalogDoc.areas).map((c) => [c, c in declared ? { value: declared[c], claimed: 1, note: `Ghi chú ${c}` } : { not_arisen: 'Không phát sinh trong năm' }]),
    );
    const filled = join(dir, 'tinh-filled.yaml');
    writeFileSync(filled, stringify({ unit: { code: 'T02', name: 'UBND tỉnh Lạng Sơn', level: 'tinh', province: 'Lạng Sơn' }, catalog: 'tinh-2948-2018', year: 2018, items }));
    cases.push((await unitCase(filled, 'provincial catalog, declared'))!);
    // The district's appraisal overlays (scripts/gen-appraisals.mjs and Hoàng Việt's by hand): columns 10–11.
    const overlays = join(ROOT, 'examples/van-lang-2024-tham-dinh');
    let appraised = 0;
    for (const f of readdirSync(overlays).filter((n) => n.endsWith('.yaml'))) {
      // A unit that does not score (one is shipped to show the findings) has no form.
      const c = cases.find((x) => x.what.endsWith(`van-lang-2024/${f}`));
      if (!c) continue;
      for (const round of /^2010[01]/.test(f) ? (['final', 'tham_dinh_1'] as const) : (['final'] as const)) {
        const a = appraiseScored({ result: c.result, flat: c.flat, evidence: c.evidence }, await readAppraisalYaml(join(overlays, f)), round);
        if (!a.appraised) continue;
        cases.push({ ...c, what: `${c.what} appraised (${round})`, appraised: a.appraised });
        appraised++;
      }
    }
    expect(appraised).toBeGreaterThanOrEqual(10);
    expect(cases.length).toBeGreaterThanOrEqual(50);
    for (const [i, c] of cases.entries()) await expectSame(c.what, formOf(c), i % 15 === 0);
  });

  it('units changed to reach every corner: claims, officials, report numbers, annexes, signers, long and odd texts', async () => {
    const hv = (await unitCase(join(ROOT, 'examples/hoang-viet-2024.yaml')))!;
    const leaves = [...hv.flat.leaves.keys()];
    const odd = ` <b>&"quoted"</b> 'x' \u0001\u0008\u000b\u007f tab\there\r\n😀 ${'chữ dài '.repeat(400)} `;
    const cases: Case[] = [
      changed(hv, 'claims differ', (e) => {
        leaves.forEach((code, i) => (e.items[code] = { ...e.items[code], claimed: i % 3 === 0 ? 0.25 : (e.items[code]?.claimed ?? 1) }));
        return e;
      }),
      changed(hv, 'officials named', (e) => {
        leaves.slice(0, 9).forEach((code, i) => (e.items[code] = { ...e.items[code], responsible: `Công chức ${i} — Văn phòng` }));
        return e;
      }),
      changed(hv, 'annex with a number', (e) => ({ ...e, report: { annex: 'II', number: 7, symbol: 'BC-UBND' } })),
      changed(hv, 'annex', (e) => ({ ...e, report: { annex: true } })),
      changed(hv, 'report number', (e) => ({ ...e, report: { number: '125', symbol: 'BC-VP' }, signer: 'Nguyễn Văn A', signer_title: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] })),
      changed(hv, 'no date, no parent', (e) => {
        const { date: _d, ...rest } = e;
        const { parent: _p, ...unit } = e.unit;
        return { ...rest, unit };
      }),
      changed(hv, 'long and odd texts', (e) => {
        leaves.slice(0, 6).forEach((code) => (e.items[code] = { ...e.items[code], note: odd, documents: [odd, 'Quyết định số 1/QĐ-UBND'] }));
        return { ...e, unit: { ...e.unit, name: `UBND xã ${odd.slice(0, 40)}` }, signer: odd.slice(0, 30) };
      }),
      changed(hv, 'nothing declared', (e) => ({ ...e, items: {} })),
    ];
    const overlay = await readAppraisalYaml(join(ROOT, 'examples/van-lang-2024-tham-dinh/20101-hoang-viet.yaml'));
    for (const c of cases.slice(0, 2)) {
      const a = appraiseScored({ result: c.result, flat: c.flat, evidence: c.evidence }, overlay, 'final');
      if (a.appraised) cases.push({ ...c, what: `${c.what}, appraised`, appraised: a.appraised });
    }
    expect(cases.length).toBe(10);
    for (const c of cases) await expectSame(c.what, formOf(c), true);
  });

  it('is used with the exceljs installed (the release it is proven against), and forms go through it', async () => {
    expect(await exceljsTheme()).toBe(theme);
    const hv = (await unitCase(join(ROOT, 'examples/hoang-viet-2024.yaml')))!;
    // bookBytes took the writer: the form was built once (the way through exceljs builds it a second time).
    let builds = 0;
    await bookBytes((wb) => {
      builds++;
      formOf(hv)(wb);
    }, PROV);
    expect(builds).toBe(1);
  });

  it('small sheets at the writer’s edges: empty cells, merges without a value, rows with only a height, control characters', async () => {
    const sheet = (wb: BookLike, name: string) => {
      const ws = wb.addWorksheet(name);
      pageSetup(ws, { lastRow: 9, lastCol: 'F', titleRows: '2:2', freezeRows: 2, numberFirstPage: true });
      return ws;
    };
    const font = { name: FONT, size: 11 };
    await expectSame(
      'edges',
      (wb) => {
        const ws = sheet(wb, 'Một');
        ws.columns = [{ width: 9 }, { width: 12.5 }, { width: 12.5 }, {}, { width: 9, hidden: true }, { width: 30 }];
        ws.getCell('B3');
        ws.getCell('C4').font = font;
        ws.mergeCells('A5:C6');
        ws.mergeCells('D1:F1');
        ws.getCell('D1').value = '\u007f';
        ws.getCell('A7').value = 'a\u0002b\tc\r\nd ';
        ws.getCell('B7').value = -0;
        ws.getCell('C7').value = 0.1 + 0.2;
        ws.getCell('D7').value = { formula: 'B7+C7' };
        ws.getCell('E7').value = { formula: 'IF(B7=0,"","x")', result: '' };
        ws.getRow(8).height = 40.5;
        ws.getCell('F9').value = '';
        ws.getCell('F9').alignment = {};
        // A cell with a value and a style merged into another: both dropped for the master's; the master styled after.
        ws.getCell('A9').value = 'x';
        ws.getCell('A9').font = font;
        ws.getCell('B9').value = 5;
        ws.getCell('B9').numFmt = '@';
        ws.mergeCells('A9:B9');
        ws.getCell('A9').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
        ws.getCell('A9').border = { top: { style: 'thin' }, bottom: { style: 'double' } };
        ws.getCell('C9').numFmt = '@';
        ws.getCell('C9').value = 7;
        sheet(wb, 'Hai').getCell('AA30').value = 'z';
      },
      true,
    );
  });

  it('goes through exceljs, and gives its bytes, for what the writer does not know', async () => {
    const hv = (await unitCase(join(ROOT, 'examples/hoang-viet-2024.yaml')))!;
    const unknown: Array<[string, (wb: BookLike) => void]> = [
      ['a date', (wb) => void (wb.addWorksheet('A').getCell('B2').value = new Date(Date.UTC(2024, 11, 27)))],
      ['rich text', (wb) => void (wb.addWorksheet('A').getCell('B2').value = { richText: [{ text: 'a' }, { font: { bold: true }, text: 'b' }] })],
      ['a coloured font', (wb) => void (wb.addWorksheet('A').getCell('B2').font = { name: FONT, color: { argb: 'FFFF0000' } })],
      ['a protected cell', (wb) => void (wb.addWorksheet('A').getCell('B2').protection = { locked: false })],
      ['a number format exceljs has built in', (wb) => void (wb.addWorksheet('A').getCell('B2').numFmt = '0.00%')],
      [
        'a form with one boolean cell in it',
        (wb) => {
          const sheets: SheetLike[] = [];
          formOf(hv)({ addWorksheet: (name) => sheets[sheets.push(wb.addWorksheet(name)) - 1]! });
          sheets[0]!.getCell('Z1').value = true;
        },
      ],
    ];
    for (const [what, build] of unknown) {
      const book = new RecordedBook();
      build(book);
      expect(recordedParts(book, theme), what).toBeUndefined();
      const wb = await newWorkbook();
      build(wb);
      stampProvenance(wb, PROV);
      expect((await bookBytes(build, PROV)).equals(await workbookBytes(wb)), what).toBe(true);
    }
  });
});
