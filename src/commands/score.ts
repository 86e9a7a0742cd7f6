import { hasErrors } from '../core/findings/finding.js';
import { diskCatalogs } from '../io/catalog-source.js';
import { REPORTERS, type ReportFormat } from '../reporters/index.js';
import { provenance } from '../io/provenance.js';
import { EXIT, catalogOption, formatFindings, type CommandResult, type Context } from './context.js';
import { scoreFile } from '../workbook/unit-file.js';
import { checkOutputs, deliver } from './output.js';
import { finding } from '../core/findings/codes.js';
import type { DistrictContext } from '../core/batch/district.js';
import { scoreJson } from '../core/json/score.js';
import { displayPath } from '../io/paths.js';
import { writeAtomically } from '../io/atomic-write.js';
import type { AppraisedUnit, RoundChoice } from '../core/appraisal/apply.js';
import type { Finding } from '../core/findings/finding.js';

export interface ScoreOptions {
  catalog?: string;
  format: ReportFormat;
  /** Also write the self-assessment form here. */
  xlsx?: string;
  /** The result (text or JSON) goes to this file instead of stdout. */
  output?: string;
  /** Also write the unit's HTML report here. */
  html?: string;
  /** A saved `cchc batch --json`: the unit's rank and its district's averages in the HTML report. */
  ranking?: string;
  /** The appraisal overlay (thẩm định) of this unit: the result is the appraised one, beside the self-assessment. */
  appraisal?: string;
  /** Which round of the overlay (default: the last decided one). */
  round?: RoundChoice;
}

const WROTE = { vi: (f: string) => `Đã ghi biểu tự đánh giá: ${f}`, en: (f: string) => `Wrote the self-assessment form: ${f}` };
const WROTE_HTML = { vi: (f: string) => `Đã ghi báo cáo HTML: ${f}`, en: (f: string) => `Wrote the HTML report: ${f}` };

export async function scoreCommand(file: string, opts: ScoreOptions, ctx: Context): Promise<CommandResult> {
  const needs: Finding[] = [];
  if (opts.ranking !== undefined && opts.html === undefined) needs.push(finding('option.requires', [], { option: '--ranking', needs: '--html' }));
  if (opts.round !== undefined && opts.appraisal === undefined) needs.push(finding('option.requires', [], { option: '--round', needs: '--appraisal' }));
  if (needs.length) return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(needs, ctx.lang) };
  const unit = await scoreFile(file, diskCatalogs(), catalogOption(opts.catalog));
  let findings = unit.findings;
  if (hasErrors(unit.findings) || !unit.result || !unit.flat || !unit.evidence.evidence) {
    return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(findings, ctx.lang) };
  }
  let appraised: AppraisedUnit | undefined;
  if (opts.appraisal !== undefined) {
    // What only some runs need is loaded by those runs: a plain `cchc score` starts faster without it.
    const [{ readAppraisalYaml }, { appraiseScored }] = await Promise.all([import('../io/appraisal-file.js'), import('../core/appraisal/apply.js')]);
    const overlay = await readAppraisalYaml(opts.appraisal);
    const a = appraiseScored({ result: unit.result, flat: unit.flat, evidence: unit.evidence.evidence }, overlay, opts.round ?? 'final');
    findings = [...findings, ...a.findings];
    if (!a.appraised) return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(findings, ctx.lang) };
    appraised = a.appraised;
  }
  const messages = formatFindings(findings, ctx.lang);
  // The result shown and published: the appraised one when there is an overlay.
  const result = appraised?.result ?? unit.result;
  const inputs = [file, unit.catalogFile, opts.ranking, opts.appraisal];
  const refused = await checkOutputs([['--xlsx', opts.xlsx], ['--html', opts.html], ['--output', opts.output]], inputs);
  if (refused.length) return { exitCode: EXIT.invalid, stdout: '', stderr: messages + formatFindings(refused, ctx.lang) };
  let district: DistrictContext | undefined;
  if (opts.ranking !== undefined && result.index !== null) {
    const [{ readJsonDoc }, { districtContext }] = await Promise.all([import('../io/json-file.js'), import('../core/batch/district.js')]);
    const read = await readJsonDoc(displayPath(opts.ranking));
    const d = 'doc' in read ? districtContext(read.doc, { code: result.unit.code, index: result.index, catalog: { ...result.catalog, decimals: result.decimals }, ...(appraised ? { appraised: { selfIndex: appraised.self.index } } : {}) }) : read;
    if ('findings' in d) return { exitCode: EXIT.invalid, stdout: '', stderr: messages + formatFindings(d.findings, ctx.lang) };
    district = d.context;
  }
  let stderr = messages;
  const made = provenance({ id: unit.flat.catalog.id, file: unit.catalogFile }, opts.appraisal !== undefined ? [file, opts.appraisal] : [file]);
  if (opts.xlsx) {
    const { formBytes } = await import('../workbook/form.js');
    const failed = await writeAtomically(opts.xlsx, await formBytes(unit.result, unit.flat, unit.evidence.evidence, appraised, made), inputs);
    if (failed.length) return { exitCode: EXIT.invalid, stdout: '', stderr: stderr + formatFindings(failed, ctx.lang) };
    stderr += `${WROTE[ctx.lang](opts.xlsx)}\n`;
  }
  const json = appraised ? (await import('../core/json/appraisal.js')).appraisedJson(appraised, unit.flat, findings, made) : scoreJson(unit.result, unit.flat, findings, made);
  if (opts.html && json.index !== null) {
    const { unitHtml } = await import('../reporters/html/unit.js');
    const html = unitHtml({ ...json, index: json.index }, { lang: ctx.lang, ...(district ? { district } : {}) });
    const failed = await writeAtomically(opts.html, html, inputs);
    if (failed.length) return { exitCode: EXIT.invalid, stdout: '', stderr: stderr + formatFindings(failed, ctx.lang) };
    stderr += `${WROTE_HTML[ctx.lang](opts.html)}\n`;
  }
  const options = { lang: ctx.lang, color: ctx.color, flat: unit.flat, ...(ctx.width ? { width: ctx.width } : {}) };
  const stdout = appraised
    ? opts.format === 'json'
      ? `${JSON.stringify(json, null, 2)}\n`
      : (await import('../reporters/appraisal-text.js')).appraisalText(appraised, options)
    : REPORTERS[opts.format](unit.result, { ...options, findings, provenance: made });
  return deliver({ exitCode: EXIT.ok, stdout, stderr }, opts.output, inputs, ctx);
}
