import type { CatalogNode } from '../core/schema/catalog.js';
import type { Evidence } from '../core/schema/evidence.js';
import type { FlatCatalog } from '../core/flat-catalog.js';
import type { ScoreResult } from '../core/scoring/score.js';
import type { AppraisedUnit, ItemTrail } from '../core/appraisal/apply.js';
import { DECISION_WORDS, REASON_WORDS, ROUND_WORDS } from '../reporters/appraisal-words.js';
import type { Lang } from '../reporters/number.js';
import { leafSources } from '../core/scoring/survey.js';
import { describeBandConditions, describeBandMissed, describeRule, describeValue } from '../reporters/describe.js';
import { formatCitations } from '../core/schema/citation.js';
import { plainNumber } from '../reporters/number.js';
import {
  BOX,
  CENTRED,
  colName,
  dateWords,
  decimalFormat,
  FONT,
  fitRowHeights,
  headerBlock,
  isCommittee,
  line,
  linesFor,
  pageSetup,
  POINTS,
  put,
  reportNumber,
  text,
} from './sheet-style.js';
import { signatureBlock, signerTitle } from './signature.js';
import { bookBytes, newWorkbook, type Cell, type Workbook } from '../xlsx/excel.js';
import type { BookLike, SheetLike } from '../xlsx/sheet-like.js';
import type { Provenance } from '../io/provenance.js';
import { add, equal, isZero, percent, toFixed, toNumber, ZERO, type Fixed } from '../core/fixed.js';

export const FORM_SHEET = 'Tự đánh giá';
export const SUMMARY_SHEET = 'Tổng hợp theo lĩnh vực';

/**
 * Columns of the form; L (hidden) holds each row's applicable max (0 when not assessed) for the footer,
 * M (hidden, only on an appraised form) the applicable max after appraisal.
 */
const C = {
  code: 'A',
  name: 'B',
  max: 'C',
  value: 'D',
  rule: 'E',
  documents: 'F',
  score: 'G',
  claimed: 'H',
  note: 'I',
  appraised: 'J',
  appraisalNote: 'K',
  applicable: 'L',
  appraisedApplicable: 'M',
} as const;
const HEAD = [
  'STT',
  'Lĩnh vực, tiêu chí, tiêu chí thành phần',
  'Điểm tối đa',
  'Số liệu kê khai',
  'Cách tính điểm',
  'Tài liệu kiểm chứng',
  'Điểm tự đánh giá',
  'Điểm đơn vị tự chấm',
  'Giải trình',
  'Điểm thẩm định',
  'Ghi chú thẩm định',
];
const WIDTHS = [8, 46, 9, 24, 34, 42, 11, 11, 28, 11, 18];
const LAST = C.appraisalNote;
/** The responsible official's column, when the form has one: after the hidden L (and M on an appraised form). */
const RESPONSIBLE = 'M';
const RESPONSIBLE_APPRAISED = 'N';
const NUMERIC = new Set<string>([C.max, C.score, C.claimed, C.appraised]);
/** A claim that differs from the computed points: marked in print (the mark is part of the number format). */
export const DIFFERS = '≠';
const DIFFERS_FORMAT = `${POINTS}" ${DIFFERS}"`;
/** Light grey: still visible when printed in black and white. */
const DIFFERS_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFD9D9D9' } };

// Style parts used by many cells, one object each, shared (never changed in place): a workbook whose cells
// share their style parts is written faster (src/xlsx/excel.ts).
const NOTE_ALIGN: Cell['alignment'] = { horizontal: 'left', vertical: 'top', wrapText: true };
const NUMBER_ALIGN: Cell['alignment'] = { horizontal: 'center' };
const LABEL_ALIGN: Cell['alignment'] = { horizontal: 'right' };
const TOTAL_ALIGN: Cell['alignment'] = { horizontal: 'right', vertical: 'top', wrapText: true };
const SUMMARY_ALIGN: Cell['alignment'] = { vertical: 'top', wrapText: true };
const NOT_ASSESSED_FONT: Cell['font'] = { name: FONT, size: 10, italic: true };
const BOLD_FONT: Cell['font'] = { name: FONT, size: 11, bold: true };
const SUMMARY_FONT: Record<'bold' | 'plain', Cell['font']> = { bold: { name: FONT, size: 11, bold: true }, plain: { name: FONT, size: 11, bold: false } };

