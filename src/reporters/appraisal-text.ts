import type { ChalkInstance } from 'chalk';
import { drawTable, fitWidths, wrapLine, type Cell } from './table.js';
import { fixedNumber, pointsText, type Lang } from './number.js';
import { isPositive, isZero, toNumber, type Fixed } from '../core/fixed.js';
import { lostItems, type ItemScore, type NodeScore, type ScoreResult } from '../core/scoring/score.js';
import type { AppraisedUnit, ItemTrail } from '../core/appraisal/apply.js';
import type { FlatCatalog } from '../core/flat-catalog.js';
import { scaled } from '../core/batch/rank.js';
import { describeValue, statusLabel } from './describe.js';
import { DECISION_WORDS, reasonWords, roundWords } from './appraisal-words.js';
import { signed } from './change.js';
import { unitLines } from './text.js';

const L = {
  vi: {
    title: (y: number) => `KẾT QUẢ THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${y}`,
    unit: 'Đơn vị',
    code: 'mã',
    catalog: 'Bộ tiêu chí',
    template: 'bộ tiêu chí MẪU, không phải văn bản chính thức của tỉnh',
    by: (who: string, date: string) => `${who}, ngày ${date}`,
    resultOf: 'Kết quả theo',
    head: ['Mã', 'Lĩnh vực / tiêu chí / tiêu chí thành phần', 'Tối đa', 'Tự đánh giá', 'Thẩm định', 'Ghi chú'],
    achieved: 'Tổng điểm các lĩnh vực',
    bonus: 'Điểm thưởng',
    penalty: 'Điểm trừ',
    total: 'Tổng điểm',
    applicable: 'Tổng điểm tối đa áp dụng',
    band: 'Xếp loại',
    indices: (self: string, appr: string, diff: string) => `Tự đánh giá ${self}% — Thẩm định ${appr}% (${diff})`,
    changedTitle: 'Các tiêu chí Hội đồng thẩm định thay đổi',
    none: 'Hội đồng thẩm định giữ nguyên điểm tự đánh giá của mọi tiêu chí.',
    selfTo: (s: string, a: string, d: string) => `tự đánh giá ${s}, thẩm định ${a} (${d})`,
    reason: 'Lý do',
    noReason: 'không ghi',
    value: 'Số liệu thẩm định',
    awarded: 'Điểm Hội đồng chấm',
    missing: 'Tài liệu còn thiếu',
    note: 'Ghi chú',
    explanation: 'Giải trình',
    extraDocs: (n: number) => `${n} tài liệu bổ sung`,
    restoredTitle: 'Giải trình được chấp nhận, trả lại điểm tự đánh giá',
    lostTitle: 'Các tiêu chí bị mất điểm sau thẩm định',
    lostLine: (lost: string, got: string, max: string) => `mất ${lost} (đạt ${got}/${max})`,
    lostNone: 'Không có tiêu chí nào bị mất điểm.',
    notApplicable: 'không đánh giá',
    dash: '—',
  },
  en: {
    title: (y: number) => `PAR INDEX APPRAISAL ${y}`,
    unit: 'Unit',
    code: 'code',
    catalog: 'Catalog',
    template: 'TEMPLATE catalog, not a province’s official text',
    by: (who: string, date: string) => `${who}, ${date}`,
    resultOf: 'Result of',
    head: ['Code', 'Area / criterion / sub-criterion', 'Max', 'Self', 'Appraised', 'Note'],
    achieved: 'Points from the areas',
    bonus: 'Bonus',
    penalty: 'Deductions',
    total: 'Total',
    applicable: 'Applicable max',
    band: 'Band',
    indices: (self: string, appr: string, diff: string) => `Self-assessed ${self}% — Appraised ${appr}% (${diff})`,
    changedTitle: 'Criteria the appraisal council changed',
    none: 'The appraisal council kept every self-assessed score.',
    selfTo: (s: string, a: string, d: string) => `self ${s}, appraised ${a} (${d})`,
    reason: 'Reason',
    noReason: 'none given',
    value: 'Appraised figure',
    awarded: 'Points awarded',
    missing: 'Missing document',
    note: 'Note',
    explanation: 'Explanation',
    extraDocs: (n: number) => `${n} more document${n === 1 ? '' : 's'}`,
    restoredTitle: 'Explanations accepted, self-assessed points restored',
    lostTitle: 'Criteria that lost points after appraisal',
    lostLine: (lost: string, got: string, max: string) => `lost ${lost} (got ${got}/${max})`,
    lostNone: 'No criterion lost points.',
    notApplicable: 'not assessed',
    dash: '—',
  },
} as const;

