import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formWorkbook, FORM_SHEET, SUMMARY_SHEET } from '../../src/export/form.js';
import { saveWorkbook } from '../../src/export/xlsx.js';
import { findSoffice, recalcWithLibreOffice } from '../support/libreoffice.js';
import { ROOT } from '../e2e/cli.js';
import { formulas, MINI, readBack, rowOf, scored, tmp } from './support.js';

const EXAMPLE = join(ROOT, 'examples/hoang-viet-2024.yaml');
const units = [MINI, EXAMPLE];
// CI installs LibreOffice (.ci/setup); elsewhere the check runs when it is present.
const run = Boolean(findSoffice()) || Boolean(process.env.CI);

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
      expect(await saveWorkbook(await formWorkbook(u.result, u.index, u.evidence.evidence!, 'vi'), out, [])).toEqual([]);
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
      expect(g('Tổng điểm')).toBeCloseTo(u.result.total, 9);
      expect(g('Tổng điểm tối đa áp dụng')).toBeCloseTo(u.result.applicableMax, 9);
      expect(g('Chỉ số cải cách hành chính (%)')).toBe(u.result.index);
      expect(g('Xếp loại')).toBe(u.result.band);
    }, 180_000);
  }
});
