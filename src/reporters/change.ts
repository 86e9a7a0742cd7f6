import type { Change } from '../core/batch/compare.js';
import { fixedNumber, type Lang } from './number.js';

const WORDS = {
  vi: { up: (n: string) => `tăng ${n} bậc`, down: (n: string) => `giảm ${n} bậc`, same: 'giữ nguyên', new: 'mới', regrouped: 'đổi nhóm' },
  en: { up: (n: string) => `up ${n}`, down: (n: string) => `down ${n}`, same: 'unchanged', new: 'new', regrouped: 'other group' },
};

/** "tăng 05 bậc": places padded like the rank labels of the group (width of the group size). */
export function changeLabel(places: number | null, groupSize: number, lang: Lang): string {
  const w = WORDS[lang];
  if (places === null) return w.new;
  if (places === 0) return w.same;
  const n = String(Math.abs(places)).padStart(String(groupSize).length, '0');
  return places > 0 ? w.up(n) : w.down(n);
}

/** "+1,20", "−0,40", "±0,00": a change of the index in percentage points. */
export function signed(x: number, d: number, lang: Lang): string {
  const s = fixedNumber(Math.abs(x), d, lang);
  return x > 0 ? `+${s}` : x < 0 ? `−${s}` : `±${s}`;
}

/** A change's label: "tăng 03 bậc", "mới", or "đổi nhóm" for a unit ranked in another group last year. */
export function changeOf(ch: Change, groupSize: number, lang: Lang): string {
  return ch.regrouped ? WORDS[lang].regrouped : changeLabel(ch.rankChange, groupSize, lang);
}

/** "tăng 03 bậc (+1,20)", or "mới": the change column of the ranking. */
export function changeText(ch: Change, groupSize: number, decimals: number, lang: Lang): string {
  const label = changeOf(ch, groupSize, lang);
  return ch.indexDelta === null ? label : `${label} (${signed(ch.indexDelta, decimals, lang)})`;
}
