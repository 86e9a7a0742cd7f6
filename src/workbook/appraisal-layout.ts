import { REASONS, type Reason } from '../core/schema/appraisal.js';
import { REASON_WORDS } from '../reporters/appraisal-words.js';

/**
 * The appraisal workbooks' layout, shared by their writer (appraisal-workbook.ts) and reader
 * (read-appraisal.ts): the appraiser's round-1 workbook and the unit's explanation (giải trình) workbook.
 * Bump the version whenever a column or sheet moves: old workbooks are then refused clearly.
 */
export const APPRAISAL_KIND = 'cchc_appraisal';
export const EXPLANATION_KIND = 'cchc_explanation';
export const APPRAISAL_VERSION = '1';

export const META_SHEET = '_cchc';
export const GUIDE_SHEET = 'Hướng dẫn';
export const ROUND_SHEET = 'Vòng';
export const APPRAISAL_SHEET = 'Thẩm định lần 1';
export const EXPLANATION_SHEET = 'Giải trình';

/** Rows of the round sheet: the overlay key, its label; B is the value (locked or input). */
export const ROUND_FIELDS = [
  ['unit', 'Đơn vị'],
  ['code', 'Mã đơn vị'],
  ['year', 'Năm đánh giá'],
  ['by', 'Người, cơ quan thực hiện *'],
  ['date', 'Ngày (dd/mm/yyyy) *'],
] as const;

/** The appraiser's sheet, one row per sub-criterion. */
export const ACOL = {
  code: 'A',
  name: 'B',
  max: 'C',
  rule: 'D',
  declared: 'E',
  documents: 'F',
  self: 'G',
  value: 'H',
  denominator: 'I',
  points: 'J',
  reason: 'K',
  missing: 'L',
  note: 'M',
} as const;

/** The unit's explanation sheet: only the items round 1 reduced. */
export const XCOL = {
  code: 'A',
  name: 'B',
  max: 'C',
  self: 'D',
  appraised: 'E',
  reason: 'F',
  note: 'G',
  explanation: 'H',
  documents: 'I',
} as const;

export const HEAD_ROW = 5;
export const FIRST_ROW = HEAD_ROW + 1;

/** The reason drop-down: Vietnamese labels, read back to the overlay's codes (codes typed by hand are taken too). */
export const REASON_LIST: ReadonlyArray<readonly [string, Reason]> = REASONS.map((r) => [REASON_WORDS.vi[r], r] as const);

export function reasonOf(text: string): Reason | undefined {
  const t = text.normalize('NFC').trim().toLowerCase();
  return REASON_LIST.find(([label, code]) => label.toLowerCase() === t || code === t)?.[1];
}
