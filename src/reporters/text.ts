import { drawTable, fitWidths, wrapLine, type Cell } from './table.js';
import { fixedNumber, pointsText, type Lang } from './number.js';
import { compare, isPositive, isZero, ZERO, type Fixed } from '../core/fixed.js';
import { lostItems, type ItemScore, type NodeScore, type ScoreResult } from '../core/scoring/score.js';
import { describeBandHold, describeBandMissed, describeSurvey, describeDistance, describeHint, describeValue, statusLabel } from './describe.js';
import { distanceOf } from '../core/plan/distance.js';
import type { Reporter, ReportOptions } from './types.js';

const L = {
  vi: {
    title: (y: number) => `KẾT QUẢ TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${y}`,
    unit: 'Đơn vị',
    code: 'mã',
    catalog: 'Bộ tiêu chí',
    template: 'bộ tiêu chí MẪU, không phải văn bản chính thức của tỉnh',
    head: ['Mã', 'Lĩnh vực / tiêu chí / tiêu chí thành phần', 'Tối đa', 'Điểm', 'Ghi chú'],
    lostBy: (x: string) => `mất ${x}`,
    full: 'đạt tối đa',
    achieved: 'Tổng điểm các lĩnh vực',
    bonus: 'Điểm thưởng',
    penalty: 'Điểm trừ',
    total: 'Tổng điểm',
    applicable: 'Tổng điểm tối đa áp dụng',
    index: 'Chỉ số',
    noIndex: 'không tính được (không còn tiêu chí được đánh giá)',
    lostTitle: 'Các tiêu chí bị mất điểm',
    none: 'Không có tiêu chí nào bị mất điểm.',
    lost: 'mất',
    got: 'đạt',
    owner: 'Bộ phận tham mưu',
    responsible: 'Công chức phụ trách',
    noOwner: 'chưa phân công',
    declared: 'Kê khai',
    evidence: 'Tài liệu kiểm chứng',
    unanswered: 'Chưa kê khai (tính 0 điểm)',
    pts: 'điểm',
    spilled: (x: string) => `Bị trừ thêm ${x} điểm vào điểm trừ (kết quả dưới 0 điểm)`,
    alsoDeducted: (x: string) => `trừ thêm ${x}`,
  },
  en: {
    title: (y: number) => `PAR INDEX SELF-ASSESSMENT ${y}`,
    unit: 'Unit',
    code: 'code',
    catalog: 'Catalog',
    template: 'TEMPLATE catalog, not a province’s official text',
    head: ['Code', 'Area / criterion / sub-criterion', 'Max', 'Points', 'Note'],
    lostBy: (x: string) => `lost ${x}`,
    full: 'full marks',
    achieved: 'Points from the areas',
    bonus: 'Bonus',
    penalty: 'Deductions',
    total: 'Total',
    applicable: 'Applicable max',
    index: 'Index',
    noIndex: 'cannot be computed (nothing applicable)',
    lostTitle: 'Criteria that lost points',
    none: 'No criterion lost points.',
    lost: 'lost',
    got: 'got',
    owner: 'Owner',
    responsible: 'Official in charge',
    noOwner: 'unassigned',
    declared: 'Declared',
    evidence: 'Evidence',
    unanswered: 'Not declared (scored 0)',
    pts: 'points',
    spilled: (x: string) => `Also ${x} points deducted in the penalty section (an outcome below zero)`,
    alsoDeducted: (x: string) => `${x} more deducted`,
  },
} as const;

function itemNote(it: ItemScore, lang: Lang, d: number): string {
  const l = L[lang];
  if (it.status === 'scored' && it.spilled) return `${l.lostBy(pointsText(it.lost, d, lang))}; ${l.alsoDeducted(pointsText(it.spilled, d, lang))}`;
  if (it.status === 'scored') return isPositive(it.lost) ? l.lostBy(pointsText(it.lost, d, lang)) : l.full;
  return statusLabel(it.status, lang);
}

function treeRows(r: ScoreResult, o: ReportOptions): Cell[][] {
  const { lang, color: c } = o;
  const d = r.decimals;
  const items = new Map(r.items.map((i) => [i.code, i]));
  const rows: Cell[][] = [];
  const visit = (n: NodeScore, depth: number) => {
    const num = (x: Fixed) => pointsText(x, d, lang);
    if (n.children) {
      const bold = (text: string) => ({ text, paint: c.bold });
      const na = isZero(n.applicableMax);
      const note = na ? statusLabel('not_applicable', lang) : compare(n.applicableMax, n.max) < 0 ? `${L[lang].applicable.toLowerCase()} ${num(n.applicableMax)}` : '';
      rows.push([bold(n.code), bold(depth === 0 ? n.name.toUpperCase() : n.name), num(n.max), na ? '—' : bold(num(n.points)), note]);
      n.children.forEach((k) => visit(k, depth + 1));
      return;
    }
    const it = items.get(n.code)!;
    const pts = it.points === null ? '—' : num(it.points);
    const note = itemNote(it, lang, d);
    const paint = isPositive(it.lost) || it.status === 'unanswered' ? c.yellow : it.status === 'not_applicable' ? c.dim : (s: string) => s;
    // An area scored directly (no criteria) still reads as an area: upper case, bold.
    const name = depth === 0 ? { text: n.name.toUpperCase(), paint: c.bold } : `${'  '.repeat(Math.max(depth - 1, 0))}${n.name}`;
    rows.push([depth === 0 ? { text: n.code, paint: c.bold } : n.code, name, num(it.max), { text: pts, paint }, { text: note, paint }]);
  };
  r.areas.forEach((a) => visit(a, 0));
  return rows;
}

