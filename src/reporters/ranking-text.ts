import type { ChalkInstance } from 'chalk';
import { fixedNumber, type Lang } from './number.js';
import type { BatchReport, RankedUnit } from '../core/batch/report.js';
import { changeText } from './change.js';
import { groupLabel } from './groups.js';
import { longTable } from './table.js';
import { indexDifference } from './appraisal-text.js';
import { reasonWords, roundWords } from './appraisal-words.js';
import { signed } from './change.js';

const L = {
  vi: {
    title: (y: number | string) => `KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${y}`,
    catalog: 'Bộ tiêu chí',
    template: 'bộ tiêu chí MẪU, không phải văn bản chính thức của tỉnh',
    compare: (f: string, y: number | null) => `So sánh với: ${f}${y ? ` (năm ${y})` : ''}`,
    head: ['Hạng', 'Mã', 'Đơn vị'],
    area: (c: string) => `LV${c}`,
    tail: ['Tổng điểm', 'Chỉ số', 'Xếp loại'],
    change: 'Thay đổi',
    units: (n: number) => `${n} đơn vị`,
    none: 'Không có đơn vị nào được xếp hạng.',
    areas: 'Lĩnh vực',
    max: (x: string) => `tối đa ${x}`,
    merged: (u: RankedUnit, p: string, prev: string) =>
      `${u.name} hợp nhất từ các đơn vị cũ mã ${(u.predecessors ?? []).join(', ')}: so sánh với đơn vị cũ xếp hạng cao nhất là ${p} (${prev}).`,
    rankThen: (code: string, label: string, index: string) => `mã ${code}; năm trước hạng ${label}, ${index}%`,
    stats: (avg: string, hi: string, lo: string) => `Bình quân ${avg}% · cao nhất ${hi}% · thấp nhất ${lo}%`,
    bands: 'Xếp loại',
    weak: 'Tiêu chí thành phần bị mất điểm ở nhiều đơn vị nhất',
    weakLine: (n: number, of: number, lost: string) => `${n}/${of} đơn vị, mất tổng ${lost} điểm`,
    appraisedTail: ['Tổng điểm', 'Tự đánh giá', 'Thẩm định', 'Chênh lệch', 'Xếp loại'],
    unappraised: 'chưa thẩm định',
    roundOf: (r: string) => `Kết quả thẩm định: ${r}; xếp hạng theo chỉ số sau thẩm định`,
    selfStats: (self: string, appr: string, n: number, of: number) => `Bình quân tự đánh giá ${self}% · sau thẩm định ${appr}% (${n}/${of} đơn vị đã thẩm định)`,
    changes: 'Tiêu chí thành phần Hội đồng thẩm định thay đổi ở nhiều đơn vị nhất',
    changeLine: (n: number, of: number, diff: string, reason: string) => `${n}/${of} đơn vị, tổng ${diff} điểm; lý do nhiều nhất: ${reason}`,
  },
  en: {
    title: (y: number | string) => `PAR INDEX RANKING ${y}`,
    catalog: 'Catalog',
    template: 'TEMPLATE catalog, not a province’s official text',
    compare: (f: string, y: number | null) => `Compared with: ${f}${y ? ` (${y})` : ''}`,
    head: ['Rank', 'Code', 'Unit'],
    area: (c: string) => `A${c}`,
    tail: ['Total', 'Index', 'Band'],
    change: 'Change',
    units: (n: number) => `${n} units`,
    none: 'No unit was ranked.',
    areas: 'Areas',
    max: (x: string) => `max ${x}`,
    merged: (u: RankedUnit, p: string, prev: string) =>
      `${u.name} merged the former units ${(u.predecessors ?? []).join(', ')}: compared with the best-ranked of them, ${p} (${prev}).`,
    rankThen: (code: string, label: string, index: string) => `code ${code}; last time ranked ${label}, ${index}%`,
    stats: (avg: string, hi: string, lo: string) => `Average ${avg}% · highest ${hi}% · lowest ${lo}%`,
    bands: 'Bands',
    weak: 'Sub-criteria where most units lost points',
    weakLine: (n: number, of: number, lost: string) => `${n}/${of} units, ${lost} points lost in all`,
    appraisedTail: ['Total', 'Self', 'Appraised', 'Difference', 'Band'],
    unappraised: 'not appraised',
    roundOf: (r: string) => `Appraisal result: ${r}; ranked on the appraised index`,
    selfStats: (self: string, appr: string, n: number, of: number) => `Average self-assessed ${self}% · appraised ${appr}% (${n}/${of} units appraised)`,
    changes: 'Sub-criteria the appraisal council changed in most units',
    changeLine: (n: number, of: number, diff: string, reason: string) => `${n}/${of} units, ${diff} points in all; most common reason: ${reason}`,
  },
} as const;

const WEAK_SHOWN = 5;

