import type { BatchReport, RankedUnit } from '../core/batch/report.js';
import { rankGroup } from '../core/batch/rank.js';
import { changeText } from '../reporters/change.js';
import { groupLabel } from '../reporters/groups.js';
import { formatFinding } from '../reporters/format-finding.js';
import { plainNumber } from '../reporters/number.js';
import {
  BOX,
  colName,
  COUNT,
  decimalFormat,
  FONT,
  fitRowHeights,
  headerBlock,
  line,
  linesFor,
  frozenViews,
  printSetup,
  put,
  reportNumber,
  text,
} from './sheet-style.js';
import { signatureBlock } from './signature.js';
import { heightOf, type Worksheet } from '../xlsx/excel.js';
import type { SheetBook } from '../xlsx/stream-writer.js';
import { type Fixed, fromNumber, percent, sub, toNumber, ZERO } from '../core/fixed.js';
import { scaled } from '../core/batch/rank.js';
import { ROUND_WORDS, reasonWords } from '../reporters/appraisal-words.js';

/** Points in a summary have at most four decimals: exact again for the percentages. */
const fixed = (x: number): Fixed => fromNumber(x) ?? ZERO;

export const RANKING_SHEET = 'Xếp hạng';
export const WEAK_SHEET = 'Tiêu chí yếu';
export const APPRAISAL_SHEET = 'Thẩm định';
export const areaSheetName = (code: string) => `Lĩnh vực ${code}`;

const HEAD_ROW = 8;
const col = colName;

/**
 * Every sheet of the ranking: the table's heading row frozen on screen, printed to fit the page width.
 * Rows are handed over as soon as they are final (book.rowsDone): a province's ranking is written as it
 * is made, so a row is never touched again once done, and each row is sized when it is written.
 */
const addSheet = (book: SheetBook, name: string) => book.addSheet(name, { views: frozenViews({ freezeRows: HEAD_ROW, freezeFrom: HEAD_ROW }), fitToPage: true });

