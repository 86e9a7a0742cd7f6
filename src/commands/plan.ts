import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import { readPrevious, changeFor, type Previous } from '../core/batch/compare.js';
import { goalFor, wayUp, type WayUp } from '../core/plan/target.js';
import { planData, type PlanData } from '../core/plan/plan.js';
import { readPeers, type Peers } from '../core/plan/peers.js';
import { weakCriteria } from '../core/plan/district.js';
import type { Doc } from '../core/source.js';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFailure } from '../io/atomic-write.js';
import { districtSummaryText } from '../reporters/plan-district.js';
import { readJsonDoc } from '../io/json-file.js';
import { displayPath } from '../io/paths.js';
import { provenance } from '../io/provenance.js';
import { writeAtomically } from '../io/atomic-write.js';
import { whatIfText } from '../reporters/whatif.js';
import { EXIT, formatFindings, type CommandResult, type Context } from './context.js';
import { dateOption } from './number-option.js';
import { checkOutputs } from './output.js';
import { peersFor, readTarget, scoreForPlan, type Scored, type TargetOptions } from './whatif.js';

export interface PlanOptions extends TargetOptions {
  catalog?: string;
  previous?: string;
  /** The plan's Word document. */
  output: string;
  /** Also the annex "Mục tiêu phấn đấu" as a workbook. */
  xlsx?: string;
  date?: string;
  deadline?: string;
}

const T = {
  vi: {
    wrote: (f: string) => `Đã ghi kế hoạch: ${f}`,
    wroteXlsx: (f: string) => `Đã ghi phụ lục Mục tiêu phấn đấu: ${f}`,
    reached: 'Đã đạt mục tiêu: không lập kế hoạch (bỏ mục tiêu để lập kế hoạch khắc phục mọi tiêu chí bị mất điểm).',
  },
  en: {
    wrote: (f: string) => `Wrote the plan: ${f}`,
    wroteXlsx: (f: string) => `Wrote the annex of targets: ${f}`,
    reached: 'Target already reached: no plan written (leave the target out for a plan that fixes every item that lost points).',
  },
};

/** Options read before any file: the target, the dates. */
export function planOptions(o: Pick<PlanOptions, keyof TargetOptions | 'date' | 'deadline'>) {
  const t = readTarget(o);
  const problems: Finding[] = [...t.findings];
  let date: string | undefined;
  let deadline: string | undefined;
  if (o.date !== undefined) {
    const r = dateOption('--date', o.date);
    if ('problem' in r) problems.push(r.problem);
    else date = r.value;
  }
  if (o.deadline !== undefined) {
    const r = dateOption('--deadline', o.deadline);
    if ('problem' in r) problems.push(r.problem);
    else deadline = r.value;
  }
  return { ...(t.target ? { target: t.target } : {}), ...(date ? { date } : {}), ...(deadline ? { deadline } : {}), problems };
}

/** Last year's ranking (--previous): read once, checked to be of an earlier year than the result. */
export async function readPreviousFile(file: string, year: number): Promise<{ prev: Previous } | { findings: Finding[] }> {
  const read = await readJsonDoc(displayPath(file));
  if ('findings' in read) return read;
  const p = readPrevious(read.doc);
  if ('findings' in p) return p;
  if (p.previous.year !== null && p.previous.year >= year) {
    return { findings: read.doc.locate([finding('plan.previous_year', ['catalog', 'year'], { then: p.previous.year, year })]) };
  }
  return { prev: p.previous };
}

