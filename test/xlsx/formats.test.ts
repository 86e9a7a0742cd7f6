import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskCatalogs } from '../../src/io/catalog-source.js';
import { readTemplate } from '../../src/workbook/read-template.js';
import { expectNoStackTrace } from '../e2e/cli.js';
import { cli } from '../cli/run.js';
import { entry, zip } from './hostile.js';
import { MINI_CATALOG, tmp } from './support.js';

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The start of an .xls (an OLE2 compound file); enough for cchc to recognise it. */
const xls = (extra = '') => Buffer.concat([OLE2, Buffer.alloc(504), Buffer.from(extra, 'utf16le')]);
/** An OpenDocument spreadsheet: a zip whose first part, "mimetype", names the format. */
const ods = () =>
  zip([
    entry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'),
    entry('content.xml', '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
  ]);

async function codes(bytes: Buffer | string, name: string) {
  const file = join(tmp(), name);
  writeFileSync(file, bytes);
  const { loaded } = await readTemplate(file, name, diskCatalogs(), { ref: MINI_CATALOG, fromDir: process.cwd() });
  return loaded.findings.map((f) => [f.code, f.args.format ?? null, f.file]);
}

describe('other spreadsheet formats get "save as .xlsx"', () => {
  it('.xls and .ods, by content, whatever the name says', async () => {
    expect(await codes(xls(), 'bieu.xls')).toEqual([['xlsx.unsupported_format', 'xls', 'bieu.xls']]);
    expect(await codes(xls(), 'bieu.xlsx')).toEqual([['xlsx.unsupported_format', 'xls', 'bieu.xlsx']]);
    expect(await codes(ods(), 'bieu.ods')).toEqual([['xlsx.unsupported_format', 'ods', 'bieu.ods']]);
    expect(await codes(ods(), 'bieu.xlsx')).toEqual([['xlsx.unsupported_format', 'ods', 'bieu.xlsx']]);
  });

  it('an .xls that is really a web page (as some software exports) is named by its extension', async () => {
    expect(await codes('<html><table><tr><td>1</td></tr></table></html>', 'bao-cao.xls')).toEqual([['xlsx.unsupported_format', 'xls', 'bao-cao.xls']]);
  });

  it('a password-protected workbook says so', async () => {
    expect(await codes(xls('EncryptedPackage'), 'mat-khau.xlsx')).toEqual([['xlsx.encrypted', null, 'mat-khau.xlsx']]);
  });

  it('score, validate, import, batch and template --unit: a coded finding naming the file, not YAML errors', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.ods'), ods());
    writeFileSync(join(dir, 'y.xls'), xls());
    const runs: Array<[string[], 'stdout' | 'stderr', number]> = [
      [['score', 'x.ods'], 'stderr', 2],
      [['score', 'y.xls', '--json'], 'stderr', 2],
      [['validate', 'x.ods', 'y.xls'], 'stdout', 2],
      [['import', 'x.ods', '-o', 'x.yaml'], 'stderr', 2],
      [['template', '--unit', 'y.xls', '-o', 'mau.xlsx'], 'stderr', 2],
      // batch lists every invalid file; with not one unit ranked the run is unusable: exit 2.
      [['batch', 'x.ods', 'y.xls'], 'stderr', 2],
    ];
    for (const [args, where, code] of runs) {
      const run = await cli(args, { cwd: dir });
      expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(code);
      expectNoStackTrace(run);
      expect(run[where]).not.toMatch(/\((yaml|schema)\./);
      for (const f of args.filter((a) => /\.(ods|xls)$/.test(a))) {
        expect(run[where]).toContain(`${f}: lỗi: định dạng .${f.split('.')[1]} chưa được hỗ trợ — hãy lưu thành .xlsx (xlsx.unsupported_format)`);
      }
    }
  });
});
