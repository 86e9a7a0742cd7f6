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

const T = {
  vi: { wrote: (f: string) => `Đã ghi ${f}`, needCatalog: 'cần --catalog <mã|tệp> hoặc --unit <tệp kê khai>' },
  en: { wrote: (f: string) => `Wrote ${f}`, needCatalog: 'needs --catalog <id|path> or --unit <evidence file>' },
};

/** `cchc template`: a fill-in workbook for a catalog, optionally pre-filled from a unit's evidence. */
export async function templateCommand(opts: { catalog?: string; unit?: string; output: string }, ctx: Context): Promise<CommandResult> {
  const catalogs = diskCatalogs();
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
  if (!opts.catalog) return { exitCode: EXIT.invalid, stdout: '', stderr: `cchc template: ${T[ctx.lang].needCatalog}\n` };
  const cat = await catalogs.get(opts.catalog, process.cwd());
  if (!cat.flat) {
    const fs = cat.findings.map((f) => (f.file ? f : { ...f, file: `--catalog ${opts.catalog}` }));
    return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(fs, ctx.lang) };
  }
  const ref = catalogRefFor(cat.path, cat.flat.catalog.id, dirname(resolve(opts.output)));
  const wb = await templateWorkbook(cat.flat, undefined, ref);
  stampProvenance(wb, provenance({ id: cat.flat.catalog.id, file: cat.path }, []));
  return finish(await saveTemplate(wb, opts.output, [cat.path]), opts.output, ctx);
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

/** `cchc import`: a filled workbook → an evidence YAML file (or stdout). */
export async function importCommand(file: string, opts: { output?: string; catalog?: string }, ctx: Context): Promise<CommandResult> {
  const catalogs = diskCatalogs();
  const option = catalogOption(opts.catalog);
  const { loaded } = await readTemplate(file, displayPath(file), catalogs, option);
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
