import { sumPoints } from '../core/fixed.js';
import type { CatalogNode } from '../core/schema/catalog.js';
import type { Evidence, ItemEvidence } from '../core/schema/evidence.js';
import type { FlatCatalog } from '../core/flat-catalog.js';
import { fieldOf, ratioKeys } from '../core/scoring/rules.js';
import { namedInputs, type NamedInput } from '../core/scoring/named.js';
import { describeRule } from '../reporters/describe.js';
import { plainNumber } from '../reporters/number.js';
import { formatCitations, parseCitation } from '../core/schema/citation.js';
import { BOX, colName, FONT, fitRowHeights, input, line, pageSetup, put, text } from './sheet-style.js';
import {
  COL,
  FIRST_ITEM_ROW,
  GUIDE_SHEET,
  HEAD_ROW,
  INPUT_SHEET,
  META_SHEET,
  TEMPLATE_VERSION,
  UNIT_FIELDS,
  SURVEY_ROW,
  UNIT_SHEET,
  choices,
  inputChoices,
  inputRef,
  inputRowLabel,
  RESPONSIBLE_COL,
  RESPONSIBLE_HEAD,
  numberInput,
  unitChoices,
  type NumberInput,
} from './template-layout.js';
import { newWorkbook, saveWorkbook, type PartEdit, type Workbook, type Worksheet } from '../xlsx/excel.js';
import type { Finding } from '../core/findings/finding.js';

const HEAD = ['Mã', 'Lĩnh vực / tiêu chí / tiêu chí thành phần', 'Điểm tối đa', 'Cách tính điểm', 'Số liệu kê khai (hoặc tử số)', 'Mẫu số', 'Không phát sinh: lý do', 'Tài liệu kiểm chứng (mỗi văn bản một dòng)', 'Giải trình', 'Điểm tự đánh giá'];
const WIDTHS = [8, 44, 8, 40, 18, 12, 24, 48, 28, 11];
/** Numbers in messages people read: decimal comma (0,5). */
const vi = (n: number) => plainNumber(n, 'vi');

/** The data-validation message of a number input, in words. */
function expects(num: NumberInput): string {
  if (num.expected === 'count') return 'Cần số nguyên không âm.';
  if (num.expected === 'percent') return `Cần tỷ lệ % từ ${vi(num.min)} đến ${vi(num.max)}, ví dụ 97,5.`;
  return `Điểm từ ${vi(num.min)} đến ${vi(num.max)}.`;
}

const GUIDE = [
  'HƯỚNG DẪN KÊ KHAI',
  '',
  '1. Trang "Đơn vị": điền thông tin đơn vị vào các ô màu vàng (mã, tên, cấp, tỉnh là bắt buộc); cấp và loại đơn vị chọn trong danh sách.',
  '2. Trang "Tự đánh giá": mỗi dòng là một tiêu chí thành phần. Chỉ nhập vào các ô màu vàng; các ô khác bị khóa.',
  '   - Cột E "Số liệu kê khai": chọn trong danh sách (Có/Không, Đúng hạn/Chậm/Không thực hiện, các mức), hoặc nhập số.',
  '     Với tiêu chí tính theo tỷ lệ có tử số và mẫu số: cột E là tử số, cột F là mẫu số (xem cột D để biết tử số, mẫu số là gì).',
  '     Với tiêu chí nhập tỷ lệ %: nhập số từ 0 đến 100, ví dụ 97,5 hoặc 97,5% (không nhập dạng phân số 0,975).',
  '   - Cột G: nếu nhiệm vụ không phát sinh trong năm, ghi lý do và để trống cột E, F.',
  '   - Cột H: tài liệu kiểm chứng, mỗi văn bản một dòng (Alt+Enter để xuống dòng), theo mẫu:',
  '     "Kế hoạch số 35/KH-UBND ngày 19/01/2024 của UBND xã Hoàng Việt về công tác cải cách hành chính năm 2024".',
  '   - Cột I: giải trình của đơn vị. Cột J: điểm tự đánh giá (không bắt buộc; cchc tự tính điểm theo quy tắc).',
  '3. Không thêm, xóa, di chuyển dòng hay sửa nội dung các ô bị khóa: cchc đối chiếu từng dòng với bộ tiêu chí.',
  '4. Chấm điểm: cchc score <tệp>.xlsx — hoặc chuyển sang YAML: cchc import <tệp>.xlsx -o don-vi.yaml',
  '',
  'Trang ẩn "_cchc" ghi mã bộ tiêu chí, năm và phiên bản biểu mẫu; không sửa trang này.',
];

