import type { Finding } from '../findings/finding.js';
import type { DecidingRound } from '../schema/appraisal.js';
import type { RoundChoice } from '../appraisal/apply.js';

/** What the ranking needs to know about a catalog; sent once per catalog, not per unit. */
export interface CatalogMeta {
  /** id@year#content-hash: two files with the same id but other content are different catalogs. */
  key: string;
  /** The catalog file (an input of the batch, never written over). */
  file?: string;
  id: string;
  title: string;
  level: string;
  scope: string;
  year: number;
  template: boolean;
  decimals: number;
  bands: Array<{ label: string; from: number }>;
  /** The catalog has unit types and ranks each type apart (unit_types without rank_across_types). */
  byType?: boolean;
  /** With unit types: each type's max of the area (a type the area does not apply to is absent). */
  areas: Array<{ code: string; name: string; max: number; maxByType?: Record<string, number> }>;
  /** Sub-criteria of the areas (not bonus/penalty), in catalog order, for the "weak criteria" sheet. */
  leaves: Array<{ code: string; name: string; area: string; max: number; owner?: string }>;
  /** Bonus and penalty items, in catalog order: an appraisal may change them too. */
  adjustmentLeaves?: Array<{ code: string; name: string; area: string; max: number; owner?: string }>;
}

export interface Position {
  file: string;
  line?: number;
  column?: number;
  cell?: string;
}

export interface LostPoints {
  codes: string[];
  points: number[];
}

/**
 * One scored unit, reduced to what ranking and publishing need: memory stays flat however many
 * units a province has, and this is all a worker sends back.
 */
export interface UnitSummary {
  /** The file as shown to the user (relative to the working directory). */
  file: string;
  /** The path as given, to read the file again (forms). */
  path: string;
  /** SHA-256 of the file's bytes (provenance of the published ranking); null if it could not be read again. */
  sha256?: string | null;
  code: string;
  name: string;
  level: string;
  type?: string;
  parent?: string;
  province: string;
  place?: string;
  predecessors?: string[];
  catalogKey: string;
  achieved: number;
  bonus: number;
  penalty: number;
  total: number;
  applicableMax: number;
  index: number;
  band: string | null;
  areas: Array<{ code: string; points: number; applicableMax: number }>;
  /**
   * Sub-criteria that lost points, as two parallel arrays rather than an object per item: a province
   * holds thousands of these. Points lost are exact ten-thousandths (0,25 → 2500), like the scoring.
   */
  lost: LostPoints;
  warnings: number;
  /** Where `unit.code` and `catalog` are written, for findings made after all files are read. */
  at: { code: Position; catalog: Position };
  /**
   * Set when the unit was appraised (batch --appraisals): the points, index, band, areas and lost
   * items above are then the appraised ones, and this holds the self-assessment and the changes.
   * All a unit's appraisal data is here (a summary cache must key on the overlay's sha256 and the round).
   */
  appraisal?: AppraisalSummary;
}

/** One item the appraisal council changed: points as numbers (null: not assessed). */
export interface AppraisalChange {
  code: string;
  self: number | null;
  appraised: number | null;
  /** What the change does to the total (appraised − self; for a deduction, self − appraised). */
  difference: number;
  round: DecidingRound;
  reason: string | null;
}

export interface AppraisalSummary {
  /** The overlay as shown, its path as given, and its SHA-256 (provenance). */
  file: string;
  path: string;
  sha256: string | null;
  /** The round the unit's result is of. */
  round: DecidingRound;
  selfTotal: number;
  selfApplicableMax: number;
  selfIndex: number;
  selfBand: string | null;
  /** Most points first. */
  changes: AppraisalChange[];
}

export type FileOutcome =
  | { kind: 'unit'; unit: UnitSummary }
  | { kind: 'invalid'; file: string; findings: Finding[]; unit?: UnitName };

/** Who an invalid file is about, when its unit block could be read: to list it by name in the ranking. */
export interface UnitName {
  code: string;
  name: string;
}

export interface Task {
  paths: string[];
}

/** batch --forms: a unit's form, made while it was scored and kept in a temporary file; or why there is none. */
export type StagedForm = { tmp: string } | { findings: Finding[] } | null;

export interface WorkerSetup {
  catalog?: string;
  formsDir?: string;
  /** --cache: summaries kept between runs (src/io/unit-cache.ts). */
  cacheDir?: string;
  /** batch --appraisals: each unit code's one overlay file (codes with several are left out), and the round. */
  appraisals?: { byCode: Record<string, string>; round: RoundChoice };
  /** batch --survey-not-run: every unit as if its evidence said survey_not_run (no survey this year). */
  surveyNotRun?: boolean;
}

export interface TaskReply {
  outcomes: FileOutcome[];
  catalogs: CatalogMeta[];
  /** Problems that are not a unit's outcome. */
  failed: Finding[];
  /** With --forms: one per outcome. */
  forms?: StagedForm[];
}
