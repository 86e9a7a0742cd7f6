import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import { isWorkbookPath } from '../core/file-kind.js';
import { publishedFiles, type Published, type Recorded } from '../core/verify.js';
import { readJsonDoc } from '../io/json-file.js';
import { displayPath } from '../io/paths.js';
import { sha256File } from '../io/provenance.js';
import { readYaml } from '../io/yaml-file.js';
import { catalogPath } from '../io/catalog-store.js';
import { diskCatalogSource } from '../io/catalog-source.js';
import { readStampedProvenance } from '../xlsx/excel.js';
import { formatAll } from '../reporters/format-finding.js';
import { VERSION } from '../version.js';
import { EXIT, type CommandResult, type Context } from './context.js';
import { deliver } from './output.js';

export interface VerifyOptions {
  format: 'text' | 'json';
  output?: string;
}

type Status = 'unchanged' | 'changed' | 'missing' | 'unrecorded';

interface Checked extends Recorded {
  now: string | null;
  status: Status;
}

const T = {
  vi: {
    head: (f: string, v: string) => `Kiểm tra kết quả đã công bố ${f} (lập bằng cchc ${v})`,
    role: { unit: 'tệp của đơn vị', appraisal: 'tệp thẩm định', input: 'tệp đầu vào', catalog: 'bộ tiêu chí' } as Record<Recorded['role'] | 'catalog', string>,
    status: { unchanged: 'không đổi', changed: 'ĐÃ THAY ĐỔI', missing: 'KHÔNG TÌM THẤY', unrecorded: 'không có mã băm khi công bố' } as Record<Status, string>,
    done: (ok: number, bad: number) => (bad ? `${bad} tệp đã thay đổi hoặc không còn; ${ok} tệp không đổi.` : `Cả ${ok} tệp không đổi kể từ khi công bố.`),
  },
  en: {
    head: (f: string, v: string) => `Checking the published result ${f} (made with cchc ${v})`,
    role: { unit: 'unit file', appraisal: 'appraisal file', input: 'input file', catalog: 'catalog' } as Record<Recorded['role'] | 'catalog', string>,
    status: { unchanged: 'unchanged', changed: 'CHANGED', missing: 'NOT FOUND', unrecorded: 'no hash was recorded' } as Record<Status, string>,
    done: (ok: number, bad: number) => (bad ? `${bad} files changed or gone; ${ok} unchanged.` : `All ${ok} files unchanged since publication.`),
  },
};

/** The published result's provenance: a JSON result, or a workbook's custom properties. */
async function readPublished(file: string): Promise<{ published: Published } | { findings: Finding[] }> {
  if (isWorkbookPath(file)) {
    const bytes = await readFile(file).catch(() => undefined);
    if (!bytes) return { findings: [{ ...finding('file.not_found', []), file }] };
    const p = await readStampedProvenance(bytes);
    if (!p) return { findings: [{ ...finding('verify.no_provenance', []), file }] };
    return { published: { cchc: p.cchc, catalog: p.catalog, files: p.inputs.map((i) => ({ ...i, role: 'input' as const })) } };
  }
  const read = await readJsonDoc(file);
  return 'doc' in read ? publishedFiles(read.doc) : read;
}

function check(r: Recorded): Checked {
  const now = sha256File(r.file);
  const status: Status = now === null ? 'missing' : r.sha256 === null ? 'unrecorded' : now === r.sha256 ? 'unchanged' : 'changed';
  return { ...r, now, status };
}

