import type { Document } from '../schema/evidence.js';

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
