import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';
import { cli } from '../cli/run.js';

const MINI_CATALOG = readFileSync(join(ROOT, 'test/fixtures/mini/mini-2024.yaml'), 'utf8');
const MINI_UNIT = readFileSync(join(ROOT, 'test/fixtures/mini/unit.yaml'), 'utf8');

/** A province's working folder, away from the cchc checkout. */
function workFolder(): string {
  return mkdtempSync(join(tmpdir(), 'cchc-tinh-'));
}

function put(file: string, text: string): string {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const catalog = (title: string) => MINI_CATALOG.replace(/^title: .*$/m, `title: ${title}`);
const unit = (ref: string) => MINI_UNIT.replace(/^catalog: .*$/m, `catalog: ${JSON.stringify(ref)}`);

interface Listed {
  id: string;
  title: string;
  source: string;
  file: string;
  shadowed: Array<{ source: string; file: string }>;
}
const list = async (cwd: string, env: Record<string, string> = {}) => {
  const run = await cli(['catalog', 'list', '--json'], { cwd, env: { CCHC_CRITERIA: '', ...env } });
  return { run, list: JSON.parse(run.stdout) as Listed[] };
};
const scoredTitle = async (args: string[], cwd: string, env: Record<string, string> = {}) => {
  const run = await cli(['score', ...args, '--json'], { cwd, env: { CCHC_CRITERIA: '', ...env } });
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { catalog: { title: string } }).catalog.title;
};
const codes = (stderr: string) => [...stderr.matchAll(/\(([a-z_]+\.[a-z_]+)\)$/gm)].map((m) => m[1]!);

describe("a province's own catalogs, found without touching the package", () => {
  it('./criteria of the working folder: scored by id, listed as from the working folder, next to the shipped ones', async () => {
    const w = workFolder();
    put(join(w, 'criteria/mini-2024.yaml'), catalog('Bộ của tỉnh'));
    put(join(w, 'don-vi/xa.yaml'), unit('mini-2024'));
    expect(await scoredTitle(['don-vi/xa.yaml'], w)).toBe('Bộ của tỉnh');
    const { run, list: l } = await list(w);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(l.map((c) => [c.id, c.source])).toEqual([
      ['mini-2024', 'cwd'],
      ['tinh-2948-2018', 'shipped'],
      ['xa-mau-2024', 'shipped'],
    ]);
    expect(l[0]!.file).toBe(join('criteria', 'mini-2024.yaml'));
    const text = await cli(['catalog', 'list'], { cwd: w, env: { CCHC_CRITERIA: '' } });
    expect(text.stdout).toMatch(/mini-2024 .*│ thư mục làm việc +│/);
    expect(text.stdout).toMatch(/xa-mau-2024 .*│ có sẵn +│/);
  });

  it('./criteria holding a framework and a district catalog that extends it (by path or by id): both listed, the district with its framework', async () => {
    const shapes = join(ROOT, 'examples/catalog-shapes/10-khung-cap-duoi-dien');
    const district = readFileSync(join(shapes, 'quan-minh-hoa-xa-2024.yaml'), 'utf8');
    for (const ref of ['./khung-xa-minh-hoa-2024.yaml', 'khung-xa-minh-hoa-2024']) {
      const w = workFolder();
      put(join(w, 'criteria/khung-xa-minh-hoa-2024.yaml'), readFileSync(join(shapes, 'khung-xa-minh-hoa-2024.yaml'), 'utf8'));
      put(join(w, 'criteria/quan-minh-hoa-xa-2024.yaml'), district.replace(/^extends: .*$/m, `extends: ${ref}`));
      const { run, list: l } = await list(w);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      const row = (id: string) => l.find((c) => c.id === id) as unknown as Record<string, unknown>;
      expect(row('khung-xa-minh-hoa-2024')).toMatchObject({ source: 'cwd', framework: true, extends: null, scale: 10 });
      expect(row('quan-minh-hoa-xa-2024')).toMatchObject({
        source: 'cwd', framework: false, extends: 'khung-xa-minh-hoa-2024', scope: 'Quận Minh Họa', scale: 10, items: 6,
        file: join('criteria', 'quan-minh-hoa-xa-2024.yaml'),
      });
      expect(row('xa-mau-2024')).toMatchObject({ source: 'shipped', framework: false, extends: null });
      const text = await cli(['catalog', 'list'], { cwd: w, env: { CCHC_CRITERIA: '' } });
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/quan-minh-hoa-xa-2024 .*│ thư mục làm việc +│/);
    }
  });

  it('CCHC_CRITERIA: a list of folders (platform delimiter), the first holding an id wins, and catalog list says so', async () => {
    const w = workFolder();
    const a = put(join(w, 'chung/a/mini-2024.yaml'), catalog('Bộ A'));
    const b = put(join(w, 'chung/b/mini-2024.yaml'), catalog('Bộ B'));
    put(join(w, 'chung/b/tinh-2948-2018.yaml'), readFileSync(join(ROOT, 'criteria/tinh-2948-2018.yaml'), 'utf8'));
    put(join(w, 'don-vi/xa.yaml'), unit('mini-2024'));
    const env = { CCHC_CRITERIA: [join(w, 'chung/a'), join(w, 'khong-co'), 'chung/b'].join(delimiter) };
    expect(await scoredTitle(['don-vi/xa.yaml'], w, env)).toBe('Bộ A');
    const { run, list: l } = await list(w, env);
    expect(run.code).toBe(0);
    const mini = l.find((c) => c.id === 'mini-2024')!;
    expect([mini.source, mini.title, mini.file]).toEqual(['env', 'Bộ A', join('chung', 'a', 'mini-2024.yaml')]);
    expect(mini.shadowed).toEqual([{ source: 'env', file: join('chung', 'b', 'mini-2024.yaml') }]);
    // CCHC_CRITERIA comes before the shipped catalogs.
    const tinh = l.find((c) => c.id === 'tinh-2948-2018')!;
    expect(tinh.source).toBe('env');
    expect(tinh.shadowed.map((s) => s.source)).toEqual(['shipped']);
    expect(codes(run.stderr).sort()).toEqual(['catalog.dir_not_found', 'catalog.shadowed', 'catalog.shadowed']);
    expect(run.stderr).toContain(`${join('chung', 'b', 'mini-2024.yaml')}: cảnh báo:`);
    expect(a).not.toBe(b);
  });

  it('./criteria comes before CCHC_CRITERIA, which comes before the shipped catalogs', async () => {
    const w = workFolder();
    put(join(w, 'criteria/mini-2024.yaml'), catalog('Bộ thư mục làm việc'));
    put(join(w, 'chung/mini-2024.yaml'), catalog('Bộ dùng chung'));
    put(join(w, 'criteria/xa-mau-2024.yaml'), readFileSync(join(ROOT, 'criteria/xa-mau-2024.yaml'), 'utf8').replace(/^title: .*$/m, 'title: Bộ xã của tỉnh'));
    put(join(w, 'don-vi/xa.yaml'), unit('mini-2024'));
    const env = { CCHC_CRITERIA: join(w, 'chung') };
    expect(await scoredTitle(['don-vi/xa.yaml'], w, env)).toBe('Bộ thư mục làm việc');
    expect(await scoredTitle([join(ROOT, 'examples/hoang-viet-2024.yaml')], w, env)).toBe('Bộ xã của tỉnh');
    const { list: l } = await list(w, env);
    expect(l.find((c) => c.id === 'xa-mau-2024')!.shadowed).toEqual([{ source: 'shipped', file: join(ROOT, 'criteria/xa-mau-2024.yaml') }]);
    expect(l.find((c) => c.id === 'mini-2024')!.shadowed).toEqual([{ source: 'env', file: join('chung', 'mini-2024.yaml') }]);
  });

  it('an unknown id lists the ids of every folder searched', async () => {
    const w = workFolder();
    put(join(w, 'criteria/mini-2024.yaml'), catalog('Bộ của tỉnh'));
    put(join(w, 'don-vi/xa.yaml'), unit('khong-co-2024'));
    const run = await cli(['score', 'don-vi/xa.yaml', '--json'], { cwd: w, env: { CCHC_CRITERIA: '' } });
    expect(run.code).toBe(2);
    expect(codes(run.stderr)).toEqual(['catalog.not_found']);
    expect(run.stderr).toContain('mini-2024, tinh-2948-2018, xa-mau-2024');
  });
});