/** One unit's plan data, or what stops it: bad input (exit 2) or a target already met (exit 0, nothing written). */
export function unitPlan(
  unit: Scored,
  o: { peers?: Peers; prev?: Previous; target?: ReturnType<typeof planOptions>['target'] },
): { plan: PlanData } | { findings: Finding[] } | { reached: WayUp } {
  const { result, flat, evidence } = unit;
  let way: WayUp | undefined;
  if (o.target) {
    const goal = goalFor(o.target, result, flat.catalog.bands, o.peers);
    if ('code' in goal) return { findings: [goal] };
    const w = wayUp(flat, evidence, result, goal, o.peers, unit.awarded);
    if ('findings' in w) return w;
    if (w.reached) return { reached: w };
    way = w;
  }
  const previous = o.prev
    ? {
        year: o.prev.year,
        change: changeFor(
          { code: result.unit.code.normalize('NFC').trim(), ...(result.unit.predecessors ? { predecessors: result.unit.predecessors } : {}), index: result.index ?? 0, rank: o.peers?.me.rank ?? 0, group: o.peers?.group ?? null },
          o.prev,
          result.decimals,
        ),
      }
    : undefined;
  return { plan: planData({ flat, evidence, result, ...(o.peers ? { peers: o.peers } : {}), ...(previous ? { previous } : {}), ...(way ? { way } : {}), ...(unit.awarded ? { awarded: unit.awarded } : {}) }) };
}

/** The plan's files: the Word document, and the annex workbook with --xlsx. Returns problems writing them. */
export async function writePlan(unit: Scored, plan: PlanData, out: { docx: string; xlsx?: string | undefined }, o: { date?: string | undefined; deadline?: string | undefined }, inputs: Array<string | undefined>): Promise<Finding[]> {
  const { planDocument } = await import('../workbook/plan-document.js');
  const made = provenance({ id: unit.flat.catalog.id, file: unit.catalogFile }, inputs.filter((x): x is string => x !== undefined));
  const deadline = o.deadline ?? `30/11/${plan.planYear}`;
  const bytes = await planDocument(plan, unit.flat, unit.evidence, { deadline, ...(o.date ? { date: o.date } : {}), provenance: made });
  const failed = await writeAtomically(out.docx, bytes, inputs);
  if (failed.length || !out.xlsx) return failed;
  const { planAnnexWorkbook } = await import('../workbook/plan-annex.js');
  const { saveWorkbook, stampProvenance } = await import('../xlsx/excel.js');
  const wb = await planAnnexWorkbook(plan, unit.flat, { deadline, ...(o.date ? { date: o.date } : {}) });
  stampProvenance(wb, made);
  return saveWorkbook(wb, out.xlsx, inputs);
}

/**
 * `cchc plan`: the "Kế hoạch nâng cao Chỉ số CCHC" of one unit as a Word document (and its annex as a
 * workbook), from its result, its rank and last year's, and a target. Nothing is written on bad input.
 */
export async function planCommand(file: string, opts: PlanOptions, ctx: Context): Promise<CommandResult> {
  const t = T[ctx.lang];
  const fail = (fs: readonly Finding[], before = ''): CommandResult => ({ exitCode: EXIT.invalid, stdout: '', stderr: before + formatFindings(fs, ctx.lang) });
  const o = planOptions(opts);
  if (o.problems.length) return fail(o.problems);
  const unit = await scoreForPlan(file, opts.catalog, opts.appraisal !== undefined ? { file: opts.appraisal, round: opts.round } : undefined);
  if (!('result' in unit)) return fail(unit.findings);
  const messages = formatFindings(unit.findings, ctx.lang);
  const problems: Finding[] = [];
  let peers: Peers | undefined;
  if (opts.ranking !== undefined) {
    const p = await peersFor(opts.ranking, unit.result, unit.appraisal);
    if ('findings' in p) problems.push(...p.findings);
    else peers = p.peers;
  }
  let prev: Previous | undefined;
  if (opts.previous !== undefined) {
    const p = await readPreviousFile(opts.previous, unit.result.catalog.year);
    if ('prev' in p) prev = p.prev;
    else problems.push(...p.findings);
  }
  const inputs = [file, unit.catalogFile, opts.ranking, opts.previous, opts.appraisal];
  problems.push(...(await checkOutputs([['--output', opts.output], ['--xlsx', opts.xlsx]], inputs)));
  if (problems.length) return fail(problems, messages);
  const made = unitPlan(unit, { ...(peers ? { peers } : {}), ...(prev ? { prev } : {}), ...(o.target ? { target: o.target } : {}) });
  if ('findings' in made) return fail(made.findings, messages);
  const stdoutFor = (way: WayUp | undefined) => (way ? whatIfText({ flat: unit.flat, result: unit.result, ...(unit.appraisal ? { appraisal: unit.appraisal } : {}), ...(peers ? { peers } : {}), way }, ctx.lang) : '');
  if ('reached' in made) return { exitCode: EXIT.ok, stdout: stdoutFor(made.reached), stderr: `${messages}${t.reached}\n` };
  const failed = await writePlan(unit, made.plan, { docx: opts.output, xlsx: opts.xlsx }, o, inputs);
  if (failed.length) return fail(failed, messages);
  const wrote = [t.wrote(opts.output), ...(opts.xlsx ? [t.wroteXlsx(opts.xlsx)] : [])];
  return { exitCode: EXIT.ok, stdout: stdoutFor(made.plan.way), stderr: `${messages}${wrote.map((w) => `${w}\n`).join('')}` };
}

