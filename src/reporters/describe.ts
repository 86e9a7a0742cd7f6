import { YES } from '../core/schema/vocabulary.js';
import type { IndexBandT, RuleT } from '../core/schema/catalog.js';
import type { BandMiss, ConditionMiss } from '../core/scoring/band.js';
import type { BySource, SourceTotal } from '../core/scoring/survey.js';
import type { Hint } from '../core/scoring/rules.js';
import { fieldOf, optionPoints, ratioKeys, shownRate } from '../core/scoring/rules.js';
import { documentStatus } from '../core/scoring/documents.js';
import { derivedOf, derivedParts } from '../core/scoring/derived.js';
import type { Expression } from '../core/scoring/expression.js';
import { fromNumber, toNumber, ZERO } from '../core/fixed.js';
import type { ItemScore, ItemStatus } from '../core/scoring/score.js';
import { countNumber, fixedNumber, plainNumber, pointsText, type Lang } from './number.js';
import type { Distance, Step } from '../core/plan/distance.js';

const n = (x: number, lang: Lang) => plainNumber(x, lang);
const pct = (x: number, lang: Lang) => `${plainNumber(x, lang)}%`;
/** A shown rate: at least two decimals, and as many more as fixed.ts shownPercent kept (90,005%). */
const rate = (x: number, lang: Lang) => `${fixedNumber(x, Math.max(2, (String(x).split('.')[1] ?? '').length), lang)}%`;

const T = {
  vi: {
    yes: 'Có',
    no: 'Không',
    dung_han: 'Đúng hạn',
    cham: 'Chậm',
    khong: 'Không thực hiện',
    pts: 'điểm',
    notArisenNA: 'không phát sinh: không đánh giá',
    notArisenFull: 'không phát sinh: được điểm tối đa',
    status: {
      scored: 'Có điểm',
      full_marks: 'Không phát sinh (tối đa)',
      not_applicable: 'Không đánh giá',
      unanswered: 'Chưa kê khai',
    } satisfies Record<ItemStatus, string>,
  },
  en: {
    yes: 'Yes',
    no: 'No',
    dung_han: 'On time',
    cham: 'Late',
    khong: 'Not done',
    pts: 'points',
    notArisenNA: 'did not arise: not assessed',
    notArisenFull: 'did not arise: full marks',
    status: {
      scored: 'Scored',
      full_marks: 'Did not arise (full marks)',
      not_applicable: 'Not assessed',
      unanswered: 'Not declared',
    } satisfies Record<ItemStatus, string>,
  },
} as const;

export function statusLabel(s: ItemStatus, lang: Lang): string {
  return T[lang].status[s];
}

/**
 * Rate bands in words, highest first. A band's lower bound is "từ X%" (inclusive) or "trên X%"
 * (exclusive); its upper end is the band above: "đến dưới Y%" below an inclusive bound, "đến Y%"
 * below an exclusive one (Y% itself belongs here), as Cà Mau writes "trên 90%: 2; từ 70% - 90%: 1".
 */
function describeBands(bands: ReadonlyArray<{ from: number; exclusive?: boolean | undefined; points: number }>, lang: Lang, pts: string): string {
  const vi = lang === 'vi';
  const sorted = [...bands].sort((a, b) => b.from - a.from);
  const upTo = (b: { from: number; exclusive?: boolean | undefined }) =>
    b.exclusive ? (vi ? `${pct(b.from, lang)} trở xuống` : `${pct(b.from, lang)} or less`) : vi ? `dưới ${pct(b.from, lang)}` : `below ${pct(b.from, lang)}`;
  const parts = sorted.map((b, i) => {
    const prev = sorted[i - 1];
    let range: string;
    if (!prev) {
      range = b.exclusive ? (vi ? `trên ${pct(b.from, lang)}` : `above ${pct(b.from, lang)}`) : vi ? `từ ${pct(b.from, lang)} trở lên` : `${pct(b.from, lang)} or more`;
    } else if (b.from === 0 && !b.exclusive) {
      range = upTo(prev);
    } else {
      const low = b.exclusive ? (vi ? `trên ${pct(b.from, lang)}` : `above ${pct(b.from, lang)}`) : vi ? `từ ${pct(b.from, lang)}` : pct(b.from, lang);
      const high = prev.exclusive ? pct(prev.from, lang) : vi ? `dưới ${pct(prev.from, lang)}` : `below ${pct(prev.from, lang)}`;
      range = vi ? `${low} đến ${high}` : `${low} to ${high}`;
    }
    return `${range}: ${n(b.points, lang)} ${pts}`;
  });
  const last = sorted[sorted.length - 1];
  if (last && (last.from > 0 || last.exclusive)) parts.push(`${upTo(last)}: 0 ${pts}`);
  return parts.join('; ');
}

