import type { Catalog, CatalogNode, ChildCatalog } from './schema/catalog.js';
import type { Finding, YamlPath } from './findings/finding.js';
import { finding } from './findings/codes.js';
import { add, equal, toFixed, toNumber } from './fixed.js';

/** What the district added inside the framework: the codes of its sub-criteria, and the framework's id. */
export interface Extension {
  framework: string;
  added: Set<string>;
}

/**
 * The district's catalog: the framework with each `fill` criterion given the district's sub-criteria (after the
 * framework's own, if it has some; in place of its rule, if it had one). Maxima, codes and areas of the framework
 * cannot change: the child file has no place to change them. `relocate` moves a finding on the merged catalog
 * back to where the district wrote it (its `fill`), or onto `extends` for the framework's part.
 */
export function extendCatalog(
  framework: Catalog,
  child: ChildCatalog,
): { catalog: Catalog; extension: Extension; findings: Finding[]; relocate: (f: Finding) => Finding } {
  const findings: Finding[] = [];
  const catalog: Catalog = structuredClone(framework);
  const { fill } = child;
  const added = new Set<string>();
  // Merged path of a filled node → its place in the child file; and of each added child.
  const nodes: Array<{ at: YamlPath; to: YamlPath; exact: boolean }> = [];
  const seen = new Set<string>();
  const walk = (n: CatalogNode, path: YamlPath) => {
    const mine = fill[n.code];
    if (mine) {
      seen.add(n.code);
      const base = n.children?.length ?? 0;
      if (n.rule) delete n.rule;
      n.children = [...(n.children ?? []), ...structuredClone(mine)];
      nodes.push({ at: path, to: ['fill', n.code], exact: true });
      mine.forEach((c, i) => {
        nodes.push({ at: [...path, 'children', base + i], to: ['fill', n.code, i], exact: false });
        const mark = (x: CatalogNode) => {
          added.add(x.code);
          x.children?.forEach(mark);
        };
        mark(c);
      });
      const sum = add(...n.children.map((c) => toFixed(c.max)));
      if (!equal(sum, toFixed(n.max))) findings.push(finding('catalog.fill_sum', ['fill', n.code], { code: n.code, sum: toNumber(sum), max: n.max }, n.code));
      return;
    }
    if (n.children?.length) {
      if (!equal(add(...n.children.map((c) => toFixed(c.max))), toFixed(n.max))) findings.push(finding('catalog.fill_open', ['extends'], { code: n.code }, n.code));
      n.children.forEach((c, i) => walk(c, [...path, 'children', i]));
    } else if (!n.rule) findings.push(finding('catalog.fill_open', ['extends'], { code: n.code }, n.code));
  };
  catalog.areas.forEach((a, i) => walk(a, ['areas', i]));
  for (const code of Object.keys(fill)) if (!seen.has(code)) findings.push(finding('catalog.fill_unknown', ['fill', code], { code }, code));

  catalog.id = child.id;
  catalog.title = child.title;
  catalog.scope = child.scope;
  catalog.template = child.template;
  catalog.legal_basis = [...framework.legal_basis, ...child.legal_basis];
  delete catalog.framework;

  const starts = (p: YamlPath, prefix: YamlPath) => prefix.length <= p.length && prefix.every((s, i) => s === p[i]);
  const relocate = (f: Finding): Finding => {
    const hit = [...nodes].filter((x) => starts(f.path, x.at)).sort((a, b) => b.at.length - a.at.length)[0];
    if (!hit) return { ...f, path: ['extends'] };
    return { ...f, path: hit.exact ? hit.to : [...hit.to, ...f.path.slice(hit.at.length)] };
  };
  return { catalog, extension: { framework: framework.id, added }, findings, relocate };
}

/** Leaves of a framework still open (no rule, no children): it cannot score a unit by itself. */
export function openLeaves(catalog: Catalog): string[] {
  const out: string[] = [];
  const walk = (n: CatalogNode) => {
    if (!n.children?.length) {
      if (!n.rule) out.push(n.code);
      return;
    }
    // Room left in a criterion (its sub-criteria short of its max) is open too.
    if (!equal(add(...n.children.map((c) => toFixed(c.max))), toFixed(n.max))) out.push(n.code);
    n.children.forEach(walk);
  };
  catalog.areas.forEach(walk);
  return out;
}
