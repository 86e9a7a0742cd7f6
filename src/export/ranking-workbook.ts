import type { BatchReport, RankedUnit } from '../batch/report.js';
import { rankGroup } from '../batch/rank.js';
import { signed } from '../batch/compare.js';
import { BOX, colName, FONT, fitRowHeights, headerBlock, line, pageSetup, put, text } from './sheet-style.js';
import { newWorkbook, type Workbook, type Worksheet } from './xlsx.js';
import { type Fixed, fromNumber, percent, sub, toNumber, ZERO } from '../scoring/fixed.js';

/** Points in a summary have at most four decimals: exact again for the percentages. */
const fixed = (x: number): Fixed => fromNumber(x) ?? ZERO;

export const RANKING_SHEET = 'Xếp hạng';
export const WEAK_SHEET = 'Tiêu chí yếu';
export const areaSheetName = (code: string) => `Lĩnh vực ${code}`;

const HEAD_ROW = 8;
const col = colName;

/**
 * Who publishes the ranking (Nghị định 30 header, left): the body above the units and, under it, its
 * home-affairs office — a district's Phòng Nội vụ, or the province's Sở Nội vụ when the units answer
 * to the province directly or to several districts.
 */
export function issuer(units: readonly RankedUnit[]): { above: string; office: string; place: string } {
  const parents = [...new Set(units.map((u) => u.parent ?? ''))];
  const provinces = [...new Set(units.map((u) => u.province))];
  const province = provinces.length === 1 ? provinces[0]! : '';
  const provincial = (p: string) => /^(UBND|Ủy ban nhân dân)\s+tỉnh\b/i.test(p);
  if (parents.length === 1 && parents[0] && !provincial(parents[0])) {
    const above = parents[0];
    return { above, office: 'Phòng Nội vụ', place: above.replace(/^(UBND|Ủy ban nhân dân)\s+(huyện|quận|thị xã|thành phố)\s+/i, '') };
  }
  const above = parents.length === 1 && parents[0] ? parents[0] : province ? `UBND tỉnh ${province}` : '';
  return { above, office: 'Sở Nội vụ', place: province };
}

const SUBJECTS: Record<string, string> = { xa: 'XÃ', phuong: 'PHƯỜNG', thi_tran: 'THỊ TRẤN', dac_khu: 'ĐẶC KHU' };

/** "UBND CÁC XÃ, PHƯỜNG": the kinds of unit present, in the usual order; by level when no type is given. */
export function subjects(units: readonly RankedUnit[], level: string): string {
  if (level === 'xa') {
    const types = new Set(units.map((u) => u.type));
    const named = Object.keys(SUBJECTS).filter((t) => types.has(t));
    if (named.length && !types.has(undefined)) return `UBND CÁC ${named.map((t) => SUBJECTS[t]).join(', ')}`;
    return 'UBND CÁC XÃ, PHƯỜNG, THỊ TRẤN';
  }
  if (level === 'huyen') return 'UBND CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ';
  if (level === 'so') return 'CÁC SỞ, BAN, NGÀNH';
  return 'CÁC TỈNH, THÀNH PHỐ';
}

interface Column {
  head: string;
  width: number;
  align?: 'left' | 'center' | 'right';
  fmt?: string;
}

function tableHead(ws: Worksheet, row: number, cols: Column[]): void {
  cols.forEach((c, i) => {
    const cell = put(ws, `${col(i + 1)}${row}`, c.head, { bold: true, size: 11 });
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BOX;
  });
}

function tableRow(ws: Worksheet, row: number, cols: Column[], values: Array<string | number | null>, bold = false): void {
  values.forEach((v, i) => {
    const c = cols[i]!;
    const cell = ws.getCell(`${col(i + 1)}${row}`);
    cell.value = typeof v === 'string' ? text(v) : v;
    cell.font = { name: FONT, size: 11, bold };
    cell.border = BOX;
    cell.alignment = { vertical: 'top', wrapText: true, horizontal: c.align ?? (typeof v === 'number' ? 'right' : 'left') };
    if (c.fmt && typeof v === 'number') cell.numFmt = c.fmt;
  });
}

function groupRow(ws: Worksheet, row: number, width: number, label: string): void {
  ws.mergeCells(`A${row}:${col(width)}${row}`);
  const c = put(ws, `A${row}`, text(label), { bold: true, size: 11 });
  c.alignment = { horizontal: 'left', vertical: 'middle' };
  for (let i = 1; i <= width; i++) ws.getCell(`${col(i)}${row}`).border = BOX;
}

/** The Nghị định 30 header block; its empty merged cell under the agency gets the font too. */
function header(ws: Worksheet, width: number, units: readonly RankedUnit[]): void {
  const who = issuer(units);
  headerBlock(ws, width, { parent: who.above || undefined, unit: who.office, place: who.place || '……' });
  ws.getCell('A3').font = { name: FONT, size: 12 };
}

