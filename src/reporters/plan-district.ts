import type { WeakCriterion } from '../core/plan/district.js';
import { pointsText, type Lang } from './number.js';

const W = {
  vi: {
    title: (n: number, units: number) => `Tiêu chí bị mất điểm ở nhiều đơn vị nhất (${n} tiêu chí, ${units} đơn vị):`,
    line: (units: number, lost: string) => `${units} đơn vị, mất ${lost} điểm`,
    more: (n: number) => `… và ${n} tiêu chí khác (xem bảng tổng hợp).`,
    owner: 'tham mưu',
  },
  en: {
    title: (n: number, units: number) => `Items most units lost points on (${n} items, ${units} units):`,
    line: (units: number, lost: string) => `${units} unit${units === 1 ? '' : 's'}, ${lost} points lost`,
    more: (n: number) => `… and ${n} more (see the summary workbook).`,
    owner: 'owner',
  },
};

/** The district summary as text: the ten criteria most units lost, each with the units concerned. */
export function districtSummaryText(weak: readonly WeakCriterion[], units: number, decimals: number, lang: Lang, top = 10): string {
  const w = W[lang];
  const out = [w.title(weak.length, units)];
  weak.slice(0, top).forEach((c, i) => {
    out.push(`${String(i + 1).padStart(3)}. ${c.code} ${c.name} — ${w.line(c.units.length, pointsText(c.lost, decimals, lang))}${c.owner ? ` (${w.owner}: ${c.owner})` : ''}`);
    out.push(`       ${c.units.map((u) => `${u.name} (${pointsText(u.lost, decimals, lang)})`).join('; ')}`);
  });
  if (weak.length > top) out.push(w.more(weak.length - top));
  return `${out.join('\n')}\n`;
}
