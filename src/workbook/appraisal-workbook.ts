import type { Evidence } from '../core/schema/evidence.js';
import type { FlatCatalog, Leaf } from '../core/flat-catalog.js';
import type { ScoreResult } from '../core/scoring/score.js';
import type { AppraisedUnit } from '../core/appraisal/apply.js';
import { fieldOf, ratioKeys } from '../core/scoring/rules.js';
import { isNegative, toNumber } from '../core/fixed.js';
import { formatCitations } from '../core/schema/citation.js';
import { describeRule, describeValue, statusLabel } from '../reporters/describe.js';
import { REASON_WORDS } from '../reporters/appraisal-words.js';
import { plainNumber } from '../reporters/number.js';
import { BOX, colName, FONT, fitRowHeights, input, line, pageSetup, POINTS, put, text } from './sheet-style.js';
import { choices, numberInput } from './template-layout.js';
import {
  ACOL,
  APPRAISAL_KIND,
  APPRAISAL_SHEET,
  APPRAISAL_VERSION,
  EXPLANATION_KIND,
  EXPLANATION_SHEET,
  FIRST_ROW,
  GUIDE_SHEET,
  HEAD_ROW,
  META_SHEET,
  REASON_LIST,
  ROUND_FIELDS,
  ROUND_SHEET,
  XCOL,
} from './appraisal-layout.js';
import { newWorkbook, type Cell, type Workbook, type Worksheet } from '../xlsx/excel.js';

const GREY = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFD9D9D9' } };
const vi = (n: number) => plainNumber(n, 'vi');
const PROTECT = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true };

const invalid = (error: string) => ({ showErrorMessage: true, errorTitle: 'Giá trị không hợp lệ', error });

/** The hidden sheet: what the workbook is, its catalog, year and unit, and the drop-down lists (from column D). */
class Meta {
  private listCol = 4;
  private readonly lists = new Map<string, string>();
  constructor(readonly ws: Worksheet) {}
  listFor(labels: readonly string[]): string {
    const key = labels.join('\u0000');
    let ref = this.lists.get(key);
    if (!ref) {
      const col = colName(this.listCol++);
      labels.forEach((l, i) => (this.ws.getCell(`${col}${i + 2}`).value = l));
      ref = `'${META_SHEET}'!$${col}$2:$${col}$${labels.length + 1}`;
      this.lists.set(key, ref);
    }
    return ref;
  }
}

interface Head {
  kind: string;
  catalogRef: string;
  year: number;
  unit: { code: string; name: string };
  /** The overlay a giải trình workbook was made from (its SHA-256), so an overlay changed since is noticed. */
  overlaySha256?: string | null;
}

function metaSheet(wb: Workbook, h: Head): Meta {
  const ws = wb.addWorksheet(META_SHEET, { state: 'hidden' });
  const rows: Array<[string, string | number]> = [
    [h.kind, APPRAISAL_VERSION],
    ['catalog', h.catalogRef],
    ['year', h.year],
    ['unit', h.unit.code],
    ['overlay', h.overlaySha256 ?? ''],
  ];
  rows.forEach(([k, v], i) => {
    ws.getCell(`A${i + 1}`).value = k;
    ws.getCell(`B${i + 1}`).value = v;
  });
  ws.getCell('A6').value = 'item';
  ws.getCell('B6').value = 'row';
  ws.getCell('D1').value = 'lists';
  return new Meta(ws);
}

function guideSheet(wb: Workbook, lines: readonly string[]): void {
  const ws = wb.addWorksheet(GUIDE_SHEET);
  ws.columns = [{ width: 68 }];
  lines.forEach((t, i) => (put(ws, `A${i + 1}`, t, { bold: i === 0, size: i === 0 ? 14 : 12 }).alignment = { vertical: 'top', wrapText: true }));
  fitRowHeights(ws, 1, lines.length);
  pageSetup(ws, { lastRow: lines.length, lastCol: 'A', titleRows: '', freezeRows: 0 });
  ws.pageSetup.orientation = 'portrait';
  ws.views = [{ state: 'normal' }];
}

