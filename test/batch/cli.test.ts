import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cchcAsync, expectGolden, expectNoStackTrace, ROOT } from '../e2e/cli.js';
import { cli } from '../cli/run.js';
import { workersFor } from '../../src/batch/pool.js';

const VAN_LANG = 'examples/van-lang-2024';
const LAST_YEAR = 'examples/van-lang-2023.json';
const F = 'test/batch/fixtures';
const tmp = () => mkdtempSync(join(tmpdir(), 'cchc-batch-'));

describe('cchc batch: the Văn Lãng district example', () => {
  it('ranks the communes, lists the invalid file with its position, compares with last year (exit 1)', async () => {
    const args = ['batch', VAN_LANG, '--compare', LAST_YEAR];
    const run = await cli(args);
    expect(run.code).toBe(1);
    expectNoStackTrace(run);
    // The exact tie shares rank 07, the next unit is 09.
    expect(run.stdout).toMatch(/│ 07\/15 │ 20106 │ UBND xã Gia Miễn .*83,39%/);
    expect(run.stdout).toMatch(/│ 07\/15 │ 20109 │ UBND xã Thanh Long .*83,39%/);
    expect(run.stdout).toMatch(/│ 09\/15 │ 20120 │/);
    expect(run.stdout).toContain('tăng 05 bậc');
    expect(run.stdout).toMatch(/so sánh với đơn vị cũ xếp hạng cao nhất là UBND xã Thụy Hùng \(mã 20115/);
    expect(run.stderr).toMatch(/^examples\/van-lang-2024\/20108-tan-tac\.yaml:\d+:\d+: lỗi: \[tiêu chí 3\.2\.1\] .*\(evidence\.numerator_exceeds\)$/m);
    expect(run.stderr).toContain('Đã xếp hạng 15 đơn vị từ 16 tệp; 1 tệp không được xếp hạng');
    expectGolden('batch-van-lang-text', args, run);
  });

  it('gives the documented JSON, which --compare reads back', async () => {
    const args = ['batch', VAN_LANG, '--json', '--compare', LAST_YEAR];
    const run = await cli(args);
    expect(run.code).toBe(1);
    const j = JSON.parse(run.stdout);
    expect(Object.keys(j)).toEqual(['formatVersion', 'provenance', 'catalog', 'groupBy', 'compare', 'units', 'invalid', 'weak', 'summary']);
    expect(j.formatVersion).toBe(2);
    expect(j.catalog).toMatchObject({ id: 'xa-mau-2024', year: 2024, decimals: 2 });
    const hv = j.units.find((u: { code: string }) => u.code === '20101');
    expect(hv).toMatchObject({ name: 'UBND xã Hoàng Việt', group: null, index: 92.95, band: 'Xuất sắc', rank: 3, rankLabel: '03/15' });
    expect(hv.change).toMatchObject({ indexDelta: 0.95, rankChange: 0, merged: false });
    expect(hv.areas.map((a: { code: string }) => a.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const merged = j.units.find((u: { code: string }) => u.code === '20120');
    expect(merged.predecessors).toEqual(['20115', '20116']);
    expect(merged.change).toMatchObject({ merged: true, previous: { code: '20115' } });
    expect(j.invalid).toHaveLength(1);
    expect(j.invalid[0].findings[0]).toMatchObject({ code: 'evidence.numerator_exceeds', item: '3.2.1', file: 'examples/van-lang-2024/20108-tan-tac.yaml' });
    expect(j.invalid[0].findings[0]).not.toHaveProperty('message');
    expect(j.summary).toMatchObject({ files: 16, ranked: 15, invalid: 1 });
    expectGolden('batch-van-lang-json', args, run);

    // Next year, this output is the comparison: every unit keeps its place.
    const dir = tmp();
    writeFileSync(join(dir, 'last.json'), run.stdout);
    const next = JSON.parse((await cli(['batch', VAN_LANG, '--json', '--compare', join(dir, 'last.json')])).stdout);
    expect(next.units.every((u: { change: { rankChange: number } }) => u.change.rankChange === 0)).toBe(true);

    // Language-free: the same bytes with --lang en.
    expect((await cli(['--lang', 'en', ...args])).stdout).toBe(run.stdout);
  });

  it('writes CSV: BOM, comma separator, decimal point, one row per ranked unit', async () => {
    const args = ['batch', VAN_LANG, '--format', 'csv', '--compare', LAST_YEAR];
    const run = await cli(args);
    expect(run.stdout.startsWith('\uFEFFgroup,rank,rankLabel,code,name,')).toBe(true);
    expect(run.stdout.split('\r\n').filter(Boolean)).toHaveLength(16);
    expect(run.stdout).toContain(',20101,UBND xã Hoàng Việt,UBND huyện Văn Lãng,xa,Lạng Sơn,11.25,');
    expectGolden('batch-van-lang-csv', args, run);
  });

  it('ranks within groups with --group-by', async () => {
    const args = ['batch', VAN_LANG, '--group-by', 'type'];
    const run = await cli(args);
    expect(run.stdout).toMatch(/^Thị trấn — 1 đơn vị$/m);
    expect(run.stdout).toMatch(/│ +1\/1 │ 20100 │/);
    expect(run.stdout).toMatch(/^Xã — 14 đơn vị$/m);
    expectGolden('batch-van-lang-group-type', args, run);
  });
});

describe('cchc batch: robustness and exit codes', () => {
  const MINI_OK = `${F}/mini/m[1-4]*.yaml`;

  it('a quoted pattern is expanded; all good is exit 0', async () => {
    const run = await cli(['batch', MINI_OK]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('Đã xếp hạng 4 đơn vị từ 4 tệp.\n');
  });

  it('--fail-under: exit 1 and the units below it, against their files', async () => {
    const args = ['batch', MINI_OK, '--fail-under', '95.5'];
    const run = await cli(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/m4-dong-hy\.yaml: lỗi: UBND thị trấn Đồng Hỷ: chỉ số 90,00% dưới ngưỡng 95,5% .*\(batch\.below_threshold\)/);
    expect(run.stderr).toContain('(batch.below_threshold)');
    expect((await cli(['batch', MINI_OK, '--fail-under', '90'])).code).toBe(0);
    expectGolden('batch-fail-under', args, run);
  });

  it('in English', async () => {
    const args = ['--lang', 'en', 'batch', `${F}/mini`];
    const run = await cli(args);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('95.00%');
    expectGolden('batch-mini-en', args, run);
  });

  it('duplicate unit codes: neither file is ranked, both are named (exit 1)', async () => {
    const args = ['batch', `${F}/dup`];
    const run = await cli(args);
    expect(run.code).toBe(1);
    expect(run.stderr.match(/\(batch\.duplicate_code\)/g)).toHaveLength(2);
    expectGolden('batch-duplicates', args, run);
  });

  it('a unit scored against another catalog than the rest is not ranked with them (exit 1)', async () => {
    const args = ['batch', `${F}/mixed`];
    const run = await cli(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/x3-xa-mau\.yaml:7:10: lỗi: .*\(batch\.catalog_differs\)/);
    expectGolden('batch-catalog-differs', args, run);
  });

  it('an empty folder: clear message, exit 2, nothing on stdout', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'trong'));
    const args = ['batch', 'trong'];
    const run = await cli(args, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expectNoStackTrace(run);
    expectGolden('batch-empty-folder', args, run);
  });

  it('an empty folder among others is listed, the rest is ranked (exit 1)', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'trong'));
    const run = await cli(['batch', join(ROOT, MINI_OK), 'trong'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^trong: lỗi: .*\(batch\.empty_dir\)$/m);
    expect(run.stderr).toContain('Đã xếp hạng 4 đơn vị từ 4 tệp; 1 thư mục hoặc mẫu không có tệp nào.');
  });

  it('nothing matched at all is a wrong command (exit 2)', async () => {
    const run = await cli(['batch', 'khong-co/*.yaml', 'khong-co.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('khong-co/*.yaml: lỗi: mẫu không khớp tệp nào (batch.no_match)');
    expect(run.stderr).toContain('khong-co.yaml: lỗi: không tìm thấy tệp (file.not_found)');
    expect(run.stderr).toContain('(batch.no_input)');
  });

  it('bad options are a wrong command (exit 2), before any file is read', async () => {
    const args = ['batch', VAN_LANG, '--jobs', '0', '--group-by', 'mau', '--fail-under', '120', '--compare', 'test/fixtures/mini/unit.yaml'];
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expectNoStackTrace(run);
    expectGolden('batch-bad-options', args, run);
    // (Not in the golden file: the list of shipped catalogs in the message grows.)
    const cat = await cli(['batch', VAN_LANG, '--catalog', 'khong-co']);
    expect(cat.code).toBe(2);
    expect(cat.stderr).toMatch(/^--catalog khong-co: lỗi: không tìm thấy bộ tiêu chí "khong-co" .*\(catalog\.not_found\)\n$/);
  });

  it('refuses to write the ranking over an input (exit 2)', async () => {
    const run = await cli(['batch', `${F}/mini`, '--xlsx', `${F}/mini/m1-an-binh.yaml`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(output.is_input)');
  });

  it('a catalog file passed among the units is named, not ranked', async () => {
    const run = await cli(['batch', MINI_OK, 'test/fixtures/mini/mini-2024.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^test\/fixtures\/mini\/mini-2024\.yaml:1:1: lỗi: .*\(file\.not_evidence\)$/m);
    const json = JSON.parse((await cli(['batch', MINI_OK, 'test/fixtures/mini/mini-2024.yaml', '--json'])).stdout);
    expect(json.units).toHaveLength(4);
    expect(json.invalid.map((i: { findings: Array<{ code: string }> }) => i.findings.map((f) => f.code))).toEqual([['file.not_evidence']]);
  });
});

describe('cchc batch: worker threads and forms', () => {
  // Real processes: from the TypeScript sources there is no bundled worker, so cli() always scores in-process.
  it('worker threads give exactly the in-process result', async () => {
    const dir = tmp();
    const gen = (await import(pathToFileURL(join(ROOT, 'scripts/gen-province.mjs')).href)) as { generateProvince(dir: string, n: number): void };
    // The fewest units that `--jobs 2` shares between two worker threads.
    expect(workersFor(96, 2)).toBe(2);
    gen.generateProvince(dir, 96);
    const [one, two] = await Promise.all(['1', '2'].map((jobs) => cchcAsync(['batch', dir, '--json', '--jobs', jobs, '--group-by', 'parent'])));
    expect(one!.code).toBe(0);
    expect(two!.stdout).toBe(one!.stdout);
    expect(two!.stderr).toBe(one!.stderr);
    expect(JSON.parse(two!.stdout).summary.ranked).toBe(96);
  });

  it('--forms writes one self-assessment form per ranked unit, named by unit code', async () => {
    const dir = tmp();
    const run = await cli(['batch', VAN_LANG, '--forms', join(dir, 'bieu'), '-q']);
    expect(run.code).toBe(1);
    const files = readdirSync(join(dir, 'bieu')).sort();
    // Forms are made while scoring: only the ranked units' are kept, nothing temporary is left.
    expect(files).toHaveLength(15);
    expect(files).toContain('20101.xlsx');
    expect(files).toContain('20120.xlsx');
    expect(files).not.toContain('20108.xlsx');
    expect(run.stderr).toContain(`Đã ghi 15 biểu tự đánh giá vào ${join(dir, 'bieu')}`);
  });

  it('--forms never writes over an input workbook or the ranking, and never lets two units share a form', async () => {
    const dir = tmp();
    const cat = join(ROOT, 'test/fixtures/mini/mini-2024.yaml');
    const m1 = readFileSync(join(ROOT, F, 'mini/m1-an-binh.yaml'), 'utf8').replace(/^catalog: .*$/m, `catalog: ${cat}`);
    writeFileSync(join(dir, 'a.yaml'), m1.replace('code: "M1"', 'code: "20/1"'));
    writeFileSync(join(dir, 'b.yaml'), m1.replace('code: "M1"', 'code: "20_1"').replace('An Bình', 'An Lạc'));
    writeFileSync(join(dir, 'c.yaml'), m1.replace('code: "M1"', 'code: "C3"').replace('An Bình', 'Bắc Sơn'));
    // A filled template of unit C3, kept beside the units under the name its form would get.
    expect((await cli(['template', '--unit', join(dir, 'c.yaml'), '-o', join(dir, 'C3.xlsx')])).code).toBe(0);
    const before = readFileSync(join(dir, 'C3.xlsx'));
    const run = await cli(['batch', join(dir, 'a.yaml'), join(dir, 'b.yaml'), join(dir, 'C3.xlsx'), '--forms', dir, '-q']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(batch.form_clash)');
    expect(run.stderr).toContain(`${join(dir, 'C3.xlsx')}: lỗi: `);
    expect(run.stderr).toContain('(output.is_input)');
    expect(readFileSync(join(dir, 'C3.xlsx')).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.xlsx'))).toEqual(['C3.xlsx']);
    // The clashing units' forms were made while scoring, and thrown away.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
