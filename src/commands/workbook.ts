import { dirname, join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { Evidence } from '../core/schema/evidence.js';
import { hasErrors } from '../core/findings/finding.js';
import { diskCatalogs } from '../io/catalog-source.js';
import { displayPath } from '../io/paths.js';
import { catalogRefFor, criteriaDir } from '../io/catalog-store.js';
import { readTemplate } from '../workbook/read-template.js';
import { saveTemplate, templateWorkbook } from '../workbook/template.js';
import { stampProvenance, writeAtomically } from '../xlsx/excel.js';
import { provenance } from '../io/provenance.js';
import { EXIT, catalogOption, formatFindings, type CommandResult, type Context } from './context.js';
import { scoreEvidence } from '../core/pipeline.js';
import { scoreFile } from '../workbook/unit-file.js';
import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import type { Catalogs } from '../core/pipeline.js';
import type { Appraisal } from '../core/schema/appraisal.js';
import { appraiseScored } from '../core/appraisal/apply.js';
import { appraisalFromDoc } from '../core/appraisal/read.js';
import { checkAppraisal } from '../core/appraisal/check.js';
import { readAppraisalYaml } from '../io/appraisal-file.js';
import { sha256File } from '../io/provenance.js';
import { appraisalWorkbook, explanationWorkbook } from '../workbook/appraisal-workbook.js';
import { cellLocator, readAppraisalWorkbook } from '../workbook/read-appraisal.js';

const T = {
  vi: { wrote: (f: string) => `Đã ghi ${f}`, needCatalog: 'cần --catalog <mã|tệp> hoặc --unit <tệp kê khai>' },
  en: { wrote: (f: string) => `Wrote ${f}`, needCatalog: 'needs --catalog <id|path> or --unit <evidence file>' },
};

export interface TemplateOptions {
  catalog?: string;
  unit?: string;
  output: string;
  /** The unit's evidence file: write the appraiser's round-1 workbook for it. */
  appraisal?: string;
  /** An overlay with round 1: write the unit's explanation (giải trình) workbook (needs --unit). */
  explanation?: string;
}

/**
 * `cchc template`: a fill-in workbook for a catalog, optionally pre-filled from a unit's evidence; with
 * --appraisal, the appraiser's workbook for a unit; with --explanation, the unit's giải trình workbook.
 */
export async function templateCommand(opts: TemplateOptions, ctx: Context): Promise<CommandResult> {
  const catalogs = diskCatalogs();
  const wrong: Finding[] = [];
  if (opts.appraisal !== undefined && opts.unit !== undefined) wrong.push(finding('option.conflicts', [], { option: '--appraisal', with: '--unit' }));
  if (opts.appraisal !== undefined && opts.explanation !== undefined) wrong.push(finding('option.conflicts', [], { option: '--appraisal', with: '--explanation' }));
  if (opts.explanation !== undefined && opts.unit === undefined) wrong.push(finding('option.requires', [], { option: '--explanation', needs: '--unit' }));
  if (wrong.length) return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(wrong, ctx.lang) };
  if (opts.appraisal !== undefined) return appraisalTemplate(opts.appraisal, opts, catalogs, ctx);
  if (opts.explanation !== undefined) return explanationTemplate(opts.explanation, opts.unit!, opts, catalogs, ctx);
  if (opts.unit) {
    const unit = await scoreFile(opts.unit, catalogs, catalogOption(opts.catalog));
    if (hasErrors(unit.findings) || !unit.flat || !unit.evidence.evidence) {
      return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(unit.findings, ctx.lang) };
    }
    const ref = catalogRefFor(unit.catalogFile ?? '', unit.flat.catalog.id, dirname(resolve(opts.output)));
    const wb = await templateWorkbook(unit.flat, unit.evidence.evidence, ref);
    stampProvenance(wb, provenance({ id: unit.flat.catalog.id, file: unit.catalogFile }, [opts.unit]));
    return finish(await saveTemplate(wb, opts.output, [opts.unit, unit.catalogFile]), opts.output, ctx);
  }
  const catalog = opts.catalog;
  if (!catalog) return { exitCode: EXIT.invalid, stdout: '', stderr: `cchc template: ${T[ctx.lang].needCatalog}\n` };
  const cat = await catalogs.get(catalog, process.cwd());
  if (!cat.flat) {
    const fs = cat.findings.map((f) => (f.file ? f : { ...f, file: `--catalog ${catalog}` }));
    return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(fs, ctx.lang) };
  }
  const ref = catalogRefFor(cat.path, cat.flat.catalog.id, dirname(resolve(opts.output)));
  const wb = await templateWorkbook(cat.flat, undefined, ref);
  stampProvenance(wb, provenance({ id: cat.flat.catalog.id, file: cat.path }, []));
  return finish(await saveTemplate(wb, opts.output, [cat.path]), opts.output, ctx);
}