export interface AppraisalTextOptions {
  lang: Lang;
  color: ChalkInstance;
  flat: FlatCatalog;
  width?: number;
}

/** "−2,85": the difference of two published indexes, exact on their decimals. */
export function indexDifference(appraised: number, self: number, d: number, lang: Lang): string {
  return signed((scaled(appraised, d) - scaled(self, d)) / 10 ** d, d, lang);
}

/** The appraisal council's decision and the unit's explanation, step by step, in words. */
function trailLines(t: ItemTrail, final: ItemScore, o: AppraisalTextOptions, d: number): string[] {
  const l = L[o.lang];
  const num = (x: Fixed | null) => (x === null ? l.notApplicable : pointsText(x, d, o.lang));
  const rule = o.flat.leaves.get(t.code)!.rule;
  const out: string[] = [];
  for (const s of t.steps) {
    const round = roundWords(s.round, o.lang);
    if (s.round === 'giai_trinh') {
      out.push(`${round}: ${s.explanation}${s.documents.length ? ` (${l.extraDocs(s.documents.length)})` : ''}`);
      continue;
    }
    const parts: string[] = [];
    if (s.decision) parts.push(DECISION_WORDS[o.lang][s.decision]);
    if (s.reason) parts.push(`${l.reason}: ${reasonWords(s.reason, o.lang)}`);
    if (s.value !== undefined) {
      const { rate: _rate, reason: _reason, ...item } = final;
      parts.push(`${l.value}: ${describeValue({ ...item, value: s.value, ...(s.rate !== undefined ? { rate: s.rate } : {}) }, rule, o.lang)}`);
    }
    if (s.awarded !== undefined) parts.push(`${l.awarded}: ${num(s.awarded)}`);
    if (s.notArisen) parts.push(statusLabel('not_applicable', o.lang));
    out.push(`${round} → ${num(s.points)}${parts.length ? `: ${parts.join('; ')}` : ''}`);
    if (s.missing) out.push(`  ${l.missing}: ${s.missing}`);
    if (s.note) out.push(`  ${l.note}: ${s.note}`);
  }
  return out;
}

function treeRows(au: AppraisedUnit, c: ChalkInstance, lang: Lang): Cell[][] {
  const d = au.result.decimals;
  const self = new Map<string, NodeScore>();
  const walk = (n: NodeScore) => {
    self.set(n.code, n);
    n.children?.forEach(walk);
  };
  au.self.areas.forEach(walk);
  const selfItems = new Map(au.self.items.map((i) => [i.code, i]));
  const items = new Map(au.result.items.map((i) => [i.code, i]));
  const changed = new Set(au.changed);
  const trails = new Map(au.trails.map((t) => [t.code, t]));
  const num = (x: Fixed) => pointsText(x, d, lang);
  const rows: Cell[][] = [];
  const visit = (n: NodeScore, depth: number) => {
    const s = self.get(n.code)!;
    if (n.children) {
      const bold = (text: string) => ({ text, paint: c.bold });
      const shown = (x: NodeScore) => (isZero(x.applicableMax) ? '—' : num(x.points));
      rows.push([bold(n.code), bold(depth === 0 ? n.name.toUpperCase() : n.name), num(n.max), shown(s), bold(shown(n)), '']);
      n.children.forEach((k) => visit(k, depth + 1));
      return;
    }
    const it = items.get(n.code)!;
    const si = selfItems.get(n.code)!;
    const t = trails.get(n.code);
    const pts = (x: ItemScore) => (x.points === null ? '—' : num(x.points));
    let note = '';
    let paint = (x: string) => x;
    if (changed.has(n.code) && t) {
      note = `${signed(toNumber(t.effect), d, lang)}${t.reason ? `: ${reasonWords(t.reason, lang)}` : ''}`;
      paint = c.yellow;
    } else if (it.status !== 'scored') note = statusLabel(it.status, lang);
    rows.push([n.code, `${'  '.repeat(Math.max(depth - 1, 0))}${n.name}`, num(it.max), pts(si), { text: pts(it), paint }, { text: note, paint }]);
  };
  au.result.areas.forEach((a) => visit(a, 0));
  return rows;
}