const NAMED_GUIDE =
  '   - Tiêu chí có nhiều số liệu (nhiều điều kiện Có/Không, nhiều báo cáo, nhiều số đếm): mỗi số liệu một dòng ngay dưới tiêu chí, nhập ở cột E của dòng đó.';

/**
 * A4 for the two text sheets. pageSetup is made for the wide printed tables (landscape, heading frozen);
 * these sheets are narrow text, so they print portrait and scroll without a frozen row.
 */
function portraitA4(ws: Worksheet, lastRow: number, lastCol: string): void {
  pageSetup(ws, { lastRow, lastCol, titleRows: '', freezeRows: 0 });
  ws.pageSetup.orientation = 'portrait';
  ws.views = [{ state: 'normal' }];
}

/**
 * Rows keep the heights fitted to their text, without the "custom height" mark exceljs gives every row
 * with a height: with the mark, Excel and LibreOffice never grow a row again, so a longer text typed
 * into an input cell would print cut off. Without it, the row is re-fitted whenever a cell is edited.
 */
const growableRows: PartEdit = (name, data) =>
  /^xl\/worksheets\/[^/]+\.xml$/.test(name)
    ? Buffer.from(data.toString('utf8').replace(/<row\b[^>]*>/g, (tag) => tag.replace(/\scustomHeight="(?:1|true)"/, '')))
    : data;

/** Writes a template workbook (atomically, never over an input). */
export function saveTemplate(wb: Workbook, out: string, inputs: ReadonlyArray<string | undefined>): Promise<Finding[]> {
  return saveWorkbook(wb, out, inputs, growableRows);
}

const GREY = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFD9D9D9' } };

/** The input cell of one named input (its own row), pre-filled from evidence when given. */
function fillNamed(ws: Worksheet, r: number, named: NamedInput, value: unknown, listRef: string | undefined): void {
  const e = input(ws.getCell(`${COL.value}${r}`));
  ws.getCell(`${COL.denominator}${r}`).fill = GREY;
  const list = inputChoices(named);
  const invalid = { showErrorMessage: true, errorTitle: 'Giá trị không hợp lệ' };
  if (list && listRef) {
    e.dataValidation = { type: 'list', allowBlank: true, formulae: [listRef], ...invalid, error: 'Chọn một giá trị trong danh sách.' };
  } else if (named.type === 'count') {
    e.dataValidation = { type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0], ...invalid, error: 'Cần số nguyên không âm.' };
  } else if (named.type === 'date') {
    // Text, never a spreadsheet date: "10/03/2024" must not become 3 October on a machine set to English.
    e.numFmt = '@';
  }
  if (value === undefined || value === null) return;
  if (list) {
    const s = typeof value === 'string' ? value.normalize('NFC').toLowerCase() : value;
    const hit = list.find(([label, val]) => val === s || label.toLowerCase() === s);
    e.value = hit ? hit[0] : typeof value === 'string' ? value : JSON.stringify(value);
  } else if (value === false) e.value = 'không';
  else e.value = typeof value === 'number' ? value : typeof value === 'string' ? value : JSON.stringify(value);
}

/** The value cells of one item, pre-filled from evidence when given. */
function fillValue(ws: Worksheet, r: number, ev: ItemEvidence | undefined, node: CatalogNode, listRef: string | undefined): void {
  const rule = node.rule!;
  const e = input(ws.getCell(`${COL.value}${r}`));
  const f = ws.getCell(`${COL.denominator}${r}`);
  const keys = ratioKeys(rule);
  const list = choices(rule);
  const num = numberInput(rule, node.max);
  if (list && listRef) {
    e.dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [listRef],
      showErrorMessage: true,
      errorTitle: 'Giá trị không hợp lệ',
      error: 'Chọn một giá trị trong danh sách.',
    };
  } else if (num) {
    e.dataValidation = {
      type: num.whole ? 'whole' : 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [num.min, num.max],
      showErrorMessage: true,
      errorTitle: 'Giá trị không hợp lệ',
      error: expects(num),
    };
  }
  if (keys) {
    input(f).dataValidation = {
      type: 'whole',
      operator: 'greaterThanOrEqual',
      allowBlank: true,
      formulae: [0],
      showErrorMessage: true,
      errorTitle: 'Giá trị không hợp lệ',
      error: 'Cần số nguyên không âm.',
    };
  } else {
    f.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
  }
  const v = ev?.value;
  if (v === undefined) return;
  if (keys && typeof v === 'object') {
    e.value = v[keys.numerator] ?? null;
    f.value = v[keys.denominator] ?? null;
  } else if (list) {
    const s = typeof v === 'string' ? v.normalize('NFC').toLowerCase() : v;
    const hit = list.find(([, val]) => val === s);
    e.value = hit ? hit[0] : typeof v === 'string' ? v : JSON.stringify(v);
  } else if (typeof v === 'number') {
    e.value = v;
  } else {
    e.value = typeof v === 'string' ? v : JSON.stringify(v);
  }
}

