import type { RuleT } from '../schema/catalog.js';
import { NO, TIMELINESS, YES } from '../schema/vocabulary.js';
import type { Args } from '../findings/finding.js';
import type { FindingCode } from '../findings/codes.js';
import {
  type Fixed,
  ZERO,
  decimalParts,
  fromNumber,
  compare,
  isNegative,
  max as fmax,
  min as fmin,
  onStep,
  toFixed,
  type PercentBound,
  reaches,
  scaleRatio,
  shownPercent,
  sub,
  times,
  toNumber,
} from '../fixed.js';
import { perItemHint, perItemPoints, readPerItem } from './per-item.js';
import { conditionsHint, conditionsPoints, conditionsRange, readConditions } from './conditions.js';
import { readDerived } from './derived.js';
import { documentsHint, documentsPoints, documentsRange, readDocuments, type DocStatus } from './documents.js';

/** A raw value read and checked against its rule. `none` = the task did not arise (0 of 0). */
export type Input =
  | { kind: 'bool'; value: boolean }
  | { kind: 'option'; value: string }
  | { kind: 'rate'; num: bigint; den: bigint }
  | { kind: 'count'; value: number }
  | { kind: 'points'; value: Fixed }
  /** Named yes/no conditions (kind `conditions`). */
  | { kind: 'flags'; values: Record<string, boolean> }
  /** Each listed document: on time, late or missing (kind `documents`). */
  | { kind: 'docs'; status: Record<string, DocStatus> }
  | { kind: 'none' };

/** A refused value: its first problem, and any others (`also`), so all are reported at once. */
export type ReadResult =
  | { ok: true; input: Input }
  | { ok: false; code: FindingCode; args: Args; key?: string; also?: Array<{ code: FindingCode; args: Args; key?: string }> };


/** A declared ratio's field ({ key, label }); undefined for an expression (measure: derived) or none. */
export const fieldOf = (x: { key: string; label: string } | string | undefined) => (typeof x === 'object' ? x : undefined);

export function ratioKeys(rule: RuleT): { numerator: string; denominator: string } | undefined {
  if ((rule.kind === 'rate_bands' || rule.kind === 'pro_rata') && rule.measure === 'ratio')
    return { numerator: fieldOf(rule.numerator)?.key ?? 'dat', denominator: fieldOf(rule.denominator)?.key ?? 'tong' };
  return undefined;
}

function fail(code: FindingCode, args: Args = {}, key?: string): ReadResult {
  return key === undefined ? { ok: false, code, args } : { ok: false, code, args, key };
}

/** "89,6" typed the Vietnamese way reads as text in YAML: name the fix instead of a type error. */
function decimalComma(raw: unknown): ReadResult | undefined {
  if (typeof raw === 'string' && /^\s*\d+,\d+\s*$/.test(raw)) {
    return fail('evidence.decimal_comma', { value: raw.trim(), number: raw.trim().replace(',', '.') });
  }
  return undefined;
}

function readPercent(raw: unknown): ReadResult {
  const comma = decimalComma(raw);
  if (comma) return comma;
  if (typeof raw !== 'number') return fail('evidence.value_type', { expected: 'percent' });
  const p = decimalParts(raw);
  if (!p || raw < 0 || raw > 100) return fail('evidence.percent_range');
  return { ok: true, input: { kind: 'rate', num: p.num, den: p.den * 100n } };
}

