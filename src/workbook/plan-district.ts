import type { WeakCriterion } from '../core/plan/district.js';
import { toNumber } from '../core/fixed.js';
import { newWorkbook, type Workbook } from '../xlsx/excel.js';
import { BOX, colName, decimalFormat, fitRowHeights, FONT, line, pageSetup, put, text } from './sheet-style.js';
import { pointsText } from '../reporters/number.js';

export const WEAK_SUMMARY_SHEET = 'Tiêu chí yếu';
const HEAD = ['STT', 'Mã', 'Tiêu chí, tiêu chí thành phần', 'Bộ phận tham mưu', 'Số đơn vị bị mất điểm', 'Tổng điểm bị mất', 'Các đơn vị bị mất điểm (điểm bị mất)'];
const WIDTHS = [6, 8, 48, 20, 12, 12, 60];
const HEAD_ROW = 4;

/**
 * The district's summary beside the units' plans: each criterion units lost points on, how many and
 * which units (points lost), most units first — what a district directive addresses.
 */
export async function districtSummaryWorkbook(o: { year: number; planYear: number; issuer: string; units: number; decimals: number }, weak: readonly WeakCriterion[]): Promise<Workbook> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(WEAK_SUMMARY_SHEET);
  ws.columns = WIDTHS.map((width) => ({ width }));
  const last = colName(WIDTHS.length);
  line(ws, `A1:${last}1`, `TIÊU CHÍ BỊ MẤT ĐIỂM Ở NHIỀU ĐƠN VỊ — CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${o.year}`, { bold: true, size: 13 });
  line(ws, `A2:${last}2`, `(${text(o.issuer)}; ${o.units} đơn vị; căn cứ chỉ đạo khắc phục năm ${o.planYear})`, { italic: true, size: 12 });
  HEAD.forEach((h, i) => {
    const c = put(ws, `${colName(i + 1)}${HEAD_ROW}`, h, { bold: true, size: 11 });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BOX;
  });
  let r = HEAD_ROW + 1;
  weak.forEach((w, i) => {
    const names = w.units.map((u) => `${text(u.name)} (${pointsText(u.lost, o.decimals, 'vi')})`).join('; ');
    const values: Array<string | number> = [i + 1, w.code, text(w.name), text(w.owner ?? ''), w.units.length, toNumber(w.lost), names];
    values.forEach((v, k) => {
      const c = ws.getCell(`${colName(k + 1)}${r}`);
      c.value = v;
      c.font = { name: FONT, size: 11 };
      c.border = BOX;
      c.alignment = { vertical: 'top', wrapText: true, horizontal: typeof v === 'number' ? (k === 0 ? 'center' : 'right') : 'left' };
      if (k === 5) c.numFmt = decimalFormat(o.decimals);
    });
    r++;
  });
  fitRowHeights(ws, HEAD_ROW + 1, r - 1);
  pageSetup(ws, { lastRow: Math.max(r - 1, HEAD_ROW), lastCol: last, titleRows: `${HEAD_ROW}:${HEAD_ROW}`, freezeRows: HEAD_ROW, freezeFrom: HEAD_ROW });
  return wb;
}
