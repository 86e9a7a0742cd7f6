import type { CatalogNode } from '../schema/catalog.js';
import type { Evidence } from '../schema/evidence.js';
import type { CatalogIndex } from '../scoring/catalog-index.js';
import type { ScoreResult } from '../scoring/score.js';
import type { Lang } from '../i18n/number.js';
import { describeRule, describeValue } from '../reporters/describe.js';
import { formatCitations } from './citation.js';
import { BOX, colName, FONT, fitRowHeights, headerBlock, line, pageSetup, put, text } from './sheet-style.js';
import { newWorkbook, type Workbook, type Worksheet } from './xlsx.js';
import { type Fixed, fromNumber, percent, ZERO } from '../scoring/fixed.js';

export const FORM_SHEET = 'Tự đánh giá';
export const SUMMARY_SHEET = 'Tổng hợp theo lĩnh vực';

const HEAD = [
  'STT',
  'Lĩnh vực, tiêu chí, tiêu chí thành phần',
  'Điểm tối đa',
  'Số liệu kê khai',
  'Cách tính điểm',
  'Tài liệu kiểm chứng',
  'Điểm tự đánh giá',
  'Giải trình',
  'Điểm thẩm định',
  'Ghi chú thẩm định',
];
const WIDTHS = [8, 46, 9, 24, 34, 42, 11, 28, 11, 18];
/** Hidden column K: the applicable max of each row (0 when not assessed), so the footer can sum it. */
const APPLICABLE_COL = 'K';
const HEAD_ROW = 9;
const FIRST_ROW = HEAD_ROW + 2;

interface Placed {
  row: number;
  points: number;
  applicable: number;
  max: number;
}

const num = (v: number) => Math.round(v * 10_000) / 10_000;
/** Points have at most four decimals: back to exact fixed point for the percentages (ROUND(…, 2) in the sheet). */
const fixed = (x: number): Fixed => fromNumber(x) ?? ZERO;

function sumFormula(col: string, rows: number[]): string {
  return rows.length === 1 ? `${col}${rows[0]}` : `SUM(${rows.map((r) => `${col}${r}`).join(',')})`;
}

/**
 * The standard self-assessment form (par-index.md §6): one row per area, criterion and sub-criterion,
 * totals as live formulas whose cached results are cchc's own numbers, ready to print on A4 landscape.
 */
