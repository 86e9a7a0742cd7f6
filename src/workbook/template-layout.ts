import type { RuleT } from '../core/schema/catalog.js';
import { ratioKeys } from '../core/scoring/rules.js';
import type { NamedInput } from '../core/scoring/named.js';

/**
 * The fill-in workbook's layout, shared by the writer (template.ts) and the reader (read-template.ts).
 * Bump TEMPLATE_VERSION whenever a column or sheet moves: old workbooks are then refused clearly.
 */
export const TEMPLATE_VERSION = '1';
export const INPUT_SHEET = 'Tự đánh giá';
export const UNIT_SHEET = 'Đơn vị';
export const GUIDE_SHEET = 'Hướng dẫn';
export const META_SHEET = '_cchc';

export const COL = {
  code: 'A',
  name: 'B',
  max: 'C',
  rule: 'D',
  value: 'E',
  denominator: 'F',
  notArisen: 'G',
  documents: 'H',
  note: 'I',
  claimed: 'J',
} as const;
/**
 * The responsible official's column, present only where the catalog asks for it (responsible_column) or the
 * pre-filled evidence names officials: other templates keep their ten columns. Read back when its heading is there.
 */
export const RESPONSIBLE_COL = 'K';
export const RESPONSIBLE_HEAD = 'Công chức phụ trách';
export const HEAD_ROW = 4;
export const FIRST_ITEM_ROW = HEAD_ROW + 1;

/** Rows of the unit sheet: YAML key, label, and whether it is required. */
export const UNIT_FIELDS = [
  ['code', 'Mã đơn vị', true],
  ['name', 'Tên đơn vị (ví dụ: UBND xã Hoàng Việt)', true],
  ['level', 'Cấp đánh giá (chọn trong danh sách)', true],
  ['type', 'Loại đơn vị (chọn trong danh sách)', false],
  ['parent', 'Cơ quan cấp trên (ví dụ: UBND huyện Văn Lãng)', false],
  ['province', 'Tỉnh, thành phố', true],
  ['place', 'Địa danh ở dòng ngày tháng', false],
  ['predecessors', 'Mã các đơn vị cũ đã hợp nhất (cách nhau bởi dấu phẩy)', false],
  ['date', 'Ngày lập biểu (dd/mm/yyyy)', false],
  ['signer', 'Người ký (Chủ tịch UBND)', false],
] as const;

/**
 * A row after UNIT_FIELDS, only for catalogs with a survey share (so other templates keep their layout):
 * "no survey this year" (evidence survey_not_run), Có / Không.
 */
export const SURVEY_ROW = { key: 'survey_not_run', label: 'Năm nay không tổ chức điều tra xã hội học', row: UNIT_FIELDS.length + 2 } as const;

/**
 * The unit's level and type as the unit sheet shows them, with the codes the YAML schema uses. Reading
 * back accepts a label or a code (workbooks made before the labels hold codes; people type them too).
 */
export const LEVELS = [
  ['Cấp tỉnh', 'tinh'],
  ['Cấp sở, ban, ngành', 'so'],
  ['Cấp huyện', 'huyen'],
  ['Cấp xã', 'xa'],
] as const;
export const UNIT_TYPES = [
  ['Xã', 'xa'],
  ['Phường', 'phuong'],
  ['Thị trấn', 'thi_tran'],
  ['Đặc khu', 'dac_khu'],
  ['Huyện', 'huyen'],
  ['Quận', 'quan'],
  ['Thị xã', 'thi_xa'],
  ['Thành phố', 'thanh_pho'],
  ['Sở, ban, ngành', 'so'],
  ['Tỉnh', 'tinh'],
  ['Phòng chuyên môn', 'phong'],
] as const;

/** The drop-down of a unit field, if it has one. */
export function unitChoices(key: string): ReadonlyArray<readonly [string, string]> | undefined {
  return key === 'level' ? LEVELS : key === 'type' ? UNIT_TYPES : undefined;
}

export const YES_NO = [
  ['Có', true],
  ['Không', false],
] as const;
export const TIMELINESS = [
  ['Đúng hạn', 'dung_han'],
  ['Chậm', 'cham'],
  ['Không thực hiện', 'khong'],
] as const;

/** The drop-down labels of a rule, with the value each stands for; undefined when the input is a number. */
export function choices(rule: RuleT): ReadonlyArray<readonly [string, string | boolean]> | undefined {
  if (rule.kind === 'yes_no') return YES_NO;
  if (rule.kind === 'timeliness') return TIMELINESS;
  if (rule.kind === 'choice') return rule.options.map((o) => [o.label, o.value] as const);
  return undefined;
}

/** What a number input expects, as a code (the words are in findings/messages.ts and the template). */
export type Expected = 'count' | 'percent' | 'points';
export type NumberInput = { whole: boolean; min: number; max: number; expected: Expected };

/** What a number input accepts, for data validation and for reading back. */
export function numberInput(rule: RuleT, max: number): NumberInput | undefined {
  switch (rule.kind) {
    case 'rate_bands':
    case 'pro_rata':
      return ratioKeys(rule) ? { whole: true, min: 0, max: 1e12, expected: 'count' } : { whole: false, min: 0, max: 100, expected: 'percent' };
    case 'survey':
      return { whole: false, min: 0, max: 100, expected: 'percent' };
    case 'deduction':
    case 'per_item':
      return { whole: true, min: 0, max: 1e6, expected: 'count' };
    case 'judgement':
      return { whole: false, min: 0, max, expected: 'points' };
    default:
      return undefined;
  }
}

/**
 * A rule with several named inputs (conditions, documents, counts of a derived ratio) gets one input
 * row per input under its own row: column B names the input, column E takes its value. The hidden
 * sheet maps `<code>#<key>` to the row, as it maps each item's code.
 */
export const inputRef = (code: string, key: string) => `${code}#${key}`;
export const inputRowLabel = (label: string) => `– ${label}`;

/** The drop-down of a named input, if it has one. */
export function inputChoices(input: NamedInput): ReadonlyArray<readonly [string, string | boolean]> | undefined {
  if (input.type === 'bool') return YES_NO;
  if (input.type === 'timeliness') return TIMELINESS;
  return undefined;
}
