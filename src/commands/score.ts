import { hasErrors } from '../findings/finding.js';
import { CatalogCache } from '../io/load.js';
import { REPORTERS, type ReportFormat } from '../reporters/index.js';
import { EXIT, formatFindings, type CommandResult, type Context } from './context.js';
import { scoreFile } from './load-unit.js';

export interface ScoreOptions {
  catalog?: string;
  format: ReportFormat;
}

export async function scoreCommand(file: string, opts: ScoreOptions, ctx: Context): Promise<CommandResult> {
  const unit = await scoreFile(file, new CatalogCache(), opts.catalog);
  const messages = formatFindings(unit.findings, ctx.lang);
  if (hasErrors(unit.findings) || !unit.result || !unit.index) {
    return { exitCode: EXIT.invalid, stdout: '', stderr: messages };
  }
  const stdout = REPORTERS[opts.format](unit.result, {
    lang: ctx.lang,
    color: ctx.color,
    index: unit.index,
    findings: unit.findings,
  });
  return { exitCode: EXIT.ok, stdout, stderr: messages };
}