function heading(ws: Worksheet, width: number, r: BatchReport, units: readonly RankedUnit[], subtitle: string): void {
  const cat = r.catalog!;
  header(ws, width, units);
  line(ws, `A5:${col(width)}5`, `KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${cat.year} CỦA ${subjects(units, cat.level)}`, { bold: true, size: 14 });
  line(ws, `A6:${col(width)}6`, text(subtitle), { italic: true, size: 11 });
  ws.getRow(5).height = 36;
}

/** Sheet "Xếp hạng": STT | Đơn vị | points per area | Tổng điểm | Chỉ số (%) | Xếp hạng | Xếp loại | Thay đổi. */
function rankingSheet(wb: Workbook, r: BatchReport, units: readonly RankedUnit[], fmt: string): void {
  const cat = r.catalog!;
  const ws = wb.addWorksheet(RANKING_SHEET);
  const cols: Column[] = [
    { head: 'STT', width: 6, align: 'center' },
    { head: 'Đơn vị', width: 28 },
    ...cat.areas.map((a): Column => ({ head: `${a.code}. ${a.name} (${String(a.max).replace('.', ',')})`, width: 12, fmt })),
    { head: 'Tổng điểm', width: 10, fmt },
    { head: 'Chỉ số (%)', width: 10, fmt },
    { head: 'Xếp hạng', width: 10, align: 'center' },
    { head: 'Xếp loại', width: 12 },
    ...(r.compare ? [{ head: 'Thay đổi', width: 24 }] : []),
  ];
  ws.columns = cols.map((c) => ({ width: c.width }));
  const template = cat.template ? ' — bộ tiêu chí mẫu' : '';
  const compared = r.compare ? `; so sánh với năm ${r.compare.year ?? 'trước'}` : '';
  heading(ws, cols.length, r, units, `(Theo ${cat.title}${template}; ${units.length} đơn vị${compared})`);
  tableHead(ws, HEAD_ROW, cols);
  ws.getRow(HEAD_ROW).height = 80;

  let row = HEAD_ROW + 1;
  let stt = 0;
  for (const g of r.groups) {
    if (r.groupBy) groupRow(ws, row++, cols.length, `${g.label} (${g.units.length} đơn vị)`);
    for (const u of g.units) {
      const points = new Map(u.areas.map((a) => [a.code, a]));
      const ch = u.change;
      const change = ch
        ? `${ch.label}${ch.index === null ? '' : ` (${signed(ch.index, cat.decimals, 'vi')})`}${ch.merged && ch.previous ? `; so với ${ch.previous.name} (mã ${ch.previous.code}, hạng ${ch.previous.rankLabel}), đơn vị cũ xếp hạng cao nhất` : ''}`
        : undefined;
      tableRow(ws, row++, cols, [
        ++stt,
        u.name,
        ...cat.areas.map((a) => {
          const p = points.get(a.code);
          return !p || p.applicableMax === 0 ? 'Không đánh giá' : p.points;
        }),
        u.total,
        u.index,
        u.rankLabel,
        u.band ?? '',
        ...(change !== undefined ? [change] : []),
      ]);
    }
  }
  fitRowHeights(ws, HEAD_ROW, row - 1);
  pageSetup(ws, { lastRow: row - 1, lastCol: col(cols.length), titleRows: `${HEAD_ROW}:${HEAD_ROW}`, freezeRows: HEAD_ROW });
}

