import type { Catalog, CatalogNode, RuleT } from './schema/catalog.js';
import type { YamlPath } from './findings/finding.js';
import { type Fixed, ZERO, fromNumber } from './fixed.js';

export type Section = 'areas' | 'bonus' | 'penalty';
export type Improve = NonNullable<CatalogNode['improve']>;

export interface Leaf {
  code: string;
  name: string;
  max: Fixed;
  rule: RuleT;
  section: Section;
  area: { code: string; name: string };
  /** Owner section (bộ phận tham mưu), inherited from the nearest ancestor that names one. */
  owner?: string;
  evidence?: string;
  /** Improvement guidance, inherited from the nearest ancestor that gives some. */
  improve?: Improve;
  yamlPath: YamlPath;
}

/** A catalog flattened once, so scoring many units (a batch) does not walk the tree each time. */
export interface FlatCatalog {
  catalog: Catalog;
  leaves: Map<string, Leaf>;
  /** Every code with children (areas and criteria), to tell "not a leaf" from "unknown". */
  parents: Set<string>;
}

export function flattenCatalog(catalog: Catalog): FlatCatalog {
  const leaves = new Map<string, Leaf>();
  const parents = new Set<string>();
  const walk = (n: CatalogNode, path: YamlPath, section: Section, area: Leaf['area'], owner: string | undefined, guide?: Improve) => {
    const own = n.owner ?? owner;
    const improve = n.improve ?? guide;
    if (n.children?.length) {
      parents.add(n.code);
      n.children.forEach((c, i) => walk(c, [...path, 'children', i], section, area, own, improve));
    } else if (n.rule && !leaves.has(n.code)) {
      const leaf: Leaf = { code: n.code, name: n.name, max: fromNumber(n.max) ?? ZERO, rule: n.rule, section, area, yamlPath: path };
      if (own !== undefined) leaf.owner = own;
      if (n.evidence !== undefined) leaf.evidence = n.evidence;
      if (improve !== undefined) leaf.improve = improve;
      leaves.set(n.code, leaf);
    }
  };
  catalog.areas.forEach((a, i) => walk(a, ['areas', i], 'areas', { code: a.code, name: a.name }, undefined));
  for (const section of ['bonus', 'penalty'] as const) {
    const adj = catalog[section];
    adj?.items.forEach((n, i) => walk(n, [section, 'items', i], section, { code: section, name: adj.name }, undefined));
  }
  return { catalog, leaves, parents };
}
