import type { Finding } from '../findings/finding.js';
import type { FlatCatalog } from '../flat-catalog.js';
import type { Provenance } from '../provenance.js';
import { isPositive, toNumber } from '../fixed.js';
import { lostItems, type ItemScore, type NodeScore, type ScoreResult } from '../scoring/score.js';
import { distanceOf } from '../plan/distance.js';
import { distanceJson } from './distance.js';
import type { BySource, SourceTotal } from '../scoring/survey.js';

export const SCORE_FORMAT_VERSION = 2 as const;

/**
 * The documented JSON of `cchc score --json` (README "Kết quả JSON"): codes and numbers, no words, so
 * the same input gives the same bytes whatever the language; renderers make the words.
 */
/** The one conversion of exact points to JSON numbers (at most four decimals). */
function nodeJson(n: NodeScore): NodeJson {
  const out: NodeJson = { code: n.code, name: n.name, max: toNumber(n.max), applicableMax: toNumber(n.applicableMax), points: toNumber(n.points) };
  if (n.bySource) out.bySource = bySourceJson(n.bySource);
  if (n.children) out.children = n.children.map(nodeJson);
  return out;
}
const totalJson = (t: SourceTotal) => ({ max: toNumber(t.max), applicableMax: toNumber(t.applicableMax), points: toNumber(t.points) });
const bySourceJson = (b: BySource) => ({ assessment: totalJson(b.assessment), survey: totalJson(b.survey) });
interface NodeJson {
  code: string;
  name: string;
  max: number;
  applicableMax: number;
  points: number;
  bySource?: ReturnType<typeof bySourceJson>;
  children?: NodeJson[];
}

/** One sub-criterion in JSON: points as numbers, the rest as the scoring gave it. */
export interface ItemJson {
  code: string;
  name: string;
  section: ItemScore['section'];
  area: string;
  max: number;
  applicableMax: number;
  points: number | null;
  lost: number;
  status: ItemScore['status'];
  rule: string;
  documents: number;
  owner?: string;
  evidence?: string;
  claimed?: number;
  reason?: string;
  value?: unknown;
  rate?: number;
  hint?: ItemScore['hint'];
  spilled?: number;
  notArisenAt?: string;
  responsible?: string;
  surveyNotRun?: true;
}

/** One sub-criterion, keys in the documented order (README), optional ones only when set. */
function itemJson(it: ItemScore): ItemJson {
  const out: ItemJson = {
    code: it.code,
    name: it.name,
    section: it.section,
    area: it.area,
    max: toNumber(it.max),
    applicableMax: toNumber(it.applicableMax),
    points: it.points === null ? null : toNumber(it.points),
    lost: toNumber(it.lost),
    status: it.status,
    rule: it.rule,
    documents: it.documents,
  };
  if (it.owner !== undefined) out.owner = it.owner;
  if (it.evidence !== undefined) out.evidence = it.evidence;
  if (it.claimed !== undefined) out.claimed = toNumber(it.claimed);
  if (it.reason !== undefined) out.reason = it.reason;
  if (it.value !== undefined) out.value = it.value;
  if (it.rate !== undefined) out.rate = it.rate;
  if (it.hint !== undefined) out.hint = it.hint;
  if (it.spilled !== undefined) out.spilled = toNumber(it.spilled);
  if (it.notArisenAt !== undefined) out.notArisenAt = it.notArisenAt;
  if (it.responsible !== undefined) out.responsible = it.responsible;
  if (it.surveyNotRun) out.surveyNotRun = true;
  return out;
}

/** A result's points as JSON numbers: the totals, the tree and the items. */
export function resultNumbers(result: ScoreResult) {
  return {
    achieved: toNumber(result.achieved),
    bonus: toNumber(result.bonus),
    penalty: toNumber(result.penalty),
    total: toNumber(result.total),
    applicableMax: toNumber(result.applicableMax),
    index: result.index,
    band: result.band,
    ...(result.bandMissed ? { bandMissed: result.bandMissed } : {}),
    ...(result.survey ? { survey: { run: result.survey.run, ...bySourceJson(result.survey) } } : {}),
    areas: result.areas.map(nodeJson),
    items: result.items.map(itemJson),
  };
}

export function scoreJson(result: ScoreResult, flat: FlatCatalog, findings: readonly Finding[], provenance?: Provenance) {
  return {
    formatVersion: SCORE_FORMAT_VERSION,
    ...(provenance ? { provenance } : {}),
    unit: result.unit,
    catalog: { ...result.catalog, decimals: result.decimals, bands: flat.catalog.bands.map((b) => ({ label: b.label, from: b.from, ...(b.requires ? { requires: b.requires } : {}) })) },
    ...withDistances(resultNumbers(result), result, flat),
    lost: lostItems(result).map((i) => i.code),
    unanswered: result.items.filter((i) => i.status === 'unanswered' && i.section === 'areas').map((i) => i.code),
    findings: [...findings],
  };
}

export type ScoreJson = ReturnType<typeof scoreJson>;

/** Each item that lost points in the areas gets its distance (src/core/plan/distance.ts), after its hint. */
function withDistances(nums: ReturnType<typeof resultNumbers>, result: ScoreResult, flat: FlatCatalog) {
  const items = nums.items.map((j, i) => {
    const it = result.items[i]!;
    const leaf = flat.leaves.get(it.code);
    if (!leaf || it.section !== 'areas' || !isPositive(it.lost)) return j;
    return { ...j, distance: distanceJson(distanceOf(leaf, it, result.decimals)) };
  });
  return { ...nums, items };
}