function readRatio(raw: unknown, keys: { numerator: string; denominator: string }, rule: RuleT): ReadResult {
  const expectedKeys = `${keys.numerator}, ${keys.denominator}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail('evidence.value_type', { expected: 'ratio', numerator: keys.numerator, denominator: keys.denominator });
  const rec = raw as Record<string, unknown>;
  const present = Object.keys(rec);
  for (const k of present) if (k !== keys.numerator && k !== keys.denominator) return fail('evidence.ratio_keys', { keys: expectedKeys }, k);
  for (const k of [keys.numerator, keys.denominator]) {
    if (!(k in rec)) return fail('evidence.ratio_keys', { keys: expectedKeys });
    const v = rec[k];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return fail('evidence.count_invalid', {}, k);
  }
  const num = rec[keys.numerator] as number;
  const den = rec[keys.denominator] as number;
  if (num > den) {
    const labels =
      rule.kind === 'rate_bands' || rule.kind === 'pro_rata'
        ? { numerator: fieldOf(rule.numerator)?.label ?? keys.numerator, denominator: fieldOf(rule.denominator)?.label ?? keys.denominator }
        : { numerator: keys.numerator, denominator: keys.denominator };
    return fail('evidence.numerator_exceeds', { ...labels, num, den }, keys.numerator);
  }
  if (den === 0) return { ok: true, input: { kind: 'none' } };
  return { ok: true, input: { kind: 'rate', num: BigInt(num), den: BigInt(den) } };
}

/** Reads a raw YAML value for a rule; strings are compared in NFC so decomposed Vietnamese matches. */
export function readValue(rule: RuleT, maxPts: Fixed, decimals: number, raw: unknown): ReadResult {
  const text = typeof raw === 'string' ? raw.normalize('NFC').trim().toLowerCase() : undefined;
  switch (rule.kind) {
    case 'yes_no':
      if (typeof raw === 'boolean') return { ok: true, input: { kind: 'bool', value: raw } };
      if (text !== undefined && YES.has(text)) return { ok: true, input: { kind: 'bool', value: true } };
      if (text !== undefined && NO.has(text)) return { ok: true, input: { kind: 'bool', value: false } };
      return fail('evidence.value_type', { expected: 'bool' });
    case 'choice': {
      const allowed = rule.options.map((o) => o.value);
      if (text === undefined) return fail('evidence.value_type', { expected: 'choice', allowed: allowed.join(', ') });
      if (!allowed.includes(text)) return fail('evidence.choice_unknown', { value: String(raw), allowed: allowed.join(', ') });
      return { ok: true, input: { kind: 'option', value: text } };
    }
    case 'timeliness':
      if (text === undefined) return fail('evidence.value_type', { expected: 'timeliness', allowed: TIMELINESS.join(', ') });
      if (!(TIMELINESS as readonly string[]).includes(text))
        return fail('evidence.choice_unknown', { value: String(raw), allowed: TIMELINESS.join(', ') });
      return { ok: true, input: { kind: 'option', value: text } };
    case 'rate_bands':
    case 'pro_rata': {
      if (rule.measure === 'derived') return readDerived(rule, raw);
      const keys = ratioKeys(rule);
      return keys ? readRatio(raw, keys, rule) : readPercent(raw);
    }
    case 'survey':
      return readPercent(raw);
    case 'deduction':
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0) return fail('evidence.count_invalid');
      return { ok: true, input: { kind: 'count', value: raw } };
    case 'per_item':
      return readPerItem(raw);
    case 'conditions':
      return readConditions(rule, raw);
    case 'documents':
      return readDocuments(rule, raw);
    case 'judgement': {
      const comma = decimalComma(raw);
      if (comma) return comma;
      const f = typeof raw === 'number' ? fromNumber(raw) : undefined;
      if (f === undefined || isNegative(f) || compare(f, maxPts) > 0 || !onStep(f, decimals))
        return fail('evidence.points_range', { max: toNumber(maxPts), decimals });
      return { ok: true, input: { kind: 'points', value: f } };
    }
  }
}

/** A rule's point value, or its default when the catalog leaves it out. Catalog checks refuse values of more than four decimals. */
function pts(x: number | undefined, fallback: Fixed): Fixed {
  return x === undefined ? fallback : toFixed(x);
}

/** A choice's points: its own, or its fraction of max rounded to the catalog's decimals. */
export function optionPoints(o: { points?: number | undefined; fraction?: number | undefined }, maxPts: Fixed, decimals: number): Fixed {
  if (o.points !== undefined) return pts(o.points, ZERO);
  const f = decimalParts(o.fraction ?? 0) ?? { num: 0n, den: 1n };
  return scaleRatio(maxPts, f.num, f.den, decimals);
}

type RateBand = { from: number; exclusive: boolean; bound: PercentBound; points: Fixed };
/** Derived once per catalog rule: a batch scores thousands of units against the same rules. */
const sortedBands = new WeakMap<object, RateBand[]>();

/** Rate bands sorted by lower bound, highest first, as exact rationals. */
function bands(rule: Extract<RuleT, { kind: 'rate_bands' }>): RateBand[] {
  let out = sortedBands.get(rule);
  if (!out) {
    out = rule.bands
      .map((b) => {
        const f = decimalParts(b.from) ?? { num: 0n, den: 1n };
        const exclusive = b.exclusive === true;
        return { from: b.from, exclusive, bound: { num: f.num, den: f.den, ...(exclusive ? { exclusive } : {}) }, points: pts(b.points, ZERO) };
      })
      .sort((a, b) => b.from - a.from || Number(a.exclusive) - Number(b.exclusive));
    sortedBands.set(rule, out);
  }
  return out;
}

function rateBand(rule: Extract<RuleT, { kind: 'rate_bands' }>, num: bigint, den: bigint) {
  const all = bands(rule);
  const i = all.findIndex((b) => reaches(100n * num, den, b.bound));
  return { all, index: i };
}

/** Points for a checked input (never for `none`: the caller applies when_not_arisen). */
export function pointsFor(rule: RuleT, maxPts: Fixed, decimals: number, input: Input): Fixed {
  switch (rule.kind) {
    case 'yes_no':
      return input.kind === 'bool' && input.value ? pts(rule.yes, maxPts) : pts(rule.no, ZERO);
    case 'choice': {
      const o = rule.options.find((x) => input.kind === 'option' && x.value === input.value);
      return o ? optionPoints(o, maxPts, decimals) : ZERO;
    }
    case 'timeliness':
      if (input.kind !== 'option') return ZERO;
      if (input.value === 'dung_han') return pts(rule.on_time, maxPts);
      if (input.value === 'cham') return pts(rule.late, ZERO);
      return pts(rule.missing, ZERO);
    case 'rate_bands': {
      if (input.kind !== 'rate') return ZERO;
      const { all, index } = rateBand(rule, input.num, input.den);
      return index < 0 ? ZERO : all[index]!.points;
    }
    case 'pro_rata':
    case 'survey':
      return input.kind === 'rate' ? scaleRatio(maxPts, input.num, input.den, decimals) : ZERO;
    case 'deduction': {
      if (input.kind !== 'count') return ZERO;
      const floor = pts(rule.floor, ZERO);
      return fmax(sub(maxPts, times(pts(rule.per_item, ZERO), input.value)), floor);
    }
    case 'per_item':
      return perItemPoints(rule, maxPts, input);
    case 'conditions':
      return conditionsPoints(rule, maxPts, input);
    case 'documents':
      return documentsPoints(rule, maxPts, input);
    case 'judgement':
      return input.kind === 'points' ? input.value : ZERO;
  }
}

/** The most a rule can give, and the least: used by the catalog cross-checks. */
export function ruleRange(rule: RuleT, maxPts: Fixed, decimals: number): { hi: Fixed; lo: Fixed; values: Fixed[] } {
  let values: Fixed[];
  switch (rule.kind) {
    case 'yes_no':
      values = [pts(rule.yes, maxPts), pts(rule.no, ZERO)];
      break;
    case 'choice':
      values = rule.options.map((o) => optionPoints(o, maxPts, decimals));
      break;
    case 'timeliness':
      values = [pts(rule.on_time, maxPts), pts(rule.late, ZERO), pts(rule.missing, ZERO)];
      break;
    case 'rate_bands':
      values = [...bands(rule).map((b) => b.points), ZERO];
      break;
    case 'deduction':
      values = [maxPts, pts(rule.floor, ZERO)];
      break;
    case 'conditions':
      values = conditionsRange(rule, maxPts);
      break;
    case 'documents':
      values = documentsRange(rule, maxPts);
      break;
    default:
      values = [maxPts, ZERO];
  }
  return { hi: values.reduce(fmax), lo: values.reduce(fmin), values };
}

/** What would earn the points this item lost, as a coded hint for the reporters. */
export interface Hint {
  code:
    | 'hint.yes'
    | 'hint.choice'
    | 'hint.on_time'
    | 'hint.next_band'
    | 'hint.rule_ceiling'
    | 'hint.full_rate'
    | 'hint.fewer_items'
    | 'hint.more_items'
    | 'hint.conditions'
    | 'hint.documents'
    | 'hint.judgement'
    | 'hint.unanswered';
  args: Args;
}

export function hintFor(rule: RuleT, maxPts: Fixed, decimals: number, input: Input | undefined): Hint {
  if (!input) return { code: 'hint.unanswered', args: {} };
  switch (rule.kind) {
    case 'yes_no':
      return { code: 'hint.yes', args: {} };
    case 'choice': {
      const best = [...rule.options].sort((a, b) => compare(optionPoints(b, maxPts, decimals), optionPoints(a, maxPts, decimals)))[0]!;
      return { code: 'hint.choice', args: { label: best.label } };
    }
    case 'timeliness':
      return { code: 'hint.on_time', args: {} };
    case 'rate_bands': {
      if (input.kind !== 'rate') return { code: 'hint.unanswered', args: {} };
      // Full marks need the lowest band that gives the most points (bands are sorted highest first).
      const best = bands(rule).reduce((a, b) => (compare(b.points, a.points) >= 0 ? b : a));
      const pct = shownRate(rule, input);
      // The best band is reached and still short of max: the rule itself gives no more.
      if (reaches(100n * input.num, input.den, best.bound)) {
        return { code: 'hint.rule_ceiling', args: { pct, points: toNumber(best.points) } };
      }
      // `exclusive` only where the bound is "trên X%", so hints of inclusive bands keep their arguments.
      return { code: 'hint.next_band', args: { from: best.from, points: toNumber(best.points), pct, ...(best.exclusive ? { exclusive: 1 } : {}) } };
    }
    case 'pro_rata':
    case 'survey':
      return { code: 'hint.full_rate', args: { pct: input.kind === 'rate' ? shownRate(rule, input) : 0 } };
    case 'deduction':
      return {
        code: 'hint.fewer_items',
        args: { count: input.kind === 'count' ? input.value : 0, per: toNumber(fromNumber(rule.per_item) ?? ZERO), label: rule.item_label ?? '' },
      };
    case 'per_item':
      return perItemHint(rule, maxPts, input);
    case 'conditions':
      return conditionsHint(rule, input);
    case 'documents':
      return documentsHint(rule, input);
    case 'judgement':
      return { code: 'hint.judgement', args: {} };
  }
}

/** The bounds a rule compares a rate with: its bands' lower bounds, or 100% for a rate scaled to max. */
function ruleBounds(rule: RuleT): PercentBound[] {
  if (rule.kind === 'rate_bands') return bands(rule).map((b) => b.bound);
  return [{ num: 100n, den: 1n }];
}

/** A declared rate as shown to people (see fixed.ts shownPercent): the table, the form and the hint agree. */
export function shownRate(rule: RuleT, input: { num: bigint; den: bigint }): number {
  return shownPercent(input.num, input.den, ruleBounds(rule));
}