/** The unit and its catalog, as every per-unit report opens. */
export function unitLines(r: ScoreResult, l: { unit: string; code: string; catalog: string; template: string }): string[] {
  const u = r.unit;
  return [
    `${l.unit}: ${u.name} (${l.code} ${u.code})${u.parent ? ` — ${u.parent}` : ''}, ${u.province}`,
    `${l.catalog}: ${r.catalog.id} — ${r.catalog.title}${r.catalog.template ? ` (${l.template})` : ''}`,
  ];
}

export const textReporter: Reporter = (r, o) => {
  const { lang, color: c } = o;
  const l = L[lang];
  const d = r.decimals;
  const num = (x: Fixed) => pointsText(x, d, lang);
  const lines: string[] = [];
  // Fitted to the terminal when there is one: a continuation line starts at column `hang`.
  const out = { push: (...ls: string[]) => lines.push(...ls), at: (hang: number, line: string) => lines.push(...wrapLine(line, o.width, hang)) };
  out.at(0, c.bold(l.title(r.catalog.year)));
  for (const line of unitLines(r, l)) out.at(2, line);
  out.push('');

  // Code and number columns keep their width (numbers are never split); the name and note columns give way.
  const widths = fitWidths([9, 56, 8, 8, 26], [1, 4], o.width);
  out.push(drawTable([...l.head], treeRows(r, o), { widths, aligns: ['left', 'left', 'right', 'right', 'left'] }));
  out.push('');

  out.at(2, `${l.achieved}: ${num(r.achieved)}`);
  if (o.flat.catalog.bonus) out.at(2, `${l.bonus}: +${num(r.bonus)}`);
  if (o.flat.catalog.penalty || isPositive(r.penalty)) out.at(2, `${l.penalty}: −${num(r.penalty)}`);
  out.at(2, `${l.total}: ${num(r.total)} / ${l.applicable.toLowerCase()} ${num(r.applicableMax)}`);
  out.at(
    2,
    c.bold(`${l.index}: ${r.index === null ? l.noIndex : `${fixedNumber(r.index, d, lang)}%${r.band ? ` — ${r.band}` : ''}`}`),
  );
  if (r.bandMissed) out.at(4, `  ${describeBandMissed(r.bandMissed, r.band, d, lang)}`);
  if (r.survey) for (const line of describeSurvey(r.survey, r.areas, d, lang)) out.at(6, `  ${line}`);
  out.push('');

  const lost = lostItems(r);
  out.at(2, c.bold(`${l.lostTitle} (${lost.length}):`));
  if (lost.length === 0) out.at(4, `  ${l.none}`);
  lost.forEach((it, i) => {
    const leaf = o.flat.leaves.get(it.code)!;
    out.at(
      7,
      `${String(i + 1).padStart(3)}. ${c.bold(it.code)} ${it.name} — ${c.yellow(`${l.lost} ${num(it.lost)} ${l.pts}`)} (${l.got} ${num(it.points ?? ZERO)}/${num(it.max)})`,
    );
    if (it.spilled) out.at(9, `       ${l.spilled(num(it.spilled))}`);
    out.at(9, `       ${l.owner}: ${it.owner ?? l.noOwner}`);
    if (it.responsible) out.at(9, `       ${l.responsible}: ${it.responsible}`);
    const shown = describeValue(it, leaf.rule, lang);
    if (shown) out.at(9, `       ${l.declared}: ${shown}`);
    if (it.hint) out.at(9, `       → ${describeHint(it.hint, lang)}`);
    const far = describeDistance(distanceOf(leaf, it, d), leaf.rule, d, lang);
    if (far) out.at(9, `       → ${far}`);
    const holds = r.bandMissed?.[0]?.failed.find((f) => it.code === f.code || it.code.startsWith(`${f.code}.`));
    if (holds) out.at(9, `       → ${describeBandHold(holds, r.bandMissed![0]!.band, d, lang)}`);
    if (it.evidence) out.at(9, `       ${l.evidence}: ${it.evidence}`);
  });
  const unanswered = r.items.filter((i) => i.status === 'unanswered' && i.section === 'areas');
  if (unanswered.length) {
    out.push('');
    out.at(2, `${l.unanswered}: ${unanswered.map((i) => i.code).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
};