/**
 * The fill-in workbook (`cchc template`): one row per sub-criterion, rule explained in words, input cells
 * with drop-downs and number validation, everything else locked, a hidden sheet naming catalog and version.
 */
export async function templateWorkbook(flat: FlatCatalog, evidence?: Evidence, catalogRef = flat.catalog.id): Promise<Workbook> {
  const cat = flat.catalog;
  const wb = await newWorkbook();
  const guide = wb.addWorksheet(GUIDE_SHEET);
  const unitWs = wb.addWorksheet(UNIT_SHEET);
  const ws = wb.addWorksheet(INPUT_SHEET);
  const meta = wb.addWorksheet(META_SHEET, { state: 'hidden' });

  // One column, so a spreadsheet program never scales it to the page: it must fit A4 portrait by itself, even
  // where Calibri (the width unit) is replaced by a wider font, as on LibreOffice without Carlito.
  guide.columns = [{ width: 68 }];
  const hasNamed = [...flat.leaves.values()].some((l) => namedInputs(l.rule));
  // Said only where the catalog has such items, so other templates keep their guide as it was.
  const guideLines = hasNamed ? [...GUIDE.slice(0, 8), NAMED_GUIDE, ...GUIDE.slice(8)] : GUIDE;
  guideLines.forEach((t, i) => {
    put(guide, `A${i + 1}`, t, { bold: i === 0, size: i === 0 ? 14 : 12 }).alignment = { vertical: 'top', wrapText: true };
  });
  fitRowHeights(guide, 1, guideLines.length);
  portraitA4(guide, guideLines.length, 'A');

  meta.getCell('A1').value = 'cchc_template';
  meta.getCell('B1').value = TEMPLATE_VERSION;
  meta.getCell('A2').value = 'catalog';
  // The id of a shipped catalog, or the path from the workbook's folder to the catalog file.
  meta.getCell('B2').value = catalogRef;
  meta.getCell('A3').value = 'year';
  meta.getCell('B3').value = cat.year;
  meta.getCell('A4').value = 'item';
  meta.getCell('B4').value = 'row';
  meta.getCell('D1').value = 'lists';
  let metaRow = 5;
  /** The hidden sheet's record of an item's row, and its plain-text citations. */
  const remember = (code: string, row: number, ev: { documents?: unknown[] | undefined } | undefined) => {
    meta.getCell(`A${metaRow}`).value = code;
    meta.getCell(`B${metaRow}`).value = row;
    // A citation kept as plain text that reads like a structured one stays plain when read back.
    const plainLines = (ev?.documents ?? []).filter((d): d is string => typeof d === 'string' && typeof parseCitation(d) !== 'string');
    if (plainLines.length) meta.getCell(`C${metaRow}`).value = plainLines.join('\n');
    metaRow++;
  };
  let listCol = 4; // D onwards: drop-down lists, one column per distinct list (Có/Không is written once)
  const lists = new Map<string, string>();
  const listFor = (labels: readonly string[]): string => {
    const key = labels.join('\u0000');
    let ref = lists.get(key);
    if (!ref) {
      const col = colName(listCol++);
      labels.forEach((l, i) => (meta.getCell(`${col}${i + 2}`).value = l));
      ref = `'${META_SHEET}'!$${col}$2:$${col}$${labels.length + 1}`;
      lists.set(key, ref);
    }
    return ref;
  };

  // Unit sheet
  unitWs.columns = [{ width: 40 }, { width: 50 }, { width: 14, hidden: true }];
  put(unitWs, 'A1', 'THÔNG TIN ĐƠN VỊ', { bold: true, size: 13 });
  put(unitWs, 'B1', `Năm đánh giá: ${cat.year}`, { bold: true });
  const src: Record<string, unknown> = { ...(evidence?.unit ?? { level: cat.level }), date: evidence?.date, signer: evidence?.signer };
  UNIT_FIELDS.forEach(([key, label, required], i) => {
    const r = i + 2;
    const head = put(unitWs, `A${r}`, `${label}${required ? ' *' : ''}`, { size: 11 });
    head.border = BOX;
    head.alignment = { vertical: 'top', wrapText: true };
    unitWs.getCell(`C${r}`).value = key;
    const c = input(unitWs.getCell(`B${r}`));
    const v = src[key];
    const list = unitChoices(key);
    if (Array.isArray(v)) c.value = v.join(', ');
    else if (typeof v === 'string') c.value = text(list?.find(([, code]) => code === v)?.[0] ?? v);
    if (list) {
      c.dataValidation = {
        type: 'list',
        allowBlank: !required,
        formulae: [listFor(list.map(([l]) => l))],
        showErrorMessage: true,
        errorTitle: 'Giá trị không hợp lệ',
        error: 'Chọn một giá trị trong danh sách.',
      };
    }
  });
  let unitRows = UNIT_FIELDS.length + 1;
  if (cat.survey_share) {
    const r = SURVEY_ROW.row;
    const head = put(unitWs, `A${r}`, SURVEY_ROW.label, { size: 11 });
    head.border = BOX;
    head.alignment = { vertical: 'top', wrapText: true };
    unitWs.getCell(`C${r}`).value = SURVEY_ROW.key;
    const c = input(unitWs.getCell(`B${r}`));
    if (evidence?.survey_not_run !== undefined) c.value = evidence.survey_not_run ? 'Có' : 'Không';
    c.dataValidation = { type: 'list', allowBlank: true, formulae: ['"Có,Không"'], showErrorMessage: true, errorTitle: 'Giá trị không hợp lệ', error: 'Chọn Có hoặc Không.' };
    unitRows = r;
  }
  fitRowHeights(unitWs, 2, unitRows);
  portraitA4(unitWs, unitRows, 'B');

  // Input sheet
  const sign = cat.responsible_column === true || Object.values(evidence?.items ?? {}).some((i) => i.responsible !== undefined);
  ws.columns = [...WIDTHS, ...(sign ? [20] : [])].map((width) => ({ width }));
  line(ws, 'A1:J1', `BIỂU KÊ KHAI, TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${cat.year}`, { bold: true, size: 14 });
  line(ws, 'A2:J2', `Bộ tiêu chí: ${cat.id} — ${cat.title}`, { italic: true, size: 11 });
  line(ws, 'A3:J3', 'Chỉ nhập vào các ô màu vàng. Xem trang "Hướng dẫn".', { italic: true, size: 11 });
  [...HEAD, ...(sign ? [RESPONSIBLE_HEAD] : [])].forEach((h, i) => {
    const c = put(ws, `${colName(i + 1)}${HEAD_ROW}`, h, { bold: true, size: 11 });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BOX;
  });

  let r = FIRST_ITEM_ROW;
  const claimedRows: number[] = [];
  const claimedInAreas: number[] = [];
  const place = (n: CatalogNode, depth: number, section: 'areas' | 'adjust') => {
    const row = r++;
    for (const col of Object.values(COL)) {
      const c = ws.getCell(`${col}${row}`);
      c.border = BOX;
      c.font = { name: FONT, size: 11, bold: depth <= 1 && !n.rule };
      c.alignment = { vertical: 'top', wrapText: true };
    }
    ws.getCell(`${COL.code}${row}`).value = n.code;
    ws.getCell(`${COL.name}${row}`).value = depth === 0 ? n.name.toUpperCase() : n.name;
    const max = ws.getCell(`${COL.max}${row}`);
    max.value = n.max;
    max.numFmt = '0.00';
    if (n.children?.length) {
      if (flat.deciders.has(n.code)) {
        // "Did not arise" for the whole branch is declared on this row (column G), with its documents and note.
        const ev = evidence?.items[n.code];
        remember(n.code, row, ev);
        ws.getCell(`${COL.rule}${row}`).value = text(
          `Nếu nhiệm vụ của cả mục không phát sinh: ghi lý do ở cột G của dòng này (${n.when_not_arisen === 'full_marks' ? 'được điểm tối đa' : 'không đánh giá'} cả mục); không khai riêng ở mục con.`,
        );
        input(ws.getCell(`${COL.notArisen}${row}`)).value = text(ev?.not_arisen) || null;
        input(ws.getCell(`${COL.documents}${row}`)).value = text(formatCitations(ev?.documents)) || null;
        input(ws.getCell(`${COL.note}${row}`)).value = text(ev?.note) || null;
      }
      n.children.forEach((k) => place(k, depth + 1, section));
      return;
    }
    const rule = n.rule!;
    const keys = ratioKeys(rule);
    const ruleText = describeRule(rule, n.max, 'vi', cat.decimals);
    const cols =
      keys && (rule.kind === 'rate_bands' || rule.kind === 'pro_rata')
        ? `\nCột E: ${fieldOf(rule.numerator)?.label ?? keys.numerator}; cột F: ${fieldOf(rule.denominator)?.label ?? keys.denominator}.`
        : '';
    ws.getCell(`${COL.rule}${row}`).value = text(`${ruleText}${cols}`);
    const ev = evidence?.items[n.code];
    remember(n.code, row, ev);
    const list = choices(rule);
    const named = namedInputs(rule);
    if (named) {
      // The item's own row takes no value: each named input has a row of its own below.
      for (const col of [COL.value, COL.denominator]) ws.getCell(`${col}${row}`).fill = GREY;
    } else fillValue(ws, row, ev, n, list ? listFor(list.map(([l]) => l)) : undefined);
    input(ws.getCell(`${COL.notArisen}${row}`)).value = text(ev?.not_arisen) || null;
    input(ws.getCell(`${COL.documents}${row}`)).value = text(formatCitations(ev?.documents)) || null;
    input(ws.getCell(`${COL.note}${row}`)).value = text(ev?.note) || null;
    const claimed = input(ws.getCell(`${COL.claimed}${row}`));
    claimed.numFmt = '0.00';
    claimed.dataValidation = {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [0, n.max],
      showErrorMessage: true,
      errorTitle: 'Điểm không hợp lệ',
      error: `Điểm từ 0 đến ${vi(n.max)}.`,
    };
    if (ev?.claimed !== undefined) claimed.value = ev.claimed;
    if (sign) input(ws.getCell(`${RESPONSIBLE_COL}${row}`)).value = text(ev?.responsible) || null;
    if (section === 'areas') {
      claimedRows.push(row);
      if (ev?.claimed !== undefined) claimedInAreas.push(ev.claimed);
    }
    const declared: unknown = ev?.value;
    const given = declared !== null && typeof declared === 'object' ? (declared as Record<string, unknown>) : {};
    for (const inp of named ?? []) {
      const sub = r++;
      for (const col of Object.values(COL)) {
        const c = ws.getCell(`${col}${sub}`);
        c.border = BOX;
        c.font = { name: FONT, size: 11 };
        c.alignment = { vertical: 'top', wrapText: true };
      }
      ws.getCell(`${COL.name}${sub}`).value = text(inputRowLabel(inp.label));
      meta.getCell(`A${metaRow}`).value = inputRef(n.code, inp.key);
      meta.getCell(`B${metaRow}`).value = sub;
      metaRow++;
      const choice = inputChoices(inp);
      fillNamed(ws, sub, inp, given[inp.key], choice ? listFor(choice.map(([l]) => l)) : undefined);
    }
  };
  cat.areas.forEach((a) => place(a, 0, 'areas'));
  for (const s of [cat.bonus, cat.penalty]) {
    if (!s) continue;
    const row = r++;
    put(ws, `${COL.name}${row}`, `${s.name.toUpperCase()} (tối đa ${String(s.max).replace('.', ',')} điểm)`, { bold: true, size: 11 });
    s.items.forEach((n) => place(n, 2, 'adjust'));
  }
  const total = r + 1;
  ws.mergeCells(`A${total}:I${total}`);
  put(ws, `A${total}`, 'Tổng điểm tự đánh giá các lĩnh vực', { bold: true, size: 11 }).alignment = { horizontal: 'right' };
  const t = ws.getCell(`${COL.claimed}${total}`);
  t.value = { formula: `SUM(${claimedRows.map((x) => `${COL.claimed}${x}`).join(',')})`, result: sumPoints(claimedInAreas) };
  t.font = { name: FONT, size: 11, bold: true };
  t.numFmt = '0.00';
  meta.getCell('A4').value = 'item';
  meta.getCell('C1').value = total;

  const protect = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true };
  await ws.protect('', protect);
  await unitWs.protect('', protect);
  fitRowHeights(ws, HEAD_ROW, total - 1);
  pageSetup(ws, { lastRow: total, lastCol: sign ? RESPONSIBLE_COL : 'J', titleRows: `${HEAD_ROW}:${HEAD_ROW}`, freezeRows: HEAD_ROW });
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 2, visibility: 'visible' }];
  return wb;
}