/** "Vòng": who does this step and when (the only inputs besides the table), above the unit it is about. */
async function roundSheet(wb: Workbook, title: string, unit: { code: string; name: string }, year: number, by: string | undefined): Promise<void> {
  const ws = wb.addWorksheet(ROUND_SHEET);
  ws.columns = [{ width: 34 }, { width: 56 }];
  put(ws, 'A1', title, { bold: true, size: 13 });
  const values: Record<string, string | number | undefined> = { unit: unit.name, code: unit.code, year, by };
  ROUND_FIELDS.forEach(([key, label], i) => {
    const r = i + 2;
    const head = put(ws, `A${r}`, label, { size: 11 });
    head.border = BOX;
    head.alignment = { vertical: 'top', wrapText: true };
    const c = ws.getCell(`B${r}`);
    if (key === 'by' || key === 'date') input(c).value = values[key] !== undefined ? text(String(values[key])) : null;
    else {
      c.value = typeof values[key] === 'string' ? text(values[key]) : (values[key] ?? null);
      c.border = BOX;
      c.font = { name: FONT, size: 11 };
    }
  });
  await ws.protect('', PROTECT);
  pageSetup(ws, { lastRow: ROUND_FIELDS.length + 1, lastCol: 'B', titleRows: '', freezeRows: 0 });
  ws.pageSetup.orientation = 'portrait';
  ws.views = [{ state: 'normal' }];
}

function headRow(ws: Worksheet, heads: readonly string[]): void {
  heads.forEach((h, i) => {
    const c = put(ws, `${colName(i + 1)}${HEAD_ROW}`, h, { bold: true, size: 11 });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BOX;
  });
}

function locked(ws: Worksheet, addr: string, value: Cell['value'], o: { bold?: boolean; points?: boolean } = {}): Cell {
  const c = ws.getCell(addr);
  c.value = typeof value === 'string' ? text(value) : value;
  c.border = BOX;
  c.font = { name: FONT, size: 11, bold: Boolean(o.bold) };
  c.alignment = { vertical: 'top', wrapText: true, ...(o.points ? { horizontal: 'right' as const } : {}) };
  if (o.points) c.numFmt = POINTS;
  return c;
}

const APPRAISAL_GUIDE = [
  'HƯỚNG DẪN THẨM ĐỊNH (VÒNG 1)',
  '',
  '1. Trang "Vòng": ghi người hoặc cơ quan thẩm định và ngày thẩm định (ô màu vàng).',
  '2. Trang "Thẩm định lần 1": mỗi dòng là một tiêu chí thành phần, với số liệu, tài liệu kiểm chứng và điểm tự đánh giá của đơn vị.',
  '   Tiêu chí Hội đồng giữ nguyên: để trống các ô màu vàng.',
  '   Tiêu chí Hội đồng thay đổi: ghi MỘT trong hai cách, và chọn lý do ở cột K:',
  '   - Cột H (và I): số liệu Hội đồng xác định lại — cchc chấm lại theo đúng quy tắc của tiêu chí (cột D). Với tiêu chí có tử số và',
  '     mẫu số: cột H là tử số, cột I là mẫu số.',
  '   - Cột J: điểm Hội đồng chấm (từ 0 đến điểm tối đa), ví dụ 0 khi không có tài liệu kiểm chứng.',
  '   - Lý do "Nhiệm vụ không phát sinh" mà không ghi H, J: tiêu chí được xét là không phát sinh theo quy tắc của tiêu chí.',
  '   Cột L: tài liệu kiểm chứng còn thiếu; cột M: ghi chú thẩm định (bắt buộc khi chọn "Lý do khác").',
  '3. Không thêm, xóa, di chuyển dòng hay sửa các ô bị khóa.',
  '4. Chuyển thành tệp thẩm định: cchc import tham-dinh.xlsx -o tham-dinh.yaml — rồi cchc score don-vi.yaml --appraisal tham-dinh.yaml',
];