/** The Vietnamese ranking table (decimal comma) and the totals; messages go to stderr elsewhere. */
export function rankingText(r: BatchReport, o: { lang: Lang; color: ChalkInstance }): string {
  const { lang, color: c } = o;
  const l = L[lang];
  const cat = r.catalog;
  const d = cat?.decimals ?? 2;
  const num = (x: number) => fixedNumber(x, d, lang);
  const out: string[] = [c.bold(l.title(cat?.year ?? '…'))];
  if (cat) out.push(`${l.catalog}: ${cat.id} — ${cat.title}${cat.template ? ` (${l.template})` : ''}`);
  if (r.compare) out.push(l.compare(r.compare.file, r.compare.year));
  if (r.appraisals) out.push(l.roundOf(r.appraisals.round === 'final' ? roundWords('final', lang) : roundWords(r.appraisals.round, lang).toLowerCase()));
  out.push('');

  const areas = cat?.areas ?? [];
  const perType = r.groupBy === 'type' && areas.some((a) => a.maxByType);
  const notes: string[] = [];
  for (const g of r.groups) {
    if (r.groupBy) out.push(c.bold(`${groupLabel(r.groupBy, g.key, lang)} — ${l.units(g.units.length)}`));
    const appraised = r.appraisals !== null;
    const head = [...l.head, ...areas.map((a) => l.area(a.code)), ...(appraised ? l.appraisedTail : l.tail), ...(r.compare ? [l.change] : [])];
    const aligns = [
      'right', 'left', 'left', ...areas.map(() => 'right' as const), 'right', 'right',
      ...(appraised ? (['right', 'right'] as const) : []), 'left', 'left',
    ] as const;
    const rows: string[][] = [];
    for (const u of g.units) {
      const row = [
        u.rankLabel,
        u.code,
        u.name,
        ...areas.map((a, i) => {
          // A unit's areas come in the catalog's order: looked up by code only when they do not.
          const p = u.areas[i]?.code === a.code ? u.areas[i] : u.areas.find((x) => x.code === a.code);
          return !p || p.applicableMax === 0 ? '—' : num(p.points);
        }),
        num(u.total),
        ...(!appraised
          ? [c.bold(`${num(u.index)}%`)]
          : u.appraisal
            ? [`${num(u.appraisal.selfIndex)}%`, c.bold(`${num(u.index)}%`), indexDifference(u.index, u.appraisal.selfIndex, d, lang)]
            : [c.bold(`${num(u.index)}%`), '—', l.unappraised]),
        u.band ?? '—',
      ];
      if (u.change) {
        const ch = u.change;
        let text = changeText(ch, u.groupSize, d, lang);
        if (ch.merged && ch.previous) {
          const p = ch.previous;
          notes.push(`[${notes.length + 1}] ${l.merged(u, p.name, l.rankThen(p.code, p.rankLabel, num(p.index)))}`);
          text += ` [${notes.length}]`;
        }
        row.push(text);
      }
      rows.push(row);
    }
    out.push(g.units.length ? longTable(head, rows, [...aligns]) : l.none);
    out.push('');
    // Ranked per unit type: each type's own maxima under its table (a xã's area 2 out of 6, a phường's out of 4).
    if (perType && g.key !== null && g.units.length) {
      const key = g.key;
      out.push(`${l.areas}:`);
      for (const a of areas) {
        const max = a.maxByType?.[key];
        if (max !== undefined) out.push(`  ${l.area(a.code).padEnd(4)} ${a.name} (${l.max(fixedNumber(max, d, lang))})`);
      }
      out.push('');
    }
  }
  if (!r.groups.length) out.push(l.none, '');

  if (areas.length && r.groups.length && !perType) {
    out.push(`${l.areas}:`);
    for (const a of areas) out.push(`  ${l.area(a.code).padEnd(4)} ${a.name} (${l.max(fixedNumber(a.max, d, lang))})`);
    out.push('');
  }
  if (notes.length) out.push(...notes, '');
  const s = r.summary;
  if (s.average !== null && s.highest !== null && s.lowest !== null) {
    out.push(l.stats(num(s.average), num(s.highest), num(s.lowest)));
    if (r.appraisals?.selfAverage != null) out.push(l.selfStats(num(r.appraisals.selfAverage), num(s.average), r.appraisals.appraised, s.ranked));
    out.push(`${l.bands}: ${s.bands.map((b) => `${b.label} ${b.units}`).join(' · ')}`);
  }
  if (r.appraisals?.changes.length) {
    out.push('', c.bold(`${l.changes}:`));
    r.appraisals.changes.slice(0, WEAK_SHOWN).forEach((ch, i) => {
      const reason = ch.reasons[0]?.reason;
      out.push(`${String(i + 1).padStart(3)}. ${ch.code} ${ch.name} — ${l.changeLine(ch.units, s.ranked, signed(ch.difference, d, lang), reason ? reasonWords(reason, lang) : '—')}`);
    });
  }
  if (r.weak.length) {
    out.push('', c.bold(`${l.weak}:`));
    r.weak.slice(0, WEAK_SHOWN).forEach((w, i) => {
      out.push(`${String(i + 1).padStart(3)}. ${w.code} ${w.name} — ${l.weakLine(w.units, s.ranked, num(w.lost))}`);
    });
  }
  return `${out.join('\n')}\n`;
}
