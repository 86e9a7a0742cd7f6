import type { ChalkInstance } from 'chalk';
import { fixedNumber, type Lang } from './number.js';
import type { BatchReport, RankedUnit } from '../core/batch/report.js';
import { changeText } from './change.js';
import { groupLabel } from './groups.js';
import { longTable } from './table.js';

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
  out.push('');

  const areas = cat?.areas ?? [];
  const notes: string[] = [];
  for (const g of r.groups) {
    if (r.groupBy) out.push(c.bold(`${groupLabel(r.groupBy, g.key, lang)} — ${l.units(g.units.length)}`));
    const head = [...l.head, ...areas.map((a) => l.area(a.code)), ...l.tail, ...(r.compare ? [l.change] : [])];
    const aligns = ['right', 'left', 'left', ...areas.map(() => 'right' as const), 'right', 'right', 'left', 'left'] as const;
    const rows: string[][] = [];
    for (const u of g.units) {
      const points = new Map(u.areas.map((a) => [a.code, a]));
      const row = [
        u.rankLabel,
        u.code,
        u.name,
        ...areas.map((a) => {
          const p = points.get(a.code);
          return !p || p.applicableMax === 0 ? '—' : num(p.points);
        }),
        num(u.total),
        c.bold(`${num(u.index)}%`),
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
  }
  if (!r.groups.length) out.push(l.none, '');

  if (areas.length && r.groups.length) {
    out.push(`${l.areas}:`);
    for (const a of areas) out.push(`  ${l.area(a.code).padEnd(4)} ${a.name} (${l.max(fixedNumber(a.max, d, lang))})`);
    out.push('');
  }
  if (notes.length) out.push(...notes, '');
  const s = r.summary;
  if (s.average !== null && s.highest !== null && s.lowest !== null) {
    out.push(l.stats(num(s.average), num(s.highest), num(s.lowest)));
    out.push(`${l.bands}: ${s.bands.map((b) => `${b.label} ${b.units}`).join(' · ')}`);
  }
  if (r.weak.length) {
    out.push('', c.bold(`${l.weak}:`));
    r.weak.slice(0, WEAK_SHOWN).forEach((w, i) => {
      out.push(`${String(i + 1).padStart(3)}. ${w.code} ${w.name} — ${l.weakLine(w.units, s.ranked, num(w.lost))}`);
    });
  }
  return `${out.join('\n')}\n`;
}
