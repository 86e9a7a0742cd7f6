import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { diskCatalogs } from '../../src/io/catalog-source.js';
import { scoreFile } from '../../src/workbook/unit-file.js';
import { formWorkbook } from '../../src/workbook/form.js';
import { newWorkbook, workbookBytes, workbookParts, type Cell, type PartEdit, type Workbook } from '../../src/xlsx/excel.js';
import type { Provenance } from '../../src/io/provenance.js';
import type { BookLike } from '../../src/xlsx/sheet-like.js';
import { tableCrc32, zipParts } from '../../src/xlsx/zip-write.js';
import { cli } from '../cli/run.js';
import { ROOT } from '../e2e/cli.js';
import { referenceWorkbookBytes, zipEntries, type Entry } from './jszip-reference.js';
import { tmp } from './support.js';

/**
 * Every workbook cchc writes goes through saveWorkbook/workbookBytes: here they are watched while the real
 * commands run, and each workbook is written again through the reference path (exceljs's stored zip, read
 * back and zipped again by JSZip, as before) to compare with.
 */
const seen = vi.hoisted(() => ({
  provenance: new WeakMap<object, unknown>(),
  written: [] as Array<{ wb: unknown; edit: unknown; bytes: Buffer; what: string }>,
}));
vi.mock('../../src/xlsx/excel.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/xlsx/excel.js')>();
  const bytes = async (wb: Workbook, edit?: PartEdit) => {
    const b = await real.workbookBytes(wb, edit);
    seen.written.push({ wb, edit, bytes: b, what: wb.worksheets.map((s) => s.name).join(' | ') });
    return b;
  };
  return {
    ...real,
    stampProvenance: (wb: Workbook, p: Provenance) => {
      seen.provenance.set(wb, p);
      real.stampProvenance(wb, p);
    },
    workbookBytes: bytes,
    // Forms are written without exceljs where that writer is sure (form-parts.ts): the workbook exceljs
    // builds from the same steps is the one the reference writes.
    bookBytes: async (build: (wb: BookLike) => void, prov?: Provenance) => {
      const b = await real.bookBytes(build, prov);
      const wb = await real.newWorkbook();
      build(wb);
      if (prov) seen.provenance.set(wb, prov);
      seen.written.push({ wb, edit: undefined, bytes: b, what: wb.worksheets.map((s) => s.name).join(' | ') });
      return b;
    },
    saveWorkbook: async (wb: Workbook, out: string, inputs: ReadonlyArray<string | undefined>, edit?: PartEdit) => real.writeAtomically(out, await bytes(wb, edit), inputs),
  };
});

/** What a zip holds, with everything JSZip chose to write, except how the data was compressed. */
function contents(zip: Buffer): { entries: Array<Omit<Entry, 'data'> & { data: string }>; comment: string; centralEndsFile: boolean } {
  const z = zipEntries(zip);
  return { ...z, entries: z.entries.map((e) => ({ ...e, data: e.data.toString('base64') })) };
}

async function expectSameAsReference(): Promise<number> {
  const written = seen.written.splice(0);
  for (const w of written) {
    const wb = w.wb as Workbook;
    const reference = await referenceWorkbookBytes(wb, seen.provenance.get(wb) as Provenance | undefined, w.edit as PartEdit | undefined);
    const got = contents(w.bytes);
    expect(got.entries.every((e) => e.localAgrees && e.crc === crc32(Buffer.from(e.data, 'base64')) >>> 0), w.what).toBe(true);
    expect(got, w.what).toEqual(contents(reference));
  }
  return written.length;
}

function yamlUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlUnder(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

describe('one zip pass: every workbook has the parts, order and zip fields it had through JSZip', () => {
  let dir: string;
  beforeAll(() => {
    dir = tmp();
  });
  afterAll(() => {
    seen.written.length = 0;
  });

  it('the form of a shipped example unit of every folder (catalog shapes, the provincial catalog, generated communes)', async () => {
    const cache = diskCatalogs();
    const province = join(dir, 'province');
    expect(spawnSync(process.execPath, [join(ROOT, 'scripts/gen-province.mjs'), 'province', province, '1']).status).toBe(0);
    // examples/van-lang-2024 is written by the batch below, appraised or not. Forms are written by the form writer
    // (every part proven equal to exceljs's in test/xlsx/form-parts.test.ts); exceljs writes them only as the
    // fallback, so one form per folder, each of another catalog shape, is enough to prove its zip here.
    const files = [...yamlUnder(join(ROOT, 'examples')).filter((f) => !f.includes('van-lang-2024')), ...yamlUnder(province)];
    const done = new Set<string>();
    let forms = 0;
    for (const f of files) {
      if (done.has(dirname(f))) continue;
      const u = await scoreFile(f, cache);
      if (!u.result || !u.flat || !u.evidence.evidence) continue;
      await workbookBytes(await formWorkbook(u.result, u.flat, u.evidence.evidence));
      done.add(dirname(f));
      forms++;
    }
    // The provincial catalog has no example unit: one with nothing declared (every row, the footer, the summary).
    const { writeFileSync } = await import('node:fs');
    const tinh = join(dir, 'tinh.yaml');
    writeFileSync(tinh, 'unit: { code: "T01", name: UBND tỉnh Minh Họa, level: tinh, province: Minh Họa }\ncatalog: tinh-2948-2018\nyear: 2018\nitems: {}\n');
    const t = await scoreFile(tinh, cache);
    await workbookBytes(await formWorkbook(t.result!, t.flat!, t.evidence.evidence!));
    expect(forms).toBeGreaterThanOrEqual(12);
    expect(await expectSameAsReference()).toBe(forms + 1);
  });

  it('the forms of a batch with appraisals (appraised and self-assessed forms, provenance)', async () => {
    const r = await cli(['batch', 'examples/van-lang-2024/2010[0-3]-*.yaml', '-q', '--appraisals', 'examples/van-lang-2024-tham-dinh', '--allow-unappraised', '--forms', join(dir, 'forms'), '--xlsx', join(dir, 'rank.xlsx')]);
    expect(r.code, r.stderr).toBeLessThan(2);
    const what = seen.written.map((w) => w.what);
    // The ranking workbook is streamed to its file, never zipped here: test/xlsx/ranking-stream.test.ts.
    expect(what.filter((w) => w.startsWith('Xếp hạng'))).toHaveLength(0);
    expect(what.filter((w) => w.startsWith('Tự đánh giá'))).toHaveLength(4);
    expect(await expectSameAsReference()).toBe(4);
  });

  it('the templates (blank, provincial, filled), the appraisal and explanation workbooks (with their row edit)', async () => {
    const runs = [
      ['template', '-c', 'criteria/tinh-2948-2018.yaml', '-o', join(dir, 't1.xlsx')],
      ['template', '-u', 'examples/hoang-viet-2024.yaml', '-o', join(dir, 't2.xlsx')],
      ['template', '--appraisal', 'examples/van-lang-2024/20100-na-sam.yaml', '-o', join(dir, 't3.xlsx')],
      ['template', '--explanation', 'examples/van-lang-2024-tham-dinh/20100-na-sam.yaml', '-u', 'examples/van-lang-2024/20100-na-sam.yaml', '-o', join(dir, 't4.xlsx')],
    ];
    for (const args of runs) expect((await cli(args)).code, args.join(' ')).toBe(0);
    const written = seen.written.length;
    expect(written).toBe(4);
    expect(seen.written.some((w) => w.edit !== undefined)).toBe(true);
    expect(await expectSameAsReference()).toBe(4);
  });

  it('the plan annex and the weak-criteria summary of a district', async () => {
    expect((await cli(['plan', 'examples/hoang-viet-2024.yaml', '-o', join(dir, 'kh.docx'), '--xlsx', join(dir, 'annex.xlsx')])).code).toBe(0);
    expect((await cli(['plan', '--batch', 'examples/van-lang-2024/20100-*.yaml', '-o', join(dir, 'plans')])).code).toBe(0);
    expect(await expectSameAsReference()).toBe(2);
  });
});

describe('the zip writer', () => {
  it('keeps a character outside the BMP whole where JSZip split it (a 16 KiB chunk boundary)', async () => {
    // exceljs hands each part to its zip as text; JSZip encodes text in 16 KiB pieces (16 384 UTF-16 units),
    // so a surrogate pair across a boundary became two U+FFFD. The parts are now encoded whole.
    const probe = await newWorkbook();
    probe.addWorksheet('A').getCell('A1').value = 'XYZ';
    const before = (await workbookParts(probe)).get('xl/sharedStrings.xml')!.toString('utf8').indexOf('XYZ');
    const note = `${'a'.repeat(16383 - before)}😀 ghi chú`;
    const wb = await newWorkbook();
    wb.addWorksheet('A').getCell('A1').value = note;
    const shared = (await workbookParts(wb)).get('xl/sharedStrings.xml')!.toString('utf8');
    expect(shared.indexOf('😀')).toBe(16383);
    expect(shared).toContain(note);
    const entry = zipEntries(await workbookBytes(wb)).entries.find((e) => e.name === 'xl/sharedStrings.xml')!;
    expect(entry.data.toString('utf8')).toContain(note);
  });

  it('the fallback through exceljs’s own zip gives the same parts', async () => {
    const u = await scoreFile(join(ROOT, 'examples/hoang-viet-2024.yaml'), diskCatalogs());
    const wb = await formWorkbook(u.result!, u.flat!, u.evidence.evidence!);
    const direct = await workbookParts(wb);
    const zipped = await workbookParts(wb, true);
    expect([...direct.keys()].sort()).toEqual([...zipped.keys()].sort());
    for (const [name, data] of direct) expect(data.equals(zipped.get(name)!), name).toBe(true);
    seen.written.length = 0;
  });

  it('gives cells that share style parts the style exceljs gives them: dates, merges, fills, protection, key order', async () => {
    const wb = await newWorkbook();
    const ws = wb.addWorksheet('A');
    const font = { name: 'Times New Roman', size: 11 };
    const fill = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFD9D9D9' } };
    const box = { top: { style: 'thin' as const } };
    const values = [
      'chữ',
      1.5,
      new Date(Date.UTC(2024, 11, 27)),
      null,
      { formula: 'A1', result: new Date(Date.UTC(2024, 0, 1)) },
      { formula: 'B1', result: 2 },
      true,
    ] as Array<Cell['value']>;
    for (let r = 1; r <= 6; r++) {
      values.forEach((v, i) => {
        const c = ws.getCell(r, i + 1);
        c.value = v;
        // The same parts, set in another order on odd rows; dates without and with a number format.
        if (r % 2) {
          c.font = font;
          c.border = box;
        } else {
          c.border = box;
          c.font = font;
        }
        if (r >= 3) c.fill = fill;
        if (r >= 4) c.protection = { locked: false };
        if (r === 5) c.numFmt = 'dd/mm/yyyy';
        if (r === 6) c.font = { ...font };
      });
    }
    ws.mergeCells('A8:C8');
    ws.getCell('A8').value = 'gộp';
    ws.getCell('A8').font = font;
    ws.getCell('D8').value = new Date(Date.UTC(2024, 5, 1));
    ws.getCell('D8').font = font;
    const direct = await workbookParts(wb);
    const zipped = await workbookParts(wb, true);
    for (const name of ['xl/styles.xml', 'xl/worksheets/sheet1.xml']) expect(direct.get(name)!.toString('utf8'), name).toBe(zipped.get(name)!.toString('utf8'));
    expect(direct.get('xl/styles.xml')!.toString('utf8')).toMatch(/numFmtId="14"/);
  });

  it('computes the same CRC-32 by table as zlib, and writes empty and binary parts', () => {
    const bytes = Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 7919) % 256));
    expect(tableCrc32(bytes)).toBe(crc32(bytes) >>> 0);
    expect(tableCrc32(Buffer.alloc(0))).toBe(0);
    // Going on from a part's CRC so far (a part written in pieces) gives the CRC of the whole.
    expect(tableCrc32(bytes.subarray(7), tableCrc32(bytes.subarray(0, 7)))).toBe(crc32(bytes) >>> 0);
    const zip = zipParts(
      [
        { name: 'a/empty.xml', data: Buffer.alloc(0) },
        { name: 'b.bin', data: bytes },
      ],
      new Date(Date.UTC(2000, 0, 1)),
    );
    const { entries } = zipEntries(zip);
    expect(entries.map((e) => [e.name, e.size, e.data.equals(e.name === 'b.bin' ? bytes : Buffer.alloc(0))])).toEqual([
      ['a/empty.xml', 0, true],
      ['b.bin', 70000, true],
    ]);
    expect(() => zipParts([{ name: 'é.xml', data: Buffer.alloc(1) }], new Date())).toThrow(/ASCII/);
  });
});
