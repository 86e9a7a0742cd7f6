import type { Extension } from './catalog-extends.js';
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
  /** The parent that decides "did not arise" for this leaf's whole subtree (a node with when_not_arisen). */
  decidedBy?: string;
  yamlPath: YamlPath;
}

/** A parent whose task arises or not as a whole: one not_arisen declaration covers its leaves. */
export interface Decider {
  code: string;
  mode: 'not_applicable' | 'full_marks';
  leaves: string[];
}

/** A catalog flattened once, so scoring many units (a batch) does not walk the tree each time. */
export interface FlatCatalog {
  catalog: Catalog;
  leaves: Map<string, Leaf>;
  /** Every code with children (areas and criteria), to tell "not a leaf" from "unknown". */
  parents: Set<string>;
  /** Parents that decide "did not arise" for their subtree, by code. */
  deciders: Map<string, Decider>;
  /** The areas' codes (lĩnh vực): findings about them say so. */
  areas: Set<string>;
  /** A district's catalog inside a framework (extends): the framework and the codes the district added. */
  extension?: Extension;
  /** A catalog with unit types, as one type sees it (src/core/unit-types.ts): the type and the whole catalog. */
  typed?: { type: string; full: FlatCatalog };
}

export function flattenCatalog(catalog: Catalog): FlatCatalog {
  const leaves = new Map<string, Leaf>();
  const parents = new Set<string>();
  const deciders = new Map<string, Decider>();
  const walk = (n: CatalogNode, path: YamlPath, section: Section, area: Leaf['area'], owner: string | undefined, decider: Decider | undefined, guide?: Improve) => {
    const own = n.owner ?? owner;
    const improve = n.improve ?? guide;
    if (n.children?.length) {
      parents.add(n.code);
      let d = decider;
      // The outermost decides: nested deciders are refused by the catalog checks.
      if (!d && n.when_not_arisen && !deciders.has(n.code)) {
        d = { code: n.code, mode: n.when_not_arisen, leaves: [] };
        deciders.set(n.code, d);
      }
      n.children.forEach((c, i) => walk(c, [...path, 'children', i], section, area, own, d, improve));
    } else if (n.rule && !leaves.has(n.code)) {
      const leaf: Leaf = { code: n.code, name: n.name, max: fromNumber(n.max) ?? ZERO, rule: n.rule, section, area, yamlPath: path };
      if (own !== undefined) leaf.owner = own;
      if (n.evidence !== undefined) leaf.evidence = n.evidence;
      if (improve !== undefined) leaf.improve = improve;
      if (decider) {
        leaf.decidedBy = decider.code;
        decider.leaves.push(n.code);
      }
      leaves.set(n.code, leaf);
    }
  };
  catalog.areas.forEach((a, i) => walk(a, ['areas', i], 'areas', { code: a.code, name: a.name }, undefined, undefined));
  for (const section of ['bonus', 'penalty'] as const) {
    const adj = catalog[section];
    adj?.items.forEach((n, i) => walk(n, [section, 'items', i], section, { code: section, name: adj.name }, undefined, undefined));
  }
  return { catalog, leaves, parents, deciders, areas: new Set(catalog.areas.map((a) => a.code)) };
}
