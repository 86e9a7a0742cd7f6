import type { z } from 'zod';
import type { Finding, YamlPath } from '../findings/finding.js';
import { finding } from '../findings/codes.js';

type Issue = z.core.$ZodIssue;

/** What a value is, as a code (the reporters have the words): number, integer, string, boolean, object, array, null. */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** The value itself when it is short enough to quote in a message, else nothing. */
function shown(v: unknown): Record<string, string | number> {
  if (typeof v === 'number') return { value: v };
  if (typeof v === 'string' && v.length <= 40) return { value: v };
  if (typeof v === 'boolean') return { value: String(v) };
  return {};
}

function at(data: unknown, path: YamlPath): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** The criterion code a path is about, for the `[tiêu chí …]` label. */
function itemOf(data: unknown, path: YamlPath): string | undefined {
  if (path[0] === 'items' && typeof path[1] === 'string') return path[1];
  if (path[0] !== 'areas' && path[0] !== 'bonus' && path[0] !== 'penalty') return undefined;
  for (let i = path.length; i > 0; i--) {
    const node = at(data, path.slice(0, i));
    if (node && typeof node === 'object' && typeof (node as { code?: unknown }).code === 'string')
      return (node as { code: string }).code;
  }
  return undefined;
}

function depth(issues: readonly Issue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

/** Turns zod issues into coded findings with YAML paths; a union reports its most specific branch. */
export function zodFindings(issues: readonly Issue[], data: unknown, base: YamlPath = []): Finding[] {
  const out: Finding[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as (string | number)[])];
    const item = itemOf(data, path);
    const push = (code: Parameters<typeof finding>[0], p: YamlPath, args: Record<string, string | number> = {}) =>
      out.push(finding(code, p, args, item));
    switch (issue.code) {
      case 'invalid_type': {
        const value = at(data, path);
        if (value === undefined) push('schema.missing_key', path, { key: String(path[path.length - 1] ?? '') });
        else push('schema.invalid_type', path, { expected: issue.expected, received: kindOf(value), ...shown(value) });
        break;
      }
      case 'unrecognized_keys':
        for (const key of issue.keys) push('schema.unknown_key', [...path, key], { key });
        break;
      case 'invalid_value':
        push('schema.invalid_value', path, { allowed: issue.values.map(String).join(', ') });
        break;
      case 'too_small':
        push('schema.too_small', path, { minimum: Number(issue.minimum) });
        break;
      case 'too_big':
        push('schema.too_big', path, { maximum: Number(issue.maximum) });
        break;
      case 'invalid_format':
        // cchc's schemas name their formats with a code (item_code, date…); zod's own say "pattern".
        push('schema.invalid_format', path, { format: /^[a-z_]+$/.test(issue.message) ? issue.message : 'pattern' });
        break;
      case 'invalid_union': {
        const u = issue as Issue & { discriminator?: string; options?: unknown[] };
        if (u.discriminator !== undefined && u.options) {
          const value = at(data, path);
          if (value === undefined) push('schema.missing_key', path, { key: u.discriminator });
          else push('schema.invalid_value', path, { allowed: u.options.map(String).join(', ') });
          break;
        }
        const branches = issue.errors;
        const best = branches.reduce((a, b) => (depth(b) > depth(a) ? b : a), branches[0] ?? []);
        if (depth(best) > 0) {
          out.push(...zodFindings(best, data, path));
        } else {
          const expected = branches.flat().filter((i) => i.code === 'invalid_type').map((i) => (i as { expected: string }).expected);
          const value = at(data, path);
          push('schema.invalid_type', path, { expected: [...new Set(expected)].join('|'), received: kindOf(value), ...shown(value) });
        }
        break;
      }
      default:
        push('schema.invalid', path, { detail: issue.code });
    }
  }
  return out;
}
