import type { Appraisal, AppraisalItem, Decision, DecidingRound, Reason, RoundName, SecondItem } from '../schema/appraisal.js';
import type { Document, Evidence, ItemEvidence, Value } from '../schema/evidence.js';
import type { Finding } from '../findings/finding.js';
import { hasErrors } from '../findings/finding.js';
import { finding } from '../findings/codes.js';
import type { FlatCatalog } from '../flat-catalog.js';
import { type Fixed, ZERO, compare, equal, sub, toFixed } from '../fixed.js';
import { type ScoreResult, scoreUnit } from '../scoring/score.js';
import { checkAppraisal, checkPairing } from './check.js';
import type { LoadedAppraisal } from './read.js';

/** `--round`: a deciding round, or the last one the overlay has. */
export type RoundChoice = 'final' | DecidingRound;
export const ROUND_CHOICES: readonly RoundChoice[] = ['final', 'tham_dinh_1', 'tham_dinh_2'];

/** What an entry makes of an item; `self` = back to the unit's own declaration. */
type Outcome = { kind: 'value'; value: Value } | { kind: 'points'; points: Fixed } | { kind: 'not_arisen' };

function outcomeOf(e: Pick<AppraisalItem, 'value' | 'points' | 'not_arisen'>): Outcome | undefined {
  if (e.value !== undefined) return { kind: 'value', value: e.value };
  // Checked before: at most four decimals, 0..max, on the catalog's step.
  if (e.points !== undefined) return { kind: 'points', points: toFixed(e.points) };
  if (e.not_arisen) return { kind: 'not_arisen' };
  return undefined;
}

/** A deciding round's entry for one item, with the item's points after that round. */
export interface DecisionStep {
  round: DecidingRound;
  /** The item's points after this round (null: not applicable). */
  points: Fixed | null;
  applicable: Fixed;
  decision?: Decision;
  reason?: Reason;
  note?: string;
  missing?: string;
  /** The value the council established (rescored with the rule), and its rate as shown (a declared rate). */
  value?: Value;
  rate?: number;
  /** Points the council awarded. */
  awarded?: Fixed;
  notArisen?: true;
}

export interface ExplanationStep {
  round: 'giai_trinh';
  explanation: string;
  documents: ReadonlyArray<Document | string>;
}

export type Step = DecisionStep | ExplanationStep;

/** One item some round touched: self and appraised points, the round that decided it, and why. */
export interface ItemTrail {
  code: string;
  self: Fixed | null;
  selfApplicable: Fixed;
  appraised: Fixed | null;
  appraisedApplicable: Fixed;
  /** What the change does to the total: appraised − self (for a deduction, self − appraised). */
  effect: Fixed;
  decidedIn: DecidingRound;
  /** Why the item has its appraised points; null when an accepted explanation restored the self-score. */
  reason: Reason | null;
  steps: Step[];
}

export interface AppraisedUnit {
  self: ScoreResult;
  /** The result of the chosen round. */
  result: ScoreResult;
  round: DecidingRound;
  /** The rounds taken into account, in order, with who and when. */
  rounds: Array<{ round: RoundName; by: string; date: string }>;
  /** Items the rounds touched, in catalog order. */
  trails: ItemTrail[];
  /** Codes of items whose points or applicability changed, most points first (then catalog order). */
  changed: string[];
  /** What the chosen round scores: the evidence as the council established it, and the points it awarded. */
  basis: AppraisedBasis;
}

/**
 * What a round leaves to score: the unit's evidence with the council's values laid over it, and the
 * points the council awarded (overrides of the rule). What-if and plans start from it.
 */
export interface AppraisedBasis {
  evidence: Evidence;
  awarded: ReadonlyMap<string, Fixed>;
}