/** A row placed on the form, with its exact points (sums and percentages stay exact; cells get numbers). */
interface Placed {
  row: number;
  points: Fixed;
  applicable: Fixed;
  max: Fixed;
  /** On an appraised form: the appraised points and applicable max. */
  appraised?: { points: Fixed; applicable: Fixed };
}

/** The appraisal note of an item (column 11): the council's reason, words, missing document, decision on the explanation. */
function appraisalNote(t: ItemTrail): string {
  const parts: string[] = [];
  for (const s of t.steps) {
    if (s.round === 'giai_trinh') continue;
    const bits = [
      s.decision ? DECISION_WORDS.vi[s.decision] : undefined,
      s.reason ? REASON_WORDS.vi[s.reason] : undefined,
      s.note,
      s.missing ? `Tài liệu còn thiếu: ${s.missing}` : undefined,
    ].filter((b): b is string => Boolean(b));
    if (bits.length) parts.push(`${t.steps.length > 1 ? `${ROUND_WORDS.vi[s.round]}: ` : ''}${bits.join('. ').replace(/\.\./g, '.')}`);
  }
  return parts.join('\n');
}

function sumFormula(col: string, rows: number[]): string {
  return rows.length === 1 ? `${col}${rows[0]!}` : `SUM(${rows.map((r) => `${col}${r}`).join(',')})`;
}

/** A merged line of text whose row is tall enough for it (fitRowHeights leaves merged cells alone). */
function note(ws: SheetLike, row: number, from: string, to: string, value: string, style: { italic?: boolean; bold?: boolean; size?: number }, width: number): void {
  line(ws, `${from}${row}:${to}${row}`, value, style);
  const c = ws.getCell(`${from}${row}`);
  c.alignment = NOTE_ALIGN;
  const size = style.size ?? 12;
  ws.getRow(row).height = Math.ceil(linesFor(value, width, { size, bold: Boolean(style.bold) }) * size * 1.2 + 3);
}

/**
 * The standard self-assessment form (par-index.md §6): one row per area, criterion and sub-criterion,
 * totals as live formulas whose cached results are cchc's own numbers, ready to sign and print on A4
 * landscape under Nghị định 30/2020 (header, number, rules, annex line, signature block, page numbers).
 * The form is a Vietnamese document whatever the interface language.
 */
export async function formWorkbook(result: ScoreResult, flat: FlatCatalog, evidence: Evidence, appraised?: AppraisedUnit): Promise<Workbook> {
  return buildForm(await newWorkbook(), result, flat, evidence, appraised);
}

/**
 * The form's file, stamped with its provenance: written without exceljs (src/xlsx/form-parts.ts) when that
 * writer is sure of every part of it, which gives the bytes exceljs gives (test/xlsx/form-parts.test.ts);
 * otherwise built and written by exceljs, as formWorkbook + workbookBytes.
 */
export function formBytes(result: ScoreResult, flat: FlatCatalog, evidence: Evidence, appraised: AppraisedUnit | undefined, prov: Provenance): Promise<Buffer> {
  return bookBytes((wb) => buildForm(wb, result, flat, evidence, appraised), prov);
}

