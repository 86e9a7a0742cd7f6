import type { Appraisal, AppraisalItem, SecondItem } from '../schema/appraisal.js';
import type { Evidence } from '../schema/evidence.js';
import type { Finding, YamlPath } from '../findings/finding.js';
import { finding } from '../findings/codes.js';
import type { FlatCatalog, Leaf } from '../flat-catalog.js';
import { compare, fromNumber, isNegative, onStep, toNumber } from '../fixed.js';
import { readValue } from '../scoring/rules.js';
import { documentChecks, isRealDate } from '../validate/evidence-checks.js';

type Outcome = Pick<AppraisalItem, 'value' | 'points' | 'not_arisen'>;

/** How many of value / points / not_arisen an entry sets (exactly one decides the item). */
const outcomes = (e: Outcome) => Number(e.value !== undefined) + Number(e.points !== undefined) + Number(e.not_arisen !== undefined);

/** dd/mm/yyyy or yyyy-mm-dd as yyyymmdd, to put rounds in order. */
function dayNumber(text: string): number | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) return (+m[3]! * 100 + +m[2]!) * 100 + +m[1]!;
  const n = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return n ? (+n[1]! * 100 + +n[2]!) * 100 + +n[3]! : undefined;
}

/** The value or points an entry sets, checked against the item's rule: the same reading as a unit's value. */
function outcomeChecks(leaf: Leaf, e: Outcome, path: YamlPath, decimals: number): Finding[] {
  const out: Finding[] = [];
  if (e.points !== undefined) {
    const p = fromNumber(e.points);
    if (p === undefined || isNegative(p) || compare(p, leaf.max) > 0 || !onStep(p, decimals)) {
      out.push(finding('appraisal.points_range', [...path, 'points'], { points: e.points, max: toNumber(leaf.max), decimals }, leaf.code));
    }
  }
  if (e.value !== undefined) {
    const read = readValue(leaf.rule, leaf.max, decimals, e.value);
    if (!read.ok) out.push(finding(read.code, read.key ? [...path, 'value', read.key] : [...path, 'value'], read.args, leaf.code));
  }
  return out;
}

/**
 * Checks an overlay against the catalog it appraises: rounds in order, item codes, each entry's value or
 * points read by the item's rule, an explanation only where round 1 changed the item, a decision on
 * every explanation in round 2 and only there. Needs no unit: `cchc validate` runs it on an overlay
 * alone; `checkPairing` adds what needs the unit's own file.
 */
