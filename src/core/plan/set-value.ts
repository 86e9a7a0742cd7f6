import type { Finding } from '../findings/finding.js';
import { finding } from '../findings/codes.js';
import type { FlatCatalog, Leaf } from '../flat-catalog.js';
import { decimalParts } from '../fixed.js';
import { ratioKeys, readValue } from '../scoring/rules.js';

/** One `--set code=value` read against the catalog: the value as an evidence file would declare it. */
export interface SetValue {
  code: string;
  /** The option as typed, to place findings and to show. */
  arg: string;
  value: unknown;
}

const DECIMAL = /^(\d+)(?:[.,](\d+))?$/;

/**
 * "95,5" or "95.5" as the number 95.5, only when the number is exactly what was typed (a JS number that
 * printed back gives the same digits): the scoring then reads it as an evidence file's 95.5.
 */
function exactDecimal(text: string): number | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  const x = Number(`${m[1]!}.${frac || '0'}`);
  const back = decimalParts(x);
  if (!back || !Number.isFinite(x)) return undefined;
  const digits = `${BigInt(m[1]!)}${frac ? `.${frac}` : ''}`;
  return String(x) === digits ? x : undefined;
}

const TRUE = new Set(['true']);
const FALSE = new Set(['false']);

/**
 * A value typed on the command line for a leaf's rule, read the way the evidence reader reads a value:
 * a ratio "1200/1200", a percentage "95" or "95,5" (a trailing % is allowed), a whole count, points
 * "0,75", a choice or timeliness code, yes/no (có, không, true, false). Anything else is refused with
 * what the rule expects; never read as another number.
 */
function rawValue(leaf: Leaf, text: string): unknown {
  const rule = leaf.rule;
  const keys = ratioKeys(rule);
  if (keys) {
    const m = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
    if (!m) return undefined;
    const [num, den] = [Number(m[1]), Number(m[2])];
    return Number.isSafeInteger(num) && Number.isSafeInteger(den) ? { [keys.numerator]: num, [keys.denominator]: den } : undefined;
  }
  switch (rule.kind) {
    case 'rate_bands':
    case 'pro_rata':
    case 'survey':
      return exactDecimal(text.replace(/\s*%$/, ''));
    case 'judgement':
      return exactDecimal(text);
    case 'deduction':
      return /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
    case 'yes_no': {
      const t = text.toLowerCase();
      return TRUE.has(t) ? true : FALSE.has(t) ? false : text;
    }
    default:
      // Choices, timeliness, and rule kinds added later: the rule's own reader decides.
      return DECIMAL.test(text) ? (exactDecimal(text) ?? text) : text;
  }
}

/** What a refused value should have looked like, by rule (the words are in messages.ts). */
function expected(leaf: Leaf): string {
  if (ratioKeys(leaf.rule)) return 'ratio';
  const k = leaf.rule.kind;
  return k === 'rate_bands' || k === 'pro_rata' || k === 'survey' ? 'percent' : k === 'deduction' ? 'count' : k === 'judgement' ? 'points' : 'text';
}

/** Reads every `--set`; problems are placed on the option as typed, all at once. */
export function readSets(args: readonly string[], flat: FlatCatalog): { sets: SetValue[]; findings: Finding[] } {
  const sets: SetValue[] = [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const decimals = flat.catalog.decimals;
  for (const arg of args) {
    const at = (f: Finding): Finding => ({ ...f, file: `--set ${arg}` });
    const eq = arg.indexOf('=');
    const code = eq < 0 ? '' : arg.slice(0, eq).normalize('NFC').trim();
    const text = eq < 0 ? '' : arg.slice(eq + 1).normalize('NFC').trim();
    if (!code || !text) {
      findings.push(at(finding('whatif.set_format', [], { arg })));
      continue;
    }
    const leaf = flat.leaves.get(code);
    if (!leaf) {
      findings.push(at(finding(flat.parents.has(code) ? 'evidence.not_leaf' : 'evidence.unknown_code', [], { code }, code)));
      continue;
    }
    if (seen.has(code)) {
      findings.push(at(finding('whatif.set_twice', [], { code }, code)));
      continue;
    }
    seen.add(code);
    const raw = rawValue(leaf, text);
    // A percentage typed as a fraction ("0,896" for 89,6 %) would score as 0,896 %: refused unless a % sign says so.
    const fraction = /^0[.,](\d+)$/.exec(text);
    const k = leaf.rule.kind;
    if (fraction && !ratioKeys(leaf.rule) && (k === 'rate_bands' || k === 'pro_rata' || k === 'survey') && typeof raw === 'number' && raw > 0) {
      const d = fraction[1]!.padEnd(2, '0');
      findings.push(at(finding('whatif.percent_fraction', [], { value: text, percent: Number(`${d.slice(0, 2)}.${d.slice(2) || '0'}`) }, code)));
      continue;
    }
    if (raw === undefined) {
      const keys = ratioKeys(leaf.rule);
      findings.push(at(finding('whatif.value_format', [], { value: text, expected: expected(leaf), ...(keys ?? {}) }, code)));
      continue;
    }
    const read = readValue(leaf.rule, leaf.max, decimals, raw) as ReturnType<typeof readValue> | undefined;
    if (!read) findings.push(at(finding('whatif.value_format', [], { value: text, expected: expected(leaf) }, code)));
    else if (!read.ok) findings.push(at(finding(read.code, [], read.args, code)));
    else sets.push({ code, arg, value: raw });
  }
  return { sets, findings };
}