/** A derived ratio's side in the catalog's own words: "(Tổng số PAKN − Số bị phản hồi không hài lòng)". */
function formula(e: Expression, labels: ReadonlyMap<string, string>): string {
  const body = e
    .map((t, i) => `${i === 0 ? (t.sign < 0n ? '−' : '') : t.sign < 0n ? ' − ' : ' + '}${t.name === undefined ? String(t.constant) : labels.get(t.name) ?? t.name}`)
    .join('');
  return e.length > 1 ? `(${body})` : body;
}

/** "Cách tính điểm": the rule in words, from the catalog (or its own description). */
export function describeRule(rule: RuleT, max: number, lang: Lang, decimals = 2): string {
  if (rule.description) return rule.description;
  const t = T[lang];
  // Below zero: the item gets 0 and the rest is deducted ("bị 0 điểm và bị trừ 0,25 điểm").
  const p = (x: number | undefined, d: number) => {
    const v = x ?? d;
    if (v >= 0) return `${n(v, lang)} ${t.pts}`;
    return lang === 'vi' ? `0 ${t.pts} và bị trừ ${n(-v, lang)} ${t.pts}` : `0 ${t.pts} and ${n(-v, lang)} deducted`;
  };
  let s: string;
  switch (rule.kind) {
    case 'yes_no':
      s = `${t.yes}: ${p(rule.yes, max)}; ${t.no}: ${p(rule.no, 0)}`;
      break;
    case 'choice':
      s = rule.options
        .map((o) => `${o.label}: ${p(toNumber(optionPoints(o, fromNumber(max) ?? ZERO, decimals)), 0)}`)
        .join('; ');
      break;
    case 'timeliness':
      s = `${t.dung_han}: ${p(rule.on_time, max)}; ${t.cham}: ${p(rule.late, 0)}; ${t.khong}: ${p(rule.missing, 0)}`;
      break;
    case 'rate_bands':
      s = describeBands(rule.bands, lang, t.pts);
      break;
    case 'pro_rata':
      s = lang === 'vi' ? `Điểm = tỷ lệ đạt × ${n(max, lang)}` : `Points = rate × ${n(max, lang)}`;
      break;
    case 'survey':
      s = lang === 'vi' ? `Điểm = tỷ lệ hài lòng × ${n(max, lang)}` : `Points = satisfaction rate × ${n(max, lang)}`;
      break;
    case 'deduction':
      s =
        lang === 'vi'
          ? `Mỗi ${rule.item_label ?? 'trường hợp'} trừ ${n(rule.per_item, lang)} ${t.pts}, thấp nhất ${n(rule.floor ?? 0, lang)}${(rule.floor ?? 0) < 0 ? ' (phần dưới 0 bị trừ vào điểm trừ)' : ''}`
          : `Each ${rule.item_label ?? 'case'} deducts ${n(rule.per_item, lang)}, floor ${n(rule.floor ?? 0, lang)}${(rule.floor ?? 0) < 0 ? ' (the part below 0 is deducted in the penalty section)' : ''}`;
      break;
    case 'per_item':
      s =
        lang === 'vi'
          ? `Mỗi ${rule.item_label ?? 'trường hợp đạt yêu cầu'} đạt ${n(rule.each, lang)} ${t.pts}, tối đa ${n(max, lang)} ${t.pts}`
          : `Each ${rule.item_label ?? 'qualifying case'} earns ${n(rule.each, lang)}, at most ${n(max, lang)} ${t.pts}`;
      break;
    case 'conditions': {
      const list = rule.conditions.map((c) => c.label).join('; ');
      const met = lang === 'vi' ? (rule.combine === 'all' ? `Đạt đủ các điều kiện (${list})` : `Đạt ít nhất một điều kiện (${list})`) : rule.combine === 'all' ? `All conditions met (${list})` : `At least one condition met (${list})`;
      const not = lang === 'vi' ? (rule.combine === 'all' ? 'thiếu một điều kiện' : 'không đạt điều kiện nào') : rule.combine === 'all' ? 'any condition unmet' : 'none met';
      s = `${met}: ${p(rule.yes, max)}; ${not}: ${p(rule.no, 0)}`;
      break;
    }
    case 'documents': {
      const list = rule.documents
        .map((d) => (d.deadline === undefined ? d.label : lang === 'vi' ? `${d.label} (hạn ${d.deadline})` : `${d.label} (due ${d.deadline})`))
        .join('; ');
      s =
        lang === 'vi'
          ? `Đủ số lượng và đúng thời gian (${list}): ${p(rule.yes, max)}; thiếu hoặc chậm một văn bản: ${p(rule.no, 0)}`
          : `All in full and on time (${list}): ${p(rule.yes, max)}; any missing or late: ${p(rule.no, 0)}`;
      break;
    }
    case 'judgement':
      s = lang === 'vi' ? `Hội đồng thẩm định chấm từ 0 đến ${n(max, lang)}` : `Appraisers score 0 to ${n(max, lang)}`;
      break;
  }
  const d = derivedOf(rule);
  if (d && (rule.kind === 'rate_bands' || rule.kind === 'pro_rata')) {
    const labels = new Map((rule.counts ?? []).map((c) => [c.key, c.label]));
    s += lang === 'vi' ? `; tỷ lệ = ${formula(d.numerator, labels)} / ${formula(d.denominator, labels)}` : `; rate = ${formula(d.numerator, labels)} / ${formula(d.denominator, labels)}`;
  }
  const na = rule.when_not_arisen === 'full_marks' ? t.notArisenFull : t.notArisenNA;
  return `${s}. ${lang === 'vi' ? 'Nếu' : 'If'} ${na}.`;
}

