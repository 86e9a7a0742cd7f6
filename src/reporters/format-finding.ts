import type { Finding } from '../core/findings/finding.js';
import { MESSAGES } from './messages.js';
import { plainNumber, type Lang } from './number.js';

const SEVERITY = {
  vi: { error: 'lỗi', warning: 'cảnh báo' },
  en: { error: 'error', warning: 'warning' },
} as const;

export function findingMessage(f: Finding, lang: Lang): string {
  const args: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(f.args)) args[k] = typeof v === 'number' ? plainNumber(v, lang) : v;
  return MESSAGES[f.code][lang](args);
}

/** The one formatter: `file:line:column: lỗi: [tiêu chí 1.2.3] message (code)` (`file:'Sheet'!F23: …` for workbooks). */
export function formatFinding(f: Finding, lang: Lang): string {
  const pos = f.line ? `:${f.line}:${f.column ?? 1}` : f.cell ? `:${f.cell}` : '';
  const where = f.file ? `${f.file}${pos}: ` : '';
  const kind = f.area ? (lang === 'vi' ? 'lĩnh vực' : 'area') : lang === 'vi' ? 'tiêu chí' : 'item';
  const item = f.item ? `[${kind} ${f.item}] ` : '';
  return `${where}${SEVERITY[lang][f.severity]}: ${item}${findingMessage(f, lang)} (${f.code})`;
}

/** One finding a line, in the order given (a batch's file order, not re-sorted). */
export function formatAll(fs: readonly Finding[], lang: Lang): string {
  return fs.length ? `${fs.map((f) => formatFinding(f, lang)).join('\n')}\n` : '';
}
