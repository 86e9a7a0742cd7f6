import type { RuleT } from '../core/schema/catalog.js';
import type { FlatCatalog } from '../core/flat-catalog.js';
import type { PlanData, PlanItem } from '../core/plan/plan.js';
import { compare, sumPoints, toNumber, type Fixed } from '../core/fixed.js';
import { changeLabel } from '../reporters/change.js';
import { controlNote, describeMove, describeTarget } from '../reporters/describe.js';
import type { Step } from '../core/plan/distance.js';
import { fixedNumber, pointsText } from '../reporters/number.js';
import { dateWords } from './sheet-style.js';

/**
 * The words of a "Kế hoạch nâng cao Chỉ số CCHC" (after Hoàng Việt's 2024 plan), shared by the Word
 * document and the annex workbook. Always Vietnamese, like the forms: it is an administrative document.
 */

const TYPE_WORDS: Record<string, string> = {
  xa: 'xã',
  phuong: 'phường',
  thi_tran: 'thị trấn',
  dac_khu: 'đặc khu',
  huyen: 'huyện',
  quan: 'quận',
  thi_xa: 'thị xã',
  thanh_pho: 'thành phố',
  so: 'sở',
  tinh: 'tỉnh',
  phong: 'phòng',
};
const LEVEL_WORDS: Record<string, string> = { xa: 'xã', huyen: 'huyện', tinh: 'tỉnh', so: 'sở' };

export const pts = (f: Fixed, d: number) => pointsText(f, d, 'vi');
export const pct = (x: number, d: number) => `${fixedNumber(x, d, 'vi')}%`;

/** "xã Hoàng Việt" from "UBND xã Hoàng Việt". */
export function shortName(name: string): string {
  return name.normalize('NFC').replace(/^(UBND|Ủy ban nhân dân)\s+/i, '');
}

/** "xã" (or phường, thị trấn, huyện…): the unit's kind, from its type, its name, or its level. */
export function kindWord(unit: { type?: string | undefined; name: string; level: string }): string {
  if (unit.type && TYPE_WORDS[unit.type]) return TYPE_WORDS[unit.type]!;
  const m = /^(xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)\b/i.exec(shortName(unit.name));
  return m ? m[1]!.toLowerCase() : (LEVEL_WORDS[unit.level] ?? 'đơn vị');
}

/** "UBND xã", the issuer as the text refers to itself; a department or a district office (phòng) is named in full. */
export function selfName(unit: { type?: string | undefined; name: string; level: string }): string {
  return unit.level === 'so' || unit.type === 'phong' ? unit.name.normalize('NFC') : `UBND ${kindWord(unit)}`;
}

/** "xã, thị trấn": the kinds of the units ranked together, for "xếp hạng 03/15 xã, thị trấn". */
export function rankedKinds(types: readonly string[], fallback: string): string {
  const order = Object.keys(TYPE_WORDS);
  const words = [...new Set(types)].sort((a, b) => order.indexOf(a) - order.indexOf(b)).flatMap((t) => (TYPE_WORDS[t] ? [TYPE_WORDS[t]] : []));
  return words.length ? words.join(', ') : fallback;
}

/** The place of the date line: the unit's `place`, or its name without its kind. */
export function placeOf(unit: { place?: string | undefined; name: string; type?: string | undefined; level: string }): string {
  if (unit.place) return unit.place.normalize('NFC');
  const s = shortName(unit.name);
  const k = kindWord(unit);
  return s.toLowerCase().startsWith(`${k} `) ? s.slice(k.length + 1) : s;
}

/** "ngày 29 tháng 02 năm 2025", or blanks for the clerk with the plan's year. */
export function dateText(date: string | undefined, year: number): string {
  return date ? dateWords(date) : `…… tháng …… năm ${year}`;
}

/** The opening result sentence of document 003: "Năm 2024, Chỉ số cải cách hành chính đạt 92,95%, xếp hạng 03/15 xã, thị trấn, giữ nguyên thứ hạng so với năm 2023." */
export function openingSentence(p: PlanData): string {
  const r = p.result;
  const d = r.decimals;
  const parts = [`Năm ${r.catalog.year}, Chỉ số cải cách hành chính của ${kindWord(r.unit)} đạt ${pct(r.index ?? 0, d)}${r.band ? `, xếp loại ${r.band}` : ''}`];
  if (p.standing) parts.push(`xếp hạng ${p.standing.rankLabel} ${rankedKinds(p.types, 'đơn vị')}`);
  const ch = p.previous?.change;
  if (ch && p.previous) {
    const year = p.previous.year ?? r.catalog.year - 1;
    if (p.standing && ch.rankChange !== null && !ch.regrouped) {
      const label = changeLabel(ch.rankChange, p.standing.groupSize, 'vi');
      parts.push(`${ch.rankChange === 0 ? 'giữ nguyên thứ hạng' : label} so với năm ${year}`);
    } else if (ch.indexDelta !== null) {
      const delta = fixedNumber(Math.abs(ch.indexDelta), d, 'vi');
      parts.push(ch.indexDelta === 0 ? `bằng năm ${year}` : `${ch.indexDelta > 0 ? 'tăng' : 'giảm'} ${delta} điểm phần trăm so với năm ${year}`);
    }
  }
  return `${parts.join(', ')}.`;
}