/** A catalog file's `id:`, read without checking the rest. */
async function catalogIdOf(path: string): Promise<string | undefined> {
  const parsed = await readYaml(displayPath(path));
  const id = (parsed.data as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The catalog file the result was scored with: where an unchanged unit file's `catalog:` leads, as
 * scoring found it, when that file is the catalog of the recorded id; otherwise (a workbook, or the
 * result was made with --catalog) where the id leads from here. Unchanged when it has the recorded hash.
 */
async function catalogCheck(p: Published, files: readonly Checked[]): Promise<{ file: string | null; status: Status }> {
  const c = p.catalog!;
  let path: string | undefined;
  for (const f of files) {
    if (f.role !== 'unit' || f.status !== 'unchanged' || isWorkbookPath(f.file)) continue;
    const ref = ((await readYaml(f.file)).data as { catalog?: unknown } | undefined)?.catalog;
    if (typeof ref !== 'string') continue;
    const target = diskCatalogSource.resolve(ref, dirname(resolve(f.file)));
    if (sha256File(target) !== null && (await catalogIdOf(target)) === c.id) path = target;
    break;
  }
  path ??= catalogPath(c.id, process.cwd());
  const now = sha256File(path);
  if (now === null) return { file: null, status: 'missing' };
  return { file: displayPath(path), status: c.sha256 === null ? 'unrecorded' : now === c.sha256 ? 'unchanged' : 'changed' };
}

/**
 * `cchc verify ket-qua.json`: re-reads every file a published result was made from (catalog, unit
 * files, appraisal overlays, the --compare file) and compares each with the SHA-256 recorded at
 * publication — the offline equivalent of a web system's lock at the deadline. Exit 1 naming any file
 * changed or gone since; 2 when the result cannot be read or records no provenance.
 */
export async function verifyCommand(file: string, opts: VerifyOptions, ctx: Context): Promise<CommandResult> {
  const t = T[ctx.lang];
  const shown = displayPath(file);
  const read = await readPublished(shown);
  if ('findings' in read) return { exitCode: EXIT.invalid, stdout: '', stderr: formatAll(read.findings, ctx.lang) };
  const p = read.published;
  const files = p.files.map(check);
  const catalog = p.catalog ? await catalogCheck(p, files) : null;

  const findings: Finding[] = [];
  if (p.cchc !== VERSION) findings.push({ ...finding('verify.version', [], { then: p.cchc, now: VERSION }), file: shown });
  if (catalog && p.catalog) {
    const where = { file: catalog.file ?? p.catalog.id };
    if (catalog.status === 'changed') findings.push({ ...finding('verify.catalog_changed', [], { id: p.catalog.id, result: shown }), ...where });
    if (catalog.status === 'missing') findings.push({ ...finding('verify.catalog_missing', [], { id: p.catalog.id }), file: shown });
  }
  for (const f of files) {
    if (f.status === 'changed') findings.push({ ...finding('verify.changed', [], { role: f.role, result: shown }), file: f.file });
    if (f.status === 'missing') findings.push({ ...finding('verify.missing', [], { role: f.role, result: shown }), file: f.file });
    if (f.status === 'unrecorded') findings.push({ ...finding('verify.unrecorded', [], { role: f.role }), file: f.file });
  }
  const bad = files.filter((f) => f.status === 'changed' || f.status === 'missing').length + (catalog && (catalog.status === 'changed' || catalog.status === 'missing') ? 1 : 0);
  const ok = files.filter((f) => f.status === 'unchanged').length + (catalog?.status === 'unchanged' ? 1 : 0);
  const exitCode = bad ? EXIT.failed : EXIT.ok;

  let stdout: string;
  if (opts.format === 'json') {
    const json = {
      formatVersion: 2,
      provenance: { cchc: VERSION },
      result: shown,
      published: { cchc: p.cchc, catalog: p.catalog },
      unchanged: bad === 0,
      catalog: catalog && p.catalog ? { id: p.catalog.id, file: catalog.file, sha256: p.catalog.sha256, status: catalog.status } : null,
      files: files.map((f) => ({ file: f.file, role: f.role, sha256: f.sha256, now: f.now, status: f.status })),
    };
    stdout = `${JSON.stringify(json, null, 2)}\n`;
  } else {
    const mark = (s: Status) => (s === 'unchanged' ? '✓' : s === 'unrecorded' ? '?' : '✗');
    const lines = [t.head(shown, p.cchc)];
    if (catalog && p.catalog) lines.push(`  ${mark(catalog.status)} ${t.role.catalog} ${p.catalog.id}${catalog.file ? ` (${catalog.file})` : ''}: ${t.status[catalog.status]}`);
    for (const f of files) lines.push(`  ${mark(f.status)} ${f.file} (${t.role[f.role]}): ${t.status[f.status]}`);
    lines.push(t.done(ok, bad));
    stdout = `${lines.join('\n')}\n`;
  }
  return deliver({ exitCode, stdout, stderr: formatAll(findings, ctx.lang) }, opts.output, [shown, ...files.map((f) => f.file)], ctx);
}
