/**
 * The JSON results the HTML reports are drawn from, formatVersion 2 (language-free: codes and numbers,
 * no words). Declared here, from the published contract, so the renderer depends on the JSON and not
 * on cchc's internal types. Fields marked "appraisal" are not produced yet: a report shows them only
 * when they are present.
 */

import type { Unit } from '../../core/schema/evidence.js';

export type Args = Record<string, string | number>;

export interface FindingV2 {
  code: string;
  severity: 'error' | 'warning';
  path: ReadonlyArray<string | number>;
  args: Args;
  item?: string;
  file?: string;
  line?: number;
  column?: number;
  cell?: string;
}

export interface Band {
  label: string;
  from: number;
}

export interface ProvenanceV2 {
  cchc: string;
  catalog: { id: string; sha256: string | null } | null;
  inputs: Array<{ file: string; sha256: string | null }>;
}

export interface AreaNode {
  code: string;
  name: string;
  max: number;
  applicableMax: number;
  points: number;
  children?: AreaNode[];
}

export type ItemStatus = 'scored' | 'full_marks' | 'not_applicable' | 'unanswered';

export interface ItemV2 {
  code: string;
  name: string;
  section: 'areas' | 'bonus' | 'penalty';
  area: string;
  max: number;
  applicableMax: number;
  points: number | null;
  lost: number;
  status: ItemStatus;
  rule: string;
  value?: unknown;
  rate?: number;
  reason?: string;
  documents: number;
  claimed?: number;
  owner?: string;
  evidence?: string;
  hint?: { code: string; args: Args };
  /** Appraisal: the points of the unit's own assessment, when the appraisers changed them. */
  selfPoints?: number | null;
}

export interface ScoreV2 {
  formatVersion: 2;
  provenance?: ProvenanceV2;
  unit: Unit;
  catalog: { id: string; title: string; level: string; scope: string; year: number; template: boolean; decimals: number; bands: Band[] };
  achieved: number;
  bonus: number;
  penalty: number;
  total: number;
  applicableMax: number;
  index: number;
  band: string | null;
  areas: AreaNode[];
  items: ItemV2[];
  lost: string[];
  unanswered: string[];
  findings: FindingV2[];
  /** Appraisal: the unit's own index before appraisal. */
  selfIndex?: number;
  /** Appraisal: whether `index` is the appraised one. */
  appraised?: boolean;
}

export interface ChangeV2 {
  indexDelta: number | null;
  rankChange: number | null;
  previous: { code: string; name: string; index: number; rank: number; rankLabel: string; group: string | null } | null;
  merged: boolean;
  regrouped: boolean;
}

export interface RankedUnitV2 {
  code: string;
  name: string;
  group: string | null;
  parent: string | null;
  type: string | null;
  province: string;
  predecessors: string[];
  file: string;
  sha256: string | null;
  achieved: number;
  bonus: number;
  penalty: number;
  total: number;
  applicableMax: number;
  index: number;
  band: string | null;
  rank: number;
  rankLabel: string;
  groupSize: number;
  areas: Array<{ code: string; points: number; applicableMax: number }>;
  warnings: number;
  change: ChangeV2 | null;
  /** Appraisal: the unit's own index before appraisal. */
  selfIndex?: number;
  /** Appraisal: whether `index` is the appraised one. */
  appraised?: boolean;
}

export interface WeakV2 {
  code: string;
  name: string;
  area: string;
  max: number;
  owner?: string;
  units: number;
  lost: number;
}

export interface RankingV2 {
  formatVersion: 2;
  provenance?: ProvenanceV2;
  catalog: {
    id: string;
    title: string;
    level: string;
    scope: string;
    year: number;
    template: boolean;
    decimals: number;
    bands: Band[];
    areas: Array<{ code: string; name: string; max: number }>;
  } | null;
  groupBy: 'parent' | 'type' | 'province' | 'level' | 'place' | null;
  compare: { file: string; year: number | null } | null;
  units: RankedUnitV2[];
  invalid: Array<{ file: string; unit?: { code: string; name: string }; findings: FindingV2[] }>;
  weak: WeakV2[];
  summary: {
    files: number;
    ranked: number;
    invalid: number;
    average: number | null;
    highest: number | null;
    lowest: number | null;
    bands: Array<{ label: string; units: number }>;
    failUnder: number | null;
    belowThreshold: number;
    warnings: number;
  };
}
