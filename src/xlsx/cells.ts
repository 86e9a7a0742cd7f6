import type { Cell } from './excel.js';

/**
 * Reading one cell of a filled template: its plain value, its text, its number. What a person typed
 * can arrive as a number (with the cell's number format deciding what it means) or as text (typed into
 * a text cell, pasted, or written by another program); both are read the same way here.
 */

type Plain = string | number | boolean | Date | null | undefined;

/**
 * The plain value of a cell: formulas give their result, rich text its text, an error its code (#N/A,
 * #DIV/0!), a formula never calculated its formula ("=B1*2"): what a person sees, never "[object Object]".
 */
export function plain(c: Cell): Plain {
  return plainValue(c.value);
}

function plainValue(v: unknown): Plain {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v !== 'object') return undefined;
  if ('result' in v) return plainValue(v.result);
  if ('richText' in v) return (v as { richText: Array<{ text: string }> }).richText.map((t) => t.text).join('');
  if ('text' in v) return plainValue(v.text);
  if ('error' in v) return plainValue(v.error);
  if ('formula' in v && typeof v.formula === 'string') return `=${v.formula}`;
  if ('sharedFormula' in v && typeof v.sharedFormula === 'string') return `=${v.sharedFormula}`;
  return JSON.stringify(v);
}

export function cellText(c: Cell): string {
  const v = plain(c);
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}`;
  return String(v).normalize('NFC').trim();
}

/**
 * Whether a number format shows values as a percentage, which means the stored value is the percentage
 * divided by 100 (typing "89,6%" stores 0.896 with "0.00%"). Only a % that is a format code counts: not
 * one in quotes ("%"), escaped (\%), in brackets ([$-42A], [Red]) or after _ and * (spacing and fill).
 * Only the first section matters: the one for positive numbers (and zero, when there is no third).
 */
export function isPercentFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      if (end < 0) return false;
      i = end;
    } else if (ch === '\\' || ch === '_' || ch === '*') i++;
    else if (ch === '[') {
      const end = fmt.indexOf(']', i + 1);
      if (end < 0) return false;
      i = end;
    } else if (ch === ';') return false;
    else if (ch === '%') return true;
  }
  return false;
}

/**
 * A number as a spreadsheet program holds it: 15 significant digits, the rest is binary noise
 * (89,6 % typed into Excel is 89.6 / 100 = 0.8959999999999999; shown and meant as 0,896).
 */
export function spreadsheetNumber(x: number): number {
  return Number(x.toPrecision(15));
}

/** x × 10^shift through its decimal text, so 0.896 → 89.6 exactly (0.896 × 100 is 89.60000000000001). */
export function shiftDecimal(x: number, shift: number): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) return x; // NaN, Infinity: left for the range checks to refuse
  const digits = `${m[2]!}${m[3] ?? ''}`;
  const point = m[2]!.length + Number(m[4] ?? 0) + shift;
  const padded = point <= 0 ? `${'0'.repeat(1 - point)}${digits}` : point > digits.length ? digits.padEnd(point, '0') : digits;
  const at = Math.max(point, 1);
  return Number(`${m[1]!}${padded.slice(0, at)}.${padded.slice(at) || '0'}`);
}

export type CellNumber =
  | { kind: 'empty' }
  | { kind: 'bad'; text: string }
  /**
   * `percent`: the cell itself says the number is a percentage, by its number format or a % typed
   * after it; `value` is then already the percentage (89.6 for 89,6 %).
   */
  | { kind: 'number'; value: number; percent: boolean; typed: string };

const NUMBER_TEXT = /^([+-]?)(\d+)(?:[.,](\d+))?\s*(%?)$/u;

/**
 * A number cell. Numbers are taken at spreadsheet precision; a percent-formatted number is the
 * percentage ÷ 100 and comes back as the percentage. Text like "97,5", "89.6 %" or "89,6%" (typed into
 * a text cell, or pasted) is read as the number it shows. Anything else is 'bad'.
 */
export function cellNumber(c: Cell): CellNumber {
  const v = plain(c);
  if (v === null || v === undefined || v === '') return { kind: 'empty' };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'bad', text: String(v) };
    const n = spreadsheetNumber(v);
    if (isPercentFormat(c.numFmt)) return { kind: 'number', value: shiftDecimal(n, 2), percent: true, typed: `${shiftDecimal(n, 2)}%` };
    return { kind: 'number', value: n, percent: false, typed: String(n) };
  }
  if (typeof v !== 'string') return { kind: 'bad', text: cellText(c) };
  const t = v.normalize('NFC').trim();
  if (t === '') return { kind: 'empty' };
  const m = NUMBER_TEXT.exec(t);
  if (!m) return { kind: 'bad', text: t };
  const value = Number(`${m[1]!}${m[2]!}${m[3] !== undefined ? `.${m[3]}` : ''}`);
  return { kind: 'number', value, percent: m[4] === '%', typed: t };
}

/**
 * A character that should not be in text typed into a cell. U+FFFD is what a wrong import leaves where
 * a letter was (mojibake): the text is damaged. Control characters (C0, DEL, C1) and invisible marks
 * cannot be typed; they come from pasted or converted data. Line breaks and tabs are fine in free text
 * (several citations, one per line) but not in a one-line field such as a code or a name.
 */
export function badCharacter(text: string, multiline: boolean): { kind: 'replacement' | 'control'; char: string } | undefined {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfffd) return { kind: 'replacement', char: 'U+FFFD' };
    const control = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xfeff || (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060;
    if (!control) continue;
    if (multiline && (ch === '\n' || ch === '\r' || ch === '\t')) continue;
    return { kind: 'control', char: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` };
  }
  return undefined;
}
