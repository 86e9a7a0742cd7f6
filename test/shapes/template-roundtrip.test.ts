import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskCatalogs } from '../../src/io/catalog-source.js';
import { scoreEvidence } from '../../src/core/pipeline.js';
import { saveTemplate, templateWorkbook } from '../../src/workbook/template.js';
import { readTemplate } from '../../src/workbook/read-template.js';
import { INPUT_SHEET } from '../../src/workbook/template-layout.js';
import { ROOT } from '../e2e/cli.js';
import { readBack, scored, tmp } from '../xlsx/support.js';

/**
 * Every example unit of examples/catalog-shapes goes through the fill-in template and back: the same
 * evidence and the same score. Rules with several named inputs get one input row per input.
 */
const base = join(ROOT, 'examples/catalog-shapes');
const unitFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return unitFiles(p);
    return /\.yaml$/.test(e) && /(^|\n)unit:/.test(readFileSync(p, 'utf8')) ? [p] : [];
  });

describe('fill-in template round trip of every shape example', () => {
  for (const file of unitFiles(base).sort()) {
    it(file.slice(base.length + 1), async () => {
      const u = await scored(file);
      const out = join(tmp(), 'mau.xlsx');
      expect(await saveTemplate(await templateWorkbook(u.flat, u.evidence.evidence, u.catalogFile), out, [])).toEqual([]);
      const { loaded } = await readTemplate(out, 'mau.xlsx', diskCatalogs());
      expect(loaded.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect({ ...loaded.evidence, catalog: 'x' }).toEqual({ ...u.evidence.evidence, catalog: 'x' });
      const again = await scoreEvidence(loaded, diskCatalogs());
      expect(again.result).toEqual(u.result);
    });
  }

  it('gives each named input its own row, with a drop-down for yes/no', async () => {
    const u = await scored(join(base, '02-dieu-kien/don-vi.yaml'));
    const out = join(tmp(), 'mau.xlsx');
    await saveTemplate(await templateWorkbook(u.flat, undefined, u.catalogFile), out, []);
    const ws = (await readBack(out)).getWorksheet(INPUT_SHEET)!;
    const rowOf = (t: string) => {
      let r = -1;
      ws.eachRow((row, i) => {
        if (r < 0 && row.getCell('B').value === t) r = i;
      });
      return r;
    };
    const sub = rowOf('– Có bố trí kinh phí');
    expect(sub).toBeGreaterThan(0);
    expect(ws.getCell(`E${sub}`).dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell(`E${sub}`).protection).toMatchObject({ locked: false });
    expect(ws.getCell(`E${sub - 2}`).protection?.locked).not.toBe(false); // the item's own row takes no value
  });
});
