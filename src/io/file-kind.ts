export type FileKind = 'catalog' | 'evidence' | 'unknown';

/** What a parsed YAML file is meant to be, from its top-level keys: a catalog has areas, evidence a unit. */
export function fileKind(data: unknown): FileKind {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    if ('areas' in data) return 'catalog';
    if ('unit' in data || 'items' in data) return 'evidence';
  }
  return 'unknown';
}
