import type { Catalog, CatalogNode } from './schema/catalog.js';
import type { Evidence } from './schema/evidence.js';
import type { Finding } from './findings/finding.js';
import { finding } from './findings/codes.js';
import { type FlatCatalog, flattenCatalog } from './flat-catalog.js';

/**
 * The catalog as one unit type sees it (Hai Bà Trưng: phòng and phường in one decision): the nodes that apply
 * to the type, each with its max for the type, the type's scale and bands. What does not apply is decided by
 * the catalog: the unit declares nothing for it and it is not in its result.
 */
export function catalogForType(catalog: Catalog, type: string): Catalog {
  const t = catalog.unit_types?.find((u) => u.code === type);
  const keep = (n: CatalogNode): CatalogNode | undefined => {
    if (n.applies_to && !n.applies_to.includes(type)) return undefined;
    const { applies_to: _a, max_by_type, children, ...rest } = n;
    const out: CatalogNode = { ...rest, max: max_by_type?.[type] ?? n.max };
    if (children) out.children = children.flatMap((c) => keep(c) ?? []);
    return out;
  };
  return {
    ...catalog,
    areas: catalog.areas.flatMap((a) => keep(a) ?? []),
    ...(t?.scale !== undefined ? { scale: t.scale } : {}),
    ...(t?.bands ? { bands: t.bands } : {}),
  };
}

const typed = new WeakMap<FlatCatalog, Map<string, FlatCatalog>>();

/** The flat catalog of one unit type (made once per catalog and type). */
export function flatForType(flat: FlatCatalog, type: string): FlatCatalog {
  let byType = typed.get(flat);
  if (!byType) typed.set(flat, (byType = new Map<string, FlatCatalog>()));
  let mine = byType.get(type);
  if (!mine) {
    mine = flattenCatalog(catalogForType(flat.catalog, type));
    mine.typed = { type, full: flat };
    byType.set(type, mine);
  }
  return mine;
}

/**
 * A unit of a catalog with unit types: its type's flat catalog, and its evidence without the items the catalog
 * does not apply to its type (each one a finding). Catalogs without unit types pass through unchanged.
 */
export function forUnitType(flat: FlatCatalog, evidence: Evidence): { flat?: FlatCatalog; evidence: Evidence; findings: Finding[] } {
  const types = flat.catalog.unit_types;
  if (!types || flat.typed) return { flat, evidence, findings: [] };
  const known = types.map((t) => t.code).join(', ');
  const type = evidence.unit.type;
  if (type === undefined) return { evidence, findings: [finding('evidence.unit_type_missing', ['unit'], { known })] };
  if (!types.some((t) => t.code === type)) return { evidence, findings: [finding('evidence.unit_type_unknown', ['unit', 'type'], { type, known })] };
  const mine = flatForType(flat, type);
  const findings: Finding[] = [];
  const items = { ...evidence.items };
  for (const code of Object.keys(items)) {
    const inFull = flat.leaves.has(code) || flat.parents.has(code);
    const inMine = mine.leaves.has(code) || mine.parents.has(code);
    if (inFull && !inMine) {
      findings.push(finding('evidence.not_for_type', ['items', code], { type }, code));
      Reflect.deleteProperty(items, code);
    }
  }
  return { flat: mine, evidence: { ...evidence, items }, findings };
}
