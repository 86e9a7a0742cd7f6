import { toNumber } from '../../src/core/fixed.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formWorkbook, FORM_SHEET, SUMMARY_SHEET } from '../../src/workbook/form.js';
import { saveWorkbook } from '../../src/xlsx/excel.js';
import { findPdftotext, findSoffice, printWithLibreOffice, type PrintedWord } from '../support/libreoffice.js';
import { recalcWithLibreOffice } from '../support/libreoffice.js';
import type { Evidence } from '../../src/core/schema/evidence.js';
import { scoreUnit } from '../../src/core/scoring/score.js';
import { ROOT } from '../e2e/cli.js';
import { formulas, MINI, readBack, rowOf, scored, tmp } from './support.js';

const EXAMPLE = join(ROOT, 'examples/hoang-viet-2024.yaml');
const units = [MINI, EXAMPLE];
// CI installs LibreOffice and pdftotext (.ci/setup); elsewhere the checks run when they are present.
const run = Boolean(findSoffice()) || Boolean(process.env.CI);
const print = (Boolean(findSoffice()) && Boolean(findPdftotext())) || Boolean(process.env.CI);

function cellAt(values: Record<string, (string | number | null)[][]>, sheet: string, addr: string) {
  const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return values[sheet]?.[Number(m[2]) - 1]?.[col] ?? null;
}

describe.skipIf(!run)('the form recalculated in LibreOffice', () => {
  for (const unit of units) {
    it(`every formula gives cchc's own number (${unit.split('/').pop()})`, async () => {
      const u = await scored(unit);
      const out = join(tmp(), 'form.xlsx');
      expect(await saveWorkbook(await formWorkbook(u.result, u.flat, u.evidence.evidence!, 'vi'), out, [])).toEqual([]);
      const recalculated = await recalcWithLibreOffice(out);
      const wb = await readBack(out);
      let checked = 0;
      for (const sheet of [FORM_SHEET, SUMMARY_SHEET]) {
        for (const [addr, { result }] of formulas(wb.getWorksheet(sheet)!)) {
          const lo = cellAt(recalculated, sheet, addr);
          if (typeof result === 'number') expect(Math.round(Number(lo) * 10_000) / 10_000, `${sheet}!${addr}`).toBe(result);
          else expect(lo ?? '', `${sheet}!${addr}`).toBe(result ?? '');
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(10);
      const ws = wb.getWorksheet(FORM_SHEET)!;
      const g = (label: string) => cellAt(recalculated, FORM_SHEET, `G${rowOf(ws, label)}`);
      expect(g('Tổng điểm')).toBeCloseTo(toNumber(u.result.total), 9);
      expect(g('Tổng điểm tối đa áp dụng')).toBeCloseTo(toNumber(u.result.applicableMax), 9);
      expect(g('Chỉ số cải cách hành chính (%)')).toBe(u.result.index);
      expect(g('Xếp loại')).toBe(u.result.band);
    }, 180_000);
  }
});

/** Text without spaces: pdftotext splits some words where LibreOffice draws a Vietnamese letter from another font. */
const squash = (t: string) => t.replace(/\s+/g, '');

/**
 * A printed line on page 1 that starts with the word `first` (the nth such line), as [left, right] in points:
 * the words that follow it on the same baseline without a gap wider than a few spaces.
 */
function lineAt(words: PrintedWord[], first: string, nth = 0): [number, number] {
  const starts = words.filter((w) => w.page === 1 && w.text.normalize('NFC') === first);
  const start = starts[nth];
  expect(start, `"${first}" not printed`).toBeDefined();
  let i = words.indexOf(start!);
  let right = start!.xMax;
  while (words[i + 1] && Math.abs(words[i + 1]!.yMin - start!.yMin) < 0.5 && words[i + 1]!.xMin - right < 6) right = words[++i]!.xMax;
  return [start!.xMin, right];
}

/** The rule printed just under a line: the nearest row of "─" below it that overlaps it. */
function ruleUnder(words: PrintedWord[], line: [number, number], y: number): number {
  const rule = words
    .filter((w) => w.page === 1 && /^─+$/.test(w.text) && w.yMin > y && w.xMax > line[0] && w.xMin < line[1])
    .sort((a, b) => a.yMin - b.yMin)[0];
  expect(rule, 'no rule under the line').toBeDefined();
  return rule!.xMax - rule!.xMin;
}

describe.skipIf(!print)('the form printed by LibreOffice with English (en-US) regional settings', () => {
  it('reads as signed: header, decimal commas, both scores where they differ, signature block, pages numbered from 2', async () => {
    const u = await scored(EXAMPLE);
    const ev: Evidence = {
      ...u.evidence.evidence!,
      signer: 'Âu Hồng Ngân',
      // One claim that differs from the rules, to see both numbers in print.
      items: { ...u.evidence.evidence!.items, '1.1.1': { ...u.evidence.evidence!.items['1.1.1'], claimed: 0.5 } },
    };
    const result = scoreUnit(u.flat, ev).result;
    const out = join(tmp(), 'bieu.xlsx');
    expect(await saveWorkbook(await formWorkbook(result, u.flat, ev, 'vi'), out, [])).toEqual([]);
    const { pages, words } = await printWithLibreOffice(out, 'en-US');
    const all = pages.join('\n');
    expect(pages.length).toBeGreaterThan(1);

    // Nghị định 30: no number on the first page; "Trang 2/N" on the second, N the whole printout.
    expect(pages[0]).not.toMatch(/Trang \d/);
    expect(pages[1]).toContain(`Trang 2/${pages.length}`);
    expect(pages[pages.length - 1]).toContain(`Trang ${pages.length}/${pages.length}`);

    // Header: number line, date line, rules measured on the page.
    expect(squash(pages[0]!)).toContain('Số:/BC-UBND');
    expect(squash(pages[0]!)).toContain('HoàngViệt,ngày');
    // The issuing body is the second line starting "UBND" (the first is the body above it).
    const body = lineAt(words, 'UBND', 1);
    const bodyY = words.filter((w) => w.page === 1 && w.text === 'UBND')[1]!.yMin;
    const bodyRule = ruleUnder(words, body, bodyY);
    expect(bodyRule).toBeGreaterThanOrEqual((body[1] - body[0]) / 3);
    expect(bodyRule).toBeLessThanOrEqual((body[1] - body[0]) / 2);
    // "Độc lập - Tự do - Hạnh phúc": its first letter is the first "Đ" printed on the page.
    const motto = lineAt(words, 'Đ');
    const mottoRule = ruleUnder(words, motto, words.find((w) => w.page === 1 && w.text.normalize('NFC') === 'Đ')!.yMin);
    expect(Math.abs(mottoRule - (motto[1] - motto[0])) / (motto[1] - motto[0])).toBeLessThan(0.1);

    // Decimal comma under en-US; the claim beside cchc's number, marked.
    expect(all).toContain(result.index!.toFixed(2).replace('.', ','));
    expect(all).not.toContain(result.index!.toFixed(2));
    expect(all).toMatch(/1,00\s+0,50 ≠/);
    expect(squash(all)).toContain('(≠)Ở1tiêuchíthànhphần');

    expect(squash(all)).toMatch(/TM\.ỦYBANNHÂNDÂNCHỦTỊCH.*ÂuHồngNgân/);
  }, 180_000);
});
