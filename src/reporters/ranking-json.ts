import type { BatchReport } from '../core/batch/report.js';
import { rankingJson } from '../core/json/ranking.js';
import type { Provenance } from '../core/provenance.js';

/** `cchc batch --json`: the language-free ranking of src/core/json/ranking.ts. */
export function rankingJsonText(r: BatchReport, provenance?: Provenance): string {
  return `${JSON.stringify(rankingJson(r, provenance), null, 2)}\n`;
}
