import type { Args, Finding, Severity, YamlPath } from '../findings/finding.js';
import { findingMessage, formatFinding } from '../findings/format.js';
import { plainNumber, type Lang } from '../i18n/number.js';

type Text = (a: Args) => string;
const m = (severity: Severity, vi: Text, en: Text) => ({ severity, vi, en });
const E = 'error' as const;

/**
 * Findings only `cchc batch` reports, with the same shape and format as src/findings/messages.ts.
 * Kept here until the lead moves them into the shared table (codes stay the same).
 */
export const BATCH_MESSAGES = {
  'batch.no_input': m(
    E,
    () => 'không có tệp kê khai nào để chấm: hãy nêu thư mục, tệp hoặc mẫu (ví dụ "don-vi/*.yaml")',
    () => 'no evidence file to score: give folders, files or patterns (e.g. "units/*.yaml")',
  ),
  'batch.empty_dir': m(
    E,
    () => 'thư mục không có tệp kê khai nào (.yaml, .yml)',
    () => 'the folder holds no evidence file (.yaml, .yml)',
  ),
  'batch.no_match': m(E, () => 'mẫu không khớp tệp nào', () => 'the pattern matches no file'),
  'batch.not_evidence': m(
    E,
    () => 'đây là bộ tiêu chí, không phải tệp kê khai của đơn vị: không xếp hạng',
    () => 'this is a catalog, not a unit’s evidence file: not ranked',
  ),
  'batch.duplicate_code': m(
    E,
    (a) => `mã đơn vị "${a.code}" trùng với ${a.others}: các tệp trùng mã không được xếp hạng`,
    (a) => `unit code "${a.code}" is also used by ${a.others}: units sharing a code are not ranked`,
  ),
  'batch.catalog_differs': m(
    E,
    (a) => `chấm theo bộ tiêu chí ${a.used}, khác bộ tiêu chí ${a.main} của các đơn vị còn lại: không xếp hạng chung`,
    (a) => `scored against catalog ${a.used}, not ${a.main} like the other units: not ranked with them`,
  ),
  'batch.below_threshold': m(
    E,
    // `index` comes as the published figure with its decimals ("78.50"), shown with a decimal comma.
    (a) => `${a.name}: chỉ số ${String(a.index).replace('.', ',')}% dưới ngưỡng ${a.threshold}% (--fail-under)`,
    (a) => `${a.name}: index ${a.index}% is below the threshold ${a.threshold}% (--fail-under)`,
  ),
  'batch.option_invalid': m(
    E,
    (a) => `tùy chọn ${a.option} không hợp lệ: ${a.detail}`,
    (a) => `invalid option ${a.option}: ${a.detail}`,
  ),
  'batch.group_field': m(
    E,
    (a) => `không nhóm được theo "${a.field}": cần một trong ${a.allowed}`,
    (a) => `cannot group by "${a.field}": expected one of ${a.allowed}`,
  ),
  'batch.compare_invalid': m(
    E,
    (a) => `không phải kết quả JSON của "cchc batch": ${a.detail}`,
    (a) => `not a "cchc batch" JSON result: ${a.detail}`,
  ),
  'batch.forms_dir': m(
    E,
    (a) => `không dùng được thư mục ghi biểu: ${a.reason}`,
    (a) => `cannot use the forms folder: ${a.reason}`,
  ),
} as const;

export type BatchCode = keyof typeof BATCH_MESSAGES;

export interface BatchFinding extends Omit<Finding, 'code'> {
  code: BatchCode;
}

export type AnyFinding = Finding | BatchFinding;

export function batchFinding(code: BatchCode, args: Args = {}, where: { file?: string; line?: number; column?: number; cell?: string } = {}, path: YamlPath = []): BatchFinding {
  return { code, severity: BATCH_MESSAGES[code].severity, path, args, ...where };
}

const isBatch = (f: AnyFinding): f is BatchFinding => f.code in BATCH_MESSAGES;

function localArgs(a: Args, lang: Lang): Args {
  const out: Args = {};
  for (const [k, v] of Object.entries(a)) out[k] = typeof v === 'number' ? plainNumber(v, lang) : v;
  return out;
}

export function anyMessage(f: AnyFinding, lang: Lang): string {
  return isBatch(f) ? BATCH_MESSAGES[f.code][lang](localArgs(f.args, lang)) : findingMessage(f, lang);
}

/** Same layout as formatFinding: `file:line:column: lỗi: message (code)`. */
export function formatAny(f: AnyFinding, lang: Lang): string {
  if (!isBatch(f)) return formatFinding(f, lang);
  const pos = f.line ? `:${f.line}:${f.column ?? 1}` : f.cell ? `:${f.cell}` : '';
  const where = f.file ? `${f.file}${pos}: ` : '';
  const sev = lang === 'vi' ? (f.severity === 'error' ? 'lỗi' : 'cảnh báo') : f.severity;
  return `${where}${sev}: ${anyMessage(f, lang)} (${f.code})`;
}

/** Reading order within one list: line, then column (files are already in batch order). */
export function byPosition(fs: readonly AnyFinding[]): AnyFinding[] {
  return [...fs].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

export function formatAll(fs: readonly AnyFinding[], lang: Lang): string {
  return fs.length ? `${fs.map((f) => formatAny(f, lang)).join('\n')}\n` : '';
}
