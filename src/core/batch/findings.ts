import type { Args, Finding, YamlPath } from '../findings/finding.js';
import { formatFinding } from '../../reporters/format-finding.js';
import { finding, type FindingCode } from '../../reporters/messages.js';
import type { Lang } from '../../reporters/number.js';

type Where = { file?: string; line?: number; column?: number; cell?: string };

/** A finding already placed: batch findings are made after parsing, from positions kept then. */
export function batchFinding(code: FindingCode, args: Args = {}, where: Where = {}, path: YamlPath = []): Finding {
  return { ...finding(code, path, args), ...where };
}

/** Reading order within one list: line, then column (files are already in batch order). */
export function byPosition(fs: readonly Finding[]): Finding[] {
  return [...fs].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** One finding a line, in the order given (the batch's file order, not re-sorted). */
export function formatAll(fs: readonly Finding[], lang: Lang): string {
  return fs.length ? `${fs.map((f) => formatFinding(f, lang)).join('\n')}\n` : '';
}