/** What the item must reach, for the plan's "Mục tiêu" line and the annex's notes. */
export function itemGoal(it: PlanItem, rule: RuleT, d: number): string {
  const dist = it.distance;
  if (dist.kind === 'unanswered') return 'kê khai đầy đủ số liệu và tài liệu kiểm chứng để được chấm điểm';
  if (dist.kind === 'ceiling') return 'duy trì kết quả (quy tắc chấm không cho thêm điểm ở mức này)';
  if (dist.kind === 'unknown') return 'đạt điểm tối đa (cchc chưa tính được khoảng cách cho loại quy tắc này)';
  if (dist.kind !== 'steps' || !it.full) return '';
  const note = controlNote(dist, 'vi');
  const said = (s: Step) => `${describeMove(s, rule, 'vi').replace(/^cần /, '')} (+${pts(s.gain, d)} điểm)`;
  const full = `${said(it.full)}${note ? `, ${note}` : ''}`;
  if (it.priority && compare(it.priority.step.points, it.full.points) < 0) return `ưu tiên ${it.priority.order}: ${said(it.priority.step)}; phấn đấu đạt tối đa: ${full}`;
  return `${it.priority ? `ưu tiên ${it.priority.order}: ` : ''}${full}`;
}

/** "1 200/1 200 hồ sơ giải quyết đúng hạn (100,00%)": the annex's "Giá trị cần đạt" for a step. */
export const targetValue = (it: PlanItem, rule: RuleT): string => {
  if (it.distance.kind === 'unanswered') return 'Kê khai đầy đủ';
  if (it.distance.kind === 'ceiling') return 'Duy trì';
  return it.full ? describeTarget(it.full, rule, 'vi') : '';
};

/** One row of the annex "Mục tiêu phấn đấu": the same in the Word document and the workbook. */
export interface AnnexRow {
  kind: 'area' | 'item' | 'total';
  stt: string;
  name: string;
  max?: number;
  points?: number;
  target?: number;
  value?: string;
  priority?: string;
  owner?: string;
  deadline?: string;
}

export const ANNEX_HEAD = [
  'STT',
  'Tiêu chí, tiêu chí thành phần',
  'Điểm tối đa',
  'Điểm năm {y}',
  'Điểm mục tiêu năm {p}',
  'Giá trị cần đạt',
  'Ưu tiên (mức tối thiểu để đạt mục tiêu chung)',
  'Bộ phận tham mưu',
  'Thời hạn',
];

/** The annex head with the years filled in. */
export const annexHead = (p: PlanData) => ANNEX_HEAD.map((h) => h.replace('{y}', String(p.result.catalog.year)).replace('{p}', String(p.planYear)));

/** The annex rows: each area with lost items, then its items; a total row. */
export function annexRows(p: PlanData, flat: FlatCatalog, deadline: string): AnnexRow[] {
  const d = p.result.decimals;
  const rows: AnnexRow[] = [];
  let n = 0;
  const max: number[] = [];
  const got: number[] = [];
  const target: number[] = [];
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
  let a = 0;
  for (const area of p.areas) {
    if (!area.items.length) continue;
    rows.push({ kind: 'area', stt: roman[a++] ?? String(a), name: `${area.code}. ${area.name}` });
    for (const it of area.items) {
      const rule = flat.leaves.get(it.code)!.rule;
      const goal = it.full?.points ?? it.max;
      max.push(toNumber(it.max));
      got.push(toNumber(it.points));
      target.push(toNumber(goal));
      const prio = it.priority ? `${it.priority.order}. ${describeTarget(it.priority.step, rule, 'vi')} (${pts(it.priority.step.points, d)} điểm)` : '';
      const who = it.distance.kind === 'steps' && it.distance.control !== 'unit' ? ` (${controlNote(it.distance, 'vi')})` : '';
      rows.push({
        kind: 'item',
        stt: String(++n),
        name: `${it.code}. ${it.name}`,
        max: toNumber(it.max),
        points: toNumber(it.points),
        target: toNumber(goal),
        value: `${targetValue(it, rule)}${who}`,
        priority: prio,
        owner: it.owner ?? '',
        deadline,
      });
    }
  }
  rows.push({ kind: 'total', stt: '', name: 'Cộng', max: sumPoints(max), points: sumPoints(got), target: sumPoints(target) });
  return rows;
}

/** The deadline as written in section III.2 and the annex: "30/11/2025". */
export function deadlineShort(date: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date)!;
  return `${m[1]!.padStart(2, '0')}/${m[2]!.padStart(2, '0')}/${m[3]!}`;
}
