import type { FlatCatalog } from '../core/flat-catalog.js';
import type { ScoreResult } from '../core/scoring/score.js';
import type { Peers, Standing } from '../core/plan/peers.js';
import type { WhatIf } from '../core/plan/whatif.js';
import type { Goal, WayUp } from '../core/plan/target.js';
import { sub, toNumber, ZERO } from '../core/fixed.js';
import { controlNote, describeDistance, describeStep, describeValue } from './describe.js';
import type { DecidingRound } from '../core/schema/appraisal.js';
import { ROUND_WORDS } from './appraisal-words.js';
import { atLeastText, fixedNumber, pointsText, type Lang } from './number.js';

const W = {
  vi: {
    title: (name: string, code: string, y: number) => `GIẢ ĐỊNH — ${name} (mã ${code}), năm ${y}`,
    appraised: (round: string, index: string, self: string) => `Từ kết quả sau thẩm định (${round}): chỉ số ${index}; tự đánh giá ${self}`,
    changes: 'Thay đổi giả định:',
    total: 'Tổng điểm',
    index: 'Chỉ số',
    rank: 'Thứ hạng',
    among: (f: string) => `theo ${f}; các đơn vị khác giữ chỉ số đã công bố`,
    pts: 'điểm',
    notDeclared: 'chưa kê khai',
    awarded: (p: string) => `Hội đồng thẩm định chấm ${p} điểm`,
    na: 'không đánh giá',
    rankTarget: (label: string) => `xếp hạng ${label}`,
    indexTarget: (x: string) => `chỉ số từ ${x}%`,
    bandTarget: (b: string) => `xếp loại ${b}`,
    target: 'MỤC TIÊU',
    needs: (x: string, t: string) => `cần chỉ số từ ${x}% (tổng điểm từ ${t})`,
    tie: (name: string, x: string) => `bằng ${name} (${x}%): bằng chỉ số thì đồng hạng`,
    reached: 'Đã đạt mục tiêu: không cần thay đổi gì.',
    way: (n: number) => `Cách ít thay đổi nhất: ${n} tiêu chí (xếp theo điểm được thêm trên mức thay đổi, cao trước):`,
    owner: 'tham mưu',
    result: 'Kết quả',
    approx: 'Khoảng cách quá lớn để xét mọi tổ hợp: các bước được chọn theo điểm trên mức thay đổi (vẫn đạt mục tiêu, có thể chưa ít nhất).',
    outside: 'Không tính vào cách trên (đơn vị không tự quyết định, hoặc chưa tính được):',
    summary: 'Tóm lại',
    hang: 'hạng',
    unanswered: 'chưa kê khai số liệu: kê khai để được chấm điểm',
    ceiling: 'đã đạt mức cao nhất quy tắc cho',
  },
  en: {
    title: (name: string, code: string, y: number) => `WHAT-IF — ${name} (code ${code}), ${y}`,
    appraised: (round: string, index: string, self: string) => `From the appraised result (${round}): index ${index}; self-assessed ${self}`,
    changes: 'Assumed changes:',
    total: 'Total',
    index: 'Index',
    rank: 'Rank',
    among: (f: string) => `from ${f}; the other units keep their published index`,
    pts: 'points',
    notDeclared: 'not declared',
    awarded: (p: string) => `the appraisers gave ${p}`,
    na: 'not assessed',
    rankTarget: (label: string) => `rank ${label}`,
    indexTarget: (x: string) => `an index of ${x}%`,
    bandTarget: (b: string) => `the band ${b}`,
    target: 'TARGET',
    needs: (x: string, t: string) => `needs an index of ${x}% or more (total ${t} or more)`,
    tie: (name: string, x: string) => `equal to ${name} (${x}%): an equal index shares the rank`,
    reached: 'Target already reached: nothing to change.',
    way: (n: number) => `The fewest changes: ${n} item${n === 1 ? '' : 's'} (most points per effort first):`,
    owner: 'owner',
    result: 'Result',
    approx: 'The gap is too wide to try every combination: steps were picked by points per effort (the target is met, perhaps not with the fewest).',
    outside: 'Not counted above (not the unit’s own decision, or no distance computed):',
    summary: 'In short',
    hang: 'rank',
    unanswered: 'nothing declared: declare a value to be scored',
    ceiling: 'already at the most the rule gives',
  },
};

export interface WhatIfText {
  flat: FlatCatalog;
  result: ScoreResult;
  whatIf?: WhatIf;
  peers?: Peers;
  after?: Standing;
  way?: WayUp;
  /** Scored from an appraisal overlay: the round and the self-assessed index beside it. */
  appraisal?: { round: DecidingRound; selfIndex: number | null; awarded?: readonly string[] };
}

/** "xếp hạng 02/15", "chỉ số từ 95,00%", "xếp loại Xuất sắc". */
export function targetWords(goal: Goal, size: number, decimals: number, lang: Lang): string {
  const w = W[lang];
  const t = goal.target;
  if (t.kind === 'rank') return w.rankTarget(`${String(t.rank).padStart(String(size).length, '0')}/${size}`);
  if (t.kind === 'index') return w.indexTarget(fixedNumber(toNumber(t.index), decimals, lang));
  return w.bandTarget(t.band);
}

