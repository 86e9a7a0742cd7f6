import type { Evidence, ItemEvidence } from '../schema/evidence.js';
import type { Finding } from '../findings/finding.js';
import { hasErrors } from '../findings/finding.js';
import type { FlatCatalog } from '../flat-catalog.js';
import type { Fixed } from '../fixed.js';
import { scoreUnit, type ItemScore, type ScoreResult } from '../scoring/score.js';

/** Points an appraisal council awarded, overriding the rule (none for a self-assessment). */
export type Awarded = ReadonlyMap<string, Fixed>;

/** The awards still standing once values are assumed: an assumed value is scored by its rule again. */
export function awardsLeft(awarded: Awarded | undefined, changes: readonly Assumption[]): Awarded | undefined {
  if (!awarded?.size) return undefined;
  const left = new Map(awarded);
  for (const c of changes) left.delete(c.code);
  return left;
}

/** A value to declare for an item instead of the one the unit declared. */
export interface Assumption {
  code: string;
  value: unknown;
}

/** The evidence with some values replaced (a replaced "did not arise" becomes a declared value). */
export function assume(ev: Evidence, changes: readonly Assumption[]): Evidence {
  const items: Record<string, ItemEvidence> = { ...ev.items };
  for (const c of changes) {
    const { not_arisen: _, ...rest } = items[c.code] ?? { documents: [] };
    items[c.code] = { ...rest, value: c.value as ItemEvidence['value'] };
  }
  return { ...ev, items };
}

export interface ItemChange {
  before: ItemScore;
  after: ItemScore;
}

export interface WhatIf {
  before: ScoreResult;
  after: ScoreResult;
  /** The items assumed, in the order given. */
  changes: ItemChange[];
}

/**
 * Rescores a unit with assumed values, with the same scoring as `cchc score` (and the council's awards,
 * for an appraised result, on the items not assumed). The values were read
 * with the evidence reader already (set-value.ts), so an error here is a bug, returned as findings.
 */
export function whatIf(flat: FlatCatalog, ev: Evidence, before: ScoreResult, changes: readonly Assumption[], awarded?: Awarded): WhatIf | { findings: Finding[] } {
  const { result: after, findings } = scoreUnit(flat, assume(ev, changes), awardsLeft(awarded, changes));
  if (hasErrors(findings)) return { findings: findings.filter((f) => f.severity === 'error') };
  const by = (r: ScoreResult) => new Map(r.items.map((i) => [i.code, i]));
  const b = by(before);
  const a = by(after);
  return { before, after, changes: changes.map((c) => ({ before: b.get(c.code)!, after: a.get(c.code)! })) };
}