/** The form's layout on any workbook with the SheetLike API: exceljs's, or the recorder form-parts.ts writes. */
export function buildForm<B extends BookLike>(wb: B, result: ScoreResult, flat: FlatCatalog, evidence: Evidence, appraised?: AppraisedUnit): B {
  const lang: Lang = 'vi';
  const ws = wb.addWorksheet(FORM_SHEET);
  // The column the responsible official signs in ("Chữ ký của công chức phụ trách"), after the hidden columns: only
  // where the catalog asks for it or the unit names officials, so other forms keep their layout.
  const named = flat.catalog.responsible_column || Object.values(evidence.items).some((i) => i.responsible !== undefined);
  const sign = named ? (appraised ? RESPONSIBLE_APPRAISED : RESPONSIBLE) : undefined;
  ws.columns = [
    ...WIDTHS.map((width) => ({ width })),
    { width: 10, hidden: true },
    ...(appraised ? [{ width: 10, hidden: true }] : []),
    ...(sign ? [{ width: 22 }] : []),
  ];
  const appraisedItems = appraised ? new Map(appraised.result.items.map((i) => [i.code, i])) : undefined;
  const trails = new Map((appraised?.trails ?? []).map((t) => [t.code, t]));
  const u = result.unit;
  const cols = WIDTHS.length;
  const report = evidence.report;
  const annex = report?.annex !== undefined && report.annex !== false;
  const symbol = report?.symbol ?? (isCommittee(u.name, u.level) ? 'BC-UBND' : undefined);
  const number = reportNumber(report?.number, symbol);
  let row = headerBlock(ws, cols, {
    parent: u.parent,
    unit: u.name,
    place: u.place ?? u.name.replace(/^UBND\s+(xã|phường|thị trấn|huyện|quận|thị xã|thành phố|đặc khu)\s+/i, ''),
    date: evidence.date,
    // An annex is part of its report: the report's number and date are in the "Kèm theo …" line.
    ...(annex ? { dated: false } : { number: `Số: ${number}` }),
  });
  ws.getRow(row++).height = 8;
  const span = (r: number) => `A${r}:${LAST}${r}`;
  if (annex) line(ws, span(row++), `Phụ lục${typeof report.annex === 'string' ? ` ${text(report.annex).trim()}` : ''}`, { bold: true, size: 14 });
  ws.getRow(row).height = 22;
  line(ws, span(row++), `BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${result.catalog.year}`, { bold: true, size: 14 });
  line(ws, span(row++), `của ${text(u.name)}`, { bold: true, size: 13 });
  if (annex) {
    line(ws, span(row++), `(Kèm theo Báo cáo số ${number} ngày ${dateWords(evidence.date)} của ${text(u.name)})`, { italic: true, size: 13 });
  }
  line(ws, span(row++), `(Theo ${result.catalog.title}${result.catalog.template ? ' — bộ tiêu chí mẫu' : ''})`, { italic: true, size: 11 });
  if (appraised) {
    const by = appraised.rounds.filter((x) => x.round !== 'giai_trinh').map((x) => `${ROUND_WORDS.vi[x.round].toLowerCase()}: ${x.by}, ngày ${x.date}`);
    line(ws, span(row++), text(`(Cột 10, 11: kết quả ${by.join('; ')})`), { italic: true, size: 11 });
  }
  const headRow = row + 1;

  HEAD.forEach((h, i) => {
    const c = put(ws, `${colName(i + 1)}${headRow}`, h, { bold: true, size: 11 });
    c.alignment = CENTRED;
    c.border = BOX;
    const n = put(ws, `${colName(i + 1)}${headRow + 1}`, `(${i + 1})`, { italic: true, size: 10 });
    n.alignment = NUMBER_ALIGN;
    n.border = BOX;
  });
  if (sign) {
    const h = put(ws, `${sign}${headRow}`, 'Công chức phụ trách (ký, ghi rõ họ tên)', { bold: true, size: 11 });
    h.alignment = CENTRED;
    h.border = BOX;
    const k = put(ws, `${sign}${headRow + 1}`, `(${HEAD.length + 1})`, { italic: true, size: 10 });
    k.alignment = NUMBER_ALIGN;
    k.border = BOX;
  }
  ws.getRow(headRow).height = sign ? 48 : 33;

  const items = new Map(result.items.map((i) => [i.code, i]));
  const ev = evidence.items;
  row = headRow + 2;
  let differing = 0;

  // The style parts of the table's rows, one object each, shared by the cells that have them (never changed
  // in place): the workbook is written faster (src/xlsx/excel.ts).
  const rowFont = { bold: { name: FONT, size: 11, bold: true }, plain: { name: FONT, size: 11, bold: false } };
  const rowAlign = {
    right: { vertical: 'top' as const, wrapText: true, horizontal: 'right' as const },
    center: { vertical: 'top' as const, wrapText: true, horizontal: 'center' as const },
    left: { vertical: 'top' as const, wrapText: true, horizontal: 'left' as const },
  };
  const signFont = { name: FONT, size: 11 };
  const styleRow = (r: number, bold: boolean) => {
    for (let c = 1; c <= cols; c++) {
      const letter = colName(c);
      const cell = ws.getCell(r, c);
      // Bold on a criterion's code, name and points; its rule and citations stay plain to be read.
      cell.font = bold && (c <= 3 || letter === C.score) ? rowFont.bold : rowFont.plain;
      cell.border = BOX;
      cell.alignment = NUMERIC.has(letter) ? rowAlign.right : c === 1 ? rowAlign.center : rowAlign.left;
      if (NUMERIC.has(letter)) cell.numFmt = POINTS;
    }
    ws.getCell(`${C.applicable}${r}`).numFmt = POINTS;
    if (appraised) ws.getCell(`${C.appraisedApplicable}${r}`).numFmt = POINTS;
    if (sign) {
      const cell = ws.getCell(`${sign}${r}`);
      cell.font = signFont;
      cell.border = BOX;
      cell.alignment = rowAlign.left;
    }
  };

  const rowOfCode = new Map<string, number>();
  const place = (n: CatalogNode, depth: number): Placed => {
    const r = row++;
    if (!rowOfCode.has(n.code)) rowOfCode.set(n.code, r);
    const isArea = depth === 0;
    put(ws, `${C.code}${r}`, n.code);
    put(ws, `${C.name}${r}`, isArea ? n.name.toUpperCase() : n.name);
    if (n.children?.length) {
      styleRow(r, depth <= 1);
      // A parent that decides "did not arise" for its branch: the declaration is made here.
      const pe = flat.deciders.has(n.code) ? ev[n.code] : undefined;
      if (pe?.not_arisen !== undefined) ws.getCell(`${C.value}${r}`).value = text(`Không phát sinh: ${pe.not_arisen}`);
      if (pe?.documents) ws.getCell(`${C.documents}${r}`).value = text(formatCitations(pe.documents));
      if (pe?.note) ws.getCell(`${C.note}${r}`).value = text(pe.note);
      const kids = n.children.map((k) => place(k, depth + 1));
      const rows = kids.map((k) => k.row);
      const p = add(...kids.map((k) => k.points));
      const a = add(...kids.map((k) => k.applicable));
      ws.getCell(`${C.max}${r}`).value = { formula: sumFormula(C.max, rows), result: n.max };
      ws.getCell(`${C.score}${r}`).value = { formula: sumFormula(C.score, rows), result: toNumber(p) };
      ws.getCell(`${C.applicable}${r}`).value = { formula: sumFormula(C.applicable, rows), result: toNumber(a) };
      if (!appraised) return { row: r, points: p, applicable: a, max: toFixed(n.max) };
      const ap = add(...kids.map((k) => k.appraised!.points));
      const aa = add(...kids.map((k) => k.appraised!.applicable));
      ws.getCell(`${C.appraised}${r}`).value = { formula: sumFormula(C.appraised, rows), result: toNumber(ap) };
      ws.getCell(`${C.appraisedApplicable}${r}`).value = { formula: sumFormula(C.appraisedApplicable, rows), result: toNumber(aa) };
      return { row: r, points: p, applicable: a, max: toFixed(n.max), appraised: { points: ap, applicable: aa } };
    }
    styleRow(r, depth <= 1);
    const it = items.get(n.code)!;
    const leaf = flat.leaves.get(n.code)!;
    const e = ev[n.code];
    ws.getCell(`${C.max}${r}`).value = n.max;
    const spilled = it.spilled === undefined ? '' : `\n(Bị trừ ${plainNumber(toNumber(it.spilled), 'vi')} điểm ở mục Điểm trừ)`;
    ws.getCell(`${C.value}${r}`).value = text(`${it.status === 'unanswered' ? 'Chưa kê khai' : describeValue(it, leaf.rule, lang)}${spilled}`);
    ws.getCell(`${C.rule}${r}`).value = text(describeRule(leaf.rule, n.max, lang, result.decimals));
    ws.getCell(`${C.documents}${r}`).value = text(formatCitations(e?.documents));
    const score = ws.getCell(`${C.score}${r}`);
    if (it.status === 'not_applicable') {
      score.value = 'Không đánh giá';
      score.font = NOT_ASSESSED_FONT;
    } else {
      score.value = toNumber(it.points ?? ZERO);
    }
    if (e?.claimed !== undefined) {
      const claimed = ws.getCell(`${C.claimed}${r}`);
      claimed.value = e.claimed;
      // The unit's own figure beside cchc's: marked where the two differ, so the signer sees both.
      if (it.claimed === undefined || !equal(it.claimed, it.points ?? ZERO)) {
        differing++;
        claimed.numFmt = DIFFERS_FORMAT;
        claimed.font = BOLD_FONT;
        claimed.fill = DIFFERS_FILL;
        score.fill = DIFFERS_FILL;
      }
    }
    ws.getCell(`${C.note}${r}`).value = text(e?.note);
    if (sign && e?.responsible) ws.getCell(`${sign}${r}`).value = text(e.responsible);
    ws.getCell(`${C.applicable}${r}`).value = toNumber(it.applicableMax);
    const ai = appraisedItems?.get(n.code);
    if (!ai) return { row: r, points: it.points ?? ZERO, applicable: it.applicableMax, max: it.max };
    const cell = ws.getCell(`${C.appraised}${r}`);
    if (ai.status === 'not_applicable') {
      cell.value = 'Không đánh giá';
      cell.font = NOT_ASSESSED_FONT;
    } else cell.value = toNumber(ai.points ?? ZERO);
    const t = trails.get(n.code);
    if (t) ws.getCell(`${C.appraisalNote}${r}`).value = text(appraisalNote(t));
    ws.getCell(`${C.appraisedApplicable}${r}`).value = toNumber(ai.applicableMax);
    return { row: r, points: it.points ?? ZERO, applicable: it.applicableMax, max: it.max, appraised: { points: ai.points ?? ZERO, applicable: ai.applicableMax } };
  };

  const areas = flat.catalog.areas.map((a) => place(a, 0));

  const adjustments: Partial<Record<'bonus' | 'penalty', { rows: number[]; cap?: number; value: number; appraised: number }>> = {};
  // Outcomes below zero, deducted in the penalty section: one row each, naming the item they come from.
  const spills = result.items.filter((i) => i.spilled !== undefined);
  for (const section of ['bonus', 'penalty'] as const) {
    const adj = flat.catalog[section];
    const linked = section === 'penalty' ? spills : [];
    if (!adj && !linked.length) continue;
    const r = row++;
    put(ws, `${C.name}${r}`, adj ? `${adj.name.toUpperCase()} (tối đa ${plainNumber(adj.max, 'vi')} điểm)` : 'ĐIỂM TRỪ PHÁT SINH TỪ TIÊU CHÍ');
    styleRow(r, true);
    const placed = (adj?.items ?? []).map((n) => place(n, 2));
    const linkedRows = linked.map((it) => {
      const lr = row++;
      styleRow(lr, false);
      put(ws, `${C.code}${lr}`, it.code);
      put(ws, `${C.name}${lr}`, text(`Bị trừ do tiêu chí ${it.code}: ${it.name}`));
      ws.getCell(`${C.rule}${lr}`).value = text(`Kết quả của tiêu chí ${it.code} dưới 0 điểm: tiêu chí được 0 điểm, phần âm bị trừ ở đây`);
      ws.getCell(`${C.score}${lr}`).value = toNumber(it.spilled!);
      const ai = appraisedItems?.get(it.code);
      if (appraisedItems) ws.getCell(`${C.appraised}${lr}`).value = ai?.spilled === undefined ? 0 : toNumber(ai.spilled);
      return lr;
    });
    adjustments[section] = {
      rows: [...placed.map((p) => p.row), ...linkedRows],
      ...(adj ? { cap: adj.max } : {}),
      value: toNumber(result[section]),
      appraised: appraised ? toNumber(appraised.result[section]) : 0,
    };
  }
  const lastItemRow = row - 1;

  // Footer: totals as live formulas with cchc's numbers cached; on an appraised form the same totals of
  // column 10 beside those of column 7.
  row++;
  const A = appraised?.result;
  const footer = (label: string, formula: (col: string, applicable: string) => string, value: number | string, appraisedValue: number | string, fmt = POINTS) => {
    const r = row++;
    ws.mergeCells(`A${r}:${C.documents}${r}`);
    put(ws, `A${r}`, label, { bold: true, size: 11 }).alignment = LABEL_ALIGN;
    const cols: Array<[string, string, number | string]> = [[C.score, C.applicable, value]];
    if (A) cols.push([C.appraised, C.appraisedApplicable, appraisedValue]);
    for (const [col, applicable, v] of cols) {
      const c = ws.getCell(`${col}${r}`);
      c.value = { formula: formula(col, applicable), result: v };
      c.font = BOLD_FONT;
      c.numFmt = fmt;
      c.alignment = TOTAL_ALIGN;
      c.border = BOX;
    }
    ws.getCell(`A${r}`).border = BOX;
    return r;
  };
  const achievedRow = footer('Tổng điểm các lĩnh vực', (col) => sumFormula(col, areas.map((a) => a.row)), toNumber(result.achieved), A ? toNumber(A.achieved) : 0);
  if (result.survey) {
    // A survey share: the two subtotals of the areas, as result tables print them (assessment = areas − survey).
    const src = leafSources(flat.catalog);
    const surveyRows = [...src].filter(([, x]) => x.source === 'survey').flatMap(([code]) => (rowOfCode.has(code) ? [rowOfCode.get(code)!] : []));
    const sv = result.survey;
    const As = A?.survey;
    const surveyRow = footer(
      'Trong đó: điểm điều tra xã hội học',
      (col) => (surveyRows.length ? `SUM(${surveyRows.map((r) => `${col}${r}`).join(',')})` : '0'),
      toNumber(sv.survey.points),
      As ? toNumber(As.survey.points) : 0,
    );
    footer('Trong đó: điểm thẩm định, tự chấm', (col) => `${col}${achievedRow}-${col}${surveyRow}`, toNumber(sv.assessment.points), As ? toNumber(As.assessment.points) : 0);
  }
  const adjRow = (s: 'bonus' | 'penalty', label: string) => {
    const a = adjustments[s];
    if (!a) return undefined;
    return footer(label, (col) => (a.cap === undefined ? sumFormula(col, a.rows) : `MIN(${sumFormula(col, a.rows)},${a.cap})`), a.value, a.appraised);
  };
  const bonusRow = adjRow('bonus', 'Điểm thưởng');
  const penaltyRow = adjRow('penalty', 'Điểm trừ');
  const totalExpr = (col: string) => `${col}${achievedRow}${bonusRow ? `+${col}${bonusRow}` : ''}${penaltyRow ? `-${col}${penaltyRow}` : ''}`;
  const totalRow = footer('Tổng điểm', (col) => `MAX(0,${totalExpr(col)})`, toNumber(result.total), A ? toNumber(A.total) : 0);
  const maxRow = footer('Tổng điểm tối đa áp dụng', (_col, applicable) => sumFormula(applicable, areas.map((a) => a.row)), toNumber(result.applicableMax), A ? toNumber(A.applicableMax) : 0);
  const d = result.decimals;
  const indexRow = footer(
    'Chỉ số cải cách hành chính (%)',
    (col) => `IF(${col}${maxRow}=0,"",ROUND(${col}${totalRow}/${col}${maxRow}*100,${d}))`,
    result.index ?? '',
    A?.index ?? '',
    decimalFormat(d),
  );
  const bands = [...flat.catalog.bands].sort((a, b) => b.from - a.from);
  // A band's own conditions (bands[].requires) as live checks on the rows they name: each node's points at least
  // min % of its applicable max, or nothing applicable. ROUND keeps float noise (0,29 × 100) off the bound.
  const cats = flat.catalog.areas;
  const conditionRows = (b: (typeof bands)[number]) =>
    (b.requires ?? []).flatMap((c) => {
      const codes = c.codes ?? (c.each === 'areas' ? cats.map((a) => a.code) : cats.flatMap((a) => (a.children ?? []).map((k) => k.code)));
      return codes.flatMap((code) => (rowOfCode.has(code) ? [{ row: rowOfCode.get(code)!, min: c.min_percent }] : []));
    });
  const reached = (b: (typeof bands)[number], col: string, applicable: string) => {
    const checks = conditionRows(b).map(({ row: cr, min: m }) => `OR(${applicable}${cr}=0,ROUND(${col}${cr}*100-${m}*${applicable}${cr},6)>=0)`);
    return checks.length ? `AND(${col}${indexRow}>=${b.from},${checks.join(',')})` : `${col}${indexRow}>=${b.from}`;
  };
  const bandFormula = (col: string, applicable: string) =>
    bands.reduceRight((acc, b) => `IF(${reached(b, col, applicable)},"${b.label.replace(/"/g, '""')}",${acc})`, '""');
  footer('Xếp loại', (col, applicable) => `IF(${col}${indexRow}="","",${bandFormula(col, applicable)})`, result.band ?? '', A?.band ?? '', '@');
  const conditioned = bands.filter((b) => b.requires);
  if (conditioned.length) {
    row++;
    const width = WIDTHS.reduce((sum, w) => sum + w, 0);
    const said = conditioned.map((b) => `${b.label}: chỉ số từ ${plainNumber(b.from, 'vi')}% và ${describeBandConditions(b, 'vi')}`).join('; ');
    const why = result.bandMissed ? ` ${describeBandMissed(result.bandMissed, result.band, result.decimals, 'vi')}.` : '';
    note(ws, row++, 'A', LAST, text(`Điều kiện xếp loại: ${said}.${why}`), { italic: true, size: 11 }, width);
  }

  if (differing) {
    row++;
    const width = WIDTHS.reduce((s, w) => s + w, 0);
    note(
      ws,
      row++,
      'A',
      LAST,
      `(${DIFFERS}) Ở ${differing} tiêu chí thành phần, điểm đơn vị tự chấm (cột 8) khác điểm tính theo quy tắc chấm của bộ tiêu chí ` +
        'từ số liệu kê khai (cột 7). Tổng điểm, chỉ số và xếp loại tính theo cột 7; đề nghị đơn vị rà soát số liệu hoặc giải trình.',
      { italic: true, size: 11 },
      width,
    );
  }

  // Signature block, right half, from data (Nghị định 30: title and name bold, 13 pt).
  row++;
  row = signatureBlock(ws, row, C.claimed, LAST, { title: signerTitle(evidence), name: evidence.signer });
  fitRowHeights(ws, headRow, lastItemRow);
  pageSetup(ws, { lastRow: row, lastCol: sign ?? LAST, titleRows: `${headRow}:${headRow + 1}`, freezeRows: headRow + 1, freezeFrom: headRow });

  summarySheet(wb, ws, result, flat, areas, appraised?.result);
  return wb;
}

