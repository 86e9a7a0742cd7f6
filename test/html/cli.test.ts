import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoStackTrace, ROOT } from '../e2e/cli.js';
import { cli } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'cchc-html-'));
const out = (f: string) => join(dir, f);
const UNIT = 'examples/van-lang-2024/20101-hoang-viet.yaml';

/** Rows of the full ranking table: [rank label, code, name, …]. */
function tableRows(html: string): string[][] {
  const start = html.indexOf('id="bang-xep-hang"');
  const body = html.slice(html.indexOf('<tbody>', start) + 7, html.indexOf('</tbody>', start));
  return body
    .split('\n')
    .filter((l) => l.startsWith('<tr'))
    .map((l) => l.split('<td>').slice(1));
}

describe('cchc batch --html and cchc score --html', () => {
  beforeAll(async () => {
    const r = await cli(['batch', 'examples/van-lang-2024', '--compare', 'examples/van-lang-2023.json', '-q', '--html', out('huyen.html'), '--json', '-o', out('kq.json')]);
    expect(r.code).toBe(1); // the example's deliberately broken file
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the district report beside the other outputs, the same bytes run after run', async () => {
    const html = readFileSync(out('huyen.html'), 'utf8');
    const json = JSON.parse(readFileSync(out('kq.json'), 'utf8')) as { units: Array<{ code: string; rankLabel: string; index: number }> };
    expect(tableRows(html).map((r) => [r[0], r[1]])).toEqual(json.units.map((u) => [u.rankLabel, u.code]));
    expect(html).toContain('examples/van-lang-2024/20108-tan-tac.yaml:106:17');
    expect(html).toContain('Thay đổi thứ hạng so với năm 2023');
    const again = await cli(['batch', 'examples/van-lang-2024', '--compare', 'examples/van-lang-2023.json', '-q', '--html', out('lan-2.html')]);
    expect(again.stderr).toContain(`Đã ghi báo cáo HTML: ${out('lan-2.html')}`);
    expect(readFileSync(out('lan-2.html'))).toEqual(readFileSync(out('huyen.html')));
  });

  it('writes a unit report with its rank and the district averages from a saved ranking', async () => {
    const r = await cli(['score', UNIT, '--html', out('xa.html'), '--ranking', out('kq.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Đã ghi báo cáo HTML: ${out('xa.html')}`);
    expect(r.stdout).toContain('KẾT QUẢ TỰ ĐÁNH GIÁ');
    const html = readFileSync(out('xa.html'), 'utf8');
    expect(html).toContain('03/15');
    expect(html).toContain('Bình quân: 84,14%');
    expect(html).toContain('Văn phòng – thống kê');
  });

  it('refuses --ranking without --html, before reading anything', async () => {
    const r = await cli(['score', UNIT, '--ranking', out('kq.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(option.requires)');
    expect(r.stdout).toBe('');
  });

  it('refuses a ranking that is not JSON, at its line and column, and writes nothing', async () => {
    // Two results pasted into one file: JSON ends where the second starts.
    writeFileSync(out('hong.json'), '{\n  "formatVersion": 1\n}\n{}\n');
    const r = await cli(['score', UNIT, '--html', out('khong-ghi.html'), '--ranking', out('hong.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hong\.json:4:1: lỗi: .*\(file\.not_json\)/);
    expect(existsSync(out('khong-ghi.html'))).toBe(false);
    expectNoStackTrace(r);
  });

  it('refuses a ranking of another catalog year, and one where the unit’s index is not its index now', async () => {
    const kq = JSON.parse(readFileSync(out('kq.json'), 'utf8')) as { catalog: { year: number }; units: Array<{ code: string; index: number }> };
    writeFileSync(out('nam-khac.json'), JSON.stringify({ ...kq, catalog: { ...kq.catalog, year: 2023 } }));
    const year = await cli(['score', UNIT, '--html', out('khong-ghi.html'), '--ranking', out('nam-khac.json')]);
    expect(year.code).toBe(2);
    expect(year.stderr).toContain('bảng xếp hạng theo bộ tiêu chí "xa-mau-2024"/2023, còn đơn vị chấm theo "xa-mau-2024"/2024');
    expect(year.stderr).toContain('(ranking.catalog_differs)');
    const me = kq.units.find((u) => u.code === '20101')!;
    me.index = 90;
    writeFileSync(out('cu.json'), JSON.stringify(kq));
    const stale = await cli(['score', UNIT, '--html', out('khong-ghi.html'), '--ranking', out('cu.json')]);
    expect(stale.code).toBe(2);
    expect(stale.stderr).toContain('(ranking.index_differs)');
    expect(existsSync(out('khong-ghi.html'))).toBe(false);
  });

  it('never writes the report over an input', async () => {
    const r = await cli(['score', UNIT, '--html', out('kq.json'), '--ranking', out('kq.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(output.is_input)');
    const b = await cli(['batch', 'examples/van-lang-2024', '-q', '--compare', 'examples/van-lang-2023.json', '--html', 'examples/van-lang-2023.json']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('(output.is_input)');
  });

  it('keeps a unit named <script> as text in both reports', async () => {
    const units = join(dir, 'don-vi');
    mkdirSync(units);
    copyFileSync(join(ROOT, UNIT), join(units, 'a.yaml'));
    const hostile = readFileSync(join(ROOT, UNIT), 'utf8')
      .replace('code: "20101"', 'code: "20199"')
      .replace('name: UBND xã Hoàng Việt', 'name: "UBND xã <script>alert(1)</script> </style>"');
    writeFileSync(join(units, 'b.yaml'), hostile);
    const b = await cli(['batch', units, '-q', '--html', out('doc.html')]);
    expect(b.code).toBe(0);
    const s = await cli(['score', join(units, 'b.yaml'), '--html', out('doc-xa.html')]);
    expect(s.code).toBe(0);
    for (const f of ['doc.html', 'doc-xa.html']) {
      const html = readFileSync(out(f), 'utf8');
      expect(html).not.toContain('<script');
      expect(html).toContain('UBND xã &lt;script&gt;alert(1)&lt;/script&gt; &lt;/style&gt;');
      expect(html.split('</style>').length).toBe(2);
    }
  });
});
