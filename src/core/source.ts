import type { Finding, YamlPath } from './findings/finding.js';

/**
 * A document an adapter has read (a YAML file, a filled workbook, a JSON result): its data, and how
 * to give findings their place in it. The core never reads files; it is handed documents.
 */
export interface Doc {
  /** The file as shown to the user. */
  file: string;
  data: unknown;
  /** Gives findings a line and column (or a workbook cell) from their `path`, and the file. */
  locate(findings: readonly Finding[]): Finding[];
  /** A scalar's text as written (`012345`, which YAML reads as the number 12345), where the format keeps it. */
  sourceText?(path: YamlPath): string | undefined;
}
