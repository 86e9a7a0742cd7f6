import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../cli/run.js';
import { tmp } from './support.js';
import type { SheetBook } from '../../src/xlsx/stream-writer.js';
import type { Provenance } from '../../src/io/provenance.js';
import type { CatalogMeta, FileOutcome } from '../../src/core/batch/types.js';

/**
 * The ranking workbook is streamed to its file row by row (flat memory). Proof that it is the workbook
 * cchc wrote in memory before: every `batch --xlsx` below is written both ways, the streamed file as the
 * command writes it and, from the same report, an exceljs workbook in memory saved by saveWorkbook (the
 * writer every other workbook uses); both are read back and compared cell by cell.
 */
const runs: Array<{ out: string; prov: Provenance | undefined; build: (book: SheetBook) => Promise<void> }> = [];
vi.mock('../../src/xlsx/stream-writer.js', async (original) => {
  const real = await original<typeof import('../../src/xlsx/stream-writer.js')>();
  return {
    ...real,
    saveStreamed: (out: string, inputs: ReadonlyArray<string | undefined>, prov: Provenance | undefined, build: (book: SheetBook) => Promise<void>) => {
      runs.push({ out, prov, build });
      return real.saveStreamed(out, inputs, prov, build);
    },
  };
});

const dir = tmp();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The same ranking in memory, saved as every other workbook is: the reference. */
async function inMemory(run: (typeof runs)[number]): Promise<Buffer> {
  const { memoryBook } = await import('../../src/xlsx/stream-writer.js');
  const { stampProvenance, workbookBytes } = await import('../../src/xlsx/excel.js');
  const book = await memoryBook();
  await run.build(book);
  if (run.prov) stampProvenance(book.workbook, run.prov);
  return workbookBytes(book.workbook);
}

const plainStyle = (x: unknown) => JSON.parse(JSON.stringify(x ?? null)) as unknown;

/** Everything a reader sees of a workbook, sheet by sheet and cell by cell. */
async function seen(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = wb.worksheets.map((ws) => {
    const rows: unknown[] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (c) => {
        cells.push({
          at: c.address,
          type: c.type,
          value: c.value,
          numFmt: c.numFmt,
          font: plainStyle(c.font),
          fill: plainStyle(c.fill),
          border: plainStyle(c.border),
          alignment: plainStyle(c.alignment),
          protection: plainStyle(c.protection),
          master: c.isMerged ? c.master.address : null,
        });
      });
      rows.push({ r, height: row.height, hidden: row.hidden, cells });
    }
    const model = ws.model as unknown as { merges: string[]; cols?: unknown };
    return {
      name: ws.name,
      state: ws.state,
      columns: (ws.columns ?? []).map((c) => ({ width: c.width, hidden: c.hidden })),
      rows,
      merges: [...model.merges].sort(),
      views: plainStyle(ws.views),
      autoFilter: plainStyle(ws.autoFilter),
      pageSetup: plainStyle(ws.pageSetup),
      headerFooter: plainStyle(ws.headerFooter),
      properties: plainStyle(ws.properties),
      dataValidations: plainStyle((ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model),
    };
  });
  const zip = await JSZip.loadAsync(bytes);
  const part = (name: string) => zip.file(name)?.async('string');
  const workbookXml = (await part('xl/workbook.xml')) ?? '';
  return {
    sheets,
    definedNames: plainStyle(wb.definedNames.model),
    // The parts that are not sheets, as written: custom (provenance) and core properties, the recalculation flag.
    custom: await part('docProps/custom.xml'),
    core: await part('docProps/core.xml'),
    calc: /<calcPr[^>]*\/>/.exec(workbookXml)?.[0],
    definedNamesXml: /<definedNames>.*<\/definedNames>/s.exec(workbookXml)?.[0],
    creator: wb.creator,
    created: wb.created,
    modified: wb.modified,
  };
}

async function expectSame(args: string[], expectedSheets: string[]): Promise<Buffer> {
  const out = join(dir, `xep-hang-${runs.length + 1}.xlsx`);
  const before = runs.length;
  const r = await cli(['batch', ...args, '-q', '--xlsx', out]);
  expect(r.stderr).toContain('Đã ghi bảng xếp hạng');
  expect(runs.length).toBe(before + 1);
  return expectSameAs(runs[runs.length - 1]!, expectedSheets);
}

async function expectSameAs(run: (typeof runs)[number], expectedSheets: string[]): Promise<Buffer> {
  const streamed = readFileSync(run.out);
  const reference = await inMemory(run);
  const [a, b] = [await seen(streamed), await seen(reference)];
  expect(a.sheets.map((s) => s.name)).toEqual(expectedSheets);
  for (const [i, sheet] of b.sheets.entries()) {
    // Row by row, so that a difference names its sheet and row.
    expect(a.sheets[i]!.rows.length, sheet.name).toBe(sheet.rows.length);
    for (const [j, row] of sheet.rows.entries()) expect(a.sheets[i]!.rows[j], `${sheet.name} row ${j + 1}`).toEqual(row);
    expect(a.sheets[i], sheet.name).toEqual(sheet);
  }
  // The provenance properties (one per input file: long) on their own, then the rest.
  expect(a.custom === b.custom, 'docProps/custom.xml').toBe(true);
  expect({ ...a, custom: undefined }).toEqual({ ...b, custom: undefined });
  if (run.prov) expect(a.custom).toContain('cchc.version');
  expect(a.calc).toContain('fullCalcOnLoad="1"');
  return streamed;
}

