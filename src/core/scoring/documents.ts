import type { RuleT } from '../schema/catalog.js';
import { NO, TIMELINESS } from '../schema/vocabulary.js';
import { dayExists } from '../schema/citation.js';
import { type Fixed, ZERO, toFixed } from '../fixed.js';
import { namedInputs, readNamed, type Problem } from './named.js';
import type { Hint, Input, ReadResult } from './rules.js';

/**
 * `documents`: every listed document, each by its deadline — four CCHC reports (quý I, 6 tháng, quý III,
 * năm) "đủ số lượng và đúng thời gian quy định: 1". With a deadline the unit declares the date each was
 * sent and cchc compares (sent on the deadline day is on time); without one it declares dung_han / cham
 * / khong. Not sent: khong (or false). The hint names each document late or missing.
 */
type Documents = Extract<RuleT, { kind: 'documents' }>;
export type DocStatus = 'on_time' | 'late' | 'missing';

/** dd/mm/yyyy or yyyy-mm-dd as yyyymmdd, when the day exists. */
export function dayNumber(text: string): number | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [d, mo, y] = text.includes('/') ? [+m[1]!, +m[2]!, +m[3]!] : [+m[3]!, +m[2]!, +m[1]!];
  return dayExists(d, mo, y) ? (y * 100 + mo) * 100 + d : undefined;
}

export function readDocuments(rule: Documents, raw: unknown): ReadResult {
  const deadlines = new Map(rule.documents.map((d) => [d.key, d.deadline]));
  const r = readNamed<DocStatus>(raw, namedInputs(rule)!, 'documents', (v, input): { ok: true; value: DocStatus } | Problem => {
    if (v === false) return { ok: true, value: 'missing' };
    const t = typeof v === 'string' ? v.normalize('NFC').trim().toLowerCase() : typeof v === 'number' ? String(v) : undefined;
    if (t !== undefined && (t === 'khong' || NO.has(t))) return { ok: true, value: 'missing' };
    const deadline = deadlines.get(input.key);
    if (deadline === undefined) {
      if (t === 'dung_han') return { ok: true, value: 'on_time' };
      if (t === 'cham') return { ok: true, value: 'late' };
      return { code: 'evidence.choice_unknown', args: { value: String(v), allowed: TIMELINESS.join(', ') } };
    }
    if (t === undefined || !/^(?:\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2})$/.test(t)) return { code: 'evidence.value_type', args: { expected: 'sent_date' } };
    const sent = dayNumber(t);
    if (sent === undefined) return { code: 'evidence.date_invalid', args: { date: t } };
    return { ok: true, value: sent <= dayNumber(deadline)! ? 'on_time' : 'late' };
  });
  if (!r.ok) return { ok: false, ...r.problems[0]!, also: r.problems.slice(1) };
  return { ok: true, input: { kind: 'docs', status: Object.fromEntries(r.values) } };
}

const allOnTime = (rule: Documents, input: Input) => input.kind === 'docs' && rule.documents.every((d) => input.status[d.key] === 'on_time');

export function documentsPoints(rule: Documents, maxPts: Fixed, input: Input): Fixed {
  return allOnTime(rule, input) ? (rule.yes === undefined ? maxPts : toFixed(rule.yes)) : rule.no === undefined ? ZERO : toFixed(rule.no);
}

export function documentsRange(rule: Documents, maxPts: Fixed): Fixed[] {
  return [rule.yes === undefined ? maxPts : toFixed(rule.yes), rule.no === undefined ? ZERO : toFixed(rule.no)];
}

/** Which documents were late and which missing, by their labels. */
export function documentsHint(rule: Documents, input: Input): Hint {
  const of = (s: DocStatus) => rule.documents.filter((d) => input.kind === 'docs' && input.status[d.key] === s).map((d) => d.label).join('; ');
  return { code: 'hint.documents', args: { late: of('late'), missing: of('missing') } };
}

/** Each document's status for a value already accepted (for the words of the form and the table). */
export function documentStatus(rule: Documents, raw: unknown): Record<string, DocStatus> {
  const r = readDocuments(rule, raw);
  return r.ok && r.input.kind === 'docs' ? r.input.status : {};
}
