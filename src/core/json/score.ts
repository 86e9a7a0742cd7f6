import type { Finding } from '../findings/finding.js';
import type { FlatCatalog } from '../flat-catalog.js';
import type { Provenance } from '../provenance.js';
import { lostItems, type ScoreResult } from '../scoring/score.js';

export const SCORE_FORMAT_VERSION = 2;

/**
 * The documented JSON of `cchc score --json` (README "Kết quả JSON"): codes and numbers, no words, so
 * the same input gives the same bytes whatever the language; renderers make the words.
 */
export function scoreJson(result: ScoreResult, flat: FlatCatalog, findings: readonly Finding[], provenance?: Provenance) {
  return {
    formatVersion: SCORE_FORMAT_VERSION,
    ...(provenance ? { provenance } : {}),
    unit: result.unit,
    catalog: { ...result.catalog, decimals: result.decimals, bands: flat.catalog.bands.map((b) => ({ label: b.label, from: b.from })) },
    achieved: result.achieved,
    bonus: result.bonus,
    penalty: result.penalty,
    total: result.total,
    applicableMax: result.applicableMax,
    index: result.index,
    band: result.band,
    areas: result.areas,
    items: result.items,
    lost: lostItems(result).map((i) => i.code),
    unanswered: result.items.filter((i) => i.status === 'unanswered' && i.section === 'areas').map((i) => i.code),
    findings,
  };
}

export type ScoreJson = ReturnType<typeof scoreJson>;
