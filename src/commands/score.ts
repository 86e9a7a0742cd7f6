import { hasErrors } from '../core/findings/finding.js';
import { diskCatalogs } from '../io/catalog-source.js';
import { REPORTERS, type ReportFormat } from '../reporters/index.js';
import { formWorkbook } from '../workbook/form.js';
import { saveWorkbook, stampProvenance } from '../xlsx/excel.js';
import { provenance } from '../io/provenance.js';
import { EXIT, catalogOption, formatFindings, type CommandResult, type Context } from './context.js';
import { scoreFile } from '../workbook/unit-file.js';
import { checkOutputs, deliver } from './output.js';

export interface ScoreOptions {
  catalog?: string;
  format: ReportFormat;
  /** Also write the self-assessment form here. */
  xlsx?: string;
  /** The result (text or JSON) goes to this file instead of stdout. */
  output?: string;
}

const WROTE = { vi: (f: string) => `Đã ghi biểu tự đánh giá: ${f}`, en: (f: string) => `Wrote the self-assessment form: ${f}` };

export async function scoreCommand(file: string, opts: ScoreOptions, ctx: Context): Promise<CommandResult> {
  const unit = await scoreFile(file, diskCatalogs(), catalogOption(opts.catalog));
  const messages = formatFindings(unit.findings, ctx.lang);
  if (hasErrors(unit.findings) || !unit.result || !unit.flat || !unit.evidence.evidence) {
    return { exitCode: EXIT.invalid, stdout: '', stderr: messages };
  }
  const inputs = [file, unit.catalogFile];
  const refused = await checkOutputs([['--xlsx', opts.xlsx], ['--output', opts.output]], inputs);
  if (refused.length) return { exitCode: EXIT.invalid, stdout: '', stderr: messages + formatFindings(refused, ctx.lang) };
  let stderr = messages;
  const made = provenance({ id: unit.flat.catalog.id, file: unit.catalogFile }, [file]);
  if (opts.xlsx) {
    const wb = await formWorkbook(unit.result, unit.flat, unit.evidence.evidence, ctx.lang);
    stampProvenance(wb, made);
    const failed = await saveWorkbook(wb, opts.xlsx, inputs);
    if (failed.length) return { exitCode: EXIT.invalid, stdout: '', stderr: stderr + formatFindings(failed, ctx.lang) };
    stderr += `${WROTE[ctx.lang](opts.xlsx)}\n`;
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
