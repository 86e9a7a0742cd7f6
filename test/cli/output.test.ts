import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvText } from '../../src/reporters/ranking-csv.js';
import { cli } from './run.js';

const MINI = 'test/fixtures/mini/unit.yaml';
const VAN_LANG = 'examples/van-lang-2024';
const LAST_YEAR = 'examples/van-lang-2023.json';
const tmp = () => mkdtempSync(join(tmpdir(), 'cchc-out-'));

describe('-o/--output FILE: the result in a UTF-8 file, no shell redirection needed', () => {
  it('score: the same bytes as stdout, stdout empty, the message on stderr (JSON and text)', async () => {
    const dir = tmp();
    for (const format of [['--json'], []]) {
      const out = join(dir, format.length ? 'kq.json' : 'kq.txt');
      const printed = await cli(['score', MINI, ...format]);
      // Even from a terminal: a file gets no colours and the full width.
      const written = await cli(['score', MINI, ...format, '-o', out], { isTTY: true, columns: 80 });
      expect(written.exitCode).toBe(0);
      expect(written.stdout).toBe('');
      expect(written.stderr).toBe(`${printed.stderr}Đã ghi kết quả: ${out}\n`);
      const bytes = readFileSync(out);
      expect(bytes.toString('utf8')).toBe(printed.stdout);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
      expect(bytes.toString('utf8')).toContain(format.length ? '"name": "UBND xã Thử Nghiệm"' : 'Chỉ số: 71,10%');
    }
  });

  it('batch: the ranking goes to the file with the documented exit code (1: one commune invalid); messages stay on stderr', async () => {
    const dir = tmp();
    const out = join(dir, 'xep-hang.json');
    const printed = await cli(['batch', VAN_LANG, '--json', '--compare', LAST_YEAR]);
    const r = await cli(['batch', VAN_LANG, '--json', '--compare', LAST_YEAR, '--output', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('(evidence.numerator_exceeds)');
    expect(r.stderr.endsWith(`Đã ghi kết quả: ${out}\n`)).toBe(true);
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
  });

  it('validate, catalog list and catalog show write their report too', async () => {
    const dir = tmp();
    const v = await cli(['validate', 'test/fixtures/bad/values.yaml', '-o', join(dir, 'v.txt')]);
    expect(v.exitCode).toBe(2);
    expect(readFileSync(join(dir, 'v.txt'), 'utf8')).toMatch(/^test\/fixtures\/bad\/values\.yaml:\d+:\d+: (lỗi|cảnh báo): .*\n(.*\n)*Đã kiểm tra 1 tệp: \d+ lỗi/);
    const list = await cli(['catalog', 'list', '--json', '-o', join(dir, 'list.json')]);
    expect(list.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'list.json'), 'utf8')).map((c: { id: string }) => c.id)).toContain('xa-mau-2024');
    const show = await cli(['catalog', 'show', 'xa-mau-2024', '-o', join(dir, 'show.txt')]);
    expect(show.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'show.txt'), 'utf8')).toMatch(/^xa-mau-2024 — /);
  });

  it('never writes over an input, nor one file for two outputs; nothing is written then (exit 2)', async () => {
    const dir = tmp();
    const hash = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    const unit = join(dir, 'unit.yaml');
    writeFileSync(unit, readFileSync(MINI, 'utf8').replace(/^catalog: .*$/m, `catalog: ${join(process.cwd(), 'test/fixtures/mini/mini-2024.yaml')}`));
    const before = hash(unit);
    for (const args of [
      ['score', unit, '-o', unit],
      ['score', unit, '-o', 'test/fixtures/mini/mini-2024.yaml'],
      ['batch', unit, '-o', unit],
      ['validate', unit, '-o', unit],
      ['catalog', 'show', 'test/fixtures/mini/mini-2024.yaml', '-o', 'test/fixtures/mini/mini-2024.yaml'],
    ]) {
      const r = await cli(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('(output.is_input)');
    }
    const twice = await cli(['score', unit, '--xlsx', join(dir, 'a.xlsx'), '-o', join(dir, 'a.xlsx')]);
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toContain(`${join(dir, 'a.xlsx')}: lỗi: ${join(dir, 'a.xlsx')} được chọn cho hai kết quả (--xlsx, --output)`);
    const batchTwice = await cli(['batch', unit, '--xlsx', join(dir, 'a.xlsx'), '-o', join(dir, 'a.xlsx')]);
    expect(batchTwice.stderr).toContain('(output.twice)');
    expect(hash(unit)).toBe(before);
    expect(readdirSync(dir)).toEqual(['unit.yaml']);
  });

  it('writes nothing when the input is invalid', async () => {
    const dir = tmp();
    const r = await cli(['score', 'test/fixtures/bad/values.yaml', '-o', join(dir, 'kq.json')]);
    expect(r.exitCode).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('--format csv-vi: opens right in Excel with Vietnamese regional settings', () => {
  it('semicolons, decimal comma, UTF-8 BOM, CRLF; the same rows as the machine CSV', async () => {
    const vi = (await cli(['batch', VAN_LANG, '--format', 'csv-vi', '--compare', LAST_YEAR])).stdout;
    const machine = (await cli(['batch', VAN_LANG, '--format', 'csv', '--compare', LAST_YEAR])).stdout;
    expect(vi.startsWith('\uFEFFgroup;rank;rankLabel;code;name;parent;type;province;area_1;')).toBe(true);
    expect(vi.endsWith('\r\n')).toBe(true);
    expect(vi.replace(/\r\n/g, '')).not.toContain('\n');
    const rows = vi.slice(1).split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(16);
    expect(vi).toContain(';20101;UBND xã Hoàng Việt;UBND huyện Văn Lãng;xa;Lạng Sơn;11,25;');
    expect(vi).toMatch(/;92,95;Xuất sắc;0;0,95;giữ nguyên;;examples\/van-lang-2024\/20101-hoang-viet\.yaml\r\n/);
    // Every row has as many cells as the heading, and the same cells as the machine flavour.
    const cells = (t: string, sep: string) => t.slice(1).split('\r\n').filter(Boolean).map((l) => l.split(sep));
    const m = cells(machine, ',');
    cells(vi, ';').forEach((row, i) => {
      expect(row).toHaveLength(rows[0]!.split(';').length);
      expect(row.map((c) => c.replace(/^(-?\d+),(\d+)$/, '$1.$2'))).toEqual(m[i]);
    });
  });

  it('the machine CSV is unchanged: commas and decimal points', async () => {
    const machine = (await cli(['batch', VAN_LANG, '--format', 'csv'])).stdout;
    expect(machine.startsWith('\uFEFFgroup,rank,rankLabel,code,')).toBe(true);
    expect(machine).toContain(',11.25,');
  });

  it('text a spreadsheet would run stays text; a semicolon in a name is quoted', async () => {
    const csv = (await cli(['batch', 'test/batch/fixtures/injection', '--group-by', 'parent', '--format', 'csv-vi'])).stdout.slice(1).split('\r\n');
    expect(csv[1]).toBe(`'@SUM(1+1);1;1/3;I1;"'=HYPERLINK(""http://example.com"",""bấm"")";'@SUM(1+1);xa;Lạng Sơn;4,00;6,00;10,00;0,00;0,00;10,00;10,00;100,00;Xuất sắc;;;;;test/batch/fixtures/injection/i1.yaml`);
    for (const row of csv.filter(Boolean)) for (const cell of row.split(';')) expect(cell).not.toMatch(/^[=+@]/);
    expect(csvText('Xã A; xã B', 'csv-vi')).toBe('"Xã A; xã B"');
    expect(csvText('Xã A, xã B', 'csv-vi')).toBe('Xã A, xã B');
    expect(csvText('-1', 'csv-vi')).toBe("'-1");
  });
});

describe('a unit with nothing left to assess (the README says so)', () => {
  it('is refused with score.no_applicable (exit 2), never printed with index null', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'cat.yaml'),
      [
        'id: mot-muc', 'title: Một mục', 'level: xa', 'scope: Thử', 'template: true', 'year: 2024', 'legal_basis: []',
        'bands: [{ label: Tốt, from: 0 }]', 'scale: 1', 'areas:', '  - code: "1"', '    name: A', '    max: 1', '    children:',
        '      - { code: "1.1", name: B, max: 1, rule: { kind: yes_no, when_not_arisen: not_applicable } }',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'unit.yaml'),
      ['unit: { code: "X", name: UBND xã X, level: xa, province: Lạng Sơn }', 'catalog: ./cat.yaml', 'year: 2024', 'items:', '  "1.1": { not_arisen: "không phát sinh" }'].join('\n'),
    );
    const r = await cli(['score', join(dir, 'unit.yaml'), '--json']);
    expect(r.stderr).toContain('(score.no_applicable)');
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
  });
});

