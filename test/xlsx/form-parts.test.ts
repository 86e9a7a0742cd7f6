import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import theme from 'exceljs/lib/xlsx/xml/theme1.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { diskCatalogs } from '../../src/io/catalog-source.js';
import { readAppraisalYaml } from '../../src/io/appraisal-file.js';
import { scoreFile } from '../../src/workbook/unit-file.js';
import { buildForm } from '../../src/workbook/form.js';
import { FONT } from '../../src/workbook/sheet-style.js';
import { bookBytes, newWorkbook, stampProvenance, workbookBytes, workbookParts } from '../../src/xlsx/excel.js';
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
  expect(names(file), what).toEqual(names(await workbookBytes(wb)));
  expect(file.equals(await workbookBytes(wb)), what).toBe(true);
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
    expect(spawnSync(process.execPath, [join(ROOT, 'scripts/gen-province.mjs'), 'province', province, '4']).status).toBe(0);
    const cases: Case[] = [];
    for (const f of [...yamlUnder(join(ROOT, 'examples')).filter((f) => !f.includes('tham-dinh')), ...yamlUnder(province)]) {
      const c = await unitCase(f);
      if (c) cases.push(c);
    }
    const tinh = join(dir, 'tinh.yaml');
    writeFileSync(tinh, 'unit: { code: "T01", name: UBND tỉnh Minh Họa, level: tinh, province: Minh Họa }\ncatalog: tinh-2948-2018\nyear: 2018\nitems: {}\n');
    cases.push((await unitCase(tinh, 'provincial catalog'))!);
    // The district's appraisal overlays (scripts/gen-appraisals.mjs and Hoàng Việt's by hand): columns 10–11.
    const overlays = join(ROOT, 'examples/van-lang-2024-tham-dinh');
    let appraised = 0;
    for (const f of readdirSync(overlays).filter((n) => n.endsWith('.yaml'))) {
      // A unit that does not score (one is shipped to show the findings) has no form.
      const c = cases.find((x) => x.what.endsWith(`van-lang-2024/${f}`));
      if (!c) continue;
      for (const round of f.startsWith('2010') ? (['final', 'tham_dinh_1'] as const) : (['final'] as const)) {
        const a = appraiseScored({ result: c.result, flat: c.flat, evidence: c.evidence }, await readAppraisalYaml(join(overlays, f)), round);
        if (!a.appraised) continue;
        cases.push({ ...c, what: `${c.what} appraised (${round})`, appraised: a.appraised });
        appraised++;
      }
    }
    expect(appraised).toBeGreaterThanOrEqual(10);
    expect(cases.length).toBeGreaterThanOrEqual(50);
    for (const [i, c] of cases.entries()) await expectSame(c.what, formOf(c), i % 10 === 0);
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
