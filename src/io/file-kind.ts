export type FileKind = 'catalog' | 'evidence' | 'unknown';

export const isWorkbookPath = (p: string) => /\.xlsx$/i.test(p);

/**
 * What a parsed YAML file is, from its top-level keys: a catalog has `areas`, evidence `unit` or
 * `items`. A file with keys of both kinds is 'mixed': likely one stray key, which its schema errors
 * point at better than a guess would.
 */
export function fileKind(data: unknown): FileKind | 'mixed' {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'unknown';
  const catalog = 'areas' in data;
  const evidence = 'unit' in data || 'items' in data;
  if (catalog && evidence) return 'mixed';
  return catalog ? 'catalog' : evidence ? 'evidence' : 'unknown';
}
