import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoStackTrace, ROOT } from './cli.js';
import { cli, type CliRun } from '../cli/run.js';

const MINI_CATALOG = join(ROOT, 'test/fixtures/mini/mini-2024.yaml');
const UNIT = readFileSync(join(ROOT, 'test/fixtures/mini/unit.yaml'), 'utf8').replace('catalog: mini-2024.yaml', `catalog: ${MINI_CATALOG}`);
const tmp = () => mkdtempSync(join(tmpdir(), 'cchc-text-'));

/** Runs the CLI in this process, in `cwd`. A read that would hang (a FIFO opened for reading) fails the test by its timeout. */
const run = (args: string[], cwd = ROOT): Promise<CliRun> => cli(args, { cwd });

const isNfc = (s: string) => s === s.normalize('NFC');

describe('decomposed (macOS) text comes out NFC', () => {
  it('in score --json', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'u.yaml'), UNIT.normalize('NFD'));
    const r = await run(['score', join(dir, 'u.yaml'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).unit.name).toBe('UBND xã Thử Nghiệm');
    expect(isNfc(r.stdout)).toBe(true);
  });

  it('in batch JSON, catalog names included', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'mini-2024.yaml'), readFileSync(MINI_CATALOG, 'utf8').normalize('NFD'));
    writeFileSync(join(dir, 'u.yaml'), UNIT.replace(MINI_CATALOG, 'mini-2024.yaml').normalize('NFD'));
    const r = await run(['batch', join(dir, 'u.yaml'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.catalog.title).toBe('Bộ tiêu chí thử nghiệm nhỏ');
    expect(isNfc(r.stdout)).toBe(true);
  });
});

describe('text encodings', () => {
  it('scores a file saved as UTF-16 ("Unicode" in Notepad) like its UTF-8 twin', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'utf8.yaml'), UNIT);
    writeFileSync(join(dir, 'utf16.yaml'), Buffer.from(`\uFEFF${UNIT}`, 'utf16le'));
    const a = await run(['score', join(dir, 'utf8.yaml'), '--json']);
    const b = await run(['score', join(dir, 'utf16.yaml'), '--json']);
    expect([a.code, b.code]).toEqual([0, 0]);
    // The same result; only the provenance differs (each file's own hash).
    const same = (r: CliRun) => {
      const { provenance, ...rest } = JSON.parse(r.stdout.replaceAll('utf16.yaml', 'utf8.yaml'));
      expect(provenance.inputs).toHaveLength(1);
      return rest;
    };
    expect(same(b)).toEqual(same(a));
  });

  it('refuses a Windows-1258 file at its first bad byte (exit 2), never printing garbled names', async () => {
    const dir = tmp();
    // "UBND xã Hoàng Việt" as Windows-1258 bytes: ã = a + 0xDE, à = 0xE0, ệ = 0xEA + 0xF2.
    const name = Buffer.from([...Buffer.from('UBND xa', 'latin1'), 0xde, ...Buffer.from(' Ho', 'latin1'), 0xe0, ...Buffer.from('ng Vi', 'latin1'), 0xea, 0xf2, 0x74]);
    const [before, after] = UNIT.split('UBND xã Thử Nghiệm');
    writeFileSync(join(dir, 'ansi.yaml'), Buffer.concat([Buffer.from(before!, 'utf8'), name, Buffer.from(after!, 'utf8')]));
    for (const args of [['validate', 'ansi.yaml'], ['score', 'ansi.yaml', '--json']]) {
      const r = await run(args, dir);
      expect(r.code).toBe(2);
      expectNoStackTrace(r);
      expect(r.stdout + r.stderr).toMatch(/^ansi\.yaml:3:16: lỗi: tệp không phải mã UTF-8 .*\(file\.not_utf8\)$/m);
      expect(r.stdout + r.stderr).not.toContain('\uFFFD');
    }
    // Not one unit could be ranked: the batch as a whole is unusable (exit 2).
    const b = await run(['batch', 'ansi.yaml', '--json'], dir);
    expect(b.code).toBe(2);
    expect(JSON.parse(b.stdout).invalid[0].findings[0]).toMatchObject({ code: 'file.not_utf8', file: 'ansi.yaml', line: 3, column: 16 });
    expect(b.stdout).not.toContain('\uFFFD');
  });

  it('refuses a --compare JSON saved as Latin-1 (exit 2), naming it', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'u.yaml'), UNIT);
    const last = JSON.stringify({ formatVersion: 1, units: [{ code: '20101', name: 'UBND xã Thử Nghiệm', index: 70, rank: 1, rankLabel: '1/1' }] }, null, 1);
    writeFileSync(join(dir, 'last.json'), Buffer.from(last.replace('ử', 'u').replace('ệ', 'e'), 'latin1'));
    const r = await run(['batch', 'u.yaml', '--compare', 'last.json'], dir);
    expect(r.code).toBe(2);
    expectNoStackTrace(r);
    expect(r.stderr).toMatch(/^last\.json:\d+:\d+: lỗi: .*\(file\.not_utf8\)$/m);
  });
});

