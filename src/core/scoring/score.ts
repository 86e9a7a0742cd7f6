import type { CatalogNode } from '../schema/catalog.js';
import type { Evidence, ItemEvidence, Unit } from '../schema/evidence.js';
import type { Finding } from '../findings/finding.js';
import { finding } from '../findings/codes.js';
import type { FlatCatalog, Leaf, Section } from '../flat-catalog.js';
import { type Fixed, ZERO, add, compare, decimalParts, equal, fromNumber, isNegative, isPositive, min, percent, plus, sub, toFixed, toNumber } from '../fixed.js';
import { type Hint, type Input, hintFor, pointsFor, readValue, shownRate } from './rules.js';
import { penaltyTotal, splitSpill } from './spill.js';
import { parentDecisions, type Decided } from './parent-not-arisen.js';
import { bandOf, type BandMiss } from './band.js';
import { leafSources, sourceTotals, surveyOff, type BySource } from './survey.js';

export type ItemStatus = 'scored' | 'full_marks' | 'not_applicable' | 'unanswered';

export interface ItemScore {
  code: string;
  name: string;
  section: Section;
  area: string;
  max: Fixed;
  /** 0 when not applicable: its max leaves the denominator. */
  applicableMax: Fixed;
  /** null when not applicable. */
  points: Fixed | null;
  lost: Fixed;
  status: ItemStatus;
  rule: string;
  value?: unknown;
  /** A declared rate as a percentage, rounded for display only (fixed.ts shownPercent); points use the exact rate. */
  rate?: number;
  /** The unit's reason when the task did not arise. */
  reason?: string;
  documents: number;
  claimed?: Fixed;
  owner?: string;
  evidence?: string;
  hint?: Hint;
  /** The part of an outcome below zero ("bị 0 điểm và bị trừ 0,25 điểm"): deducted in the penalty section. */
  spilled?: Fixed;
  /** The parent on which "did not arise" was declared for this item's whole branch. */
  notArisenAt?: string;
  /** The official who answers for the item (the unit's declaration). */
  responsible?: string;
  /** A survey item of a year without survey (evidence survey_not_run): not assessed. */
  surveyNotRun?: true;
}

export interface NodeScore {
  code: string;
  name: string;
  max: Fixed;
  applicableMax: Fixed;
  points: Fixed;
  children?: NodeScore[];
  /** Areas of a catalog with a survey share: the assessment's and the survey's points apart. */
  bySource?: BySource;
}

export interface ScoreResult {
  unit: Unit;
  catalog: { id: string; title: string; level: string; scope: string; year: number; template: boolean };
  decimals: number;
  /** Points from the areas. Points are exact (src/core/fixed.ts) until the JSON edge (src/core/json). */
  achieved: Fixed;
  bonus: Fixed;
  penalty: Fixed;
  /** achieved + bonus − penalty, never below 0. */
  total: Fixed;
  applicableMax: Fixed;
  /** total ÷ applicableMax × 100, rounded to `decimals`; null when nothing is applicable. */
  index: number | null;
  band: string | null;
  /** Bands the index reached but whose own conditions were not met (catalog bands[].requires), highest first. */
  bandMissed?: BandMiss[];
  /** Catalogs with a survey share: whether the survey was run, and the two subtotals of the areas. */
  survey?: BySource & { run: boolean };
  areas: NodeScore[];
  items: ItemScore[];
}

interface Internal {
  item: ItemScore;
  points: Fixed;
  applicable: Fixed;
}

/**
 * `awarded`: points an appraisal council set for the item (0..max, checked by the caller). They stand in
 * for the rule's points whatever the declared value, and make the item applicable.
 */
