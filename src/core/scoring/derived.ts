import type { RuleT } from '../schema/catalog.js';
import type { Args } from '../findings/finding.js';
import type { FindingCode } from '../findings/codes.js';
import { canBePositive, evaluate, namesOf, parseExpression, showExpression, type Expression } from './expression.js';
import { namedInputs, readNamed } from './named.js';
import type { ReadResult } from './rules.js';

/**
 * `measure: derived` on rate_bands / pro_rata: the unit declares raw counts and the catalog says how the
 * numerator and the denominator are made of them (766/QĐ-TTg: "Tỷ lệ hài lòng = (Tổng số PAKN − số bị
 * phản hồi không hài lòng hoặc quá hạn) / Tổng số PAKN × 100%"). The counts stay in the evidence and on
 * the form; the rate is scored like any declared ratio. A denominator that comes out 0 means there was
 * nothing to measure, as 0 of 0 does for a ratio: the task did not arise and the rule's
 * when_not_arisen decides (not assessed, or full marks as "trong năm không có PAKN … được tính tối đa").
 */
type Rated = Extract<RuleT, { kind: 'rate_bands' | 'pro_rata' }>;
export interface Derived {
  numerator: Expression;
  denominator: Expression;
}

const parsed = new WeakMap<object, Derived | null>();

/** The rule's two expressions, parsed once; null when they do not parse (the catalog checks say why). */
export function derivedOf(rule: RuleT): Derived | null {
  if ((rule.kind !== 'rate_bands' && rule.kind !== 'pro_rata') || rule.measure !== 'derived') return null;
  let d = parsed.get(rule);
  if (d === undefined) {
    const n = typeof rule.numerator === 'string' ? parseExpression(rule.numerator) : undefined;
    const m = typeof rule.denominator === 'string' ? parseExpression(rule.denominator) : undefined;
    d = n?.ok && m?.ok ? { numerator: n.expr, denominator: m.expr } : null;
    parsed.set(rule, d);
  }
  return d;
}

export interface CatalogProblem {
  code: FindingCode;
  at: Array<string | number>;
  args: Args;
}

/** What the catalog checks say about a derived measure: syntax, unknown names, a denominator never above 0. */
export function derivedProblems(rule: Rated): CatalogProblem[] {
  const out: CatalogProblem[] = [];
  const keys = new Set((rule.counts ?? []).map((c) => c.key));
  for (const side of ['numerator', 'denominator'] as const) {
    const text = rule[side];
    if (typeof text !== 'string') continue;
    const p = parseExpression(text);
    if (!p.ok) {
      out.push({ code: 'catalog.expression_syntax', at: [side], args: { expression: text, position: p.position } });
      continue;
    }
    for (const name of namesOf(p.expr)) {
      if (!keys.has(name)) out.push({ code: 'catalog.expression_unknown_input', at: [side], args: { name, keys: [...keys].join(', ') } });
    }
    if (side === 'denominator' && !canBePositive(p.expr)) out.push({ code: 'catalog.expression_zero', at: [side], args: { expression: text } });
  }
  return out;
}

export function readDerived(rule: Rated, raw: unknown): ReadResult {
  const d = derivedOf(rule)!;
  const r = readNamed<bigint>(raw, namedInputs(rule)!, 'counts', (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? { ok: true, value: BigInt(v) } : { code: 'evidence.count_invalid', args: {} },
  );
  if (!r.ok) return { ok: false, ...r.problems[0]!, also: r.problems.slice(1) };
  const num = evaluate(d.numerator, r.values);
  const den = evaluate(d.denominator, r.values);
  const problems: Array<{ code: FindingCode; args: Args }> = [];
  for (const [e, v] of [[d.numerator, num], [d.denominator, den]] as const) {
    if (v < 0n) problems.push({ code: 'evidence.derived_negative', args: { expression: showExpression(e), value: Number(v) } });
  }
  if (!problems.length && num > den) {
    problems.push({
      code: 'evidence.numerator_exceeds',
      args: { numerator: showExpression(d.numerator), denominator: showExpression(d.denominator), num: Number(num), den: Number(den) },
    });
  }
  if (problems.length) return { ok: false, ...problems[0]!, also: problems.slice(1) };
  if (den === 0n) return { ok: true, input: { kind: 'none' } };
  return { ok: true, input: { kind: 'rate', num, den } };
}

/** Numerator and denominator of accepted counts, for the words of the form ("(120 − 6)/120"). */
export function derivedParts(rule: RuleT, raw: unknown): { num: bigint; den: bigint; numerator: string; denominator: string } | undefined {
  const d = derivedOf(rule);
  if (!d || typeof raw !== 'object' || raw === null) return undefined;
  const values = new Map(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, BigInt(typeof v === 'number' && Number.isSafeInteger(v) ? v : 0)]));
  return { num: evaluate(d.numerator, values), den: evaluate(d.denominator, values), numerator: showExpression(d.numerator), denominator: showExpression(d.denominator) };
}
