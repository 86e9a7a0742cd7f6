import type { Evidence } from '../core/schema/evidence.js';
import { isCommittee, line, text } from './sheet-style.js';
import type { SheetLike } from '../xlsx/sheet-like.js';

/**
 * Who signs a unit's form, as printed above the signature: the evidence's `signer_title` when given, else
 * "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" for a people's committee (xã, huyện, tỉnh) and the head of a department.
 */
export function signerTitle(evidence: Pick<Evidence, 'unit' | 'signer_title'>): string[] {
  const t = evidence.signer_title;
  if (t !== undefined) return (Array.isArray(t) ? t : [t]).map((x) => text(x).trim().toUpperCase());
  const u = evidence.unit;
  if (isCommittee(u.name, u.level)) return ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'];
  return [/^Ban\s/i.test(u.name.normalize('NFC')) ? 'TRƯỞNG BAN' : 'GIÁM ĐỐC'];
}

export const SIGN_HINT = '(Ký, ghi rõ họ tên, đóng dấu)';
/** Rows left empty for the signature and the seal. */
const SPACE = 4;

/**
 * A signature block in columns `from`…`to` from `row` on: the title lines (bold), the hint to sign by hand
 * when no name is given, room to sign, then the name (bold). Returns the last row used.
 */
export function signatureBlock(ws: SheetLike, row: number, from: string, to: string, o: { title: string[]; name?: string | undefined; hint?: string }): number {
  let r = row;
  for (const t of o.title) line(ws, `${from}${r}:${to}${r++}`, t, { bold: true, size: 13 });
  const name = text(o.name).trim();
  if (!name) line(ws, `${from}${r}:${to}${r++}`, o.hint ?? SIGN_HINT, { italic: true, size: 13 });
  r += SPACE;
  if (name) line(ws, `${from}${r}:${to}${r}`, name, { bold: true, size: 13 });
  return r;
}