const areas = Array.from({ length: 8 }, (_, i) => `Lĩnh vực ${i + 1}`);

describe('the streamed ranking workbook equals the one written in memory', () => {
  it('van-lang-2024 compared with 2023, with its file not ranked; the same input gives the same bytes', async () => {
    const first = await expectSame(['examples/van-lang-2024', '--compare', 'examples/van-lang-2023.json'], ['Xếp hạng', ...areas, 'Tiêu chí yếu']);
    // Numbers stay numbers, with the Vietnamese decimal comma format; text is text.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first as unknown as ArrayBuffer);
    const hv = wb.getWorksheet('Xếp hạng')!.getRow(11);
    expect([hv.getCell(2).value, hv.getCell(12).value, hv.getCell(12).numFmt, hv.getCell(13).value]).toEqual(['UBND xã Hoàng Việt', 92.95, '[$-42A]0.00', '03/15']);
    // The same report streamed again: the same bytes.
    const { saveStreamed } = await vi.importActual<typeof import('../../src/xlsx/stream-writer.js')>('../../src/xlsx/stream-writer.js');
    const again = join(dir, 'again.xlsx');
    expect(await saveStreamed(again, [], runs[0]!.prov, runs[0]!.build)).toEqual([]);
    expect(readFileSync(again).equals(first)).toBe(true);
    // A zip every tool reads: unzip tests every entry's CRC and sizes.
    expect(execFileSync('unzip', ['-tq', runs[0]!.out]).toString()).toMatch(/No errors/);
  });

  it('with the appraisals (sheet "Thẩm định")', async () => {
    await expectSame(
      ['examples/van-lang-2024', '--appraisals', 'examples/van-lang-2024-tham-dinh', '--compare', 'examples/van-lang-2023.json'],
      ['Xếp hạng', ...areas, 'Tiêu chí yếu', 'Thẩm định'],
    );
  });

  it('a district of several unit types, ranked by type', async () => {
    await expectSame(['examples/catalog-shapes/08-nhieu-loai-don-vi'], ['Xếp hạng', 'Lĩnh vực 1', 'Lĩnh vực 2', 'Lĩnh vực 3', 'Tiêu chí yếu']);
  });

  it('a batch with an invalid file', async () => {
    await expectSame(['examples/hoang-viet-2024.yaml', 'examples/invalid/hoang-viet-loi.yaml'], ['Xếp hạng', ...areas, 'Tiêu chí yếu']);
  });

  it('a district of 130 units in 9 groups: rows written out (and waited for) while the sheets are made', async () => {
    // Made in memory from the example's units, renamed: no batch run, no worker threads.
    const { catalogMeta, scoreForBatch } = await import('../../src/batch/summarize.js');
    const { buildReport } = await import('../../src/core/batch/report.js');
    const { writeRanking } = await import('../../src/workbook/ranking.js');
    const { saveStreamed } = await vi.importActual<typeof import('../../src/xlsx/stream-writer.js')>('../../src/xlsx/stream-writer.js');
    const { diskCatalogs } = await import('../../src/io/catalog-source.js');
    const cache = diskCatalogs();
    const units: FileOutcome[] = [];
    const catalogs = new Map<string, CatalogMeta>();
    for (const f of readdirSync('examples/van-lang-2024').slice(0, 5)) {
      const s = await scoreForBatch(join('examples/van-lang-2024', f), cache);
      if (s.outcome.kind !== 'unit' || !s.unit?.flat) continue;
      units.push(s.outcome);
      catalogs.set(s.outcome.unit.catalogKey, catalogMeta(s.unit.flat));
    }
    const outcomes = Array.from({ length: 130 }, (_, i): FileOutcome => {
      const u = structuredClone(units[i % units.length]!) as Extract<FileOutcome, { kind: 'unit' }>;
      Object.assign(u.unit, { code: String(30000 + i), name: `UBND xã Thử ${i}`, parent: `UBND huyện ${i % 9}`, file: `x/${i}.yaml`, path: `x/${i}.yaml` });
      return u;
    });
    const report = buildReport(outcomes, [], catalogs, { groupBy: 'parent' });
    const run = { out: join(dir, 'district.xlsx'), prov: undefined, build: (book: SheetBook) => writeRanking(report, book) };
    expect(await saveStreamed(run.out, [], undefined, run.build)).toEqual([]);
    await expectSameAs(run, ['Xếp hạng', ...areas, 'Tiêu chí yếu']);
  });
});