/** A parent that decides "did not arise" for its branch, in words (catalog show, the template). */
export function describeParentNotArisen(mode: 'not_applicable' | 'full_marks', lang: Lang): string {
  if (lang === 'vi')
    return `Nếu nhiệm vụ của cả mục không phát sinh: ${mode === 'full_marks' ? 'mọi mục con được điểm tối đa' : 'cả mục không đánh giá'} (khai một lần ở mục này).`;
  return `If the task of the whole item did not arise: ${mode === 'full_marks' ? 'every sub-item gets full marks' : 'the whole item is not assessed'} (declared once, on this item).`;
}

/** "Số liệu kê khai": the declared value as a person reads it. */
export function describeValue(item: ItemScore, rule: RuleT, lang: Lang): string {
  const t = T[lang];
  const vi = lang === 'vi';
  if (item.reason !== undefined) {
    const at = item.notArisenAt === undefined ? '' : lang === 'vi' ? ` (khai ở mục ${item.notArisenAt})` : ` (declared on ${item.notArisenAt})`;
    return `${lang === 'vi' ? 'Không phát sinh' : 'Did not arise'}${at}: ${item.reason}`;
  }
  const v = item.value;
  if (v === undefined) return '';
  if (typeof v === 'boolean') return v ? t.yes : t.no;
  if (rule.kind === 'conditions' && typeof v === 'object' && v !== null) {
    const r = v as Record<string, unknown>;
    const yes = (x: unknown) => x === true || (typeof x === 'string' && YES.has(x.normalize('NFC').trim().toLowerCase()));
    return rule.conditions.map((c) => `${c.label}: ${yes(r[c.key]) ? t.yes : t.no}`).join('; ');
  }
  if (rule.kind === 'documents' && typeof v === 'object' && v !== null) {
    const r = v as Record<string, unknown>;
    const status = documentStatus(rule, v);
    const word = { on_time: vi ? 'đúng hạn' : 'on time', late: vi ? 'chậm' : 'late', missing: vi ? 'không gửi' : 'not sent' } as const;
    return rule.documents
      .map((d) => {
        const s = status[d.key];
        const sent = d.deadline !== undefined && s !== 'missing' ? `${String(r[d.key])} — ` : '';
        return `${d.label}: ${sent}${s ? word[s] : shownValue(r[d.key])}`;
      })
      .join('; ');
  }
  const parts = derivedParts(rule, v);
  if (parts && (rule.kind === 'rate_bands' || rule.kind === 'pro_rata')) {
    const r = v as Record<string, unknown>;
    const counts = (rule.counts ?? []).map((c) => `${c.label}: ${shownValue(r[c.key])}`).join('; ');
    const result = parts.den === 0n ? (vi ? 'mẫu số bằng 0' : 'denominator 0') : `${parts.num}/${parts.den}${item.rate === undefined ? '' : ` (${rate(item.rate, lang)})`}`;
    return `${counts} → ${result}`;
  }
  const keys = ratioKeys(rule);
  if (keys && typeof v === 'object' && v !== null) {
    const r = v as Record<string, number>;
    const num = r[keys.numerator] ?? 0;
    const den = r[keys.denominator] ?? 0;
    return item.rate === undefined ? `${num}/${den}` : `${num}/${den} (${rate(item.rate, lang)})`;
  }
  if (typeof v === 'string') {
    const s = v.normalize('NFC').trim().toLowerCase();
    if (rule.kind === 'timeliness' && (s === 'dung_han' || s === 'cham' || s === 'khong')) return t[s];
    if (rule.kind === 'choice') return rule.options.find((o) => o.value === s)?.label ?? v;
    if (rule.kind === 'yes_no') return YES.has(s) ? t.yes : t.no;
    return v;
  }
  if (typeof v === 'number') {
    if (rule.kind === 'deduction' || rule.kind === 'per_item') return lang === 'vi' ? `${v} ${rule.item_label ?? 'trường hợp'}` : `${v} ${rule.item_label ?? 'cases'}`;
    if (rule.kind === 'judgement') return `${n(v, lang)} ${t.pts}`;
    return item.rate === undefined ? pct(v, lang) : rate(item.rate, lang);
  }
  return JSON.stringify(v);
}