/**
 * The appraiser's workbook for round 1 (`cchc template --appraisal don-vi.yaml`): one row per
 * sub-criterion with the unit's declared value, documents and self-score, input cells for the
 * council's corrected value or points, the reason (drop-down), the missing document and a note.
 */
export async function appraisalWorkbook(flat: FlatCatalog, evidence: Evidence, self: ScoreResult, catalogRef: string): Promise<Workbook> {
  const cat = flat.catalog;
  const wb = await newWorkbook();
  const unit = { code: evidence.unit.code, name: evidence.unit.name };
  guideSheet(wb, APPRAISAL_GUIDE);
  await roundSheet(wb, `THẨM ĐỊNH CHỈ SỐ CCHC NĂM ${cat.year} — VÒNG 1`, unit, cat.year, undefined);
  const ws = wb.addWorksheet(APPRAISAL_SHEET);
  const meta = metaSheet(wb, { kind: APPRAISAL_KIND, catalogRef, year: cat.year, unit });
  const reasons = meta.listFor(REASON_LIST.map(([l]) => l));
  const widths = [8, 40, 8, 34, 22, 40, 10, 14, 10, 10, 26, 26, 30];
  ws.columns = widths.map((width) => ({ width }));
  line(ws, 'A1:M1', `THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${cat.year} — ${text(unit.name).toUpperCase()}`, { bold: true, size: 14 });
  line(ws, 'A2:M2', `Bộ tiêu chí: ${cat.id} — ${cat.title}`, { italic: true, size: 11 });
  line(ws, 'A3:M3', 'Chỉ nhập vào các ô màu vàng: số liệu (H, I) hoặc điểm (J) Hội đồng xác định, lý do (K). Xem trang "Hướng dẫn".', { italic: true, size: 11 });
  headRow(ws, [
    'Mã',
    'Tiêu chí thành phần',
    'Điểm tối đa',
    'Cách tính điểm',
    'Số liệu đơn vị kê khai',
    'Tài liệu kiểm chứng của đơn vị',
    'Điểm tự đánh giá',
    'Số liệu thẩm định (hoặc tử số)',
    'Mẫu số',
    'Điểm thẩm định',
    'Lý do',
    'Tài liệu còn thiếu',
    'Ghi chú thẩm định',
  ]);
  const items = new Map(self.items.map((i) => [i.code, i]));
  let row = FIRST_ROW;
  let metaRow = 7;
  for (const leaf of flat.leaves.values()) {
    const r = row++;
    const it = items.get(leaf.code)!;
    const ev = evidence.items[leaf.code];
    locked(ws, `${ACOL.code}${r}`, leaf.code);
    locked(ws, `${ACOL.name}${r}`, leaf.section === 'areas' ? leaf.name : `${leaf.name} (${leaf.area.name.toLowerCase()})`);
    locked(ws, `${ACOL.max}${r}`, toNumber(leaf.max), { points: true });
    const keys = ratioKeys(leaf.rule);
    const cols = keys && (leaf.rule.kind === 'rate_bands' || leaf.rule.kind === 'pro_rata')
      ? `\nCột H: ${fieldOf(leaf.rule.numerator)?.label ?? keys.numerator}; cột I: ${fieldOf(leaf.rule.denominator)?.label ?? keys.denominator}.`
      : '';
    locked(ws, `${ACOL.rule}${r}`, `${describeRule(leaf.rule, toNumber(leaf.max), 'vi', cat.decimals)}${cols}`);
    locked(ws, `${ACOL.declared}${r}`, it.status === 'unanswered' ? 'Chưa kê khai' : describeValue(it, leaf.rule, 'vi'));
    locked(ws, `${ACOL.documents}${r}`, formatCitations(ev?.documents));
    locked(ws, `${ACOL.self}${r}`, it.points === null ? statusLabel(it.status, 'vi') : toNumber(it.points), { points: it.points !== null });
    valueInputs(ws, r, leaf, meta);
    const pts = input(ws.getCell(`${ACOL.points}${r}`));
    pts.numFmt = POINTS;
    pts.dataValidation = { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, toNumber(leaf.max)], ...invalid(`Điểm từ 0 đến ${vi(toNumber(leaf.max))}.`) };
    input(ws.getCell(`${ACOL.reason}${r}`)).dataValidation = { type: 'list', allowBlank: true, formulae: [reasons], ...invalid('Chọn một lý do trong danh sách.') };
    input(ws.getCell(`${ACOL.missing}${r}`));
    input(ws.getCell(`${ACOL.note}${r}`));
    meta.ws.getCell(`A${metaRow}`).value = leaf.code;
    meta.ws.getCell(`B${metaRow++}`).value = r;
  }
  await ws.protect('', PROTECT);
  fitRowHeights(ws, HEAD_ROW, row - 1);
  pageSetup(ws, { lastRow: row - 1, lastCol: 'M', titleRows: `${HEAD_ROW}:${HEAD_ROW}`, freezeRows: HEAD_ROW });
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 2, visibility: 'visible' }];
  return wb;
}

