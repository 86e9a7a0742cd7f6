import { findingMessage } from './format-finding.js';
import { lostItems } from '../core/scoring/score.js';
import { describeHint, describeValue } from './describe.js';
import type { Reporter, ReportOptions } from './types.js';
import type { ScoreResult } from '../core/scoring/score.js';

export const JSON_FORMAT_VERSION = 1;

/** The documented, stable JSON shape of one unit's score (see README "JSON output"). */
export function scoreJson(result: ScoreResult, o: ReportOptions) {
  return {
    formatVersion: JSON_FORMAT_VERSION,
    unit: result.unit,
    catalog: result.catalog,
    achieved: result.achieved,
    bonus: result.bonus,
    penalty: result.penalty,
    total: result.total,
    applicableMax: result.applicableMax,
    index: result.index,
    band: result.band,
    areas: result.areas,
    items: result.items.map((it) => {
      const leaf = o.index.leaves.get(it.code)!;
      const { hint, ...rest } = it;
      return {
        ...rest,
        display: describeValue(it, leaf.rule, o.lang),
        ...(hint ? { hint: { ...hint, text: describeHint(hint, o.lang) } } : {}),
      };
    }),
    lost: lostItems(result).map((i) => i.code),
    unanswered: result.items.filter((i) => i.status === 'unanswered' && i.section === 'areas').map((i) => i.code),
    findings: o.findings.map((f) => ({ ...f, message: findingMessage(f, o.lang) })),
    ...(o.provenance ? { provenance: o.provenance } : {}),
  };
}

export const jsonReporter: Reporter = (result, o) => `${JSON.stringify(scoreJson(result, o), null, 2)}\n`;
