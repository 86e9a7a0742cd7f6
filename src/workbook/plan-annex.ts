import type { FlatCatalog } from '../core/flat-catalog.js';
import type { PlanData } from '../core/plan/plan.js';
import { newWorkbook, type Workbook } from '../xlsx/excel.js';
import { BOX, colName, decimalFormat, fitRowHeights, FONT, line, pageSetup, put, text } from './sheet-style.js';
import { annexHead, annexRows, dateText, deadlineShort } from './plan-words.js';

export const ANNEX_SHEET = 'Mục tiêu phấn đấu';
const WIDTHS = [6, 46, 9, 9, 10, 30, 28, 18, 11];
const HEAD_ROW = 5;

/**
 * The plan's annex "Mục tiêu phấn đấu" as a workbook, the same rows as in the Word document: points stay
 * numbers (two decimals, Vietnamese format), for the office to follow the plan during the year.
 */
export async function planAnnexWorkbook(plan: PlanData, flat: FlatCatalog, o: { date?: string; deadline: string }): Promise<Workbook> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(ANNEX_SHEET);
  ws.columns = WIDTHS.map((width) => ({ width }));
  const last = colName(WIDTHS.length);
  const fmt = decimalFormat(plan.result.decimals);
  line(ws, `A1:${last}1`, 'Phụ lục', { bold: true, size: 13 });
  line(ws, `A2:${last}2`, `MỤC TIÊU PHẤN ĐẤU NĂM ${plan.planYear}`, { bold: true, size: 13 });
  line(ws, `A3:${last}3`, `(Kèm theo Kế hoạch số        /KH-UBND ngày ${dateText(o.date, plan.planYear)} của ${text(plan.result.unit.name)})`, { italic: true, size: 12 });
  annexHead(plan).forEach((h, i) => {
    const c = put(ws, `${colName(i + 1)}${HEAD_ROW}`, h, { bold: true, size: 11 });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BOX;
  });
  ws.getRow(HEAD_ROW).height = 45;
  let r = HEAD_ROW + 1;
  for (const row of annexRows(plan, flat, deadlineShort(o.deadline))) {
    const bold = row.kind !== 'item';
    const values: Array<string | number | undefined> =
      row.kind === 'area' ? [row.stt, row.name] : [row.stt, row.name, row.max, row.points, row.target, row.value, row.priority, row.owner, row.deadline];
    WIDTHS.forEach((_, i) => {
      const c = ws.getCell(`${colName(i + 1)}${r}`);
      const v = values[i];
      c.value = typeof v === 'string' ? text(v) : (v ?? null);
      c.font = { name: FONT, size: 11, bold };
      c.border = BOX;
      c.alignment = { vertical: 'top', wrapText: true, horizontal: typeof v === 'number' ? 'right' : i === 0 || i === 8 ? 'center' : 'left' };
      if (typeof v === 'number') c.numFmt = fmt;
    });
    r++;
  }
  fitRowHeights(ws, HEAD_ROW + 1, r - 1);
  pageSetup(ws, { lastRow: r - 1, lastCol: last, titleRows: `${HEAD_ROW}:${HEAD_ROW}`, freezeRows: HEAD_ROW, freezeFrom: HEAD_ROW });
  return wb;
}