/**
 * Second sheet: per area max, applicable max, points and % of the applicable max, linked to the form; on an
 * appraised form also the applicable max, points and % after appraisal.
 */
function summarySheet(wb: BookLike, form: SheetLike, result: ScoreResult, flat: FlatCatalog, areas: Placed[], appraised?: ScoreResult): void {
  const ws = wb.addWorksheet(SUMMARY_SHEET);
  // A catalog with a survey share: the assessment's and the survey's subtotals per area, as result tables print them.
  const split = result.survey ? (appraised ? 10 : 7) : 0;
  const cols = (appraised ? 9 : 6) + (split ? 4 : 0);
  const last = colName(cols);
  ws.columns = [8, 48, 12, 14, 12, 12, ...(appraised ? [14, 12, 12] : []), ...(split ? [14, 12, 14, 12] : [])].map((width) => ({ width }));
  line(ws, `A1:${last}1`, `TỔNG HỢP ĐIỂM THEO LĨNH VỰC NĂM ${result.catalog.year}`, { bold: true, size: 13 });
  line(ws, `A2:${last}2`, result.unit.name, { bold: true });
  const head = ['STT', 'Lĩnh vực', 'Điểm tối đa', 'Điểm tối đa áp dụng', 'Điểm đạt', 'Tỷ lệ (%)'];
  if (appraised) head.push('Điểm tối đa áp dụng sau thẩm định', 'Điểm thẩm định', 'Tỷ lệ sau thẩm định (%)');
  if (split) head.push('Thẩm định, tự chấm: tối đa áp dụng', 'Thẩm định, tự chấm: điểm đạt', 'Điều tra XHH: tối đa áp dụng', 'Điều tra XHH: điểm đạt');
  head.forEach((h, i) => {
    const c = put(ws, `${colName(i + 1)}4`, h, { bold: true, size: 11 });
    c.alignment = CENTRED;
    c.border = BOX;
  });
  const ref = (col: string, r: number) => `'${form.name}'!${col}${r}`;
  const rate = (p: Fixed, a: Fixed) => (isZero(a) ? '' : percent(p, a, 2).value);
  const first = 5;
  flat.catalog.areas.forEach((a, i) => {
    const r = first + i;
    const p = areas[i]!;
    put(ws, `A${r}`, a.code, { size: 11 });
    put(ws, `B${r}`, a.name, { size: 11 });
    ws.getCell(`C${r}`).value = { formula: ref(C.max, p.row), result: toNumber(p.max) };
    ws.getCell(`D${r}`).value = { formula: ref(C.applicable, p.row), result: toNumber(p.applicable) };
    ws.getCell(`E${r}`).value = { formula: ref(C.score, p.row), result: toNumber(p.points) };
    ws.getCell(`F${r}`).value = { formula: `IF(D${r}=0,"",ROUND(E${r}/D${r}*100,2))`, result: rate(p.points, p.applicable) };
    if (appraised && p.appraised) {
      ws.getCell(`G${r}`).value = { formula: ref(C.appraisedApplicable, p.row), result: toNumber(p.appraised.applicable) };
      ws.getCell(`H${r}`).value = { formula: ref(C.appraised, p.row), result: toNumber(p.appraised.points) };
      ws.getCell(`I${r}`).value = { formula: `IF(G${r}=0,"",ROUND(H${r}/G${r}*100,2))`, result: rate(p.appraised.points, p.appraised.applicable) };
    }
    const by = result.areas[i]?.bySource;
    if (split && by) {
      [by.assessment.applicableMax, by.assessment.points, by.survey.applicableMax, by.survey.points].forEach((v, k) => {
        ws.getCell(r, split + k).value = toNumber(v);
      });
    }
  });
  const lastArea = first + areas.length - 1;
  const t = lastArea + 1;
  put(ws, `B${t}`, 'Tổng cộng', { bold: true, size: 11 });
  ws.getCell(`C${t}`).value = { formula: `SUM(C${first}:C${lastArea})`, result: toNumber(add(...areas.map((a) => a.max))) };
  ws.getCell(`D${t}`).value = { formula: `SUM(D${first}:D${lastArea})`, result: toNumber(result.applicableMax) };
  ws.getCell(`E${t}`).value = { formula: `SUM(E${first}:E${lastArea})`, result: toNumber(result.achieved) };
  ws.getCell(`F${t}`).value = { formula: `IF(D${t}=0,"",ROUND(E${t}/D${t}*100,2))`, result: rate(result.achieved, result.applicableMax) };
  if (appraised) {
    ws.getCell(`G${t}`).value = { formula: `SUM(G${first}:G${lastArea})`, result: toNumber(appraised.applicableMax) };
    ws.getCell(`H${t}`).value = { formula: `SUM(H${first}:H${lastArea})`, result: toNumber(appraised.achieved) };
    ws.getCell(`I${t}`).value = { formula: `IF(G${t}=0,"",ROUND(H${t}/G${t}*100,2))`, result: rate(appraised.achieved, appraised.applicableMax) };
  }
  if (split && result.survey) {
    const s = result.survey;
    [s.assessment.applicableMax, s.assessment.points, s.survey.applicableMax, s.survey.points].forEach((v, k) => {
      const col = colName(split + k);
      ws.getCell(`${col}${t}`).value = { formula: `SUM(${col}${first}:${col}${lastArea})`, result: toNumber(v) };
    });
  }
  for (let r = 4; r <= t; r++) {
    for (let c = 1; c <= cols; c++) {
      const cell = ws.getCell(r, c);
      cell.border = BOX;
      if (r > 4) {
        cell.font = r === t ? SUMMARY_FONT.bold : SUMMARY_FONT.plain;
        cell.alignment = SUMMARY_ALIGN;
        if (c >= 3) cell.numFmt = POINTS;
      }
    }
  }
  fitRowHeights(ws, 4, t);
  pageSetup(ws, { lastRow: t, lastCol: last, titleRows: '4:4', freezeRows: 4, freezeFrom: 4, numberFirstPage: true });
}