describe('-o to a device or a pipe', () => {
  it('writes into it and leaves it what it was (never renamed over, as /dev/null once was)', async () => {
    const { symlinkSync, lstatSync, statSync } = await import('node:fs');
    const { spawn, spawnSync } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'cchc-dev-'));
    // A link to /dev/null: the link must stay a link and /dev/null a character device.
    symlinkSync('/dev/null', join(dir, 'null'));
    const viaLink = await cli(['score', 'examples/hoang-viet-2024.yaml', '--json', '-o', join(dir, 'null')]);
    expect(viaLink.exitCode).toBe(0);
    expect(lstatSync(join(dir, 'null')).isSymbolicLink()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    // A FIFO with a reader: the reader gets the whole result, the FIFO stays a FIFO.
    expect(spawnSync('mkfifo', [join(dir, 'fifo')]).status).toBe(0);
    const reader = spawn('sh', ['-c', `cat "${join(dir, 'fifo')}" > "${join(dir, 'got.json')}"`]);
    const done = new Promise((ok) => reader.on('exit', ok));
    const viaFifo = await cli(['score', 'examples/hoang-viet-2024.yaml', '--json', '-o', join(dir, 'fifo')]);
    await done;
    expect(viaFifo.exitCode).toBe(0);
    expect(lstatSync(join(dir, 'fifo')).isFIFO()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'got.json'), 'utf8')).index).toBe(92.95);
  });
});