/** "92,95% → 93,97%, hạng 03/15 → 02/15". */
export function changeLine(before: { index: number | null; standing?: Standing | undefined }, after: { index: number | null; standing?: Standing | undefined }, d: number, lang: Lang): string {
  const pct = (x: number | null) => (x === null ? '—' : `${fixedNumber(x, d, lang)}%`);
  const rank = before.standing && after.standing ? `, ${W[lang].hang} ${before.standing.rankLabel} → ${after.standing.rankLabel}` : '';
  return `${pct(before.index)} → ${pct(after.index)}${rank}`;
}

/** `cchc whatif` as text: the assumed changes and what they give, then the cheapest way to a target. */
export function whatIfText(o: WhatIfText, lang: Lang): string {
  const w = W[lang];
  const r = o.result;
  const d = r.decimals;
  const num = (x: Parameters<typeof pointsText>[0]) => pointsText(x, d, lang);
  const out: string[] = [w.title(r.unit.name, r.unit.code, r.catalog.year)];
  const pct = (x: number | null) => (x === null ? '—' : `${fixedNumber(x, d, lang)}%`);
  if (o.appraisal) out.push(w.appraised(ROUND_WORDS[lang][o.appraisal.round].toLowerCase(), pct(r.index), pct(o.appraisal.selfIndex)));
  const me = o.peers?.me;
  const published = me ? { rank: me.rank, rankLabel: me.rankLabel, groupSize: me.groupSize } : undefined;
  if (o.whatIf) {
    const a = o.whatIf.after;
    out.push('', w.changes);
    for (const c of o.whatIf.changes) {
      const leaf = o.flat.leaves.get(c.before.code)!;
      const declared = (it: typeof c.before) => describeValue(it, leaf.rule, lang) || w.notDeclared;
      // Points the council awarded are not what the declared value gives: said, so "1 điểm → 1 điểm" is not a riddle.
      const council = o.appraisal?.awarded?.includes(c.before.code) && c.before.points !== null;
      const shown = (it: typeof c.before) => (it === c.before && council ? `${declared(it)} (${w.awarded(num(it.points!))})` : declared(it));
      const p = (it: typeof c.before) => (it.points === null ? w.na : num(it.points));
      const gain = sub(c.after.points ?? ZERO, c.before.points ?? ZERO);
      const sign = toNumber(gain) >= 0 ? '+' : '−';
      out.push(`  ${c.before.code} ${c.before.name}`);
      out.push(`        ${shown(c.before)} → ${shown(c.after)}: ${p(c.before)} → ${p(c.after)} ${w.pts} (${sign}${pointsText(toNumber(gain) >= 0 ? gain : sub(ZERO, gain), d, lang)})`);
    }
    out.push('');
    out.push(`${w.total}: ${num(r.total)} → ${num(a.total)} / ${num(a.applicableMax)}`);
    out.push(`${w.index}: ${changeLine({ index: r.index }, { index: a.index }, d, lang)}${a.band ? ` — ${r.band ?? '—'} → ${a.band}` : ''}`);
    if (published && o.after) out.push(`${w.rank}: ${published.rankLabel} → ${o.after.rankLabel} (${w.among(o.peers!.file)})`);
    out.push(`${w.summary}: ${changeLine({ index: r.index, standing: published }, { index: a.index, standing: o.after }, d, lang)}`);
  }
  const way = o.way;
  if (way) {
    const base = o.whatIf?.after ?? r;
    const size = o.peers ? o.peers.others.length + 1 : 0;
    const g = way.goal;
    const x = fixedNumber(g.index, d, lang);
    out.push('', `${w.target}: ${targetWords(g, size, d, lang)} — ${w.needs(x, atLeastText(g.total, d, lang))}${g.reach ? `; ${w.tie(g.reach.name, fixedNumber(g.reach.index, d, lang))}` : ''}`);
    if (way.reached) out.push(w.reached);
    else {
      out.push(w.way(way.steps.length));
      way.steps.forEach((s, i) => {
        const leaf = o.flat.leaves.get(s.code)!;
        const it = base.items.find((x) => x.code === s.code)!;
        out.push(`  ${i + 1}. ${s.code} ${leaf.name}`);
        out.push(`        ${describeStep(s.step, leaf.rule, d, lang)} (${num(it.points ?? ZERO)} → ${num(s.step.points)})${it.owner ? ` — ${w.owner}: ${it.owner}` : ''}`);
      });
      if (way.approximate) out.push(w.approx);
      const after = way.result!.after;
      const before = { index: base.index, standing: o.whatIf ? o.after : published };
      out.push(`${w.result}: ${changeLine(before, { index: after.index, standing: way.standing }, d, lang)}${after.band ? ` — ${after.band}` : ''}`);
    }
    if (way.notControlled.length) {
      out.push('', w.outside);
      for (const n of way.notControlled) {
        const leaf = o.flat.leaves.get(n.code)!;
        const said =
          n.distance.kind === 'unanswered' ? w.unanswered : n.distance.kind === 'ceiling' ? w.ceiling : describeDistance(n.distance, leaf.rule, d, lang) || controlNote(n.distance, lang);
        out.push(`  ${n.code} ${leaf.name}${said ? ` — ${said}` : ''}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}