describe('catalog: paths as written on Windows or on macOS', () => {
  it('a reference with backslashes (written on Windows) names the same file here', async () => {
    const w = workFolder();
    put(join(w, 'tieu-chi/mini-2024.yaml'), catalog('Bộ theo đường dẫn'));
    put(join(w, 'don-vi/xa.yaml'), unit('..\\tieu-chi\\mini-2024.yaml'));
    expect(await scoredTitle(['don-vi/xa.yaml'], w)).toBe('Bộ theo đường dẫn');
  });

  it('a catalog named in NFD (macOS) is found by an NFC reference, and an NFC one by an NFD reference', async () => {
    const w = workFolder();
    put(join(w, 'Bộ tiêu chí'.normalize('NFD'), 'mini-2024.yaml'), catalog('Bộ NFD'));
    put(join(w, 'Sở Nội vụ'.normalize('NFC'), 'mini-2024.yaml'), catalog('Bộ NFC'));
    put(join(w, 'don-vi/a.yaml'), unit('../Bộ tiêu chí/mini-2024.yaml'.normalize('NFC')));
    put(join(w, 'don-vi/b.yaml'), unit('../Sở Nội vụ/mini-2024.yaml'.normalize('NFD')));
    expect(await scoredTitle(['don-vi/a.yaml'], w)).toBe('Bộ NFD');
    expect(await scoredTitle(['don-vi/b.yaml'], w)).toBe('Bộ NFC');
    // The file name itself, too. An id is ASCII, so such a file is named by path (and warned about: its
    // name is not its id); it is found all the same.
    put(join(w, 'tiêu-chí-xã.yaml'.normalize('NFD')), catalog('Tên tệp NFD'));
    put(join(w, 'don-vi/c.yaml'), unit('../tiêu-chí-xã.yaml'.normalize('NFC')));
    expect(await scoredTitle(['don-vi/c.yaml'], w)).toBe('Tên tệp NFD');
  });

  it('a CCHC_CRITERIA folder typed in NFC finds the folder written in NFD', async () => {
    const w = workFolder();
    put(join(w, 'Bộ chung'.normalize('NFD'), 'mini-2024.yaml'), catalog('Bộ chung'));
    put(join(w, 'don-vi/xa.yaml'), unit('mini-2024'));
    expect(await scoredTitle(['don-vi/xa.yaml'], w, { CCHC_CRITERIA: join(w, 'Bộ chung').normalize('NFC') })).toBe('Bộ chung');
  });
});