export async function formWorkbook(result: ScoreResult, index: CatalogIndex, evidence: Evidence, lang: Lang): Promise<Workbook> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(FORM_SHEET);
  ws.columns = [...WIDTHS.map((width) => ({ width })), { width: 10, hidden: true }];
  const u = result.unit;
  headerBlock(ws, 10, { parent: u.parent, unit: u.name, place: u.place ?? u.name.replace(/^UBND\s+(xã|phường|thị trấn|huyện|quận)\s+/i, ''), date: evidence.date });
  line(ws, 'A5:J5', `BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${result.catalog.year}`, { bold: true, size: 14 });
  line(ws, 'A6:J6', `của ${u.name}`, { bold: true });
  line(ws, 'A7:J7', `(Theo ${result.catalog.title}${result.catalog.template ? ' — bộ tiêu chí mẫu' : ''})`, { italic: true, size: 11 });
  ws.getRow(5).height = 22;

  HEAD.forEach((h, i) => {
    const c = put(ws, `${colName(i + 1)}${HEAD_ROW}`, h, { bold: true, size: 11 });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BOX;
    const n = put(ws, `${colName(i + 1)}${HEAD_ROW + 1}`, `(${i + 1})`, { italic: true, size: 10 });
    n.alignment = { horizontal: 'center' };
    n.border = BOX;
  });
  ws.getRow(HEAD_ROW).height = 33;

  const items = new Map(result.items.map((i) => [i.code, i]));
  const ev = evidence.items;
  let row = FIRST_ROW;

  const styleRow = (r: number, bold: boolean) => {
    for (let c = 1; c <= 10; c++) {
      const cell = ws.getCell(r, c);
      // Bold on a criterion's code, name and points; its rule and citations stay plain to be read.
      cell.font = { name: FONT, size: 11, bold: bold && (c <= 3 || c === 7) };
      cell.border = BOX;
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: c === 3 || c === 7 || c === 9 ? 'right' : c === 1 ? 'center' : 'left' };
      if (c === 3 || c === 7 || c === 9) cell.numFmt = '0.00';
    }
    ws.getCell(`${APPLICABLE_COL}${r}`).numFmt = '0.00';
  };

  const place = (n: CatalogNode, depth: number): Placed => {
    const r = row++;
    const isArea = depth === 0;
    put(ws, `A${r}`, n.code);
    put(ws, `B${r}`, isArea ? n.name.toUpperCase() : n.name);
    if (n.children?.length) {
      styleRow(r, depth <= 1);
      const kids = n.children.map((k) => place(k, depth + 1));
      const rows = kids.map((k) => k.row);
      const p = num(kids.reduce((s, k) => s + k.points, 0));
      const a = num(kids.reduce((s, k) => s + k.applicable, 0));
      ws.getCell(`C${r}`).value = { formula: sumFormula('C', rows), result: n.max };
      ws.getCell(`G${r}`).value = { formula: sumFormula('G', rows), result: p };
      ws.getCell(`${APPLICABLE_COL}${r}`).value = { formula: sumFormula(APPLICABLE_COL, rows), result: a };
      return { row: r, points: p, applicable: a, max: n.max };
    }
    styleRow(r, depth <= 1);
    const it = items.get(n.code)!;
    const leaf = index.leaves.get(n.code)!;
    const e = ev[n.code];
    ws.getCell(`C${r}`).value = n.max;
    ws.getCell(`D${r}`).value = text(it.status === 'unanswered' ? 'Chưa kê khai' : describeValue(it, leaf.rule, lang));
    ws.getCell(`E${r}`).value = text(describeRule(leaf.rule, n.max, lang, result.decimals));
    ws.getCell(`F${r}`).value = text(formatCitations(e?.documents));
    if (it.status === 'not_applicable') {
      ws.getCell(`G${r}`).value = 'Không đánh giá';
      ws.getCell(`G${r}`).font = { name: FONT, size: 10, italic: true };
    } else {
      ws.getCell(`G${r}`).value = it.points ?? 0;
    }
    ws.getCell(`H${r}`).value = text(e?.note);
    ws.getCell(`${APPLICABLE_COL}${r}`).value = it.applicableMax;
    return { row: r, points: it.points ?? 0, applicable: it.applicableMax, max: n.max };
  };

  const areas = index.catalog.areas.map((a) => place(a, 0));

  const adjustments: Partial<Record<'bonus' | 'penalty', { rows: number[]; cap: number; value: number }>> = {};
  for (const section of ['bonus', 'penalty'] as const) {
    const adj = index.catalog[section];
    if (!adj) continue;
    const r = row++;
    put(ws, `B${r}`, `${adj.name.toUpperCase()} (tối đa ${String(adj.max).replace('.', ',')} điểm)`);
    styleRow(r, true);
    const placed = adj.items.map((n) => place(n, 2));
    adjustments[section] = { rows: placed.map((p) => p.row), cap: adj.max, value: result[section] };
  }

  // Footer: totals as live formulas with cchc's numbers cached.
  row++;
  const footer = (label: string, formula: string, value: number | string, fmt = '0.00') => {
    const r = row++;
    ws.mergeCells(`A${r}:F${r}`);
    put(ws, `A${r}`, label, { bold: true, size: 11 }).alignment = { horizontal: 'right' };
    const c = ws.getCell(`G${r}`);
    c.value = { formula, result: value };
    c.font = { name: FONT, size: 11, bold: true };
    c.numFmt = fmt;
    c.alignment = { horizontal: 'right', vertical: 'top', wrapText: true };
    for (const col of ['A', 'G']) ws.getCell(`${col}${r}`).border = BOX;
    return r;
  };
  const achievedRow = footer('Tổng điểm các lĩnh vực', sumFormula('G', areas.map((a) => a.row)), result.achieved);
  const adjRow = (s: 'bonus' | 'penalty', label: string) => {
    const a = adjustments[s];
    return a ? footer(label, `MIN(${sumFormula('G', a.rows)},${a.cap})`, a.value) : undefined;
  };
  const bonusRow = adjRow('bonus', 'Điểm thưởng');
  const penaltyRow = adjRow('penalty', 'Điểm trừ');
  const totalExpr = `G${achievedRow}${bonusRow ? `+G${bonusRow}` : ''}${penaltyRow ? `-G${penaltyRow}` : ''}`;
  const totalRow = footer('Tổng điểm', `MAX(0,${totalExpr})`, result.total);
  const maxRow = footer('Tổng điểm tối đa áp dụng', sumFormula(APPLICABLE_COL, areas.map((a) => a.row)), result.applicableMax);
  const d = result.decimals;
  const indexRow = footer(
    'Chỉ số cải cách hành chính (%)',
    `IF(G${maxRow}=0,"",ROUND(G${totalRow}/G${maxRow}*100,${d}))`,
    result.index ?? '',
    d > 0 ? `0.${'0'.repeat(d)}` : '0',
  );
  const bands = [...index.catalog.bands].sort((a, b) => b.from - a.from);
  const bandFormula = bands.reduceRight(
    (acc, b) => `IF(G${indexRow}>=${b.from},"${b.label.replace(/"/g, '""')}",${acc})`,
    '""',
  );
  footer('Xếp loại', `IF(G${indexRow}="","",${bandFormula})`, result.band ?? '', '@');

  // Signature block
  row++;
  line(ws, `G${row}:J${row}`, 'TM. ỦY BAN NHÂN DÂN', { bold: true });
  row++;
  line(ws, `G${row}:J${row}`, 'CHỦ TỊCH', { bold: true });
  row += 4;
  if (evidence.signer) line(ws, `G${row}:J${row}`, text(evidence.signer), { bold: true });
  fitRowHeights(ws, HEAD_ROW, row);
  pageSetup(ws, { lastRow: row, lastCol: 'J', titleRows: `${HEAD_ROW}:${HEAD_ROW + 1}`, freezeRows: HEAD_ROW + 1 });

  summarySheet(wb, ws, result, index, areas);
  return wb;
}