export interface PlanBatchOptions extends Omit<PlanOptions, 'xlsx' | 'appraisal'> {
  /** The folder, file or pattern of the units. */
  batch: string;
  /** The units' appraisal overlays, paired by unit code: each plan starts from its appraised result. */
  appraisals?: string;
}

const TB = {
  vi: {
    wrote: (n: number, dir: string) => `Đã ghi ${n} kế hoạch vào ${dir}`,
    summary: (f: string) => `Đã ghi bảng tổng hợp tiêu chí yếu: ${f}`,
  },
  en: {
    wrote: (n: number, dir: string) => `Wrote ${n} plans into ${dir}`,
    summary: (f: string) => `Wrote the summary of weak items: ${f}`,
  },
};

/**
 * `cchc plan --batch <dir> --ranking …`: one plan per unit (a target met or out of reach: that unit's plan
 * without it, with a warning) and the district's summary of the criteria most units lost, with the units
 * concerned. Exit 1 when some files could not be planned (the rest are written), 2 when none could.
 */
export async function planBatchCommand(opts: PlanBatchOptions, ctx: Context): Promise<CommandResult> {
  const fail = (fs: readonly Finding[]): CommandResult => ({ exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(fs, ctx.lang) });
  // --round goes with --appraisals here (checked on the command line), not with one --appraisal.
  const { round: _round, ...targetOpts } = opts;
  const o = planOptions(targetOpts);
  const problems: Finding[] = [...o.problems];
  const { expandInputs } = await import('../io/inputs.js');
  const expanded = await expandInputs([opts.batch]);
  problems.push(...expanded.problems);
  // Overlays paired by the unit code they name (as cchc batch --appraisals); a code named twice pairs with none.
  const overlayOf = new Map<string, string[]>();
  const overlayPaths = new Set<string>();
  if (opts.appraisals !== undefined) {
    const { findOverlays } = await import('../batch/appraisals.js');
    const found = await findOverlays(opts.appraisals);
    problems.push(...found.problems);
    if (!found.paths.size && !found.problems.length) problems.push(finding('batch.no_input', []));
    for (const o of found.overlays) {
      const path = found.paths.get(o.file)!;
      overlayPaths.add(resolve(path));
      if (o.code !== undefined) overlayOf.set(o.code, [...(overlayOf.get(o.code) ?? []), path]);
    }
  }
  let rankingDoc: Doc | undefined;
  if (opts.ranking !== undefined) {
    const read = await readJsonDoc(displayPath(opts.ranking));
    if ('findings' in read) problems.push(...read.findings);
    else rankingDoc = read.doc;
  }
  if (problems.length || !expanded.paths.length) return fail(problems.length ? problems : [finding('batch.no_input', [])]);
  try {
    await mkdir(opts.output, { recursive: true });
  } catch (e) {
    return fail([writeFailure(e, opts.output, process.platform, opts.output)]);
  }
  const notes: Finding[] = [];
  const invalid: Finding[] = [];
  const planned: Scored[] = [];
  const names = new Set<string>();
  let prevCache: { prev: Previous } | { findings: Finding[] } | undefined;
  for (const path of expanded.paths) {
    if (overlayPaths.has(resolve(path))) continue;
    let unit = await scoreForPlan(path, opts.catalog);
    const overlays = 'result' in unit ? (overlayOf.get(unit.result.unit.code.normalize('NFC').trim()) ?? []) : [];
    if ('result' in unit && overlays.length > 1) {
      invalid.push({ ...finding('batch.duplicate_appraisal', [], { code: unit.result.unit.code, files: overlays.map(displayPath).sort().join(', ') }), file: displayPath(path) });
      continue;
    }
    const overlay = overlays[0];
    if ('result' in unit && overlay) unit = await scoreForPlan(path, opts.catalog, { file: overlay, round: opts.round });
    if (!('result' in unit)) {
      invalid.push(...unit.findings.filter((f) => f.severity === 'error'));
      continue;
    }
    const r = unit.result;
    const at = { file: displayPath(path) };
    if (planned.length && planned[0]!.flat.catalog.id !== unit.flat.catalog.id) {
      invalid.push({ ...finding('batch.catalog_differs', [], { used: unit.flat.catalog.id, main: planned[0]!.flat.catalog.id }), ...at });
      continue;
    }
    const file = join(opts.output, `ke-hoach-${r.unit.code.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')}.docx`);
    if (names.has(file.toLowerCase())) {
      invalid.push({ ...finding('batch.duplicate_code', [], { code: r.unit.code, others: '' }), ...at });
      continue;
    }
    names.add(file.toLowerCase());
    let peers: Peers | undefined;
    if (rankingDoc) {
      const p = readPeers(rankingDoc, { code: r.unit.code, index: r.index ?? 0, catalog: { ...r.catalog, decimals: r.decimals }, ...(unit.appraisal ? { appraised: unit.appraisal } : {}) });
      if ('findings' in p) {
        invalid.push(...p.findings);
        continue;
      }
      peers = p.peers;
    }
    if (opts.previous !== undefined) prevCache ??= await readPreviousFile(opts.previous, r.catalog.year);
    if (prevCache && 'findings' in prevCache) return fail(prevCache.findings);
    const base = { ...(peers ? { peers } : {}), ...(prevCache ? { prev: prevCache.prev } : {}) };
    let made = unitPlan(unit, { ...base, ...(o.target ? { target: o.target } : {}) });
    if (!('plan' in made)) {
      const unreachable = 'findings' in made ? made.findings.find((f) => f.code === 'plan.unreachable') : undefined;
      if ('findings' in made && !unreachable) {
        invalid.push(...made.findings.map((f) => ({ ...f, ...at })));
        continue;
      }
      notes.push({ ...finding('plan.target_skipped', [], { name: r.unit.name, why: unreachable ? 'unreachable' : 'reached', best: unreachable ? unreachable.args.best ?? '' : '' }), ...at });
      made = unitPlan(unit, base);
      if (!('plan' in made)) continue;
    }
    const failed = await writePlan(unit, made.plan, { docx: file }, o, [path, unit.catalogFile, opts.ranking, opts.previous, overlay]);
    if (failed.length) {
      invalid.push(...failed);
      continue;
    }
    planned.push(unit);
  }
  const t = TB[ctx.lang];
  let stderr = formatFindings([...invalid, ...notes], ctx.lang);
  if (!planned.length) return { exitCode: EXIT.invalid, stdout: '', stderr };
  const first = planned[0]!.result;
  const weak = weakCriteria(planned[0]!.flat, planned);
  const summary = join(opts.output, 'tieu-chi-yeu.xlsx');
  const { districtSummaryWorkbook } = await import('../workbook/plan-district.js');
  const { saveWorkbook } = await import('../xlsx/excel.js');
  const wb = await districtSummaryWorkbook(
    { year: first.catalog.year, planYear: first.catalog.year + 1, issuer: first.unit.parent ?? first.unit.province, units: planned.length, decimals: first.decimals },
    weak,
  );
  const failed = await saveWorkbook(wb, summary, expanded.paths);
  stderr += formatFindings(failed, ctx.lang);
  stderr += `${t.wrote(planned.length, opts.output)}\n${failed.length ? '' : `${t.summary(summary)}\n`}`;
  const stdout = districtSummaryText(weak, planned.length, first.decimals, ctx.lang);
  return { exitCode: failed.length ? EXIT.invalid : invalid.length ? EXIT.failed : EXIT.ok, stdout, stderr };
}