function basisOf(ev: Evidence, outcomes: ReadonlyMap<string, Outcome>): AppraisedBasis & { decided: Set<string> } {
  const items: Record<string, ItemEvidence> = { ...ev.items };
  const awarded = new Map<string, Fixed>();
  const decided = new Set<string>();
  for (const [code, o] of outcomes) {
    const { value: _value, not_arisen: _notArisen, ...rest } = items[code] ?? {};
    if (o.kind === 'value') items[code] = { ...rest, value: o.value };
    else if (o.kind === 'not_arisen') {
      items[code] = { ...rest, not_arisen: '' };
      decided.add(code);
    } else awarded.set(code, o.points);
  }
  return { evidence: { ...ev, items }, awarded, decided };
}

/**
 * The unit's evidence with the council's outcomes laid over it, rescored with the same rules and the
 * same exact arithmetic; points awarded go to the scoring as overrides.
 */
function rescore(flat: FlatCatalog, ev: Evidence, outcomes: ReadonlyMap<string, Outcome>): { result: ScoreResult; basis: AppraisedBasis } {
  const { evidence, awarded, decided } = basisOf(ev, outcomes);
  const { result } = scoreUnit(flat, evidence, awarded);
  // `reason` is the unit's own reason for a task that did not arise; the council's is in the trail.
  for (const it of result.items) if (decided.has(it.code) && it.reason === '') delete it.reason;
  return { result, basis: { evidence, awarded } };
}

const same = (a: Fixed | null, b: Fixed | null) => (a === null || b === null ? a === null && b === null : equal(a, b));

function decisionStep(round: DecidingRound, e: AppraisalItem | SecondItem, r: ScoreResult, code: string): DecisionStep {
  const it = r.items.find((i) => i.code === code)!;
  const s: DecisionStep = { round, points: it.points, applicable: it.applicableMax };
  if ('decision' in e && e.decision !== undefined) s.decision = e.decision;
  if (e.reason !== undefined) s.reason = e.reason;
  if (e.note !== undefined) s.note = e.note;
  if (e.missing !== undefined) s.missing = e.missing;
  if (e.value !== undefined) {
    s.value = e.value;
    if (it.rate !== undefined) s.rate = it.rate;
  }
  if (e.points !== undefined) s.awarded = toFixed(e.points);
  if (e.not_arisen) s.notArisen = true;
  return s;
}

/**
 * Applies a checked overlay to a unit's checked evidence: round 1's outcomes, then round 2's (an
 * accepted explanation restores the self-assessment unless the council sets other points; a rejected
 * one keeps round 1). Pure; `checkAppraisal` must have passed.
 */
