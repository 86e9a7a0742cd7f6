import type { Args, Finding, Severity, YamlPath } from './finding.js';

export type Where = { file?: string; line?: number; column?: number; cell?: string };

const E = 'error' as const;
const W = 'warning' as const;

/**
 * Every finding cchc can report, with its severity. The code is the contract (tests assert codes, JSON
 * carries codes); the words for each code, in Vietnamese and English, live in src/reporters/messages.ts.
 */
export const SEVERITY = {
  'file.not_found': E,
  'file.is_directory': E,
  'file.not_regular': E,
  'file.too_large': E,
  'file.empty': E,
  'file.not_json': E,
  'file.unreadable': E,
  'file.not_utf8': E,
  'file.broken_link': E,
  'file.not_catalog': E,
  'file.not_evidence': E,
  'file.unknown_kind': E,
  'yaml.syntax': E,
  'yaml.duplicate_key': E,
  'yaml.alias_limit': E,
  'yaml.too_many_nodes': E,
  'yaml.alias_cycle': E,
  'yaml.alias_unknown': E,
  'yaml.not_mapping': E,
  'schema.invalid_type': E,
  'schema.missing_key': E,
  'schema.unknown_key': E,
  'schema.invalid_value': E,
  'schema.too_small': E,
  'schema.too_big': E,
  'schema.invalid_format': E,
  'schema.invalid': E,
  'catalog.duplicate_code': E,
  'catalog.code_not_under_parent': E,
  'catalog.children_sum': E,
  'catalog.scale_sum': E,
  'catalog.rule_and_children': E,
  'catalog.no_rule': E,
  'catalog.area_needs_children': E,
  'catalog.too_many_decimals': E,
  'catalog.rule_exceeds_max': E,
  'catalog.floor_exceeds_max': E,
  'catalog.choice_points': E,
  'catalog.duplicate_choice': E,
  'catalog.measure_fields': E,
  'catalog.bands_order': E,
  'catalog.rate_bands_points': E,
  'catalog.not_found': E,
  'catalog.shadowed': W,
  'catalog.dir_not_found': W,
  'catalog.file_not_found': E,
  'catalog.file_refused': E,
  'catalog.id_mismatch': W,
  'evidence.catalog_mismatch': W,
  'evidence.year_mismatch': E,
  'evidence.level_mismatch': E,
  'evidence.code_unquoted': E,
  'evidence.unknown_code': E,
  'evidence.not_leaf': E,
  'evidence.value_and_not_arisen': E,
  'evidence.value_type': E,
  'evidence.ratio_keys': E,
  'evidence.numerator_exceeds': E,
  'evidence.decimal_comma': E,
  'evidence.percent_range': E,
  'evidence.choice_unknown': E,
  'evidence.count_invalid': E,
  'evidence.points_range': E,
  'evidence.claimed_exceeds_max': E,
  'evidence.date_invalid': E,
  'evidence.symbol_year': W,
  'evidence.unanswered': W,
  'evidence.claim_mismatch': W,
  'evidence.no_documents': W,
  'score.no_applicable': E,
  'xlsx.not_workbook': E,
  'xlsx.not_template': E,
  'xlsx.template_version': E,
  'xlsx.sheet_missing': E,
  'xlsx.row_moved': E,
  'xlsx.catalog_changed': E,
  'xlsx.not_a_number': E,
  'xlsx.not_whole': E,
  'xlsx.percent_unexpected': E,
  'xlsx.percent_fraction': W,
  'xlsx.mojibake': E,
  'xlsx.control_char': E,
  'xlsx.unsupported_format': E,
  'xlsx.encrypted': E,
  'xlsx.too_big': E,
  'xlsx.catalog_ref': E,
  'xlsx.not_in_list': E,
  'batch.no_input': E,
  'batch.empty_dir': E,
  'batch.pattern_invalid': E,
  'batch.no_match': E,
  'batch.duplicate_code': E,
  'batch.catalog_differs': E,
  'batch.below_threshold': E,
  'batch.group_field': E,
  'batch.form_clash': E,
  'option.number': E,
  'option.whole_number': E,
  'run.interrupted': E,
  'output.is_input': E,
  'output.write_failed': E,
  'output.in_use': E,
  'output.not_allowed': E,
  'output.no_folder': E,
  'output.not_a_folder': E,
  'output.is_directory': E,
  'output.disk_full': E,
  'output.read_only': E,
  'output.name_too_long': E,
  'output.twice': E,
  'output.interrupted': E,
  'internal.error': E,
} as const satisfies Record<string, Severity>;

export type FindingCode = keyof typeof SEVERITY;

/** Builds a finding with the severity its code carries. */
export function finding(code: FindingCode, path: YamlPath, args: Args = {}, item?: string): Finding {
  const f: Finding = { code, severity: SEVERITY[code], path, args };
  if (item !== undefined) f.item = item;
  return f;
}

/** A finding already placed: made after parsing (batch findings, option findings), from positions kept then. */
export function placedFinding(code: FindingCode, args: Args = {}, where: Where = {}, path: YamlPath = []): Finding {
  return { ...finding(code, path, args), ...where };
}