function scoreLeaf(
  leaf: Leaf,
  ev: ItemEvidence | undefined,
  decimals: number,
  findings: Finding[],
  awarded?: Fixed,
  decided?: Decided,
  noSurvey = false,
): Internal {
  const path = ['items', leaf.code];
  const item: ItemScore = {
    code: leaf.code,
    name: leaf.name,
    section: leaf.section,
    area: leaf.area.code,
    max: leaf.max,
    applicableMax: leaf.max,
    points: ZERO,
    lost: ZERO,
    status: 'scored',
    rule: leaf.rule.kind,
    documents: ev?.documents?.length ?? 0,
  };
  if (leaf.owner !== undefined) item.owner = leaf.owner;
  if (leaf.evidence !== undefined) item.evidence = leaf.evidence;
  if (ev?.responsible !== undefined) item.responsible = ev.responsible;

  // A claim above max is wrong whatever the value says, so it is checked first.
  let claimed: Fixed | undefined;
  if (ev?.claimed !== undefined) {
    claimed = fromNumber(ev.claimed);
    if (claimed === undefined) {
      findings.push(finding('evidence.points_range', [...path, 'claimed'], { max: toNumber(leaf.max), decimals }, leaf.code));
    } else if (compare(claimed, leaf.max) > 0) {
      findings.push(finding('evidence.claimed_exceeds_max', [...path, 'claimed'], { claimed: ev.claimed, max: toNumber(leaf.max) }, leaf.code));
      claimed = undefined;
    } else item.claimed = claimed;
  }

  let input: Input | undefined;
  if (noSurvey) {
    item.surveyNotRun = true;
    input = { kind: 'none' };
  } else if (awarded !== undefined) {
    if (ev?.value !== undefined) item.value = ev.value;
    input = { kind: 'points', value: awarded };
  } else if (decided) {
    item.reason = decided.reason;
    item.notArisenAt = decided.at;
    input = { kind: 'none' };
  } else if (ev?.not_arisen !== undefined) {
    item.reason = ev.not_arisen;
    input = { kind: 'none' };
  } else if (ev?.value !== undefined) {
    item.value = ev.value;
    const read = readValue(leaf.rule, leaf.max, decimals, ev.value);
    if (!read.ok) {
      for (const p of [read, ...(read.also ?? [])]) findings.push(finding(p.code, p.key ? [...path, 'value', p.key] : [...path, 'value'], p.args, leaf.code));
      return { item, points: ZERO, applicable: leaf.max };
    }
    input = read.input;
    if (input.kind === 'rate') item.rate = shownRate(leaf.rule, input);
    // 0,896 where 89,6 was meant scores 0,896 %: said, since nothing else would show it.
    const typed = ev.value;
    // Above 0 and up to 1, as a workbook cell is warned of (xlsx.percent_fraction): 1 may be meant as 100 %.
    const fraction = typeof typed === 'number' && typed > 0 && typed <= 1 ? /^(?:0\.(\d+)|1)$/.exec(String(typed)) : null;
    if (fraction && typeof typed === 'number' && input.kind === 'rate') {
      const d = (fraction[1] ?? '00').padEnd(2, '0');
      const percent = fraction[1] === undefined ? 100 : Number(`${d.slice(0, 2)}.${d.slice(2) || '0'}`);
      findings.push(finding('evidence.percent_fraction', [...path, 'value'], { value: typed, percent, write: String(percent) }, leaf.code));
    }
  }

  let points: Fixed = ZERO;
  let applicable: Fixed = leaf.max;
  if (!input) {
    item.status = 'unanswered';
    // Bonus and penalty items are optional: not declaring one is not a gap.
    if (leaf.section === 'areas') findings.push(finding('evidence.unanswered', path, {}, leaf.code));
  } else if (input.kind === 'none') {
    if (!noSurvey && (decided?.mode ?? leaf.rule.when_not_arisen) === 'full_marks') {
      item.status = 'full_marks';
      points = leaf.max;
    } else {
      item.status = 'not_applicable';
      applicable = ZERO;
    }
  } else {
    if (input.kind === 'points') points = input.value;
    else {
      const split = splitSpill(pointsFor(leaf.rule, leaf.max, decimals, input));
      points = split.points;
      if (split.spilled) item.spilled = split.spilled;
    }
  }

  item.points = item.status === 'not_applicable' ? null : points;
  item.applicableMax = applicable;
  const lost = leaf.section === 'penalty' ? points : sub(applicable, points);
  item.lost = lost;
  // Points awarded by appraisers are their judgement: the rule's hint would not say how to get them back.
  if (isPositive(lost) && leaf.section === 'areas' && awarded === undefined) {
    item.hint = hintFor(leaf.rule, leaf.max, decimals, input?.kind === 'none' ? undefined : input);
  }

  if (claimed !== undefined && item.status !== 'unanswered' && !equal(claimed, item.status === 'not_applicable' ? ZERO : points)) {
    findings.push(finding('evidence.claim_mismatch', [...path, 'claimed'], { claimed: ev!.claimed!, computed: toNumber(points) }, leaf.code));
  }
  if (isPositive(points) && leaf.section === 'areas' && item.status === 'scored' && item.documents === 0) {
    findings.push(finding('evidence.no_documents', path, {}, leaf.code));
  }
  return { item, points, applicable };
}

function rollUp(n: CatalogNode, scored: Map<string, Internal>): { node: NodeScore; points: Fixed; applicable: Fixed } {
  if (!n.children?.length) {
    const s = scored.get(n.code)!;
    const node = { code: n.code, name: n.name, max: s.item.max, applicableMax: s.applicable, points: s.points };
    return { node, points: s.points, applicable: s.applicable };
  }
  let points = ZERO;
  let applicable = ZERO;
  const children: NodeScore[] = [];
  for (const c of n.children) {
    const k = rollUp(c, scored);
    points = plus(points, k.points);
    applicable = plus(applicable, k.applicable);
    children.push(k.node);
  }
  const node = { code: n.code, name: n.name, max: toFixed(n.max), applicableMax: applicable, points, children };
  return { node, points, applicable };
}

