import type { RuleT } from '../schema/catalog.js';
import type { Args } from '../findings/finding.js';
import type { FindingCode } from '../findings/codes.js';

/**
 * Rules whose value is several named inputs (yes/no conditions, documents, counts of a derived ratio):
 * what each input is, for the reader here, the fill-in template (one input row each) and the form.
 */
export type NamedInputType = 'bool' | 'count' | 'date' | 'timeliness';
export interface NamedInput {
  key: string;
  label: string;
  type: NamedInputType;
}

export function namedInputs(rule: RuleT): NamedInput[] | undefined {
  if (rule.kind === 'conditions') return rule.conditions.map((c) => ({ key: c.key, label: c.label, type: 'bool' }));
  if ((rule.kind === 'rate_bands' || rule.kind === 'pro_rata') && rule.measure === 'derived')
    return (rule.counts ?? []).map((c) => ({ key: c.key, label: c.label, type: 'count' }));
  if (rule.kind === 'documents') return rule.documents.map((d) => ({ key: d.key, label: d.label, type: d.deadline === undefined ? 'timeliness' : 'date' }));
  return undefined;
}

export interface Problem {
  code: FindingCode;
  args: Args;
  key?: string;
}

/**
 * Reads a mapping of named inputs: each key must be one of them, each input must be given, and each
 * value is read by `one`. Every problem is returned, not only the first.
 */
export function readNamed<T>(
  raw: unknown,
  inputs: readonly NamedInput[],
  expected: string,
  one: (value: unknown, input: NamedInput) => { ok: true; value: T } | Problem,
): { ok: true; values: Map<string, T> } | { ok: false; problems: Problem[] } {
  const keys = inputs.map((i) => i.key).join(', ');
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: [{ code: 'evidence.value_type', args: { expected, keys } }] };
  const rec = raw as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const k of Object.keys(rec)) if (!inputs.some((i) => i.key === k)) problems.push({ code: 'evidence.input_unknown', args: { key: k, keys }, key: k });
  const values = new Map<string, T>();
  for (const input of inputs) {
    if (!(input.key in rec)) {
      problems.push({ code: 'evidence.input_missing', args: { key: input.key, label: input.label }, key: input.key });
      continue;
    }
    const r = one(rec[input.key], input);
    if ('ok' in r) values.set(input.key, r.value);
    else problems.push({ ...r, key: input.key });
  }
  return problems.length ? { ok: false, problems } : { ok: true, values };
}