async function rowDone(book: SheetBook, ws: Worksheet, row: number): Promise<void> {
  fitRowHeights(ws, row, row);
  await book.rowsDone(ws, row);
}

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
  const r = ws.getRow(row);
  values.forEach((v, i) => {
    const c = cols[i]!;
    const cell = r.getCell(i + 1);
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
  const symbol = who.office === 'Phòng Nội vụ' ? 'BC-PNV' : 'BC-SNV';
  headerBlock(ws, width, { parent: who.above || undefined, unit: who.office, place: who.place || '……', number: `Số: ${reportNumber(undefined, symbol)}` });
}

function heading(ws: Worksheet, width: number, r: BatchReport, units: readonly RankedUnit[], subtitle: string): void {
  const cat = r.catalog!;
  header(ws, width, units);
  line(ws, `A5:${col(width)}5`, `KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${cat.year} CỦA ${subjects(units, cat.level)}`, { bold: true, size: 14 });
  line(ws, `A6:${col(width)}6`, text(subtitle), { italic: true, size: 11 });
  ws.getRow(5).height = 36;
}

/** "16 tệp: 15 đơn vị được xếp hạng, 1 tệp không được xếp hạng": every file is counted, ranked or not. */
export function fileCount(r: BatchReport): string {
  const s = r.summary;
  const notRanked = s.files - s.ranked;
  const empty = r.invalid.length - notRanked;
  return (
    `${s.files} tệp: ${s.ranked} đơn vị được xếp hạng${notRanked ? `, ${notRanked} tệp không được xếp hạng` : ''}` +
    (empty > 0 ? `; ${empty} thư mục hoặc mẫu không có tệp nào` : '')
  );
}

/** A merged run of cells holding one wrapped text, its row as tall as the text needs. */
function mergedText(ws: Worksheet, row: number, from: number, to: number, value: string, widths: number[]): void {
  ws.mergeCells(`${col(from)}${row}:${col(to)}${row}`);
  const c = ws.getCell(`${col(from)}${row}`);
  c.value = text(value);
  c.font = { name: FONT, size: 11 };
  c.alignment = { vertical: 'top', horizontal: 'left', wrapText: true };
  for (let i = from; i <= to; i++) ws.getCell(`${col(i)}${row}`).border = BOX;
  const width = widths.slice(from - 1, to).reduce((a, b) => a + b, 0);
  const height = Math.ceil(linesFor(value, width, { size: 11 }) * 11 * 1.2 + 3);
  ws.getRow(row).height = Math.min(409, Math.max(heightOf(ws.getRow(row)) ?? 15, height));
}

export const NOT_RANKED = 'Không xếp hạng';

/**
 * Sheet "Xếp hạng": STT | Đơn vị | points per area | Tổng điểm | Chỉ số (%) | Xếp hạng | Xếp loại | Thay đổi,
 * then the files not ranked (with their first error), the summary and the signatures. On screen only the
 * table's heading row is frozen, with a filter on it; the Nghị định 30 header above it is for print.
 */
async function rankingSheet(book: SheetBook, r: BatchReport, units: readonly RankedUnit[], fmt: string): Promise<void> {
  const cat = r.catalog!;
  const ws = addSheet(book, RANKING_SHEET);
  const cols: Column[] = [
    { head: 'STT', width: 6, align: 'center' },
    { head: 'Đơn vị', width: 28 },
    // A compact heading (it stays frozen on screen and repeats on every printed page): the areas' names
    // are spelled out once, under the table.
    ...cat.areas.map((a): Column => ({ head: `Lĩnh vực ${a.code}\n(${plainNumber(a.max, 'vi')} điểm)`, width: 12, fmt })),
    { head: 'Tổng điểm', width: 10, fmt },
    ...(r.appraisals
      ? [
          { head: 'Tự đánh giá (%)', width: 10, fmt },
          { head: 'Thẩm định (%)', width: 10, fmt },
          { head: 'Chênh lệch', width: 10, fmt },
        ]
      : [{ head: 'Chỉ số (%)', width: 10, fmt }]),
    { head: 'Xếp hạng', width: 10, align: 'center' },
    { head: 'Xếp loại', width: 12 },
    ...(r.compare ? [{ head: 'Thay đổi', width: 24 }] : []),
  ];
  const widths = cols.map((c) => c.width);
  ws.columns = widths.map((width) => ({ width }));
  const template = cat.template ? ' — bộ tiêu chí mẫu' : '';
  const compared = r.compare ? `; so sánh với năm ${r.compare.year ?? 'trước'}` : '';
  const appraised = r.appraisals ? '; xếp hạng theo chỉ số sau thẩm định' : '';
  heading(ws, cols.length, r, units, `(Theo ${cat.title}${template}; ${fileCount(r)}${appraised}${compared})`);
  tableHead(ws, HEAD_ROW, cols);
  fitRowHeights(ws, HEAD_ROW, HEAD_ROW);
  const rankCol = 2 + cat.areas.length + (r.appraisals ? 5 : 3);

  let row = HEAD_ROW + 1;
  let stt = 0;
  for (const g of r.groups) {
    // Not merged: a filter and a sort over the table must not meet merged cells.
    if (r.groupBy) {
      tableRow(ws, row, cols, ['', `${groupLabel(r.groupBy, g.key, 'vi')} (${g.units.length} đơn vị)`, ...cols.slice(2).map(() => '')], true);
      await rowDone(book, ws, row++);
    }
    for (const u of g.units) {
      const points = new Map(u.areas.map((a) => [a.code, a]));
      const ch = u.change;
      const change = ch
        ? `${changeText(ch, u.groupSize, cat.decimals, 'vi')}${ch.merged && ch.previous ? `; so với ${ch.previous.name} (mã ${ch.previous.code}, hạng ${ch.previous.rankLabel}), đơn vị cũ xếp hạng cao nhất` : ''}`
        : undefined;
      tableRow(ws, row, cols, [
        ++stt,
        u.name,
        ...cat.areas.map((a) => {
          const p = points.get(a.code);
          return !p || p.applicableMax === 0 ? 'Không đánh giá' : p.points;
        }),
        u.total,
        ...(!r.appraisals
          ? [u.index]
          : u.appraisal
            ? [u.appraisal.selfIndex, u.index, (scaled(u.index, cat.decimals) - scaled(u.appraisal.selfIndex, cat.decimals)) / 10 ** cat.decimals]
            : [u.index, 'Chưa thẩm định', '']),
        u.rankLabel,
        u.band ?? '',
        ...(change !== undefined ? [change] : []),
      ]);
      await rowDone(book, ws, row++);
    }
  }
  const lastRanked = row - 1;
  ws.autoFilter = `A${HEAD_ROW}:${col(cols.length)}${lastRanked}`;

  // Files not ranked: listed, never silently missing (the subtitle counts them too).
  if (r.invalid.length) {
    groupRow(ws, row++, cols.length, `${NOT_RANKED} — tệp không hợp lệ (${r.invalid.length} tệp; lỗi đầu tiên của mỗi tệp)`);
    for (const inv of r.invalid) {
      const [first, ...more] = inv.findings;
      const reason = first ? `${formatFinding(first, 'vi')}${more.length ? ` (và ${more.length} lỗi khác)` : ''}` : inv.file;
      tableRow(ws, row, cols, [++stt, inv.unit?.name ?? inv.file, ...cols.slice(2).map(() => '')]);
      mergedText(ws, row, 3, rankCol - 1, reason, widths);
      put(ws, `${col(rankCol)}${row}`, NOT_RANKED, { size: 11 }).alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
      ws.getCell(`${col(rankCol)}${row}`).border = BOX;
      await rowDone(book, ws, row++);
    }
  }
  const tableEnd = row - 1;

  row++;
  const legend = `Lĩnh vực: ${cat.areas.map((a) => `${a.code}. ${a.name} (tối đa ${plainNumber(a.max, 'vi')} điểm)`).join('; ')}.`;
  mergedText(ws, row, 1, cols.length, legend, widths);
  const cell = ws.getCell(`A${row}`);
  cell.font = { name: FONT, size: 11, italic: true };
  for (let i = 1; i <= cols.length; i++) ws.getCell(`${col(i)}${row}`).border = {};
  row = summaryBlock(ws, row + 2, r, units, fmt);
  const who = issuer(units);
  row++;
  const left = signatureBlock(ws, row, 'A', 'B', { title: ['NGƯỜI LẬP BIỂU'], hint: '(Ký, ghi rõ họ tên)' });
  const right = signatureBlock(ws, row, col(cols.length - 3), col(cols.length), { title: [who.office === 'Phòng Nội vụ' ? 'TRƯỞNG PHÒNG' : 'GIÁM ĐỐC'] });
  const last = Math.max(left, right, tableEnd);
  printSetup(ws, { lastRow: last, lastCol: col(cols.length), titleRows: `${HEAD_ROW}:${HEAD_ROW}` });
  await book.sheetDone(ws);
}

/**
 * The summary under the table (BatchReport.summary): units ranked and not, mean, highest and lowest index
 * (with who), units per band. Numbers are numbers; returns the last row used.
 */
function summaryBlock(ws: Worksheet, start: number, r: BatchReport, units: readonly RankedUnit[], fmt: string): number {
  const s = r.summary;
  const d = r.catalog!.decimals;
  const who = (x: number | null) =>
    x === null
      ? ''
      : units
          .filter((u) => u.index.toFixed(d) === x.toFixed(d))
          .map((u) => u.name)
          .join(', ');
  const rows: Array<[string, number | null, string, string?]> = [
    ['Số tệp', s.files, COUNT],
    ['Số đơn vị được xếp hạng', s.ranked, COUNT],
    ['Số tệp không được xếp hạng', s.files - s.ranked, COUNT],
    ['Chỉ số bình quân (%)', s.average, fmt],
    ...(r.appraisals
      ? ([
          ['Số đơn vị đã thẩm định', r.appraisals.appraised, COUNT],
          ['Chỉ số tự đánh giá bình quân (%)', r.appraisals.selfAverage, fmt],
        ] as Array<[string, number | null, string]>)
      : []),
    ['Chỉ số cao nhất (%)', s.highest, fmt, who(s.highest)],
    ['Chỉ số thấp nhất (%)', s.lowest, fmt, who(s.lowest)],
    ...s.bands.map((b): [string, number, string] => [`Số đơn vị xếp loại ${b.label}`, b.units, COUNT]),
    ...(s.failUnder !== null ? [[`Số đơn vị dưới ngưỡng ${plainNumber(s.failUnder, 'vi')}%`, s.belowThreshold, COUNT] as [string, number, string]] : []),
  ];
  let row = start;
  const label = put(ws, `B${row}`, 'TỔNG HỢP', { bold: true, size: 11 });
  label.alignment = { vertical: 'middle' };
  row++;
  for (const [name, value, numFmt, detail] of rows) {
    const l = put(ws, `B${row}`, name, { size: 11 });
    l.border = BOX;
    l.alignment = { vertical: 'top', wrapText: true };
    const v = ws.getCell(`C${row}`);
    v.value = value;
    v.numFmt = numFmt;
    v.font = { name: FONT, size: 11, bold: true };
    v.border = BOX;
    v.alignment = { horizontal: 'right', vertical: 'top' };
    if (detail) put(ws, `D${row}`, text(detail), { size: 11, italic: true }).alignment = { vertical: 'top' };
    row++;
  }
  return row - 1;
}

/** One sheet per area: every unit's points and rate on that area, best rate first. */
async function areaSheet(book: SheetBook, r: BatchReport, units: readonly RankedUnit[], area: { code: string; name: string; max: number }, fmt: string): Promise<void> {
  const d = r.catalog!.decimals;
  const ws = addSheet(book, areaSheetName(area.code));
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
  line(ws, `A6:${col(cols.length)}6`, `(Điểm tối đa ${plainNumber(area.max, 'vi')}; tỷ lệ đạt = điểm đạt ÷ điểm tối đa áp dụng)`, { italic: true, size: 11 });
  tableHead(ws, HEAD_ROW, cols);
  ws.getRow(HEAD_ROW).height = 33;
  fitRowHeights(ws, HEAD_ROW, HEAD_ROW);

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
    tableRow(ws, row, cols, [
      ++stt,
      x.u.name,
      ...(r.groupBy ? [x.u.group ?? ''] : []),
      x.a.applicableMax,
      x.a.points,
      toNumber(sub(fixed(x.a.applicableMax), fixed(x.a.points))),
      x.rate,
      rankLabel,
    ]);
    await rowDone(book, ws, row++);
  }
  for (const x of notAssessed) {
    tableRow(ws, row, cols, [++stt, x.u.name, ...(r.groupBy ? [x.u.group ?? ''] : []), 0, 'Không đánh giá', '', '', '']);
    await rowDone(book, ws, row++);
  }
  printSetup(ws, { lastRow: row - 1, lastCol: col(cols.length), titleRows: `${HEAD_ROW}:${HEAD_ROW}`, numberFirstPage: true });
  await book.sheetDone(ws);
}