/** The appraiser's round-1 workbook for one unit, pre-filled with its values, self-scores and documents. */
async function appraisalTemplate(unitFile: string, opts: TemplateOptions, catalogs: Catalogs, ctx: Context): Promise<CommandResult> {
  const unit = await scoreFile(unitFile, catalogs, catalogOption(opts.catalog));
  if (hasErrors(unit.findings) || !unit.flat || !unit.result || !unit.evidence.evidence) {
    return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(unit.findings, ctx.lang) };
  }
  const ref = catalogRefFor(unit.catalogFile ?? '', unit.flat.catalog.id, dirname(resolve(opts.output)));
  const wb = await appraisalWorkbook(unit.flat, unit.evidence.evidence, unit.result, ref);
  stampProvenance(wb, provenance({ id: unit.flat.catalog.id, file: unit.catalogFile }, [unitFile]));
  return finish(await saveTemplate(wb, opts.output, [unitFile, unit.catalogFile]), opts.output, ctx);
}

/** The unit's explanation workbook: the items round 1 of its overlay reduced, with room for its explanation. */
async function explanationTemplate(overlayFile: string, unitFile: string, opts: TemplateOptions, catalogs: Catalogs, ctx: Context): Promise<CommandResult> {
  const unit = await scoreFile(unitFile, catalogs, catalogOption(opts.catalog));
  if (hasErrors(unit.findings) || !unit.flat || !unit.result || !unit.evidence.evidence) {
    return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(unit.findings, ctx.lang) };
  }
  const overlay = await readAppraisalYaml(overlayFile);
  const a = appraiseScored({ result: unit.result, flat: unit.flat, evidence: unit.evidence.evidence }, overlay, 'tham_dinh_1');
  if (!a.appraised) return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings([...unit.findings, ...a.findings], ctx.lang) };
  const ref = catalogRefFor(unit.catalogFile ?? '', unit.flat.catalog.id, dirname(resolve(opts.output)));
  const wb = await explanationWorkbook(unit.flat, a.appraised, ref, sha256File(overlayFile));
  stampProvenance(wb, provenance({ id: unit.flat.catalog.id, file: unit.catalogFile }, [unitFile, overlayFile]));
  return finish(await saveTemplate(wb, opts.output, [unitFile, overlayFile, unit.catalogFile]), opts.output, ctx);
}

/** An overlay as YAML, in the order people read it (unit, catalog, year, rounds in order), with the editor schema line. */
export function appraisalYaml(a: Appraisal, outDir: string): string {
  const schema = relative(outDir, join(dirname(criteriaDir()), 'schema', 'appraisal.schema.json')).split('\\').join('/');
  const { tham_dinh_1, giai_trinh, tham_dinh_2 } = a.rounds;
  const rounds = { ...(tham_dinh_1 ? { tham_dinh_1 } : {}), ...(giai_trinh ? { giai_trinh } : {}), ...(tham_dinh_2 ? { tham_dinh_2 } : {}) };
  const doc = { unit: a.unit, catalog: a.catalog, year: a.year, rounds };
  return `# yaml-language-server: $schema=${schema}\n${stringify(doc, { lineWidth: 0 })}`;
}

/** Writes a YAML result to -o, or prints it. */
async function writeYaml(yaml: string, output: string | undefined, inputs: ReadonlyArray<string | undefined>, messages: string, ctx: Context): Promise<CommandResult> {
  if (!output) return { exitCode: EXIT.ok, stdout: yaml, stderr: messages };
  const failed = await writeAtomically(output, yaml, inputs);
  if (failed.length) return { exitCode: EXIT.invalid, stdout: '', stderr: messages + formatFindings(failed, ctx.lang) };
  return { exitCode: EXIT.ok, stdout: '', stderr: `${messages}${T[ctx.lang].wrote(output)}\n` };
}

/**
 * `cchc import` of an appraisal workbook: the appraiser's round 1 becomes an overlay; a filled giải trình
 * workbook becomes the overlay it was made from (--appraisal) with the giai_trinh round added.
 */
