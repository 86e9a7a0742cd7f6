import type { CatalogOption } from '../core/pipeline.js';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding } from '../core/findings/finding.js';
import { formatFinding } from '../reporters/format-finding.js';
import type { Lang } from '../reporters/number.js';

export interface Context {
  lang: Lang;
  /** Colours for stdout; level 0 when NO_COLOR, --no-color or not a terminal. */
  color: ChalkInstance;
  /** Columns of the terminal the result is shown on; undefined when it goes to a pipe or a file (full width). */
  width?: number;
}

/** What every command returns; only the entry point prints it and exits. */
export interface CommandResult {
  exitCode: 0 | 1 | 2 | 3;
  stdout: string;
  stderr: string;
}

export const EXIT = { ok: 0, failed: 1, invalid: 2, internal: 3 } as const;

/** chalk does not read NO_COLOR by itself: any non-empty value turns colour off. */
export function makeColor(wanted: boolean, isTTY: boolean): ChalkInstance {
  const noColor = (process.env.NO_COLOR ?? '') !== '';
  return new Chalk({ level: wanted && !noColor && isTTY ? 1 : 0 });
}

/** Findings in reading order: by file, then line, then column (a stable sort keeps ties as found). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}

export function formatFindings(findings: readonly Finding[], lang: Lang): string {
  return findings.length ? `${sortFindings(findings).map((f) => formatFinding(f, lang)).join('\n')}\n` : '';
}

/** --catalog, read from the working folder. */
export function catalogOption(ref: string | undefined): CatalogOption | undefined {
  return ref === undefined ? undefined : { ref, fromDir: process.cwd() };
}
