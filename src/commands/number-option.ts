import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import { compare, fromDecimalText, toNumber, type Fixed } from '../core/fixed.js';

/**
 * Numbers typed on the command line are read like the numbers of an evidence file: exactly, or not at
 * all. `parseFloat("92,5")` is 92 and `parseFloat("80%")` is 80: a CI gate set that way is silently
 * wrong, so anything but plain digits with one decimal comma or point is refused, naming the option.
 */
export type Read<T> = { value: T } | { problem: Finding };

const clean = (text: string) => text.normalize('NFC').trim();

/** An exact decimal in [min, max] (Fixed, ten-thousandths), e.g. --fail-under 92,5. */
export function decimalOption(option: string, text: string, min: Fixed, max: Fixed): Read<Fixed> {
  const v = fromDecimalText(clean(text));
  if (v !== undefined && compare(v, min) >= 0 && compare(v, max) <= 0) return { value: v };
  return { problem: finding('option.number', [], { option, value: text, min: toNumber(min), max: toNumber(max) }) };
}

/** A whole number ≥ min, e.g. --jobs 2 (2.5 or 2,0 are refused, not truncated). */
export function wholeOption(option: string, text: string, min: number): Read<number> {
  const t = clean(text);
  const v = /^\d+$/.test(t) ? Number(t) : NaN;
  if (Number.isSafeInteger(v) && v >= min) return { value: v };
  return { problem: finding('option.whole_number', [], { option, value: text, min }) };
}

/** A real date written dd/mm/yyyy (29/02/2025 is refused), e.g. --deadline 30/11/2025. */
export function dateOption(option: string, text: string): Read<string> {
  const t = clean(text);
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d) return { value: t };
  }
  return { problem: finding('option.date', [], { option, value: text }) };
}
