/**
 * The JSON results the HTML reports are drawn from: formatVersion 2 (language-free: codes and numbers,
 * no words), as src/core/json builds them, so a report can also be drawn from a saved result. Fields
 * marked "appraisal" are shown only when present.
 */
import type { RankingJson } from '../../core/json/ranking.js';
import type { ScoreJson } from '../../core/json/score.js';
import type { Provenance } from '../../core/provenance.js';

export type ProvenanceV2 = Provenance;

export interface Band {
  label: string;
  from: number;
}

/** Appraisal: a unit's own index before appraisal, and whether `index` is the appraised one. */
interface Appraisal {
  selfIndex?: number;
  appraised?: boolean;
}

export type ItemV2 = ScoreJson['items'][number] & {
  /** Appraisal: the points of the unit's own assessment, when the appraisers changed them. */
  selfPoints?: number | null;
};

/** A unit's result with an index (a unit with nothing to assess has no report). */
export type ScoreV2 = Omit<ScoreJson, 'index' | 'items'> & { index: number; items: ItemV2[] } & Appraisal;

export type RankedUnitV2 = RankingJson['units'][number] & Appraisal;

export type RankingV2 = Omit<RankingJson, 'units'> & { units: RankedUnitV2[] };