/** "Tiêu chí yếu": sub-criteria where the most units lost points, and the points lost in all. */
async function weakSheet(book: SheetBook, r: BatchReport, units: readonly RankedUnit[], fmt: string): Promise<void> {
  const ws = addSheet(book, WEAK_SHEET);
  const cols: Column[] = [
    { head: 'STT', width: 6, align: 'center' },
    { head: 'Mã', width: 8 },
    { head: 'Tiêu chí thành phần', width: 44 },
    { head: 'Lĩnh vực', width: 8, align: 'center' },
    { head: 'Điểm tối đa', width: 9, fmt },
    { head: 'Số đơn vị bị mất điểm', width: 11, fmt: COUNT },
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
  fitRowHeights(ws, HEAD_ROW, HEAD_ROW);
  let row = HEAD_ROW + 1;
  for (const [i, w] of r.weak.entries()) {
    const share = units.length ? percent(fixed(w.units), fixed(units.length), 2).value : 0;
    tableRow(ws, row, cols, [i + 1, w.code, w.name, w.area, w.max, w.units, share, w.lost, w.owner ?? '']);
    await rowDone(book, ws, row++);
  }
  printSetup(ws, { lastRow: Math.max(row - 1, HEAD_ROW), lastCol: col(cols.length), titleRows: `${HEAD_ROW}:${HEAD_ROW}`, numberFirstPage: true });
  await book.sheetDone(ws);
}

/**
 * The published ranking as a workbook: "Xếp hạng", one sheet per area, "Tiêu chí yếu". Numbers stay
 * numbers with the catalog's decimals; names and other text are always text, never formulas.
 */
export async function writeRanking(r: BatchReport, book: SheetBook): Promise<void> {
  if (!r.catalog) throw new Error('writeRanking: no catalog (nothing ranked)');
  const d = r.catalog.decimals;
  const fmt = decimalFormat(d);
  const units = r.groups.flatMap((g) => g.units);
  await rankingSheet(book, r, units, fmt);
  for (const a of r.catalog.areas) await areaSheet(book, r, units, a, fmt);
  await weakSheet(book, r, units, fmt);
  if (r.appraisals) await appraisalSheet(book, r, units, fmt);
}

/**
 * "Thẩm định": every change the appraisal council made, by criterion — the criteria changed in the most
 * units first (where units over-claim most), each with its units, self and appraised points and why.
 */
async function appraisalSheet(book: SheetBook, r: BatchReport, units: readonly RankedUnit[], fmt: string): Promise<void> {
  const ws = addSheet(book, APPRAISAL_SHEET);
  const a = r.appraisals!;
  const cols: Column[] = [
    { head: 'STT', width: 6, align: 'center' },
    { head: 'Mã', width: 8 },
    { head: 'Tiêu chí thành phần / đơn vị', width: 42 },
    { head: 'Điểm tối đa', width: 9, fmt },
    { head: 'Tự đánh giá', width: 10, fmt },
    { head: 'Thẩm định', width: 10, fmt },
    { head: 'Chênh lệch', width: 10, fmt },
    { head: 'Lý do', width: 30 },
    { head: 'Vòng', width: 14 },
  ];
  ws.columns = cols.map((c) => ({ width: c.width }));
  header(ws, cols.length, units);
  line(ws, `A5:${col(cols.length)}5`, 'CÁC THAY ĐỔI CỦA HỘI ĐỒNG THẨM ĐỊNH THEO TIÊU CHÍ THÀNH PHẦN', { bold: true, size: 13 });
  line(
    ws,
    `A6:${col(cols.length)}6`,
    `(${a.appraised}/${units.length} đơn vị được xếp hạng đã thẩm định; tiêu chí bị thay đổi ở nhiều đơn vị nhất trước; chênh lệch âm là bị giảm điểm)`,
    { italic: true, size: 11 },
  );
  tableHead(ws, HEAD_ROW, cols);
  fitRowHeights(ws, HEAD_ROW, HEAD_ROW);
  let row = HEAD_ROW + 1;
  const pts = (x: number | null) => (x === null ? 'Không đánh giá' : x);
  for (const [i, c] of a.changes.entries()) {
    const top = c.reasons[0]?.reason;
    tableRow(ws, row, cols, [i + 1, c.code, `${c.name} (${c.units} đơn vị)`, c.max, '', '', c.difference, top ? `Nhiều nhất: ${reasonWords(top, 'vi')}` : '', ''], true);
    await rowDone(book, ws, row++);
    for (const e of c.entries) {
      tableRow(ws, row, cols, ['', '', e.name, '', pts(e.self), pts(e.appraised), e.difference, e.reason ? reasonWords(e.reason, 'vi') : 'Chấp nhận giải trình', ROUND_WORDS.vi[e.round]]);
      await rowDone(book, ws, row++);
    }
  }
  if (!a.changes.length) {
    tableRow(ws, row, cols, ['', '', 'Hội đồng thẩm định giữ nguyên điểm tự đánh giá của mọi đơn vị.', '', '', '', '', '', '']);
    await rowDone(book, ws, row++);
  }
  printSetup(ws, { lastRow: row - 1, lastCol: col(cols.length), titleRows: `${HEAD_ROW}:${HEAD_ROW}`, numberFirstPage: true });
  await book.sheetDone(ws);
}