/** What would earn the lost points, in words. */
export function describeHint(h: Hint, lang: Lang): string {
  const a = h.args;
  const vi = lang === 'vi';
  switch (h.code) {
    case 'hint.unanswered':
      return vi ? 'Chưa kê khai số liệu: kê khai để được chấm điểm' : 'Nothing declared: declare a value to be scored';
    case 'hint.yes':
      return vi ? 'Cần đạt: Có (thực hiện đầy đủ, có tài liệu kiểm chứng)' : 'Needs: Yes (done in full, with evidence)';
    case 'hint.choice':
      return vi ? `Cần đạt mức: ${a.label}` : `Needs the level: ${a.label}`;
    case 'hint.on_time':
      return vi ? 'Cần thực hiện, ban hành đúng hạn' : 'Needs to be done on time';
    case 'hint.next_band':
      if (a.exclusive)
        return vi
          ? `Hiện đạt ${rate(Number(a.pct), lang)}; cần trên ${pct(Number(a.from), lang)} để được ${n(Number(a.points), lang)} điểm`
          : `Now ${rate(Number(a.pct), lang)}; above ${pct(Number(a.from), lang)} earns ${n(Number(a.points), lang)} points`;
      return vi
        ? `Hiện đạt ${rate(Number(a.pct), lang)}; cần từ ${pct(Number(a.from), lang)} để được ${n(Number(a.points), lang)} điểm`
        : `Now ${rate(Number(a.pct), lang)}; ${pct(Number(a.from), lang)} or more earns ${n(Number(a.points), lang)} points`;
    case 'hint.rule_ceiling':
      return vi
        ? `Hiện đạt ${rate(Number(a.pct), lang)}, mức cao nhất của quy tắc (${n(Number(a.points), lang)} điểm): không thể được thêm điểm`
        : `Now ${rate(Number(a.pct), lang)}, the rule's highest band (${n(Number(a.points), lang)} points): no more points to earn`;
    case 'hint.full_rate':
      return vi ? `Hiện đạt ${rate(Number(a.pct), lang)}; đạt 100% để được điểm tối đa` : `Now ${rate(Number(a.pct), lang)}; 100% earns full marks`;
    case 'hint.fewer_items':
      return vi
        ? `Có ${a.count} ${a.label || 'trường hợp'}, mỗi trường hợp trừ ${n(Number(a.per), lang)} điểm`
        : `${a.count} ${a.label || 'cases'}, each deducting ${n(Number(a.per), lang)}`;
    case 'hint.more_items':
      return vi
        ? `Có ${a.count} ${a.label || 'trường hợp đạt yêu cầu'}, mỗi trường hợp ${n(Number(a.each), lang)} điểm; cần thêm ${a.more} để đạt tối đa`
        : `${a.count} ${a.label || 'qualifying cases'}, ${n(Number(a.each), lang)} each; ${a.more} more reach full marks`;
    case 'hint.conditions':
      if (a.combine === 'any') return vi ? `Cần đạt ít nhất một trong: ${a.unmet}` : `Needs at least one of: ${a.unmet}`;
      return vi ? `Còn thiếu: ${a.unmet}` : `Still missing: ${a.unmet}`;
    case 'hint.documents': {
      const parts = [
        a.late ? (vi ? `chậm: ${a.late}` : `late: ${a.late}`) : '',
        a.missing ? (vi ? `thiếu: ${a.missing}` : `missing: ${a.missing}`) : '',
      ].filter(Boolean);
      return vi ? `Cần đủ và đúng hạn mọi văn bản (${parts.join('; ')})` : `Every document is needed, on time (${parts.join('; ')})`;
    }
    case 'hint.judgement':
      return vi ? 'Điểm do Hội đồng thẩm định chấm: bổ sung tài liệu kiểm chứng, giải trình' : 'Set by the appraisers: add evidence and explanations';
  }
}

