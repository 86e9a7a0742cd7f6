import type { FindingCode } from './codes.js';

export type Severity = 'error' | 'warning';
export type YamlPath = ReadonlyArray<string | number>;
export type Args = Record<string, string | number>;

/**
 * A problem found in an input, as data. `path` points into the YAML document (the io layer turns it
 * into line and column); `item` is the criterion code the problem concerns, when there is one.
 */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  path: YamlPath;
  args: Args;
  item?: string;
  /** The item is an area (lĩnh vực), so words call it one, never a criterion (tiêu chí). */
  area?: true;
  file?: string;
  line?: number;
  column?: number;
  /** For workbooks: the cell, e.g. `'Tự đánh giá'!F23`. */
  cell?: string;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** Reading order within one list: line, then column (files are already in batch order). */
export function byPosition(fs: readonly Finding[]): Finding[] {
  return [...fs].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Marks findings about areas (by the catalog's area codes), so their words say "lĩnh vực". */
export function markAreas(fs: readonly Finding[], areas: ReadonlySet<string>): Finding[] {
  return fs.map((f) => (f.item !== undefined && areas.has(f.item) && !f.area ? { ...f, area: true } : f));
}