/** `cchc score --appraisal`: self and appraised side by side, both indices, the council's changes with reasons. */
export function appraisalText(au: AppraisedUnit, o: AppraisalTextOptions): string {
  const { lang, color: c } = o;
  const l = L[lang];
  const r: ScoreResult = au.result;
  const s = au.self;
  const d = r.decimals;
  const num = (x: Fixed) => pointsText(x, d, lang);
  const lines: string[] = [];
  const out = { push: (...ls: string[]) => lines.push(...ls), at: (hang: number, line: string) => lines.push(...wrapLine(line, o.width, hang)) };
  out.at(0, c.bold(l.title(r.catalog.year)));
  for (const line of unitLines(r, l)) out.at(2, line);
  for (const x of au.rounds) out.at(2, `${roundWords(x.round, lang)}: ${l.by(x.by, x.date)}`);
  out.at(2, `${l.resultOf}: ${roundWords(au.round, lang).toLowerCase()}`);
  out.push('');

  const widths = fitWidths([9, 52, 8, 13, 11, 30], [1, 5], o.width);
  out.push(drawTable([...l.head], treeRows(au, c, lang), { widths, aligns: ['left', 'left', 'right', 'right', 'right', 'left'] }));
  out.push('');

  const pair = (a: Fixed, b: Fixed) => `${num(a)} → ${num(b)}`;
  out.at(2, `${l.achieved}: ${pair(s.achieved, r.achieved)}`);
  if (o.flat.catalog.bonus) out.at(2, `${l.bonus}: +${num(s.bonus)} → +${num(r.bonus)}`);
  if (o.flat.catalog.penalty) out.at(2, `${l.penalty}: −${num(s.penalty)} → −${num(r.penalty)}`);
  out.at(2, `${l.total}: ${pair(s.total, r.total)}`);
  out.at(2, `${l.applicable}: ${pair(s.applicableMax, r.applicableMax)}`);
  if (s.index !== null && r.index !== null) {
    out.at(2, c.bold(l.indices(fixedNumber(s.index, d, lang), fixedNumber(r.index, d, lang), indexDifference(r.index, s.index, d, lang))));
  }
  out.at(2, `${l.band}: ${s.band ?? l.dash} → ${r.band ?? l.dash}`);
  out.push('');

  const items = new Map(r.items.map((i) => [i.code, i]));
  const trails = new Map(au.trails.map((t) => [t.code, t]));
  out.at(2, c.bold(`${l.changedTitle} (${au.changed.length}):`));
  if (!au.changed.length) out.at(4, `  ${l.none}`);
  au.changed.forEach((code, i) => {
    const t = trails.get(code)!;
    const it = items.get(code)!;
    const p = (x: Fixed | null) => (x === null ? l.notApplicable : num(x));
    const diff = signed(toNumber(t.effect), d, lang);
    out.at(7, `${String(i + 1).padStart(3)}. ${c.bold(code)} ${it.name} — ${c.yellow(l.selfTo(p(t.self), p(t.appraised), diff))}`);
    for (const line of trailLines(t, it, o, d)) out.at(9, `       ${line}`);
  });
  const restored = au.trails.filter((t) => !au.changed.includes(t.code) && t.steps.some((x) => x.round === 'tham_dinh_2' && 'decision' in x && x.decision === 'chap_nhan'));
  if (restored.length) {
    out.push('');
    out.at(2, c.bold(`${l.restoredTitle} (${restored.length}):`));
    restored.forEach((t, i) => {
      const it = items.get(t.code)!;
      out.at(7, `${String(i + 1).padStart(3)}. ${c.bold(t.code)} ${it.name}`);
      for (const line of trailLines(t, it, o, d)) out.at(9, `       ${line}`);
    });
  }
  out.push('');

  const lost = lostItems(r);
  out.at(2, c.bold(`${l.lostTitle} (${lost.length}):`));
  if (!lost.length) out.at(4, `  ${l.lostNone}`);
  lost.forEach((it, i) => {
    const got = it.points === null ? l.dash : num(it.points);
    out.at(7, `${String(i + 1).padStart(3)}. ${it.code} ${it.name} — ${isPositive(it.lost) ? l.lostLine(num(it.lost), got, num(it.max)) : ''}`);
  });
  return `${lines.join('\n')}\n`;
}