/** "hồ sơ giải quyết đúng hạn" from a numerator's label "Số hồ sơ giải quyết đúng hạn": what is counted. */
function counted(label: string | undefined): string | undefined {
  const m = label ? /^(?:số|number of)\s+(.+)$/i.exec(label.normalize('NFC').trim()) : null;
  return m ? m[1]! : undefined;
}

/** The smallest change that earns a step, in the unit's own terms ("cần thêm 20 hồ sơ … (1 180 → 1 200 / 1 200)"). */
export function describeMove(s: Step, rule: RuleT, lang: Lang): string {
  const vi = lang === 'vi';
  const m = s.move;
  const c = (x: number) => countNumber(x, lang);
  switch (m.kind) {
    case 'ratio': {
      const label = rule.kind === 'rate_bands' || rule.kind === 'pro_rata' ? fieldOf(rule.numerator)?.label : undefined;
      const what = vi ? counted(label) : undefined;
      const nums = `${c(m.from)} → ${c(m.to)} / ${c(m.den)}`;
      if (what) return vi ? `cần thêm ${c(m.to - m.from)} ${what} (${nums})` : `${c(m.to - m.from)} more ${what} (${nums})`;
      return vi ? `cần thêm ${c(m.to - m.from)} (${label ?? m.numerator}: ${nums})` : `${c(m.to - m.from)} more (${label ?? m.numerator}: ${nums})`;
    }
    case 'percent': {
      const to = rate(m.to, lang);
      const from = rate(m.from, lang);
      if (rule.kind === 'survey') return vi ? `cần tỷ lệ hài lòng từ ${to} (hiện ${from})` : `a satisfaction rate of ${to} or more (now ${from})`;
      return vi ? `cần đạt từ ${to} (hiện ${from})` : `${to} or more (now ${from})`;
    }
    case 'option': {
      const label = rule.kind === 'choice' ? (rule.options.find((o) => o.value === m.to)?.label ?? m.to) : m.to;
      return vi ? `cần đạt mức: ${label}` : `the level: ${label}`;
    }
    case 'timeliness':
      if (m.to === 'dung_han') return vi ? 'cần thực hiện, ban hành đúng hạn' : 'done on time';
      return vi ? 'cần thực hiện, ban hành (dù chậm hạn)' : 'done, even late';
    case 'bool':
      return vi ? 'cần thực hiện đầy đủ (Có)' : 'done in full (Yes)';
    case 'count': {
      const what = (rule.kind === 'deduction' ? rule.item_label : undefined) || (vi ? 'trường hợp' : 'cases');
      if (m.to === 0) return vi ? `không để xảy ra ${what} nào (năm nay: ${c(m.from)})` : `no ${what} at all (this year: ${c(m.from)})`;
      return vi ? `không để quá ${c(m.to)} ${what} (năm nay: ${c(m.from)})` : `at most ${c(m.to)} ${what} (this year: ${c(m.from)})`;
    }
    case 'points':
      return vi
        ? `Hội đồng thẩm định chấm ${n(m.to, lang)} điểm (hiện ${n(m.from, lang)}): bổ sung tài liệu kiểm chứng, giải trình`
        : `the appraisers give ${n(m.to, lang)} (now ${n(m.from, lang)}): add evidence and explanations`;
  }
}