export function checkAppraisal(flat: FlatCatalog, a: Appraisal): Finding[] {
  const out: Finding[] = [];
  const { catalog } = flat;
  const d = catalog.decimals;
  if (a.catalog !== catalog.id && !a.catalog.endsWith(`${catalog.id}.yaml`)) {
    out.push(finding('appraisal.catalog_mismatch', ['catalog'], { declared: a.catalog, used: catalog.id }));
  }
  if (a.year !== catalog.year) out.push(finding('appraisal.year_mismatch', ['year'], { appraisal: a.year, catalog: catalog.year }));
  const { tham_dinh_1: first, giai_trinh: explained, tham_dinh_2: second } = a.rounds;
  if (!first && !explained && !second) out.push(finding('appraisal.no_round', ['rounds']));
  for (const [name, r] of [['giai_trinh', explained], ['tham_dinh_2', second]] as const) {
    if (r && !first) out.push(finding('appraisal.round_order', ['rounds', name], { round: name, needs: 'tham_dinh_1' }));
  }

  // Dates: real days, and rounds in the order they happen.
  let last: { round: string; day: number; date: string } | undefined;
  for (const [name, r] of [['tham_dinh_1', first], ['giai_trinh', explained], ['tham_dinh_2', second]] as const) {
    if (!r) continue;
    const path = ['rounds', name, 'date'];
    if (!isRealDate(r.date)) {
      out.push(finding('evidence.date_invalid', path, { date: r.date }));
      continue;
    }
    const day = dayNumber(r.date)!;
    if (last && day < last.day) out.push(finding('appraisal.date_order', path, { round: name, date: r.date, before: last.round, beforeDate: last.date }));
    last = { round: name, day, date: r.date };
  }

  const leafAt = (code: string, path: YamlPath): Leaf | undefined => {
    const leaf = flat.leaves.get(code);
    if (!leaf) out.push(finding(flat.parents.has(code) ? 'evidence.not_leaf' : 'appraisal.unknown_code', path, { code }, code));
    return leaf;
  };

  for (const [code, e] of Object.entries(first?.items ?? {})) {
    const path = ['rounds', 'tham_dinh_1', 'items', code];
    const leaf = leafAt(code, path);
    if (!leaf) continue;
    const n = outcomes(e);
    if (n !== 1) out.push(finding(n === 0 ? 'appraisal.outcome_missing' : 'appraisal.outcome_twice', path, { round: 'tham_dinh_1' }, code));
    out.push(...outcomeChecks(leaf, e, path, d));
    if (e.reason === 'khac' && e.note === undefined) out.push(finding('appraisal.note_missing', [...path, 'reason'], {}, code));
  }

  for (const [code, e] of Object.entries(explained?.items ?? {})) {
    const path = ['rounds', 'giai_trinh', 'items', code];
    if (!leafAt(code, path)) continue;
    if (first && !first.items[code]) out.push(finding('appraisal.explained_unchanged', path, { code }, code));
    e.documents?.forEach((doc, i) => out.push(...documentChecks(doc, [...path, 'documents', i], code)));
  }

  for (const [code, e] of Object.entries(second?.items ?? {})) {
    const path = ['rounds', 'tham_dinh_2', 'items', code];
    const leaf = leafAt(code, path);
    if (!leaf) continue;
    out.push(...secondChecks(leaf, e, path, Boolean(explained?.items[code]), d));
  }
  // Every explanation is decided once round 2 is held: an undecided one would silently keep round 1.
  if (second) {
    for (const code of Object.keys(explained?.items ?? {})) {
      if (flat.leaves.has(code) && !second.items[code]) {
        out.push(finding('appraisal.undecided', ['rounds', 'giai_trinh', 'items', code], { code }, code));
      }
    }
  }
  return out;
}

function secondChecks(leaf: Leaf, e: SecondItem, path: YamlPath, explained: boolean, d: number): Finding[] {
  const out: Finding[] = [];
  const code = leaf.code;
  const n = outcomes(e);
  if (e.decision !== undefined && !explained) out.push(finding('appraisal.decision_unexplained', [...path, 'decision'], { code }, code));
  if (e.decision === undefined && explained) out.push(finding('appraisal.undecided', path, { code }, code));
  if (e.decision === 'khong_chap_nhan') {
    if (n > 0) out.push(finding('appraisal.rejected_with_outcome', path, {}, code));
    if (e.reason === undefined) out.push(finding('appraisal.reason_missing', [...path, 'decision'], { decision: e.decision }, code));
  } else if (e.decision === 'chap_nhan') {
    if (n > 1) out.push(finding('appraisal.outcome_twice', path, { round: 'tham_dinh_2' }, code));
  } else if (!explained) {
    if (n !== 1) out.push(finding(n === 0 ? 'appraisal.outcome_missing' : 'appraisal.outcome_twice', path, { round: 'tham_dinh_2' }, code));
    if (e.reason === undefined) out.push(finding('appraisal.reason_missing', path, { decision: '' }, code));
  }
  out.push(...outcomeChecks(leaf, e, path, d));
  if (e.reason === 'khac' && e.note === undefined) out.push(finding('appraisal.note_missing', [...path, 'reason'], {}, code));
  return out;
}

/** What needs the unit's own file: the overlay must name that unit (and its year). */
export function checkPairing(a: Appraisal, ev: Evidence): Finding[] {
  const out: Finding[] = [];
  const mine = ev.unit.code.normalize('NFC').trim();
  const theirs = a.unit.code.normalize('NFC').trim();
  if (mine !== theirs) out.push(finding('appraisal.unit_mismatch', ['unit', 'code'], { appraisal: theirs, unit: mine, name: ev.unit.name }));
  return out;
}
