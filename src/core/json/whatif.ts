import type { Finding } from '../findings/finding.js';
import type { FlatCatalog } from '../flat-catalog.js';
import type { Provenance } from '../provenance.js';
import type { ScoreResult } from '../scoring/score.js';
import { sub, toNumber, ZERO } from '../fixed.js';
import type { Peers, Standing } from '../plan/peers.js';
import type { WhatIf } from '../plan/whatif.js';
import type { WayUp } from '../plan/target.js';
import type { DecidingRound } from '../schema/appraisal.js';
import { distanceJson } from './distance.js';

function state(r: ScoreResult, s?: Standing | null) {
  return {
    total: toNumber(r.total),
    applicableMax: toNumber(r.applicableMax),
    index: r.index,
    band: r.band,
    ...(s ? { rank: s.rank, rankLabel: s.rankLabel, groupSize: s.groupSize } : {}),
  };
}

export interface WhatIfJsonInput {
  flat: FlatCatalog;
  /** The result as scored from the file. */
  result: ScoreResult;
  /** With --set: the rescoring. */
  whatIf?: WhatIf;
  /** Its standing before (as published) and after, with --ranking. */
  peers?: Peers;
  after?: Standing;
  way?: WayUp;
  findings: readonly Finding[];
  provenance?: Provenance;
  appraisal?: { round: DecidingRound; selfIndex: number | null };
}

/**
 * `cchc whatif --json` (README "Giả định và mục tiêu"): codes and numbers only, like every JSON result.
 * `before` is the unit as scored (and ranked, as published); `after` the rescoring with the --set values;
 * `target` the cheapest way to the target from there.
 */
export function whatIfJson(o: WhatIfJsonInput) {
  const me = o.peers ? { rank: o.peers.me.rank, rankLabel: o.peers.me.rankLabel, groupSize: o.peers.me.groupSize } : null;
  const name = (code: string) => o.flat.leaves.get(code)?.name ?? code;
  const base = o.whatIf?.after ?? o.result;
  const w = o.way;
  return {
    formatVersion: 2 as const,
    ...(o.provenance ? { provenance: o.provenance } : {}),
    unit: o.result.unit,
    catalog: { ...o.result.catalog, decimals: o.result.decimals, bands: o.flat.catalog.bands.map((b) => ({ label: b.label, from: b.from })) },
    ranking: o.peers ? { file: o.peers.file, groupBy: o.peers.groupBy, group: o.peers.group } : null,
    appraisal: o.appraisal ?? null,
    before: state(o.result, me),
    after: o.whatIf ? state(o.whatIf.after, o.after) : null,
    changes: (o.whatIf?.changes ?? []).map((c) => ({
      code: c.before.code,
      name: c.before.name,
      value: { before: c.before.value ?? null, after: c.after.value ?? null },
      points: { before: c.before.points === null ? null : toNumber(c.before.points), after: c.after.points === null ? null : toNumber(c.after.points) },
      gain: toNumber(sub(c.after.points ?? ZERO, c.before.points ?? ZERO)),
    })),
    target: w
      ? {
          ...w.goal.target,
          ...(w.goal.target.kind === 'index' ? { index: toNumber(w.goal.target.index) } : {}),
          neededIndex: w.goal.index,
          neededTotal: toNumber(w.goal.total),
          reach: w.goal.reach ?? null,
          reached: w.reached,
          approximate: w.approximate,
          steps: w.steps.map((s) => {
            const it = base.items.find((i) => i.code === s.code)!;
            return {
              code: s.code,
              name: name(s.code),
              owner: it.owner ?? null,
              move: s.step.move,
              value: s.step.value,
              points: { before: it.points === null ? null : toNumber(it.points), after: toNumber(s.step.points) },
              gain: toNumber(s.step.gain),
              effort: s.step.effort,
            };
          }),
          result: w.result ? state(w.result.after, w.standing) : null,
          notControlled: w.notControlled.map((n) => ({ code: n.code, name: name(n.code), distance: distanceJson(n.distance) })),
        }
      : null,
    findings: [...o.findings],
  };
}