/** "cần thêm 20 hồ sơ … (1 180 → 1 200 / 1 200): +1,00 điểm". */
export function describeStep(s: Step, rule: RuleT, decimals: number, lang: Lang): string {
  const gain = pointsText(s.gain, decimals, lang);
  return `${describeMove(s, rule, lang)}: +${gain} ${T[lang].pts}`;
}

/** Who decides, for steps the unit does not control. */
export function controlNote(d: Distance, lang: Lang): string {
  if (d.kind !== 'steps' || d.control === 'unit') return '';
  if (d.control === 'survey') return lang === 'vi' ? 'kết quả điều tra xã hội học, đơn vị không tự quyết định' : 'a survey result, not the unit’s own decision';
  return lang === 'vi' ? 'do Hội đồng thẩm định quyết định' : 'decided by the appraisal council';
}

/** A distance in words, or '' when there is nothing to add to the hint (no step, or a single yes/choice/on-time step). */
export function describeDistance(d: Distance, rule: RuleT, decimals: number, lang: Lang): string {
  const vi = lang === 'vi';
  if (d.kind === 'unknown') return vi ? `chưa tính được khoảng cách cho quy tắc "${d.rule}"` : `no distance computed for the rule "${d.rule}"`;
  if (d.kind !== 'steps') return '';
  const next = d.steps[0]!;
  const qualitative = next.move.kind === 'option' || next.move.kind === 'bool' || next.move.kind === 'timeliness';
  if (qualitative && d.steps.length === 1) return '';
  const note = controlNote(d, lang);
  const said = describeStep(next, rule, decimals, lang);
  const text = d.steps.length > 1 ? `${vi ? 'Bước gần nhất' : 'Next step'}: ${said}` : said.charAt(0).toUpperCase() + said.slice(1);
  return `${text}${note ? ` (${note})` : ''}`;
}

/** The value a step asks for, as a target to write in a plan's annex ("1 200/1 200 hồ sơ giải quyết đúng hạn (100,00%)"). */
export function describeTarget(s: Step, rule: RuleT, lang: Lang): string {
  const vi = lang === 'vi';
  const m = s.move;
  const c = (x: number) => countNumber(x, lang);
  switch (m.kind) {
    case 'ratio': {
      const label = rule.kind === 'rate_bands' || rule.kind === 'pro_rata' ? fieldOf(rule.numerator)?.label : undefined;
      const what = vi ? counted(label) : undefined;
      const pct = rate(shownRate(rule, { num: BigInt(m.to), den: BigInt(m.den) }), lang);
      return `${c(m.to)}/${c(m.den)}${what ? ` ${what}` : ''} (${pct})`;
    }
    case 'percent':
      return vi ? `từ ${rate(m.to, lang)}` : `${rate(m.to, lang)} or more`;
    case 'option':
      return rule.kind === 'choice' ? (rule.options.find((o) => o.value === m.to)?.label ?? m.to) : m.to;
    case 'timeliness':
      return m.to === 'dung_han' ? T[lang].dung_han : T[lang].cham;
    case 'bool':
      return T[lang].yes;
    case 'count': {
      const what = (rule.kind === 'deduction' ? rule.item_label : undefined) || (vi ? 'trường hợp' : 'cases');
      return m.to === 0 ? (vi ? `không có ${what}` : `no ${what}`) : vi ? `không quá ${c(m.to)} ${what}` : `at most ${c(m.to)} ${what}`;
    }
    case 'points':
      return vi ? `${n(m.to, lang)} điểm (Hội đồng thẩm định chấm)` : `${n(m.to, lang)} points (set by the appraisers)`;
  }
}