/** One sheet per area: every unit's points and rate on that area, best rate first. */
function areaSheet(wb: Workbook, r: BatchReport, units: readonly RankedUnit[], area: { code: string; name: string; max: number }, fmt: string): void {
  const d = r.catalog!.decimals;
  const ws = wb.addWorksheet(areaSheetName(area.code));
  const cols: Column[] = [
    { head: 'STT', width: 6, align: 'center' },
    { head: 'Đơn vị', width: 30 },
    ...(r.groupBy ? [{ head: 'Nhóm', width: 24 }] : []),
    { head: 'Điểm tối đa áp dụng', width: 12, fmt },
    { head: 'Điểm đạt', width: 10, fmt },
    { head: 'Điểm bị mất', width: 10, fmt },
    { head: 'Tỷ lệ đạt (%)', width: 10, fmt },
    { head: 'Xếp hạng lĩnh vực', width: 11, align: 'center' },
  ];
  ws.columns = cols.map((c) => ({ width: c.width }));
  header(ws, cols.length, units);
  line(ws, `A5:${col(cols.length)}5`, `LĨNH VỰC ${area.code}: ${area.name.toUpperCase()}`, { bold: true, size: 13 });
  line(ws, `A6:${col(cols.length)}6`, `(Điểm tối đa ${String(area.max).replace('.', ',')}; tỷ lệ đạt = điểm đạt ÷ điểm tối đa áp dụng)`, { italic: true, size: 11 });
  tableHead(ws, HEAD_ROW, cols);
  ws.getRow(HEAD_ROW).height = 33;

  const rows = units.map((u) => {
    const a = u.areas.find((x) => x.code === area.code) ?? { code: area.code, points: 0, applicableMax: 0 };
    const rate = a.applicableMax === 0 ? null : percent(fixed(a.points), fixed(a.applicableMax), d).value;
    return { u, a, rate };
  });
  const assessed = rankGroup(
    rows.filter((x) => x.rate !== null).map((x) => ({ code: x.u.code, name: x.u.name, index: x.rate!, x })),
    d,
  );
  const notAssessed = rows.filter((x) => x.rate === null);
  let row = HEAD_ROW + 1;
  let stt = 0;
  for (const { x, rankLabel } of assessed) {
    tableRow(ws, row++, cols, [
      ++stt,
      x.u.name,
      ...(r.groupBy ? [x.u.group ?? ''] : []),
      x.a.applicableMax,
      x.a.points,
      toNumber(sub(fixed(x.a.applicableMax), fixed(x.a.points))),
      x.rate,
      rankLabel,
    ]);
  }
  for (const x of notAssessed) {
    tableRow(ws, row++, cols, [++stt, x.u.name, ...(r.groupBy ? [x.u.group ?? ''] : []), 0, 'Không đánh giá', '', '', '']);
  }
  fitRowHeights(ws, HEAD_ROW, row - 1);
  pageSetup(ws, { lastRow: row - 1, lastCol: col(cols.length), titleRows: `${HEAD_ROW}:${HEAD_ROW}`, freezeRows: HEAD_ROW });
}

/** "Tiêu chí yếu": sub-criteria where the most units lost points, and the points lost in all. */
function weakSheet(wb: Workbook, r: BatchReport, units: readonly RankedUnit[], fmt: string): void {
  const ws = wb.addWorksheet(WEAK_SHEET);
  const cols: Column[] = [
    { head: 'STT', width: 6, align: 'center' },
    { head: 'Mã', width: 8 },
    { head: 'Tiêu chí thành phần', width: 44 },
    { head: 'Lĩnh vực', width: 8, align: 'center' },
    { head: 'Điểm tối đa', width: 9, fmt },
    { head: 'Số đơn vị bị mất điểm', width: 11, fmt: '0' },
    { head: 'Tỷ lệ đơn vị (%)', width: 10, fmt },
    { head: 'Tổng điểm bị mất', width: 10, fmt },
    { head: 'Bộ phận tham mưu', width: 22 },
  ];
  ws.columns = cols.map((c) => ({ width: c.width }));
  header(ws, cols.length, units);
  line(ws, `A5:${col(cols.length)}5`, 'CÁC TIÊU CHÍ THÀNH PHẦN BỊ MẤT ĐIỂM Ở NHIỀU ĐƠN VỊ NHẤT', { bold: true, size: 13 });
  line(ws, `A6:${col(cols.length)}6`, `(Trên ${units.length} đơn vị được xếp hạng; xếp theo số đơn vị bị mất điểm, rồi tổng điểm bị mất)`, { italic: true, size: 11 });
  tableHead(ws, HEAD_ROW, cols);
  ws.getRow(HEAD_ROW).height = 48;
  let row = HEAD_ROW + 1;
  r.weak.forEach((w, i) => {
    const share = units.length ? percent(fixed(w.units), fixed(units.length), 2).value : 0;
    tableRow(ws, row++, cols, [i + 1, w.code, w.name, w.area, w.max, w.units, share, w.lost, w.owner ?? '']);
  });
  fitRowHeights(ws, HEAD_ROW, row - 1);
  pageSetup(ws, { lastRow: Math.max(row - 1, HEAD_ROW), lastCol: col(cols.length), titleRows: `${HEAD_ROW}:${HEAD_ROW}`, freezeRows: HEAD_ROW });
}

/**
 * The published ranking as a workbook: "Xếp hạng", one sheet per area, "Tiêu chí yếu". Numbers stay
 * numbers with the catalog's decimals; names and other text are always text, never formulas.
 */
export async function rankingWorkbook(r: BatchReport): Promise<Workbook> {
  if (!r.catalog) throw new Error('rankingWorkbook: no catalog (nothing ranked)');
  const wb = await newWorkbook();
  const d = r.catalog.decimals;
  const fmt = d > 0 ? `0.${'0'.repeat(d)}` : '0';
  const units = r.groups.flatMap((g) => g.units);
  rankingSheet(wb, r, units, fmt);
  for (const a of r.catalog.areas) areaSheet(wb, r, units, a, fmt);
  weakSheet(wb, r, units, fmt);
  return wb;
}
