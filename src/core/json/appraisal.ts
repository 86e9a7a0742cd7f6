import type { Finding } from '../findings/finding.js';
import type { FlatCatalog } from '../flat-catalog.js';
import type { Provenance } from '../provenance.js';
import { toNumber, type Fixed } from '../fixed.js';
import type { AppraisedUnit, ItemTrail, Step } from '../appraisal/apply.js';
import { scoreJson } from './score.js';

const num = (f: Fixed | null) => (f === null ? null : toNumber(f));

/** One step of an item's trail, codes and numbers only (the council's and the unit's own words are data). */
function stepJson(s: Step) {
  if (s.round === 'giai_trinh') return { round: s.round, explanation: s.explanation, documents: s.documents.length };
  return {
    round: s.round,
    points: num(s.points),
    applicableMax: toNumber(s.applicable),
    ...(s.decision !== undefined ? { decision: s.decision } : {}),
    ...(s.reason !== undefined ? { reason: s.reason } : {}),
    ...(s.value !== undefined ? { value: s.value } : {}),
    ...(s.rate !== undefined ? { rate: s.rate } : {}),
    ...(s.awarded !== undefined ? { awarded: toNumber(s.awarded) } : {}),
    ...(s.notArisen ? { notArisen: true } : {}),
    ...(s.missing !== undefined ? { missing: s.missing } : {}),
    ...(s.note !== undefined ? { note: s.note } : {}),
  };
}

/** An item's appraisal: the points on each side, the round that decided it, why, and every step. */
export function trailJson(t: ItemTrail) {
  return {
    self: num(t.self),
    appraised: num(t.appraised),
    difference: toNumber(t.effect),
    decidedIn: t.decidedIn,
    reason: t.reason,
    rounds: t.steps.map(stepJson),
  };
}

/**
 * `cchc score --appraisal --json`: the score JSON of the chosen round (points, totals, index, band,
 * lost items are the appraised ones), with the self-assessment beside it: `selfIndex`, `self` totals,
 * every item's `selfPoints`, and for each item a round touched its `appraisal` trail. Language-free.
 */
export function appraisedJson(au: AppraisedUnit, flat: FlatCatalog, findings: readonly Finding[], provenance?: Provenance) {
  const base = scoreJson(au.result, flat, findings, provenance);
  const selfPoints = new Map(au.self.items.map((i) => [i.code, num(i.points)]));
  const trails = new Map(au.trails.map((t) => [t.code, t]));
  const s = au.self;
  const { findings: fs, lost, unanswered, items, ...head } = base;
  return {
    ...head,
    appraised: true,
    round: au.round,
    selfIndex: s.index,
    self: {
      achieved: toNumber(s.achieved),
      bonus: toNumber(s.bonus),
      penalty: toNumber(s.penalty),
      total: toNumber(s.total),
      applicableMax: toNumber(s.applicableMax),
      index: s.index,
      band: s.band,
    },
    rounds: au.rounds,
    items: items.map((it) => {
      const t = trails.get(it.code);
      return { ...it, selfPoints: selfPoints.get(it.code) ?? null, ...(t ? { appraisal: trailJson(t) } : {}) };
    }),
    lost,
    changed: au.changed,
    unanswered,
    findings: fs,
  };
}