/** Second sheet: per area max, applicable max, points and % of the applicable max, linked to the form. */
function summarySheet(wb: Workbook, form: Worksheet, result: ScoreResult, index: CatalogIndex, areas: Placed[]): void {
  const ws = wb.addWorksheet(SUMMARY_SHEET);
  ws.columns = [8, 48, 12, 14, 12, 12].map((width) => ({ width }));
  line(ws, 'A1:F1', `TỔNG HỢP ĐIỂM THEO LĨNH VỰC NĂM ${result.catalog.year}`, { bold: true, size: 13 });
  line(ws, 'A2:F2', result.unit.name, { bold: true });
  const head = ['STT', 'Lĩnh vực', 'Điểm tối đa', 'Điểm tối đa áp dụng', 'Điểm đạt', 'Tỷ lệ (%)'];
  head.forEach((h, i) => {
    const c = put(ws, `${colName(i + 1)}4`, h, { bold: true, size: 11 });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BOX;
  });
  const ref = (col: string, r: number) => `'${form.name}'!${col}${r}`;
  const first = 5;
  index.catalog.areas.forEach((a, i) => {
    const r = first + i;
    const p = areas[i]!;
    put(ws, `A${r}`, a.code, { size: 11 });
    put(ws, `B${r}`, a.name, { size: 11 });
    ws.getCell(`C${r}`).value = { formula: ref('C', p.row), result: p.max };
    ws.getCell(`D${r}`).value = { formula: ref(APPLICABLE_COL, p.row), result: p.applicable };
    ws.getCell(`E${r}`).value = { formula: ref('G', p.row), result: p.points };
    const pct = p.applicable === 0 ? '' : percent(fixed(p.points), fixed(p.applicable), 2).value;
    ws.getCell(`F${r}`).value = { formula: `IF(D${r}=0,"",ROUND(E${r}/D${r}*100,2))`, result: pct };
  });
  const last = first + areas.length - 1;
  const t = last + 1;
  put(ws, `B${t}`, 'Tổng cộng', { bold: true, size: 11 });
  ws.getCell(`C${t}`).value = { formula: `SUM(C${first}:C${last})`, result: num(areas.reduce((s, a) => s + a.max, 0)) };
  ws.getCell(`D${t}`).value = { formula: `SUM(D${first}:D${last})`, result: result.applicableMax };
  ws.getCell(`E${t}`).value = { formula: `SUM(E${first}:E${last})`, result: result.achieved };
  ws.getCell(`F${t}`).value = {
    formula: `IF(D${t}=0,"",ROUND(E${t}/D${t}*100,2))`,
    result: result.applicableMax === 0 ? '' : percent(fixed(result.achieved), fixed(result.applicableMax), 2).value,
  };
  for (let r = 4; r <= t; r++) {
    for (let c = 1; c <= 6; c++) {
      const cell = ws.getCell(r, c);
      cell.border = BOX;
      if (r > 4) {
        cell.font = { name: FONT, size: 11, bold: r === t };
        cell.alignment = { vertical: 'top', wrapText: true };
        if (c >= 3) cell.numFmt = '0.00';
      }
    }
  }
  fitRowHeights(ws, 4, t);
  pageSetup(ws, { lastRow: t, lastCol: 'F', titleRows: '4:4', freezeRows: 4 });
}
