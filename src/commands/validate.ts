import { dirname, resolve } from 'node:path';
import type { Finding } from '../core/findings/finding.js';
import { hasErrors } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import { catalogFromDoc, evidenceFromDoc, scoreEvidence, type CatalogOption, type Catalogs } from '../core/pipeline.js';
import { appraisalFromDoc } from '../core/appraisal/read.js';
import { checkAppraisal } from '../core/appraisal/check.js';
import type { Doc } from '../core/source.js';
import { diskCatalogs } from '../io/catalog-source.js';
import { displayPath } from '../io/paths.js';
import { readYaml, yamlDoc } from '../io/yaml-file.js';
import { EXIT, catalogOption, formatFindings, type CommandResult, type Context } from './context.js';
import { scoreFile } from '../workbook/unit-file.js';
import { fileKind, isWorkbookPath, type FileKind } from '../core/file-kind.js';
import { expandInputs } from '../io/inputs.js';
import { checkOutputs, deliver } from './output.js';
import { catalogSha256, sha256File } from '../io/provenance.js';
import { VERSION } from '../version.js';

export interface ValidateOptions {
  catalog?: string;
  format: 'text' | 'json';
  /** The report goes to this file instead of stdout. */
  output?: string;
}

interface FileReport {
  file: string;
  kind: FileKind;
  findings: Finding[];
  /** The file's SHA-256 (null when it is not a regular file); unset for arguments that named no file. */
  sha256?: string | null;
  /** For evidence: the catalog it was checked against, when that catalog could be read. */
  catalog?: { id: string; sha256: string | null } | null;
}

/** A report with the hashes that let a published check be tied to the very files it checked. */
function hashed(path: string, r: FileReport, catalog?: { id: string; file?: string | undefined }): FileReport {
  return {
    ...r,
    sha256: sha256File(path),
    ...(r.kind === 'evidence' ? { catalog: catalog ? { id: catalog.id, sha256: catalogSha256(catalog.file) } : null } : {}),
  };
}

async function validateFile(path: string, catalogs: Catalogs, opts: ValidateOptions): Promise<FileReport> {
  const option = catalogOption(opts.catalog);
  const file = displayPath(path);
  // A filled-in template is an evidence file too.
  if (isWorkbookPath(path)) {
    const unit = await scoreFile(path, catalogs, option);
    return hashed(path, { file, kind: 'evidence', findings: unit.findings }, unit.flat && { id: unit.flat.catalog.id, file: unit.catalogFile });
  }
  const parsed = await readYaml(file);
  if (!parsed.source || parsed.data === undefined) return hashed(path, { file, kind: 'unknown', findings: parsed.findings });
  const seen = fileKind(parsed.data);
  // Keys of both kinds: a catalog never has `unit`, so with one it is evidence with a stray key.
  const kind: FileKind = seen !== 'mixed' ? seen : parsed.data && typeof parsed.data === 'object' && 'unit' in parsed.data ? 'evidence' : 'catalog';
  const doc = yamlDoc(parsed.source, parsed.data);
  if (kind === 'catalog') {
    // A district's catalog inside a framework is checked merged with the framework it extends.
    const child = parsed.data && typeof parsed.data === 'object' && 'extends' in parsed.data && !('areas' in parsed.data);
    const findings = child ? (await catalogs.get(resolve(path), process.cwd())).findings : (await catalogFromDoc(doc, path)).findings;
    return hashed(path, { file, kind, findings });
  }
  if (kind === 'evidence') {
    const unit = await scoreEvidence(evidenceFromDoc(doc, path, dirname(resolve(path))), catalogs, option);
    return hashed(path, { file, kind, findings: unit.findings }, unit.flat && { id: unit.flat.catalog.id, file: unit.catalogFile });
  }
  if (kind === 'appraisal') return hashed(path, { file, kind, findings: await validateAppraisal(doc, path, catalogs, option) });
  return hashed(path, { file, kind, findings: [{ ...finding('file.unknown_kind', []), file, line: 1, column: 1 }] });
}

/**
 * An appraisal overlay on its own: its schema, then everything that needs only its catalog (codes, values
 * by the rules, rounds, explanations and decisions). Whether it names the right unit needs the unit's file:
 * `cchc score --appraisal` and `cchc batch --appraisals` check that.
 */
async function validateAppraisal(doc: Doc, path: string, catalogs: Catalogs, option: CatalogOption | undefined): Promise<Finding[]> {
  const loaded = appraisalFromDoc(doc, path);
  if (!loaded.appraisal || !loaded.locate) return loaded.findings;
  const cat = await (option ? catalogs.get(option.ref, option.fromDir) : catalogs.get(loaded.appraisal.catalog, dirname(resolve(path))));
  if (!cat.flat) return cat.findings.map((f) => (f.file ? f : option ? { ...f, file: `--catalog ${option.ref}` } : loaded.locate!([f])[0]!));
  return loaded.locate(checkAppraisal(cat.flat, loaded.appraisal));
}

const SUMMARY = {
  vi: (n: number, e: number, w: number) => `Đã kiểm tra ${n} tệp: ${e} lỗi, ${w} cảnh báo.`,
  en: (n: number, e: number, w: number) => `Checked ${n} files: ${e} errors, ${w} warnings.`,
};

/** Checks catalogs and evidence files, reporting every problem at once; exit 2 on any error. */
export async function validateCommand(files: string[], opts: ValidateOptions, ctx: Context): Promise<CommandResult> {
  const catalogs = diskCatalogs();
  // Folders and patterns too (`cchc validate don-vi/`), as for cchc batch.
  const { paths, problems } = await expandInputs(files);
  const refused = await checkOutputs([['--output', opts.output]], paths);
  if (refused.length) return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(refused, ctx.lang) };
  const reports: FileReport[] = problems.map((f) => ({ file: f.file ?? '', kind: 'unknown', findings: [f] }));
  for (const f of paths) reports.push(await validateFile(f, catalogs, opts));
  const all = reports.flatMap((r) => r.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const exitCode = hasErrors(all) ? EXIT.invalid : EXIT.ok;
  if (opts.format === 'json') {
    const files = reports.map((r) => ({
      file: r.file,
      kind: r.kind,
      valid: !hasErrors(r.findings),
      findings: r.findings,
      sha256: r.sha256 ?? null,
      ...(r.catalog !== undefined ? { catalog: r.catalog } : {}),
    }));
    const json = { formatVersion: 2, provenance: { cchc: VERSION }, valid: exitCode === 0, files };
    return deliver({ exitCode, stdout: `${JSON.stringify(json, null, 2)}\n`, stderr: '' }, opts.output, paths, ctx);
  }
  const summary = SUMMARY[ctx.lang](reports.length, errors, all.length - errors);
  return deliver({ exitCode, stdout: `${formatFindings(all, ctx.lang)}${summary}\n`, stderr: '' }, opts.output, paths, ctx);
}