describe('hostile YAML', () => {
  it('an alias inside its own anchor is a finding at the alias (exit 2), not a stack overflow', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'u.yaml'), UNIT.replace('  "1.3": { value: false }', '  "1.3": &x { value: false, note: [*x] }'));
    const r = await run(['validate', 'u.yaml'], dir);
    expect(r.code).toBe(2);
    expectNoStackTrace(r);
    expect(r.stdout).toMatch(/^u\.yaml:20:36: lỗi: .*\(yaml\.alias_cycle\)$/m);
  });
});

describe('dates and codes as written', () => {
  it('an impossible date inside a free-text citation is an error at its line', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'u.yaml'), UNIT.replace('"Báo cáo số 12/BC-UBND ngày 15/12/2024"', '"Kế hoạch số 35/KH-UBND ngày 31/02/2024 của UBND xã"'));
    const r = await run(['validate', 'u.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^u\.yaml:18:38: lỗi: \[tiêu chí 1\.1\.2\] ngày 31\/02\/2024 không tồn tại \(evidence\.date_invalid\)$/m);
  });

  it('an unquoted unit code is an error quoting it as written', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'u.yaml'), UNIT.replace('code: "20101"', 'code: 020101'));
    const r = await run(['score', 'u.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^u\.yaml:2:9: lỗi: .*"020101".*\(evidence\.code_unquoted\)$/m);
  });
});

describe('catalog: references that lead to no usable file', () => {
  const cases: Array<[string, (dir: string) => string]> = [
    ['a FIFO', (dir) => (spawnSync('mkfifo', [join(dir, 'c.yaml')]), './c.yaml')],
    ['a device', () => '/dev/zero'],
    ['a /proc file', () => '/proc/self/environ'],
    ['a link into /proc', (dir) => (symlinkSync('/proc/self/environ', join(dir, 'env.yaml')), './env.yaml')],
    ['a folder', (dir) => (mkdirSync(join(dir, 'cat.yaml')), './cat.yaml')],
    ['a file not named .yaml', (dir) => (writeFileSync(join(dir, 'notes.txt'), 'id: x\n'), './notes.txt')],
    ['a broken link', (dir) => (symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'gone.yaml')), './gone.yaml')],
  ];
  for (const [what, make] of cases) {
    it(`${what}: refused on the evidence's catalog: line (exit 2), never hanging`, async () => {
      const dir = tmp();
      const ref = make(dir);
      writeFileSync(join(dir, 'u.yaml'), UNIT.replace(`catalog: ${MINI_CATALOG}`, `catalog: ${ref}`));
      const r = await run(['score', 'u.yaml'], dir);
      expect(r.code).toBe(2);
      expectNoStackTrace(r);
      expect(r.stderr).toMatch(/^u\.yaml:7:10: lỗi: không dùng tệp .* làm bộ tiêu chí: .*\(catalog\.file_refused\)$/m);
      // In a batch too, where worker threads read the catalog.
      const b = await run(['batch', 'u.yaml', '--json'], dir);
      expect(b.code).toBe(2);
      expect(JSON.parse(b.stdout).invalid[0].findings[0]).toMatchObject({ code: 'catalog.file_refused', file: 'u.yaml', line: 7 });
    });
  }
});

describe('batch over a folder holding things that are not files', () => {
  it('lists a FIFO and a broken link named *.yaml as invalid, without hanging', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'don-vi'));
    writeFileSync(join(dir, 'don-vi/a.yaml'), UNIT);
    expect(spawnSync('mkfifo', [join(dir, 'don-vi/fifo.yaml')]).status).toBe(0);
    symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'don-vi/link.yaml'));
    const r = await run(['batch', 'don-vi', '--json'], dir);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.units.map((u: { code: string }) => u.code)).toEqual(['20101']);
    expect(j.invalid.map((f: { file: string; findings: Array<{ code: string }> }) => [f.file, f.findings[0]!.code])).toEqual([
      ['don-vi/fifo.yaml', 'file.not_regular'],
      ['don-vi/link.yaml', 'file.broken_link'],
    ]);
    // Named on the command line, the FIFO is refused too (the batch reader used to open it and wait).
    const one = await run(['batch', 'don-vi/fifo.yaml', '--json'], dir);
    expect(one.code).toBe(2);
    expect(JSON.parse(one.stdout).invalid[0].findings[0].code).toBe('file.not_regular');
    // Named on the command line, a broken link is named as such, not as a missing file.
    const gone = await run(['validate', 'don-vi/link.yaml', '--json'], dir);
    expect(gone.code).toBe(2);
    expect(JSON.parse(gone.stdout).files[0].findings[0].code).toBe('file.broken_link');
  });
});