/**
 * Scores one unit's evidence against an indexed catalog. Pure: no I/O. Value errors come back as
 * findings (and then the result must not be trusted: callers check for errors before using it).
 * `awarded`: points an appraisal set per item code (src/core/appraisal), which override the rule.
 */
export function scoreUnit(
  index: FlatCatalog,
  evidence: Evidence,
  awarded?: ReadonlyMap<string, Fixed>,
): { result: ScoreResult; findings: Finding[] } {
  const { catalog } = index;
  const parents = parentDecisions(index, evidence);
  const sources = leafSources(catalog);
  const survey = surveyOff(catalog, evidence, sources);
  const findings: Finding[] = [...parents.findings, ...survey.findings];
  const scored = new Map<string, Internal>();
  for (const leaf of index.leaves.values()) {
    const ev = evidence.items[leaf.code];
    scored.set(leaf.code, scoreLeaf(leaf, ev, catalog.decimals, findings, awarded?.get(leaf.code), parents.decided.get(leaf.code), survey.off.has(leaf.code)));
  }

  const areas = catalog.areas.map((a) => rollUp(a, scored));
  let bySource: BySource | undefined;
  if (catalog.survey_share) {
    const totals = sourceTotals(sources, new Map([...scored].map(([code, s]) => [code, { max: s.item.max, applicable: s.applicable, points: s.points }])));
    for (const a of areas) {
      const t = totals.areas.get(a.node.code);
      if (t) a.node.bySource = t;
    }
    bySource = totals.all;
  }
  const achieved = add(...areas.map((a) => a.points));
  const applicableMax = add(...areas.map((a) => a.applicable));
  const adjustment = (section: 'bonus' | 'penalty'): Fixed => {
    const adj = catalog[section];
    if (!adj) return ZERO;
    const sum = add(...adj.items.map((n) => rollUp(n, scored).points));
    return min(sum, toFixed(adj.max));
  };
  const bonus = adjustment('bonus');
  const spilled = [...scored.values()].flatMap((s) => s.item.spilled ?? []);
  const penalty = spilled.length
    ? penaltyTotal(
        catalog.penalty ? add(...catalog.penalty.items.map((n) => rollUp(n, scored).points)) : ZERO,
        spilled,
        catalog.penalty ? toFixed(catalog.penalty.max) : undefined,
      )
    : adjustment('penalty');
  const totalRaw = sub(add(achieved, bonus), penalty);
  const total = isNegative(totalRaw) ? ZERO : totalRaw;

  let index_: number | null = null;
  let band: string | null = null;
  let bandMissed: BandMiss[] = [];
  if (isPositive(applicableMax)) {
    const p = percent(total, applicableMax, catalog.decimals);
    index_ = p.value;
    ({ band, missed: bandMissed } = bandOf(catalog.bands, p.scaled, catalog.decimals, areas.map((a) => a.node)));
  } else {
    findings.push(finding('score.no_applicable', ['items']));
  }

  return {
    result: {
      unit: evidence.unit,
      catalog: {
        id: catalog.id,
        title: catalog.title,
        level: catalog.level,
        scope: catalog.scope,
        year: catalog.year,
        template: catalog.template,
      },
      decimals: catalog.decimals,
      achieved,
      bonus,
      penalty,
      total,
      applicableMax,
      index: index_,
      band,
      ...(bandMissed.length ? { bandMissed } : {}),
      ...(bySource ? { survey: { run: !evidence.survey_not_run, ...bySource } } : {}),
      areas: areas.map((a) => a.node),
      items: [...scored.values()].map((s) => s.item),
    },
    findings,
  };
}

/** The band is chosen on the published (rounded) index, exactly: scaled / 10^decimals ≥ from. */
export function bandFor(bands: ReadonlyArray<{ label: string; from: number }>, scaled: bigint, decimals: number): string | null {
  const p = 10n ** BigInt(decimals);
  const sorted = [...bands].sort((a, b) => b.from - a.from);
  for (const b of sorted) {
    const f = decimalParts(b.from);
    if (f && scaled * f.den >= f.num * p) return b.label;
  }
  return null;
}

/** Items that lost points, most points first, then in catalog order: the improvement-plan list. */
export function lostItems(result: ScoreResult): ItemScore[] {
  return result.items
    .map((item, i) => ({ item, i }))
    .filter(({ item }) => item.section === 'areas' && (isPositive(item.lost) || item.spilled !== undefined))
    // A linked deduction is lost too: "bị 0 điểm và bị trừ 0,25 điểm" costs max + 0,25.
    .sort((a, b) => compare(plus(b.item.lost, b.item.spilled ?? ZERO), plus(a.item.lost, a.item.spilled ?? ZERO)) || a.i - b.i)
    .map(({ item }) => item);
}