export function appraise(flat: FlatCatalog, evidence: Evidence, self: ScoreResult, a: Appraisal, choice: RoundChoice): AppraisedUnit {
  const { tham_dinh_1: first, giai_trinh: explained, tham_dinh_2: second } = a.rounds;
  const round: DecidingRound = choice === 'final' ? (second ? 'tham_dinh_2' : 'tham_dinh_1') : choice;
  const withSecond = round === 'tham_dinh_2' && second !== undefined;
  // A pending explanation shows with the final result; asked for round 1 only, the result is round 1's.
  const withExplained = choice !== 'tham_dinh_1' && explained !== undefined;

  const after1 = new Map<string, Outcome>();
  for (const [code, e] of Object.entries(first?.items ?? {})) after1.set(code, outcomeOf(e)!);
  const s1 = first ? rescore(flat, evidence, after1) : { result: self, basis: { evidence, awarded: new Map<string, Fixed>() } };
  const r1 = s1.result;
  let s2: ReturnType<typeof rescore> | undefined;
  if (withSecond) {
    const after2 = new Map(after1);
    for (const [code, e] of Object.entries(second.items)) {
      if (e.decision === 'khong_chap_nhan') continue;
      const o = outcomeOf(e);
      if (o) after2.set(code, o);
      else if (e.decision === 'chap_nhan') after2.delete(code);
    }
    s2 = rescore(flat, evidence, after2);
  }
  const r2 = s2?.result;
  const result = r2 ?? r1;

  const selfItems = new Map(self.items.map((i) => [i.code, i]));
  const finalItems = new Map(result.items.map((i) => [i.code, i]));
  const trails: ItemTrail[] = [];
  for (const leaf of flat.leaves.values()) {
    const code = leaf.code;
    const e1 = first?.items[code];
    const e2 = withSecond ? second.items[code] : undefined;
    if (!e1 && !e2) continue;
    const steps: Step[] = [];
    if (e1) steps.push(decisionStep('tham_dinh_1', e1, r1, code));
    const x = withExplained ? explained.items[code] : undefined;
    if (x) steps.push({ round: 'giai_trinh', explanation: x.explanation, documents: x.documents ?? [] });
    if (e2) steps.push(decisionStep('tham_dinh_2', e2, r2!, code));
    const s = selfItems.get(code)!;
    const f = finalItems.get(code)!;
    const diff = sub(f.points ?? ZERO, s.points ?? ZERO);
    let reason: Reason | null = e1?.reason ?? null;
    if (e2) {
      if (e2.decision === 'chap_nhan') reason = outcomeOf(e2) ? (e2.reason ?? e1?.reason ?? null) : null;
      else if (e2.decision !== 'khong_chap_nhan') reason = e2.reason ?? null;
    }
    trails.push({
      code,
      self: s.points,
      selfApplicable: s.applicableMax,
      appraised: f.points,
      appraisedApplicable: f.applicableMax,
      effect: leaf.section === 'penalty' ? sub(ZERO, diff) : diff,
      decidedIn: e2 ? 'tham_dinh_2' : 'tham_dinh_1',
      reason,
      steps,
    });
  }
  const order = new Map([...flat.leaves.keys()].map((c, i) => [c, i]));
  const magnitude = (t: ItemTrail) => (compare(t.effect, ZERO) < 0 ? sub(ZERO, t.effect) : t.effect);
  const changed = trails
    .filter((t) => !same(t.self, t.appraised) || !equal(t.selfApplicable, t.appraisedApplicable))
    .sort((x, y) => compare(magnitude(y), magnitude(x)) || order.get(x.code)! - order.get(y.code)!)
    .map((t) => t.code);

  const rounds: AppraisedUnit['rounds'] = [];
  if (first) rounds.push({ round: 'tham_dinh_1', by: first.by, date: first.date });
  if (withExplained) rounds.push({ round: 'giai_trinh', by: explained.by, date: explained.date });
  if (withSecond) rounds.push({ round: 'tham_dinh_2', by: second.by, date: second.date });
  return { self, result, round, rounds, trails, changed, basis: (s2 ?? s1).basis };
}

/** What `cchc score --appraisal` and a batch need: the overlay checked against the scored unit, then applied. */
export interface AppraisalOutcome {
  appraised?: AppraisedUnit;
  findings: Finding[];
}

export function appraiseScored(
  unit: { result: ScoreResult; flat: FlatCatalog; evidence: Evidence },
  loaded: LoadedAppraisal,
  choice: RoundChoice,
): AppraisalOutcome {
  if (!loaded.appraisal || !loaded.locate) return { findings: loaded.findings };
  const a = loaded.appraisal;
  const checks = [...checkPairing(a, unit.evidence), ...checkAppraisal(unit.flat, a)];
  if (choice === 'tham_dinh_2' && !a.rounds.tham_dinh_2) checks.push(finding('appraisal.round_absent', ['rounds'], { round: choice }));
  const findings = loaded.locate(checks);
  if (hasErrors(findings)) return { findings };
  const appraised = appraise(unit.flat, unit.evidence, unit.result, a, choice);
  // Every item the council left was not applicable: there is no index to publish.
  if (appraised.result.index === null) return { findings: [...findings, ...loaded.locate([finding('score.no_applicable', ['rounds'])])] };
  return { appraised, findings };
}
