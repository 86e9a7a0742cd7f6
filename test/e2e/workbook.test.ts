import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { expectGolden, expectNoStackTrace, ROOT } from './cli.js';
import { cli } from '../cli/run.js';

const MINI = 'test/fixtures/mini/unit.yaml';
const CAT = 'test/fixtures/mini/mini-2024.yaml';

describe('workbook commands', () => {
  it('score --xlsx writes the form and still prints the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-e2e-'));
    const run = await cli(['score', MINI, '--xlsx', join(dir, 'bieu.xlsx')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('71,10%');
    expect(run.stderr).toContain('Đã ghi biểu tự đánh giá');
    expect(readdirSync(dir)).toEqual(['bieu.xlsx']);
  });

  it('refuses to write the form over its input (exit 2, input untouched)', async () => {
    const run = await cli(['score', MINI, '--xlsx', MINI]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(output.is_input)');
  });

  it('never writes over any input: the catalog, a file behind a link, last year’s result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-e2e-'));
    const catalog = join(dir, 'mini-2024.yaml');
    copyFileSync(join(ROOT, CAT), catalog);
    const unit = join(dir, 'unit.yaml');
    writeFileSync(unit, readFileSync(join(ROOT, MINI), 'utf8').replace(/^catalog: .*$/m, 'catalog: ./mini-2024.yaml'));
    symlinkSync(unit, join(dir, 'link.yaml'));
    const last = join(dir, 'last.json');
    writeFileSync(last, (await cli(['batch', unit, '--json'])).stdout);
    const before = [catalog, unit, last].map((f) => readFileSync(f, 'utf8'));
    const runs = [
      await cli(['score', unit, '--xlsx', catalog]),
      await cli(['score', join(dir, 'link.yaml'), '--xlsx', unit]),
      await cli(['batch', unit, '--compare', last, '--xlsx', last]),
      await cli(['batch', unit, '--catalog', catalog, '--xlsx', catalog]),
      await cli(['template', '--catalog', catalog, '-o', catalog]),
    ];
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('(output.is_input)');
    }
    expect([catalog, unit, last].map((f) => readFileSync(f, 'utf8'))).toEqual(before);
  });

  it('a province catalog kept as a file: template, score and import find it from wherever they are written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-e2e-'));
    mkdirSync(join(dir, 'tinh'));
    mkdirSync(join(dir, 'nop'));
    copyFileSync(join(ROOT, CAT), join(dir, 'tinh', 'mini-2024.yaml'));
    writeFileSync(join(dir, 'unit.yaml'), readFileSync(join(ROOT, MINI), 'utf8').replace(/^catalog: .*$/m, 'catalog: tinh/mini-2024.yaml'));
    const at = { cwd: dir };
    expect((await cli(['template', '--unit', 'unit.yaml', '-o', 'nop/mau.xlsx'], at)).code).toBe(0);
    // validate reads the workbook as a workbook (not as YAML text).
    const checked = await cli(['validate', 'nop/mau.xlsx', '--json'], at);
    expect(checked.code, checked.stdout).toBe(0);
    expect(JSON.parse(checked.stdout).files[0].kind).toBe('evidence');
    const direct = await cli(['score', 'nop/mau.xlsx', '--json'], at);
    expect(direct.code, direct.stderr).toBe(0);
    expect((await cli(['import', 'nop/mau.xlsx', '-o', 'nop/don-vi.yaml'], at)).code).toBe(0);
    expect(readFileSync(join(dir, 'nop', 'don-vi.yaml'), 'utf8')).toMatch(/^catalog: \.\.\/tinh\/mini-2024\.yaml$/m);
    const again = await cli(['score', 'nop/don-vi.yaml', '--json'], at);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).index).toBe(JSON.parse(direct.stdout).index);
  });

  it('template → score form.xlsx → import, through the CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-e2e-'));
    const form = join(dir, 'mau.xlsx');
    expect((await cli(['template', '--unit', MINI, '-o', form])).code).toBe(0);
    const scored = await cli(['score', form, '--catalog', CAT, '--json']);
    expect(scored.code).toBe(0);
    expect(JSON.parse(scored.stdout).index).toBe(71.1);
    const yaml = join(dir, 'back.yaml');
    expect((await cli(['import', form, '--catalog', CAT, '-o', yaml])).code).toBe(0);
    expect(existsSync(yaml)).toBe(true);
    const again = await cli(['score', yaml, '--catalog', CAT, '--json']);
    expect(JSON.parse(again.stdout).index).toBe(71.1);
  });

  it('89,6% typed into the template of the shipped example scores 92,95 as the YAML does (not 83,95)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-e2e-'));
    const form = join(dir, 'hoang-viet.xlsx');
    expect((await cli(['template', '--unit', 'examples/hoang-viet-2024.yaml', '-o', form])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(form);
    const ws = wb.getWorksheet('Tự đánh giá')!;
    let row = 0;
    ws.eachRow((r, n) => void (r.getCell(1).value === '8.1.1' ? (row = n) : undefined));
    const cell = ws.getCell(`E${row}`);
    // What Excel and LibreOffice store for "89,6%": the fraction, with a percent format.
    cell.value = 0.896;
    cell.style = { ...cell.style, numFmt: '0.00%' };
    await wb.xlsx.writeFile(form);
    const run = await cli(['score', form, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.index).toBe(92.95);
    expect(JSON.stringify(report)).toContain('"8.1.1"');
    const yaml = await cli(['import', form]);
    expect(yaml.stdout).toMatch(/ "?8\.1\.1"?:\n\s+value: 89\.6\n/);
  });

  it('a file that is not a workbook: clear message, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-e2e-'));
    writeFileSync(join(dir, 'hong.xlsx'), 'not a zip');
    const args = ['score', 'hong.xlsx'];
    const run = await cli(args, { cwd: dir });
    expect(run.code).toBe(2);
    expectNoStackTrace(run);
    expectGolden('error-not-a-workbook', args, run);
  });

  it('template without a catalog is a usage error (exit 2)', async () => {
    const run = await cli(['template', '-o', join(tmpdir(), 'x.xlsx')]);
    expect(run.code).toBe(2);
  });
});
