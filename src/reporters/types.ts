import type { ChalkInstance } from 'chalk';
import type { Finding } from '../core/findings/finding.js';
import type { Lang } from './number.js';
import type { FlatCatalog } from '../core/flat-catalog.js';
import type { ScoreResult } from '../core/scoring/score.js';
import type { Provenance } from '../core/provenance.js';

export interface ReportOptions {
  lang: Lang;
  color: ChalkInstance;
  flat: FlatCatalog;
  findings: readonly Finding[];
  /** Terminal columns to fit the text report into; undefined: full width (pipes, files, goldens). */
  width?: number;
  /** What the result was made from (cchc version, catalog and input hashes): in JSON results. */
  provenance?: Provenance;
}

/** A reporter turns a score into the text written to stdout. */
export type Reporter = (result: ScoreResult, options: ReportOptions) => string;
