import type { Catalog, CatalogNode, RuleT } from '../schema/catalog.js';
import type { Finding, YamlPath } from '../findings/finding.js';
import { finding } from '../findings/codes.js';
import { type Fixed, ZERO, add, compare, equal, fromNumber, isNegative, toFixed, toNumber } from '../fixed.js';
import { ruleRange } from '../scoring/rules.js';
import { dayNumber } from '../scoring/documents.js';
import { derivedProblems } from '../scoring/derived.js';
import { surveyShareSum } from '../scoring/survey.js';

/**
 * Checks a schema-valid catalog for what a schema cannot say, all at once: codes unique and nested,
 * maxima that add up, rules that stay within 0..max, ordered bands.
 */
export function checkCatalog(catalog: Catalog): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();

  const exact = (value: number, path: YamlPath, code?: string): Fixed => {
    const f = fromNumber(value);
    if (f === undefined) {
      out.push(finding('catalog.too_many_decimals', path, { value }, code));
      return ZERO;
    }
    return f;
  };

  const checkRule = (rule: RuleT, max: Fixed, path: YamlPath, code: string, adjust: boolean) => {
    const rp = [...path, 'rule'];
    // A point value of more than four decimals is reported once; the rule's range is then not computed.
    const before = out.filter((f) => f.code === 'catalog.too_many_decimals').length;
    if (rule.kind === 'choice') {
      const values = new Set<string>();
      rule.options.forEach((o, i) => {
        if ((o.points === undefined) === (o.fraction === undefined))
          out.push(finding('catalog.choice_points', [...rp, 'options', i], {}, code));
        if (o.points !== undefined) exact(o.points, [...rp, 'options', i, 'points'], code);
        if (values.has(o.value)) out.push(finding('catalog.duplicate_choice', [...rp, 'options', i, 'value'], { value: o.value }, code));
        values.add(o.value);
      });
    }
    if (rule.kind === 'conditions' || rule.kind === 'documents') {
      const field = rule.kind === 'conditions' ? 'conditions' : 'documents';
      const list: ReadonlyArray<{ key: string; deadline?: string | undefined }> = rule.kind === 'conditions' ? rule.conditions : rule.documents;
      const keys = new Set<string>();
      list.forEach((c, i) => {
        if (keys.has(c.key)) out.push(finding('catalog.duplicate_input', [...rp, field, i, 'key'], { key: c.key }, code));
        keys.add(c.key);
        if (c.deadline !== undefined && dayNumber(c.deadline) === undefined)
          out.push(finding('catalog.date_invalid', [...rp, field, i, 'deadline'], { date: c.deadline }, code));
      });
    }
    if (rule.kind === 'rate_bands' || rule.kind === 'pro_rata') {
      const num = rule.numerator;
      const den = rule.denominator;
      const ok =
        rule.measure === 'ratio'
          ? typeof num === 'object' && typeof den === 'object' && num.key !== den.key && rule.counts === undefined
          : rule.measure === 'derived'
            ? typeof num === 'string' && typeof den === 'string' && rule.counts !== undefined
            : num === undefined && den === undefined && rule.counts === undefined;
      if (!ok) out.push(finding('catalog.measure_fields', [...rp, 'measure'], {}, code));
      else if (rule.measure === 'derived') {
        const keys = new Set<string>();
        rule.counts!.forEach((c, i) => {
          if (keys.has(c.key)) out.push(finding('catalog.duplicate_input', [...rp, 'counts', i, 'key'], { key: c.key }, code));
          keys.add(c.key);
        });
        for (const p of derivedProblems(rule)) out.push(finding(p.code, [...rp, ...p.at], p.args, code));
      }
    }
    if (rule.kind === 'rate_bands') {
      rule.bands.forEach((b, i) => {
        exact(b.points, [...rp, 'bands', i, 'points'], code);
        const prev = rule.bands[i - 1];
        // "trên 100%" can never be reached: a typo for "100%" that would silently cost the unit the band.
        if (b.exclusive && b.from >= 100) out.push(finding('catalog.band_unreachable', [...rp, 'bands', i, 'exclusive'], { from: b.from }, code));
        if (prev && !(b.from < prev.from)) out.push(finding('catalog.bands_order', [...rp, 'bands', i, 'from'], {}, code));
        else if (prev && b.points > prev.points) out.push(finding('catalog.rate_bands_points', [...rp, 'bands', i, 'points'], {}, code));
      });
    }
    for (const key of ['yes', 'no', 'on_time', 'late', 'missing', 'per_item', 'floor', 'each'] as const) {
      const v = (rule as Record<string, unknown>)[key];
      if (typeof v === 'number') exact(v, [...rp, key], code);
    }
    if (out.filter((f) => f.code === 'catalog.too_many_decimals').length > before) return;
    if (rule.kind === 'deduction' && rule.floor !== undefined && compare(toFixed(rule.floor), max) > 0) {
      out.push(finding('catalog.floor_exceeds_max', [...rp, 'floor'], { floor: rule.floor, max: toNumber(max) }, code));
    }
    const { hi, lo } = ruleRange(rule, max, catalog.decimals);
    if (compare(hi, max) > 0) out.push(finding('catalog.rule_exceeds_max', rp, { points: toNumber(hi), max: toNumber(max) }, code));
    // Below zero means "deducted in the penalty section": an item of the bonus or penalty section cannot.
    if (adjust && isNegative(lo)) out.push(finding('catalog.negative_outside_areas', rp, { points: toNumber(lo) }, code));
  };

  // Unit types (shape 8): which types each node applies to, and its max for each.
  const allTypes = catalog.unit_types?.map((t) => t.code);
  const knownTypes = allTypes?.join(', ') ?? '—';
  const typeMax = (n: CatalogNode, t: string) => toFixed(n.max_by_type?.[t] ?? n.max);
  const typesOf = (n: CatalogNode, inherited: readonly string[]) => (n.applies_to ? inherited.filter((t) => n.applies_to!.includes(t)) : [...inherited]);
  const checkTypes = (n: CatalogNode, path: YamlPath) => {
    n.applies_to?.forEach((t, i) => {
      if (!allTypes?.includes(t)) out.push(finding('catalog.applies_to_unknown', [...path, 'applies_to', i], { type: t, known: knownTypes }, n.code));
    });
    for (const t of Object.keys(n.max_by_type ?? {}))
      if (!allTypes?.includes(t)) out.push(finding('catalog.applies_to_unknown', [...path, 'max_by_type', t], { type: t, known: knownTypes }, n.code));
  };

  const walk = (n: CatalogNode, path: YamlPath, parent: string | undefined, adjust = false, decider?: string, types: readonly string[] = allTypes ?? []): Fixed => {
    checkTypes(n, path);
    const mine = typesOf(n, types);
    if (seen.has(n.code)) out.push(finding('catalog.duplicate_code', [...path, 'code'], { code: n.code }, n.code));
    if (n.when_not_arisen !== undefined) {
      // A leaf says it in its rule; inside a deciding parent, the parent already decides.
      if (!n.children?.length) out.push(finding('catalog.not_arisen_on_leaf', [...path, 'when_not_arisen'], {}, n.code));
      else if (decider !== undefined) out.push(finding('catalog.not_arisen_nested', [...path, 'when_not_arisen'], { parent: decider }, n.code));
    }
    const decides = decider ?? (n.when_not_arisen !== undefined && n.children?.length ? n.code : undefined);
    seen.add(n.code);
    if (parent !== undefined && !(n.code.startsWith(`${parent}.`) && !n.code.slice(parent.length + 1).includes('.'))) {
      out.push(finding('catalog.code_not_under_parent', [...path, 'code'], { code: n.code, parent }, n.code));
    }
    const max = exact(n.max, [...path, 'max'], n.code);
    if (n.children?.length) {
      if (n.rule) out.push(finding('catalog.rule_and_children', [...path, 'rule'], {}, n.code));
      const sum = add(...n.children.map((c, i) => walk(c, [...path, 'children', i], n.code, adjust, decides, mine)));
      // A framework may leave room in a criterion for the level below to add sub-criteria (never go over it).
      const room = catalog.framework && compare(sum, max) < 0;
      if (allTypes && !adjust) {
        // Each unit type sees its own children and maxima: they must add up for each.
        for (const t of mine) {
          const s = add(...n.children.filter((c) => typesOf(c, mine).includes(t)).map((c) => typeMax(c, t)));
          if (!equal(s, typeMax(n, t))) out.push(finding('catalog.children_sum_type', [...path, 'max'], { type: t, sum: toNumber(s), max: toNumber(typeMax(n, t)) }, n.code));
        }
      } else if (!equal(sum, max) && !room) out.push(finding('catalog.children_sum', [...path, 'max'], { sum: toNumber(sum), max: n.max }, n.code));
    } else if (!n.rule) {
      // A framework leaves its criteria open for the level below to fill (extends); anything else needs a rule.
      if (!catalog.framework) out.push(finding('catalog.no_rule', path, {}, n.code));
    } else {
      const before = out.length;
      checkRule(n.rule, max, path, n.code, adjust);
      // The rule's points are checked against each type's own max too (a xã's 2.2 out of 4, a phường's out of 2).
      if (allTypes && !adjust && !out.slice(before).some((f) => f.code === 'catalog.too_many_decimals')) {
        for (const t of mine) {
          const own = n.max_by_type?.[t];
          if (own === undefined) continue;
          const tmax = fromNumber(own);
          if (tmax === undefined || equal(tmax, max)) continue;
          const { hi } = ruleRange(n.rule, tmax, catalog.decimals);
          if (compare(hi, tmax) > 0) out.push(finding('catalog.rule_exceeds_type_max', [...path, 'rule'], { type: t, points: toNumber(hi), max: own }, n.code));
        }
      }
    }
    return max;
  };

  const total = add(...catalog.areas.map((a, i) => walk(a, ['areas', i], undefined)));
  // Band conditions may name areas and criteria of the scored tree, not bonus or penalty items.
  const treeCodes = new Set(seen);
  const scale = exact(catalog.scale, ['scale']);
  // A published annex whose areas add up to 99,55 under a "100" heading is typed as printed: with a note
  // saying so it is a warning, and the index is computed on the maxima as printed.
  if (allTypes) {
    for (const t of catalog.unit_types!) {
      const sum = add(...catalog.areas.filter((a) => typesOf(a, allTypes).includes(t.code)).map((a) => typeMax(a, t.code)));
      const want = toFixed(t.scale ?? catalog.scale);
      if (equal(sum, want)) continue;
      if (catalog.scale_note !== undefined) out.push(finding('catalog.scale_as_printed', ['scale_note'], { sum: toNumber(sum), scale: toNumber(want) }));
      else out.push(finding('catalog.type_scale_sum', ['unit_types', catalog.unit_types!.indexOf(t)], { type: t.code, sum: toNumber(sum), scale: toNumber(want) }));
    }
    catalog.unit_types!.forEach((t, i) =>
      t.bands?.forEach((b, j) => {
        const prev = t.bands![j - 1];
        if (prev && !(b.from < prev.from)) out.push(finding('catalog.bands_order', ['unit_types', i, 'bands', j, 'from']));
      }),
    );
  } else if (!equal(total, scale)) {
    if (catalog.scale_note !== undefined) out.push(finding('catalog.scale_as_printed', ['scale_note'], { sum: toNumber(total), scale: catalog.scale }));
    else out.push(finding('catalog.scale_sum', ['areas'], { sum: toNumber(total), scale: catalog.scale }));
  }

  const share = surveyShareSum(catalog);
  if (share && !equal(share.sum, share.max)) out.push(finding('catalog.survey_share_sum', ['survey_share', 'max'], { sum: toNumber(share.sum), max: toNumber(share.max) }));

  for (const section of ['bonus', 'penalty'] as const) {
    const adj = catalog[section];
    if (!adj) continue;
    exact(adj.max, [section, 'max']);
    adj.items.forEach((n, i) => walk(n, [section, 'items', i], undefined, true));
  }

  catalog.bands.forEach((b, i) => {
    const prev = catalog.bands[i - 1];
    if (prev && !(b.from < prev.from)) out.push(finding('catalog.bands_order', ['bands', i, 'from']));
     b.requires?.forEach((c, j) => {
      if ((c.each === undefined) === (c.codes === undefined)) out.push(finding('catalog.band_condition_target', ['bands', i, 'requires', j]));
      c.codes?.forEach((code, k) => {
        if (!treeCodes.has(code)) out.push(finding('catalog.band_condition_unknown', ['bands', i, 'requires', j, 'codes', k], { code }));
      });
    });
  });
  return out;
}
