import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from './cli.js';
import { cli } from '../cli/run.js';
import { tmp } from '../xlsx/support.js';
import { customProperties, sha256, stamp } from '../support/properties.js';

/**
 * Every result says what made it: the cchc version, the catalog's id and the SHA-256 of its file, and
 * the SHA-256 of each input. The hashes are recomputed here from the files' bytes with node:crypto.
 * (A workbook saved again by LibreOffice keeps them: test/support/libreoffice.test.ts.)
 */
const EXAMPLE = 'examples/hoang-viet-2024.yaml';
const CATALOG = 'criteria/xa-mau-2024.yaml';
const VAN_LANG = 'examples/van-lang-2024';
const LAST_YEAR = 'examples/van-lang-2023.json';

describe('provenance in JSON results', () => {
  it('score --json: version, catalog id and hash, the unit file’s hash', async () => {
    const run = await cli(['score', EXAMPLE, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).provenance).toEqual({
      cchc: VERSION,
      catalog: { id: 'xa-mau-2024', sha256: sha256(CATALOG) },
      inputs: [{ file: EXAMPLE, sha256: sha256(EXAMPLE) }],
    });
  });

  it('score --json of a filled workbook hashes the workbook’s bytes (and the template names its unit)', async () => {
    const dir = tmp();
    expect((await cli(['template', '--unit', EXAMPLE, '-o', join(dir, 'mau.xlsx')])).code).toBe(0);
    expect(await customProperties(join(dir, 'mau.xlsx'))).toEqual(stamp([[EXAMPLE, sha256(EXAMPLE)]]));
    const run = await cli(['score', join(dir, 'mau.xlsx'), '--json']);
    expect(run.code).toBe(0);
    const p = JSON.parse(run.stdout).provenance;
    expect(p.inputs).toEqual([{ file: join(dir, 'mau.xlsx'), sha256: createHash('sha256').update(readFileSync(join(dir, 'mau.xlsx'))).digest('hex') }]);
    expect(p.catalog).toEqual({ id: 'xa-mau-2024', sha256: sha256(CATALOG) });
  });

  it('batch --json: each unit’s file hash in its entry, the catalog and the --compare file in provenance', async () => {
    const run = await cli(['batch', VAN_LANG, '--json', '--compare', LAST_YEAR]);
    const j = JSON.parse(run.stdout) as { units: Array<{ file: string; sha256: string }>; provenance: unknown };
    expect(j.units.length).toBe(15);
    for (const u of j.units) expect(u.sha256, u.file).toBe(sha256(u.file));
    expect(j.provenance).toEqual({
      cchc: VERSION,
      catalog: { id: 'xa-mau-2024', sha256: sha256(CATALOG) },
      inputs: [{ file: LAST_YEAR, sha256: sha256(LAST_YEAR) }],
    });
  });

  it('validate --json: every file’s hash, and the catalog each evidence file was checked against', async () => {
    const run = await cli(['validate', CATALOG, EXAMPLE, 'examples/invalid/hoang-viet-loi.yaml', '--json']);
    const j = JSON.parse(run.stdout) as { files: Array<{ file: string; kind: string; sha256: string; catalog?: unknown }>; provenance: unknown };
    expect(j.provenance).toEqual({ cchc: VERSION });
    expect(j.files.map((f) => [f.file, f.kind, f.sha256])).toEqual(
      [CATALOG, EXAMPLE, 'examples/invalid/hoang-viet-loi.yaml'].map((f) => [f, f.startsWith('criteria') ? 'catalog' : 'evidence', sha256(f)]),
    );
    for (const f of j.files.filter((x) => x.kind === 'evidence')) expect(f.catalog).toEqual({ id: 'xa-mau-2024', sha256: sha256(CATALOG) });
  });
});

describe('provenance in workbooks (custom document properties: not on any sheet, not printed)', () => {
  it('the self-assessment form, the same bytes run after run', async () => {
    const dir = tmp();
    for (const name of ['a.xlsx', 'b.xlsx']) expect((await cli(['score', EXAMPLE, '--xlsx', join(dir, name)])).code).toBe(0);
    expect(readFileSync(join(dir, 'a.xlsx')).equals(readFileSync(join(dir, 'b.xlsx')))).toBe(true);
    expect(await customProperties(join(dir, 'a.xlsx'))).toEqual(stamp([[EXAMPLE, sha256(EXAMPLE)]]));
  });

  it('the fill-in template without a unit (with one: above)', async () => {
    const dir = tmp();
    expect((await cli(['template', '--catalog', 'xa-mau-2024', '-o', join(dir, 'trong.xlsx')])).code).toBe(0);
    expect(await customProperties(join(dir, 'trong.xlsx'))).toEqual(stamp([]));
  });

  it('the ranking workbook (the --compare file, then every ranked unit) and each unit’s form, the same bytes run after run', async () => {
    const dir = tmp();
    const runs = [];
    for (const name of ['a', 'b']) runs.push(await cli(['batch', VAN_LANG, '--compare', LAST_YEAR, '--xlsx', join(dir, `${name}.xlsx`), '--forms', join(dir, `bieu-${name}`), '--json']));
    for (const run of runs) expect(run.code).toBe(1);
    expect(readFileSync(join(dir, 'a.xlsx')).equals(readFileSync(join(dir, 'b.xlsx')))).toBe(true);
    const ranked = (JSON.parse(runs[0]!.stdout) as { units: Array<{ file: string }> }).units.map((u) => u.file);
    expect(await customProperties(join(dir, 'a.xlsx'))).toEqual(stamp([[LAST_YEAR, sha256(LAST_YEAR)], ...ranked.map((f): [string, string] => [f, sha256(f)])]));
    const forms = readdirSync(join(dir, 'bieu-a')).sort();
    expect(forms).toHaveLength(15);
    const hv = await customProperties(join(dir, 'bieu-a', '20101.xlsx'));
    expect(hv).toEqual(stamp([[`${VAN_LANG}/20101-hoang-viet.yaml`, sha256(`${VAN_LANG}/20101-hoang-viet.yaml`)]]));
    for (const f of forms) expect(readFileSync(join(dir, 'bieu-a', f)).equals(readFileSync(join(dir, 'bieu-b', f))), f).toBe(true);
  });
});
