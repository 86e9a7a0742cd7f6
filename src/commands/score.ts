import { hasErrors } from '../core/findings/finding.js';
import { diskCatalogs } from '../io/catalog-source.js';
import { REPORTERS, type ReportFormat } from '../reporters/index.js';
import { formWorkbook } from '../workbook/form.js';
import { saveWorkbook, stampProvenance } from '../xlsx/excel.js';
import { provenance } from '../io/provenance.js';
import { EXIT, catalogOption, formatFindings, type CommandResult, type Context } from './context.js';
import { scoreFile } from '../workbook/unit-file.js';
import { checkOutputs, deliver } from './output.js';
import { finding } from '../core/findings/codes.js';
import { districtContext, type DistrictContext } from '../core/batch/district.js';
import { scoreJson } from '../core/json/score.js';
import { readJsonDoc } from '../io/json-file.js';
import { displayPath } from '../io/paths.js';
import { writeAtomically } from '../io/atomic-write.js';
import { unitHtml } from '../reporters/html/unit.js';

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
}

const WROTE = { vi: (f: string) => `Đã ghi biểu tự đánh giá: ${f}`, en: (f: string) => `Wrote the self-assessment form: ${f}` };
const WROTE_HTML = { vi: (f: string) => `Đã ghi báo cáo HTML: ${f}`, en: (f: string) => `Wrote the HTML report: ${f}` };

export async function scoreCommand(file: string, opts: ScoreOptions, ctx: Context): Promise<CommandResult> {
  if (opts.ranking !== undefined && opts.html === undefined) {
    return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings([finding('option.requires', [], { option: '--ranking', needs: '--html' })], ctx.lang) };
  }
  const unit = await scoreFile(file, diskCatalogs(), catalogOption(opts.catalog));
  const messages = formatFindings(unit.findings, ctx.lang);
  if (hasErrors(unit.findings) || !unit.result || !unit.flat || !unit.evidence.evidence) {
    return { exitCode: EXIT.invalid, stdout: '', stderr: messages };
  }
  const inputs = [file, unit.catalogFile, opts.ranking];
  const refused = await checkOutputs([['--xlsx', opts.xlsx], ['--html', opts.html], ['--output', opts.output]], inputs);
  if (refused.length) return { exitCode: EXIT.invalid, stdout: '', stderr: messages + formatFindings(refused, ctx.lang) };
  let district: DistrictContext | undefined;
  if (opts.ranking !== undefined && unit.result.index !== null) {
    const read = await readJsonDoc(displayPath(opts.ranking));
    const d = 'doc' in read ? districtContext(read.doc, { code: unit.result.unit.code, index: unit.result.index, catalog: { ...unit.result.catalog, decimals: unit.result.decimals } }) : read;
    if ('findings' in d) return { exitCode: EXIT.invalid, stdout: '', stderr: messages + formatFindings(d.findings, ctx.lang) };
    district = d.context;
  }
  let stderr = messages;
  const made = provenance({ id: unit.flat.catalog.id, file: unit.catalogFile }, [file]);
  if (opts.xlsx) {
    const wb = await formWorkbook(unit.result, unit.flat, unit.evidence.evidence, ctx.lang);
    stampProvenance(wb, made);
    const failed = await saveWorkbook(wb, opts.xlsx, inputs);
    if (failed.length) return { exitCode: EXIT.invalid, stdout: '', stderr: stderr + formatFindings(failed, ctx.lang) };
    stderr += `${WROTE[ctx.lang](opts.xlsx)}\n`;
  }
  const json = scoreJson(unit.result, unit.flat, unit.findings, made);
  if (opts.html && json.index !== null) {
    const html = unitHtml({ ...json, index: json.index }, { lang: ctx.lang, ...(district ? { district } : {}) });
    const failed = await writeAtomically(opts.html, html, inputs);
    if (failed.length) return { exitCode: EXIT.invalid, stdout: '', stderr: stderr + formatFindings(failed, ctx.lang) };
    stderr += `${WROTE_HTML[ctx.lang](opts.html)}\n`;
  }
  const stdout = REPORTERS[opts.format](unit.result, {
    lang: ctx.lang,
    color: ctx.color,
    flat: unit.flat,
    findings: unit.findings,
    ...(ctx.width ? { width: ctx.width } : {}),
    provenance: made,
  });
  return deliver({ exitCode: EXIT.ok, stdout, stderr }, opts.output, inputs, ctx);
}
