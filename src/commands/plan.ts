import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import { readPrevious, changeFor, type Previous } from '../core/batch/compare.js';
import { goalFor, wayUp, type WayUp } from '../core/plan/target.js';
import { planData, type PlanData } from '../core/plan/plan.js';
import type { Peers } from '../core/plan/peers.js';
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
export async function unitPlan(
  unit: Scored,
  o: { peers?: Peers; prev?: Previous; target?: ReturnType<typeof planOptions>['target'] },
): Promise<{ plan: PlanData } | { findings: Finding[] } | { reached: WayUp }> {
  const { result, flat, evidence } = unit;
  let way: WayUp | undefined;
  if (o.target) {
    const goal = goalFor(o.target, result, flat.catalog.bands, o.peers);
    if ('code' in goal) return { findings: [goal] };
    const w = wayUp(flat, evidence, result, goal, o.peers);
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
  return { plan: planData({ flat, evidence, result, ...(o.peers ? { peers: o.peers } : {}), ...(previous ? { previous } : {}), ...(way ? { way } : {}) }) };
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
  const unit = await scoreForPlan(file, opts.catalog);
  if (!('result' in unit)) return fail(unit.findings);
  const messages = formatFindings(unit.findings, ctx.lang);
  const problems: Finding[] = [];
  let peers: Peers | undefined;
  if (opts.ranking !== undefined) {
    const p = await peersFor(opts.ranking, unit.result);
    if ('findings' in p) problems.push(...p.findings);
    else peers = p.peers;
  }
  let prev: Previous | undefined;
  if (opts.previous !== undefined) {
    const p = await readPreviousFile(opts.previous, unit.result.catalog.year);
    if ('prev' in p) prev = p.prev;
    else problems.push(...p.findings);
  }
  const inputs = [file, unit.catalogFile, opts.ranking, opts.previous];
  problems.push(...(await checkOutputs([['--output', opts.output], ['--xlsx', opts.xlsx]], inputs)));
  if (problems.length) return fail(problems, messages);
  const made = await unitPlan(unit, { ...(peers ? { peers } : {}), ...(prev ? { prev } : {}), ...(o.target ? { target: o.target } : {}) });
  if ('findings' in made) return fail(made.findings, messages);
  const stdoutFor = (way: WayUp | undefined) => (way ? whatIfText({ flat: unit.flat, result: unit.result, ...(peers ? { peers } : {}), way }, ctx.lang) : '');
  if ('reached' in made) return { exitCode: EXIT.ok, stdout: stdoutFor(made.reached), stderr: `${messages}${t.reached}\n` };
  const failed = await writePlan(unit, made.plan, { docx: opts.output, xlsx: opts.xlsx }, o, inputs);
  if (failed.length) return fail(failed, messages);
  const wrote = [t.wrote(opts.output), ...(opts.xlsx ? [t.wroteXlsx(opts.xlsx)] : [])];
  return { exitCode: EXIT.ok, stdout: stdoutFor(made.plan.way), stderr: `${messages}${wrote.map((w) => `${w}\n`).join('')}` };
}