async function importAppraisal(file: string, opts: { output?: string; catalog?: string; appraisal?: string }, catalogs: Catalogs, ctx: Context): Promise<CommandResult> {
  const w = await readAppraisalWorkbook(file, displayPath(file), catalogs, catalogOption(opts.catalog));
  const outDir = opts.output ? dirname(resolve(opts.output)) : process.cwd();
  const fail = (fs: Finding[]) => ({ exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(fs, ctx.lang) }) as CommandResult;
  if (w.kind === 'none') return fail(w.findings);
  const catalog = catalogRefFor(w.catalogFile, w.flat.catalog.id, outDir);
  if (w.kind === 'appraisal') {
    const { loaded } = w;
    if (!loaded.appraisal || !loaded.locate) return fail(loaded.findings);
    const findings = [...loaded.findings, ...loaded.locate(checkAppraisal(w.flat, loaded.appraisal))];
    if (hasErrors(findings)) return fail(findings);
    const yaml = appraisalYaml({ ...loaded.appraisal, catalog }, outDir);
    return writeYaml(yaml, opts.output, [file, w.catalogFile], formatFindings(findings, ctx.lang), ctx);
  }
  if (opts.appraisal === undefined) return fail([{ ...finding('xlsx.appraisal_needed', []), file: w.file }]);
  const overlay = await readAppraisalYaml(opts.appraisal);
  if (!overlay.appraisal || !overlay.locate) return fail(overlay.findings);
  const x = w.explanation;
  const problems: Finding[] = [...x.findings];
  const onMeta = (cell: string) => ({ file: w.file, cell: `'_cchc'!${cell}` });
  if (overlay.code !== x.code) problems.push({ ...finding('appraisal.unit_mismatch', [], { appraisal: overlay.code ?? '', unit: x.code, name: x.code }), ...onMeta('B4') });
  if (sha256File(opts.appraisal) !== x.overlaySha256) problems.push({ ...finding('xlsx.appraisal_changed', [], { file: overlay.file }), ...onMeta('B5') });
  for (const r of ['giai_trinh', 'tham_dinh_2'] as const) {
    if (overlay.appraisal.rounds[r]) problems.push(...overlay.locate([finding('xlsx.round_exists', ['rounds', r], { round: r })]));
  }
  if (hasErrors(problems)) return fail(problems);
  const merged = { ...overlay.appraisal, rounds: { ...overlay.appraisal.rounds, giai_trinh: x.round } };
  const cells = cellLocator(x.cells, w.file);
  // Findings about the new round point at the workbook's cells; anything else at the overlay's lines.
  const locate = (fs: readonly Finding[]) => fs.map((f) => (f.path[0] === 'rounds' && f.path[1] === 'giai_trinh' ? cells([f])[0]! : overlay.locate!([f])[0]!));
  const loaded = appraisalFromDoc({ file: w.file, data: merged, locate }, file);
  if (!loaded.appraisal) return fail(loaded.findings);
  const findings = [...problems, ...loaded.findings, ...locate(checkAppraisal(w.flat, loaded.appraisal))];
  if (hasErrors(findings)) return fail(findings);
  const yaml = appraisalYaml(loaded.appraisal, outDir);
  return writeYaml(yaml, opts.output, [file, opts.appraisal, w.catalogFile], formatFindings(findings, ctx.lang), ctx);
}

function finish(failed: Parameters<typeof formatFindings>[0], out: string, ctx: Context): CommandResult {
  if (failed.length) return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(failed, ctx.lang) };
  return { exitCode: EXIT.ok, stdout: '', stderr: `${T[ctx.lang].wrote(out)}\n` };
}

/** Evidence as YAML, in the order people read it, with the editor schema line. */
export function evidenceYaml(ev: Evidence, outDir: string): string {
  const schema = relative(outDir, join(dirname(criteriaDir()), 'schema', 'evidence.schema.json')).split('\\').join('/');
  const { unit, catalog, year, date, signer, items } = ev;
  const doc = { unit, catalog, year, ...(date ? { date } : {}), ...(signer ? { signer } : {}), items };
  return `# yaml-language-server: $schema=${schema}\n${stringify(doc, { lineWidth: 0 })}`;
}

/** `cchc import`: a filled workbook → an evidence YAML file, or an appraisal overlay (or stdout). */
export async function importCommand(file: string, opts: { output?: string; catalog?: string; appraisal?: string }, ctx: Context): Promise<CommandResult> {
  const catalogs = diskCatalogs();
  const option = catalogOption(opts.catalog);
  const { loaded } = await readTemplate(file, displayPath(file), catalogs, option);
  // Not a fill-in template: perhaps an appraiser's or a giải trình workbook.
  if (loaded.findings.some((f) => f.code === 'xlsx.not_template')) return importAppraisal(file, opts, catalogs, ctx);
  if (opts.appraisal !== undefined) {
    return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings([finding('option.conflicts', [], { option: '--appraisal', with: displayPath(file) })], ctx.lang) };
  }
  const unit = await scoreEvidence(loaded, catalogs, option);
  const messages = formatFindings(unit.findings, ctx.lang);
  if (hasErrors(unit.findings) || !loaded.evidence || !unit.flat) return { exitCode: EXIT.invalid, stdout: '', stderr: messages };
  const outDir = opts.output ? dirname(resolve(opts.output)) : process.cwd();
  const catalog = catalogRefFor(unit.catalogFile ?? '', unit.flat.catalog.id, outDir);
  const yaml = evidenceYaml({ ...loaded.evidence, catalog }, outDir);
  if (!opts.output) return { exitCode: EXIT.ok, stdout: yaml, stderr: messages };
  const failed = await writeAtomically(opts.output, yaml, [file, unit.catalogFile]);
  if (failed.length) return { exitCode: EXIT.invalid, stdout: '', stderr: messages + formatFindings(failed, ctx.lang) };
  return { exitCode: EXIT.ok, stdout: '', stderr: `${messages}${T[ctx.lang].wrote(opts.output)}\n` };
}