/** The council's value cells of one item: a drop-down or a checked number in H, a denominator in I for a ratio. */
function valueInputs(ws: Worksheet, r: number, leaf: Leaf, meta: Meta): void {
  const h = input(ws.getCell(`${ACOL.value}${r}`));
  const i = ws.getCell(`${ACOL.denominator}${r}`);
  const list = choices(leaf.rule);
  const num = numberInput(leaf.rule, toNumber(leaf.max));
  if (list) h.dataValidation = { type: 'list', allowBlank: true, formulae: [meta.listFor(list.map(([l]) => l))], ...invalid('Chọn một giá trị trong danh sách.') };
  else if (num) {
    const error = num.expected === 'count' ? 'Cần số nguyên không âm.' : num.expected === 'percent' ? 'Cần tỷ lệ % từ 0 đến 100.' : `Điểm từ 0 đến ${vi(num.max)}.`;
    h.dataValidation = { type: num.whole ? 'whole' : 'decimal', operator: 'between', allowBlank: true, formulae: [num.min, num.max], ...invalid(error) };
  }
  if (ratioKeys(leaf.rule)) {
    input(i).dataValidation = { type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0], ...invalid('Cần số nguyên không âm.') };
  } else {
    i.fill = GREY;
    i.border = BOX;
  }
}

const EXPLANATION_GUIDE = [
  'HƯỚNG DẪN GIẢI TRÌNH',
  '',
  '1. Trang "Vòng": ghi đơn vị giải trình và ngày giải trình (ô màu vàng).',
  '2. Trang "Giải trình" liệt kê các tiêu chí thành phần Hội đồng thẩm định đã giảm điểm ở vòng 1, với điểm tự đánh giá, điểm',
  '   thẩm định, lý do và ghi chú của Hội đồng (tài liệu còn thiếu).',
  '3. Với tiêu chí đơn vị không đồng ý: ghi giải trình ở cột H và các tài liệu bổ sung ở cột I, mỗi văn bản một dòng (Alt+Enter),',
  '   theo mẫu "Kế hoạch số 35/KH-UBND ngày 19/01/2024 của UBND xã … về …". Tiêu chí đơn vị đồng ý: để trống.',
  '4. Không thêm, xóa, di chuyển dòng hay sửa các ô bị khóa.',
  '5. Gửi lại tệp này cho Hội đồng. Hội đồng nhập: cchc import giai-trinh.xlsx --appraisal tham-dinh.yaml -o tham-dinh-giai-trinh.yaml',
];

/**
 * The unit's explanation workbook (`cchc template --explanation tham-dinh.yaml --unit don-vi.yaml`):
 * only the items round 1 reduced, with the council's reason, notes and missing documents, and room
 * for the unit's explanation and new documents.
 */
