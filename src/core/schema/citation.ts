import type { Document } from './evidence.js';

/**
 * The official citation style: "<loại> số <số/ký hiệu> ngày dd/mm/yyyy của <cơ quan> về <trích yếu>".
 * `parseCitation(formatCitation(d))` gives `d` back, so a workbook round trip keeps structured documents.
 */
export function formatCitation(d: Document | string): string {
  if (typeof d === 'string') return d;
  return `${d.type} số ${d.number} ngày ${d.date} của ${d.issuer}${d.subject !== undefined ? ` về ${d.subject}` : ''}`;
}

const PATTERN = /^(.+?) số (\S+) ngày (\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2}) của (.+?)(?: về (.+))?$/s;

export function parseCitation(text: string): Document | string {
  const m = PATTERN.exec(text.trim());
  if (!m) return text.trim();
  const d: Document = { type: m[1]!, number: m[2]!, date: m[3]!, issuer: m[4]! };
  if (m[5] !== undefined) d.subject = m[5];
  return d;
}

/** One citation per line in a cell. */
export function formatCitations(docs: ReadonlyArray<Document | string> | undefined): string {
  return (docs ?? []).map(formatCitation).join('\n');
}

/** Lines of a cell back to documents; lines in `keepPlain` were plain text in the evidence and stay so. */
export function parseCitations(text: string, keepPlain?: ReadonlySet<string>): Array<Document | string> {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => (keepPlain?.has(l) ? l : parseCitation(l)));
}

export interface DateInText {
  /** As written, e.g. "31/02/2024" or "ngày 5 tháng 1 năm 2024". */
  text: string;
  day: number;
  month: number;
  year: number;
}

// Not part of a longer number or symbol ("01/02/2024/NQ-HĐND" is a symbol, not a date).
const DAY_FIRST = /(?<![\p{L}\p{N}/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\p{N}/-]|\.\d)/gu;
const YEAR_FIRST = /(?<![\p{L}\p{N}/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\p{N}/-])/gu;
const IN_WORDS = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/giu;

/** The dates written in a free-text citation or note: dd/mm/yyyy (also with . or -), yyyy-mm-dd, "ngày d tháng m năm y". */
export function datesIn(text: string): DateInText[] {
  const out: Array<DateInText & { at: number }> = [];
  for (const m of text.matchAll(DAY_FIRST)) out.push({ at: m.index, text: m[0], day: +m[1]!, month: +m[3]!, year: +m[4]! });
  for (const m of text.matchAll(YEAR_FIRST)) out.push({ at: m.index, text: m[0], day: +m[3]!, month: +m[2]!, year: +m[1]! });
  for (const m of text.matchAll(IN_WORDS)) out.push({ at: m.index, text: m[0], day: +m[1]!, month: +m[2]!, year: +m[3]! });
  return out.sort((a, b) => a.at - b.at).map(({ at: _, ...d }) => d);
}

export function dayExists(day: number, month: number, year: number): boolean {
  const dt = new Date(Date.UTC(year, month - 1, day));
  return dt.getUTCFullYear() === year && dt.getUTCMonth() === month - 1 && dt.getUTCDate() === day;
}

/** The year a legal document's symbol carries ("01/2024/TT-BNV" → 2024): the year it was issued. */
export function symbolYear(number: string): number | undefined {
  const m = /(?:^|\/)((?:19|20)\d\d)\//.exec(number);
  return m ? Number(m[1]) : undefined;
}
