import { hasErrors, type Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import { fromNumber, ZERO } from '../core/fixed.js';
import type { FlatCatalog } from '../core/flat-catalog.js';
import type { Evidence } from '../core/schema/evidence.js';
import type { ScoreResult } from '../core/scoring/score.js';
import { readSets } from '../core/plan/set-value.js';
import { assume, awardsLeft, whatIf, type WhatIf } from '../core/plan/whatif.js';
import { readPeers, standingAmong, type Peers, type Standing } from '../core/plan/peers.js';
import { goalFor, wayUp, type Target, type WayUp } from '../core/plan/target.js';
import { whatIfJson } from '../core/json/whatif.js';
import { diskCatalogs } from '../io/catalog-source.js';
import { readJsonDoc } from '../io/json-file.js';
import { displayPath } from '../io/paths.js';
import { provenance } from '../io/provenance.js';
import { whatIfText } from '../reporters/whatif.js';
import { readAppraisalYaml } from '../io/appraisal-file.js';
import { appraiseScored, type RoundChoice } from '../core/appraisal/apply.js';
import type { Awarded } from '../core/plan/whatif.js';
import type { DecidingRound } from '../core/schema/appraisal.js';
import { scoreFile } from '../workbook/unit-file.js';
import { EXIT, catalogOption, formatFindings, type CommandResult, type Context } from './context.js';
import { decimalOption, wholeOption } from './number-option.js';
import { checkOutputs, deliver } from './output.js';

export interface TargetOptions {
  targetRank?: string;
  targetIndex?: string;
  targetBand?: string;
  ranking?: string;
  /** The unit's appraisal overlay: what-if and plans start from the appraised (published) result. */
  appraisal?: string;
  round?: RoundChoice;
}

export interface WhatIfOptions extends TargetOptions {
  catalog?: string;
  set: string[];
  format: 'text' | 'json';
  output?: string;
}

/** The target options read exactly (before any file is read): one target at most; a rank needs a ranking. */
export function readTarget(o: TargetOptions): { target?: Target; findings: Finding[] } {
  if (o.round !== undefined && o.appraisal === undefined) return { findings: [finding('option.requires', [], { option: '--round', needs: '--appraisal' })] };
  const given = ([['--target-rank', o.targetRank], ['--target-index', o.targetIndex], ['--target-band', o.targetBand]] as const).filter((x) => x[1] !== undefined);
  if (given.length > 1) return { findings: [finding('plan.target_twice', [], { options: given.map((g) => g[0]).join(', ') })] };
  if (o.targetRank !== undefined) {
    if (o.ranking === undefined) return { findings: [finding('option.requires', [], { option: '--target-rank', needs: '--ranking' })] };
    const r = wholeOption('--target-rank', o.targetRank, 1);
    return 'problem' in r ? { findings: [r.problem] } : { target: { kind: 'rank', rank: r.value }, findings: [] };
  }
  if (o.targetIndex !== undefined) {
    const x = decimalOption('--target-index', o.targetIndex, ZERO, fromNumber(100)!);
    return 'problem' in x ? { findings: [x.problem] } : { target: { kind: 'index', index: x.value }, findings: [] };
  }
  if (o.targetBand !== undefined) return { target: { kind: 'band', band: o.targetBand.normalize('NFC').trim() }, findings: [] };
  return { findings: [] };
}

/** A scored unit with what it was scored from, ready for what-if and plans. */
export interface Scored {
  result: ScoreResult;
  flat: FlatCatalog;
  evidence: Evidence;
  catalogFile?: string;
  findings: Finding[];
  /** With an appraisal overlay: the points the council awarded (evidence then holds the council's values). */
  awarded?: Awarded;
  appraisal?: { round: DecidingRound; selfIndex: number | null; awarded: string[] };
}

/** A unit scored for what-if and plans; with an overlay, its appraised result (the one a district publishes). */
export async function scoreForPlan(file: string, catalog?: string, appraisal?: { file: string; round?: RoundChoice | undefined }): Promise<Scored | { findings: Finding[] }> {
  const unit = await scoreFile(file, diskCatalogs(), catalogOption(catalog));
  if (hasErrors(unit.findings) || !unit.result || !unit.flat || !unit.evidence.evidence || unit.result.index === null) return { findings: unit.findings };
  const scored = { result: unit.result, flat: unit.flat, evidence: unit.evidence.evidence, ...(unit.catalogFile ? { catalogFile: unit.catalogFile } : {}), findings: unit.findings };
  if (!appraisal) return scored;
  const a = appraiseScored(scored, await readAppraisalYaml(appraisal.file), appraisal.round ?? 'final');
  const findings = [...unit.findings, ...a.findings];
  if (!a.appraised) return { findings };
  const { result, basis, round, self } = a.appraised;
  return { ...scored, result, evidence: basis.evidence, awarded: basis.awarded, appraisal: { round, selfIndex: self.index, awarded: [...basis.awarded.keys()] }, findings };
}

/** A ranking (--ranking) read for one unit: its peers as published, or findings placed in that file. */
export async function peersFor(file: string, result: ScoreResult, appraisal?: { selfIndex: number | null }): Promise<{ peers: Peers } | { findings: Finding[] }> {
  const read = await readJsonDoc(displayPath(file));
  if ('findings' in read) return read;
  return readPeers(read.doc, { code: result.unit.code, index: result.index ?? 0, catalog: { ...result.catalog, decimals: result.decimals }, ...(appraisal ? { appraised: appraisal } : {}) });
}

/**
 * `cchc whatif`: rescoring with assumed values (--set), the new index, band and rank among the others
 * as published; and with a target, the cheapest way there. Nothing is written but the result (-o).
 */
export async function whatIfCommand(file: string, opts: WhatIfOptions, ctx: Context): Promise<CommandResult> {
  const fail = (fs: readonly Finding[], before = ''): CommandResult => ({ exitCode: EXIT.invalid, stdout: '', stderr: before + formatFindings(fs, ctx.lang) });
  const t = readTarget(opts);
  if (t.findings.length) return fail(t.findings);
  if (!opts.set.length && !t.target) return fail([finding('whatif.no_change', [])]);
  const unit = await scoreForPlan(file, opts.catalog, opts.appraisal !== undefined ? { file: opts.appraisal, round: opts.round } : undefined);
  if (!('result' in unit)) return fail(unit.findings);
  const messages = formatFindings(unit.findings, ctx.lang);
  const { result, flat, evidence, awarded } = unit;
  const sets = readSets(opts.set, flat);
  let peers: Peers | undefined;
  const problems = [...sets.findings];
  if (opts.ranking !== undefined) {
    const p = await peersFor(opts.ranking, result, unit.appraisal);
    if ('findings' in p) problems.push(...p.findings);
    else peers = p.peers;
  }
  if (problems.length) return fail(problems, messages);
  const inputs = [file, unit.catalogFile, opts.ranking, opts.appraisal];
  const refused = await checkOutputs([['--output', opts.output]], inputs);
  if (refused.length) return fail(refused, messages);

  let w: WhatIf | undefined;
  let after: Standing | undefined;
  if (sets.sets.length) {
    const r = whatIf(flat, evidence, result, sets.sets, awarded);
    if ('findings' in r) return fail(r.findings, messages);
    w = r;
    if (peers && r.after.index !== null) after = standingAmong(r.after.index, peers, result.decimals);
  }
  let way: WayUp | undefined;
  if (t.target) {
    const base = w?.after ?? result;
    const goal = goalFor(t.target, base, flat.catalog.bands, peers);
    if ('code' in goal) return fail([goal], messages);
    const way_ = wayUp(flat, w ? assume(evidence, sets.sets) : evidence, base, goal, peers, awardsLeft(awarded, sets.sets));
    if ('findings' in way_) return fail(way_.findings, messages);
    way = way_;
  }
  const made = provenance({ id: flat.catalog.id, file: unit.catalogFile }, [file, ...(opts.appraisal !== undefined ? [opts.appraisal] : []), ...(opts.ranking ? [opts.ranking] : [])]);
  const o = { flat, result, ...(unit.appraisal ? { appraisal: unit.appraisal } : {}), ...(w ? { whatIf: w } : {}), ...(peers ? { peers } : {}), ...(after ? { after } : {}), ...(way ? { way } : {}) };
  const stdout = opts.format === 'json' ? `${JSON.stringify(whatIfJson({ ...o, findings: unit.findings, provenance: made }), null, 2)}\n` : whatIfText(o, ctx.lang);
  return deliver({ exitCode: EXIT.ok, stdout, stderr: messages }, opts.output, inputs, ctx);
}