export async function explanationWorkbook(flat: FlatCatalog, au: AppraisedUnit, catalogRef: string, overlaySha256: string | null): Promise<Workbook> {
  const cat = flat.catalog;
  const wb = await newWorkbook();
  const u = au.self.unit;
  const unit = { code: u.code, name: u.name };
  guideSheet(wb, EXPLANATION_GUIDE);
  await roundSheet(wb, `GIẢI TRÌNH KẾT QUẢ THẨM ĐỊNH CHỈ SỐ CCHC NĂM ${cat.year}`, unit, cat.year, u.name);
  const ws = wb.addWorksheet(EXPLANATION_SHEET);
  const meta = metaSheet(wb, { kind: EXPLANATION_KIND, catalogRef, year: cat.year, unit, overlaySha256 });
  ws.columns = [8, 40, 8, 10, 10, 26, 36, 44, 44].map((width) => ({ width }));
  line(ws, 'A1:I1', `GIẢI TRÌNH KẾT QUẢ THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${cat.year} — ${text(u.name).toUpperCase()}`, { bold: true, size: 14 });
  const r1 = au.rounds.find((x) => x.round === 'tham_dinh_1');
  line(ws, 'A2:I2', text(`Thẩm định lần 1: ${r1?.by ?? ''}, ngày ${r1?.date ?? ''}`), { italic: true, size: 11 });
  line(ws, 'A3:I3', 'Chỉ nhập vào các ô màu vàng: giải trình (H) và tài liệu bổ sung (I) của tiêu chí đơn vị không đồng ý. Xem trang "Hướng dẫn".', { italic: true, size: 11 });
  headRow(ws, ['Mã', 'Tiêu chí thành phần', 'Điểm tối đa', 'Điểm tự đánh giá', 'Điểm thẩm định lần 1', 'Lý do của Hội đồng', 'Ghi chú, tài liệu còn thiếu', 'Giải trình của đơn vị', 'Tài liệu bổ sung (mỗi văn bản một dòng)']);
  let row = FIRST_ROW;
  let metaRow = 7;
  // Only what round 1 reduced (fewer points, or assessed where the unit said the task did not arise): what the unit may dispute.
  for (const t of au.trails.filter((x) => isNegative(x.effect) || (x.self === null && x.appraised !== null))) {
    const leaf = flat.leaves.get(t.code)!;
    const step = t.steps.find((s) => s.round === 'tham_dinh_1');
    const r = row++;
    const pts = (x: typeof t.self) => (x === null ? 'Không đánh giá' : toNumber(x));
    locked(ws, `${XCOL.code}${r}`, leaf.code);
    locked(ws, `${XCOL.name}${r}`, leaf.name);
    locked(ws, `${XCOL.max}${r}`, toNumber(leaf.max), { points: true });
    locked(ws, `${XCOL.self}${r}`, pts(t.self), { points: t.self !== null });
    locked(ws, `${XCOL.appraised}${r}`, pts(t.appraised), { points: t.appraised !== null });
    const reason = step && 'reason' in step ? REASON_WORDS.vi[step.reason] : '';
    locked(ws, `${XCOL.reason}${r}`, reason);
    const notes = step && step.round !== 'giai_trinh' ? [step.note, step.missing ? `Tài liệu còn thiếu: ${step.missing}` : undefined].filter(Boolean).join('\n') : '';
    locked(ws, `${XCOL.note}${r}`, notes);
    input(ws.getCell(`${XCOL.explanation}${r}`));
    input(ws.getCell(`${XCOL.documents}${r}`));
    meta.ws.getCell(`A${metaRow}`).value = leaf.code;
    meta.ws.getCell(`B${metaRow++}`).value = r;
  }
  if (row === FIRST_ROW) line(ws, `A${row}:I${row++}`, 'Hội đồng thẩm định không giảm điểm tiêu chí nào ở vòng 1: không có nội dung cần giải trình.', { italic: true, size: 11 });
  await ws.protect('', PROTECT);
  fitRowHeights(ws, HEAD_ROW, row - 1);
  pageSetup(ws, { lastRow: row - 1, lastCol: 'I', titleRows: `${HEAD_ROW}:${HEAD_ROW}`, freezeRows: HEAD_ROW });
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 2, visibility: 'visible' }];
  return wb;
}
