import type { Evidence } from '../schema/evidence.js';
import type { Finding } from '../findings/finding.js';
import { finding } from '../findings/codes.js';
import type { FlatCatalog } from '../flat-catalog.js';

/**
 * "Not arisen" decided at a parent: "Trong năm đánh giá không có nhiệm vụ được giao ban hành VBQPPL được
 * tính 03 điểm" is said of a criterion whose points come from two sub-items. The task arises for the
 * criterion as a whole, so the unit declares it once, on the parent, and the parent's when_not_arisen
 * applies to every leaf below. A sub-item declared on its own would mix the two (one not arisen, one
 * scored: 8 points instead of 10 without a word), so it is refused, as is a value under a parent
 * declared not arisen.
 */
export interface Decided {
  mode: 'not_applicable' | 'full_marks';
  reason: string;
  /** The parent the declaration was made on. */
  at: string;
}

export function parentDecisions(index: FlatCatalog, evidence: Evidence): { decided: Map<string, Decided>; findings: Finding[] } {
  const decided = new Map<string, Decided>();
  const findings: Finding[] = [];
  for (const d of index.deciders.values()) {
    const reason = evidence.items[d.code]?.not_arisen;
    for (const code of d.leaves) {
      const own = evidence.items[code];
      if (reason !== undefined) {
        if (own?.value !== undefined) findings.push(finding('evidence.not_arisen_conflict', ['items', code, 'value'], { parent: d.code }, code));
        decided.set(code, { mode: d.mode, reason, at: d.code });
      } else if (own?.not_arisen !== undefined) {
        findings.push(finding('evidence.not_arisen_at_parent', ['items', code, 'not_arisen'], { parent: d.code }, code));
      }
    }
  }
  return { decided, findings };
}
