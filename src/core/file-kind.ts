export type FileKind = 'catalog' | 'evidence' | 'appraisal' | 'unknown';

/**
 * A spreadsheet by its name: read as a workbook, never as YAML. Besides .xlsx (and .xlsm, the same
 * format with macros) this takes the formats cchc cannot read, so they get "save as .xlsx" rather than
 * YAML errors; the workbook reader tells them apart by content (an .xlsx named .xls is read).
 */
export const isWorkbookPath = (p: string) => /\.(?:xlsx|xlsm|xls|xlsb|ods|fods)$/i.test(p);

/** The other spreadsheet format a file's name says, for one whose content is not a workbook at all. */
export function otherSpreadsheetFormat(p: string): 'xls' | 'xlsb' | 'ods' | 'fods' | undefined {
  const m = /\.(xls|xlsb|ods|fods)$/i.exec(p);
  return m ? (m[1]!.toLowerCase() as 'xls' | 'xlsb' | 'ods' | 'fods') : undefined;
}

/**
 * What a parsed YAML file is, from its top-level keys: a catalog has `areas`, evidence `unit` or
 * `items`, an appraisal overlay `rounds` (and `unit`, but never `items` at the top). A file with keys
 * of two kinds is 'mixed': likely one stray key, which its schema errors point at better than a guess.
 */
export function fileKind(data: unknown): FileKind | 'mixed' {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'unknown';
  const catalog = 'areas' in data || 'extends' in data;
  const appraisal = 'rounds' in data;
  const evidence = 'items' in data || ('unit' in data && !appraisal);
  if (Number(catalog) + Number(evidence) + Number(appraisal) > 1) return 'mixed';
  return catalog ? 'catalog' : evidence ? 'evidence' : appraisal ? 'appraisal' : 'unknown';
}
