import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveTemplate, templateWorkbook } from '../../src/workbook/template.js';
import { META_SHEET } from '../../src/workbook/template-layout.js';
import { diskCatalogs } from '../../src/io/catalog-source.js';
import { readTemplate } from '../../src/workbook/read-template.js';
import { expectNoStackTrace } from '../e2e/cli.js';
import { cli } from '../cli/run.js';
import { readBack, scored, tmp } from './support.js';

let template: string;
let dir: string;

beforeAll(async () => {
  const u = await scored();
  dir = tmp();
  template = join(dir, 'goc.xlsx');
  expect(await saveTemplate(await templateWorkbook(u.flat, u.evidence.evidence), template, [])).toEqual([]);
});

/** The template with its hidden catalog reference (_cchc!B2) set to `target`. */
async function pointedAt(target: string): Promise<string> {
  const wb = await readBack(template);
  wb.getWorksheet(META_SHEET)!.getCell('B2').value = target;
  const out = join(dir, 'mau.xlsx');
  await wb.xlsx.writeFile(out);
  return out;
}

async function findings(target: string) {
  const { loaded } = await readTemplate(await pointedAt(target), 'mau.xlsx', diskCatalogs());
  return loaded.findings;
}

describe("the hidden catalog reference (_cchc!B2) names the workbook's cell when it leads nowhere good", () => {
  const onB2 = (reason: string) => expect.objectContaining({ code: 'xlsx.catalog_ref', file: 'mau.xlsx', cell: "'_cchc'!B2", args: expect.objectContaining({ reason }) });

  it('a device, a FIFO (never opened: it would block), a directory, a /proc file', async () => {
    const fifo = join(dir, 'ong.yaml');
    execFileSync('mkfifo', [fifo]);
    mkdirSync(join(dir, 'thu-muc.yaml'));
    expect(await findings('/dev/zero')).toEqual([onB2('not_regular')]);
    expect(await findings(fifo)).toEqual([onB2('not_regular')]);
    expect(await findings('./thu-muc.yaml')).toEqual([onB2('directory')]);
    expect(await findings('/proc/self/environ')).toEqual([onB2('system')]);
  });

  it('a catalog file with errors: the cell first, then the file’s own errors', async () => {
    writeFileSync(join(dir, 'hong.yaml'), 'id: hong\nareas: [');
    const fs = await findings('./hong.yaml');
    expect(fs[0]).toEqual(onB2('invalid'));
    expect(fs.slice(1).length).toBeGreaterThan(0);
    expect(fs.slice(1).every((f) => f.file?.endsWith('hong.yaml'))).toBe(true);
  });

  it('through the CLI, a FIFO: exit 2 without hanging', async () => {
    const fifo = join(dir, 'ong2.yaml');
    execFileSync('mkfifo', [fifo]);
    await pointedAt(fifo);
    const run = await cli(['score', 'mau.xlsx'], { cwd: dir });
    expect(run.code).toBe(2);
    expectNoStackTrace(run);
    expect(run.stderr).toContain("mau.xlsx:'_cchc'!B2: lỗi: trang ẩn _cchc ghi bộ tiêu chí");
    expect(run.stderr).toContain('(xlsx.catalog_ref)');
  });
});
