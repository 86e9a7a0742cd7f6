import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cchc } from '../e2e/cli.js';
import { findPdftotext, findSoffice, printWithLibreOffice } from '../support/libreoffice.js';
import { tmp } from '../xlsx/support.js';

// CI installs LibreOffice and pdftotext (.ci/setup); elsewhere the check runs when both are present.
const run = (Boolean(findSoffice()) && Boolean(findPdftotext())) || Boolean(process.env.CI);
const squash = (t: string) => t.replace(/\s+/g, '');

describe.skipIf(!run)('the ranking workbook printed by LibreOffice with English (en-US) regional settings', () => {
  it('has decimal commas, the file not ranked, the summary and signatures, and page numbers from page 2', async () => {
    const file = join(tmp(), 'xep-hang.xlsx');
    expect(cchc(['batch', 'examples/van-lang-2024', '--xlsx', file, '-q']).code).toBe(1);
    const { pages } = await printWithLibreOffice(file, 'en-US');
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]).not.toMatch(/Trang \d/);
    expect(pages[1]).toContain(`Trang 2/${pages.length}`);
    const first = pages[0]!;
    // Hoàng Việt's row: its index with a decimal comma, never a point.
    expect(first).toMatch(/UBND xã Hoàng Việt(\s+\d+,\d\d){10}\s+03\/15/);
    expect(first).not.toMatch(/\d\.\d\d\b/);
    expect(squash(first)).toContain('16tệp:15đơnvịđượcxếphạng,1tệpkhôngđượcxếphạng');
    expect(squash(first)).toContain('UBNDxãTânTácexamples/van-lang-2024/20108-tan-tac.yaml:106:17');
    expect(squash(first)).toContain('Khôngxếphạng');
    expect(squash(first)).toMatch(/Chỉsốbìnhquân\(%\)84,14/);
    expect(squash(first)).toMatch(/NGƯỜILẬPBIỂUTRƯỞNGPHÒNG/);
  }, 180_000);
});