/** A band's own conditions as written: "không có tiêu chí nào dưới 50% số điểm". */
export function describeBandConditions(b: IndexBandT, lang: Lang): string {
  const vi = lang === 'vi';
  return (b.requires ?? [])
    .map((c) => {
      const p = pct(c.min_percent, lang);
      if (c.codes) return vi ? `${c.codes.join(', ')} đạt từ ${p} số điểm trở lên` : `${c.codes.join(', ')} at least ${p} of their points`;
      const what = c.each === 'areas' ? (vi ? 'lĩnh vực' : 'area') : vi ? 'tiêu chí' : 'criterion';
      return vi ? `không có ${what} nào dưới ${p} số điểm` : `no ${what} below ${p} of its points`;
    })
    .join(vi ? '; ' : '; ');
}

/** Why the unit sits below the band its index reached: each failed condition, with the node's rate. */
export function describeBandMissed(missed: readonly BandMiss[], band: string | null, decimals: number, lang: Lang): string {
  const vi = lang === 'vi';
  const first = missed[0]!;
  const fails = first.failed
    .map((f) => {
      const what = f.area ? (vi ? 'lĩnh vực' : 'area') : vi ? 'tiêu chí' : 'criterion';
      return vi
        ? `${what} ${f.code} đạt ${fixedNumber(f.rate, decimals, lang)}% số điểm (cần từ ${pct(f.min, lang)})`
        : `${what} ${f.code} has ${fixedNumber(f.rate, decimals, lang)}% of its points (needs ${pct(f.min, lang)})`;
    })
    .join('; ');
  const to = band ?? (vi ? 'không xếp loại' : 'no band');
  return vi
    ? `Chỉ số đạt mức "${first.band}" nhưng chưa đủ điều kiện của mức này: ${fails} → xếp loại ${to}`
    : `The index reaches "${first.band}" but not its conditions: ${fails} → band ${to}`;
}

/** In the lost-points list: this item sits under a node that keeps the unit out of a band. */
export function describeBandHold(f: ConditionMiss, band: string, decimals: number, lang: Lang): string {
  const what = f.area ? (lang === 'vi' ? 'lĩnh vực' : 'area') : lang === 'vi' ? 'tiêu chí' : 'criterion';
  return lang === 'vi'
    ? `${what} ${f.code} cần đạt từ ${pct(f.min, lang)} số điểm (hiện ${fixedNumber(f.rate, decimals, lang)}%) để được xếp loại ${band}`
    : `${what} ${f.code} needs ${pct(f.min, lang)} of its points (now ${fixedNumber(f.rate, decimals, lang)}%) for the band ${band}`;
}

/**
 * The survey share as result tables print it: the whole result's assessment and survey points, and per area; or,
 * in a year without survey, that the index is the assessment rescaled to 100.
 */
export function describeSurvey(
  s: BySource & { run: boolean },
  areas: ReadonlyArray<{ code: string; bySource?: BySource }>,
  decimals: number,
  lang: Lang,
): string[] {
  const vi = lang === 'vi';
  const p = (t: SourceTotal) => `${pointsText(t.points, decimals, lang)}/${pointsText(t.applicableMax, decimals, lang)}`;
  const head = s.run
    ? vi
      ? `Điểm thẩm định, tự chấm: ${p(s.assessment)}; điểm điều tra xã hội học: ${p(s.survey)}`
      : `Assessment points: ${p(s.assessment)}; survey points: ${p(s.survey)}`
    : vi
      ? `Không tổ chức điều tra xã hội học: chỉ số là điểm thẩm định tự chấm ${p(s.assessment)} quy về thang điểm 100`
      : `No survey this year: the index is the assessment ${p(s.assessment)} rescaled to 100`;
  const rows = areas.flatMap((a) =>
    a.bySource
      ? [
          vi
            ? `  Lĩnh vực ${a.code}: thẩm định ${p(a.bySource.assessment)}${s.run ? `; điều tra ${p(a.bySource.survey)}` : ''}`
            : `  Area ${a.code}: assessment ${p(a.bySource.assessment)}${s.run ? `; survey ${p(a.bySource.survey)}` : ''}`,
        ]
      : [],
  );
  return [head, ...rows];
}

/** A declared count or date as the unit wrote it; anything else (never valid there) as JSON, not "[object Object]". */
function shownValue(x: unknown): string {
  if (x === undefined || x === null) return '';
  if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return String(x);
  return JSON.stringify(x);
}
