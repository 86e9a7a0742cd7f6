import type { RuleT } from '../schema/catalog.js';
import { NO, YES } from '../schema/vocabulary.js';
import { type Fixed, ZERO, toFixed } from '../fixed.js';
import { namedInputs, readNamed } from './named.js';
import type { Hint, Input, ReadResult } from './rules.js';

/**
 * `conditions`: several yes/no conditions, met when all of them hold ("Xác định đầy đủ nhiệm vụ và có
 * bố trí kinh phí: 1") or any of them ("… hoặc …"). Each condition is declared by name, so the form and
 * the hint say which one failed.
 */
type Conditions = Extract<RuleT, { kind: 'conditions' }>;

export function readConditions(rule: Conditions, raw: unknown): ReadResult {
  const r = readNamed<boolean>(raw, namedInputs(rule)!, 'conditions', (v) => {
    if (typeof v === 'boolean') return { ok: true, value: v };
    const t = typeof v === 'string' ? v.normalize('NFC').trim().toLowerCase() : undefined;
    if (t !== undefined && YES.has(t)) return { ok: true, value: true };
    if (t !== undefined && NO.has(t)) return { ok: true, value: false };
    return { code: 'evidence.value_type', args: { expected: 'bool' } };
  });
  if (!r.ok) return { ok: false, ...r.problems[0]!, also: r.problems.slice(1) };
  return { ok: true, input: { kind: 'flags', values: Object.fromEntries(r.values) } };
}

export function conditionsMet(rule: Conditions, input: Input): boolean {
  if (input.kind !== 'flags') return false;
  const values = rule.conditions.map((c) => input.values[c.key] === true);
  return rule.combine === 'all' ? values.every(Boolean) : values.some(Boolean);
}

export function conditionsPoints(rule: Conditions, maxPts: Fixed, input: Input): Fixed {
  return conditionsMet(rule, input) ? (rule.yes === undefined ? maxPts : toFixed(rule.yes)) : rule.no === undefined ? ZERO : toFixed(rule.no);
}

export function conditionsRange(rule: Conditions, maxPts: Fixed): Fixed[] {
  return [rule.yes === undefined ? maxPts : toFixed(rule.yes), rule.no === undefined ? ZERO : toFixed(rule.no)];
}

/** The conditions not met, by their labels (the catalog's own words). */
export function conditionsHint(rule: Conditions, input: Input): Hint {
  const unmet = rule.conditions.filter((c) => input.kind !== 'flags' || input.values[c.key] !== true).map((c) => c.label);
  return { code: 'hint.conditions', args: { combine: rule.combine, unmet: unmet.join('; ') } };
}
