import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { readJsonDoc } from '../io/json-file.js';
import { displayPath } from '../io/paths.js';
import { inputGuard } from '../io/output-guard.js';
import { finding } from '../core/findings/codes.js';
import type { Finding } from '../core/findings/finding.js';
import { placedFinding } from '../core/findings/codes.js';
import { formatAll } from '../reporters/format-finding.js';
import { expandInputs } from '../io/inputs.js';
import { runPool } from '../batch/pool.js';
import { progressBar } from '../batch/progress.js';
import { buildReport, GROUP_FIELDS, groupField, type BatchReport, type GroupField } from '../core/batch/report.js';
import { readPrevious, type Previous } from '../core/batch/compare.js';
import type { WorkerSetup } from '../core/batch/types.js';
import { rankingText } from '../reporters/ranking-text.js';
import { rankingJsonText } from '../reporters/ranking-json.js';
import { rankingCsv } from '../reporters/ranking-csv.js';
import { fromNumber, ZERO, type Fixed } from '../core/fixed.js';
import { sweepFolder, watchFolder } from '../io/interrupt.js';
import { commitStaged, writeAtomically, writeFailure } from '../io/atomic-write.js';
import { rankingJson } from '../core/json/ranking.js';
import { EXIT, type CommandResult, type Context } from './context.js';
import { decimalOption, wholeOption } from './number-option.js';
import { checkOutputs, deliver } from './output.js';
import { provenance } from '../io/provenance.js';
import type { OverlayFile } from '../core/batch/appraisals.js';
import type { RoundChoice } from '../core/appraisal/apply.js';

/** Each unit code named by exactly one overlay, with that overlay's path (codes named twice are reported, not used). */
function uniqueOverlays(a: { overlays: OverlayFile[]; paths: Map<string, string> }): Record<string, string> {
  const count = new Map<string, number>();
  for (const o of a.overlays) if (o.code !== undefined) count.set(o.code, (count.get(o.code) ?? 0) + 1);
  const out: Record<string, string> = {};
  for (const o of a.overlays) if (o.code !== undefined && count.get(o.code) === 1) out[o.code] = a.paths.get(o.file)!;
  return out;
}
import { UnitCache } from '../io/unit-cache.js';

export interface BatchOptions {
  catalog?: string;
  format: 'text' | 'json' | 'csv' | 'csv-vi';
  xlsx?: string;
  forms?: string;
  groupBy?: string;
  /** As typed on the command line ("92,5"): read exactly here, never with parseFloat. */
  failUnder?: string;
  jobs?: string;
  quiet?: boolean;
  compare?: string;
  /** The ranking (text, JSON or CSV) goes to this file instead of stdout. */
  output?: string;
  /** Also write the district's HTML report here. */
  html?: string;
  /** Appraisal overlays (a folder, files or a pattern), paired with the units by code: rank on the appraised index. */
  appraisals?: string;
  /** With --appraisals: rank units without an overlay on their self-assessment instead of listing them invalid. */
  allowUnappraised?: boolean;
  /** No survey this year for any unit: each index is its assessment rescaled to 100 (catalog survey_share). */
  surveyNotRun?: boolean;
  /** With --appraisals: which round (default: each unit's last decided one). */
  round?: RoundChoice;
  /** Keep each unit's summary in this folder and read it back while the file and its catalog are unchanged. */
  cache?: string;
}

const T = {
  vi: {
    scoring: 'Đang chấm',
    done: (ranked: number, files: number, invalid: number, empty: number) =>
      `Đã xếp hạng ${ranked} đơn vị từ ${files} tệp${invalid ? `; ${invalid} tệp không được xếp hạng (xem lỗi ở trên)` : ''}${empty ? `; ${empty} thư mục hoặc mẫu không có tệp nào` : ''}.`,
    warnings: (n: number) =>
      `Các đơn vị đã xếp hạng có ${n} cảnh báo (mục chưa kê khai, thiếu tài liệu kiểm chứng…): xem từng đơn vị bằng "cchc score <tệp>".`,
    wroteXlsx: (f: string) => `Đã ghi bảng xếp hạng: ${f}`,
    noXlsx: (f: string) => `Không có đơn vị nào được xếp hạng: không ghi ${f}`,
    wroteHtml: (f: string) => `Đã ghi báo cáo HTML: ${f}`,
    wroteForms: (n: number, d: string) => `Đã ghi ${n} biểu tự đánh giá vào ${d}`,
    appraised: (n: number, of: number, files: number) => `Xếp hạng theo chỉ số sau thẩm định: ${n}/${of} đơn vị đã thẩm định (${files} tệp thẩm định).`,
  },
  en: {
    scoring: 'Scoring',
    done: (ranked: number, files: number, invalid: number, empty: number) =>
      `Ranked ${ranked} unit${ranked === 1 ? '' : 's'} from ${files} file${files === 1 ? '' : 's'}${invalid ? `; ${invalid} file${invalid === 1 ? '' : 's'} not ranked (see the errors above)` : ''}${empty ? `; ${empty} folder${empty === 1 ? '' : 's'} or pattern${empty === 1 ? '' : 's'} gave no file` : ''}.`,
    warnings: (n: number) => `The ranked units have ${n} warnings (undeclared items, missing evidence…): see each with "cchc score <file>".`,
    wroteXlsx: (f: string) => `Wrote the ranking: ${f}`,
    noXlsx: (f: string) => `No unit was ranked: ${f} not written`,
    wroteHtml: (f: string) => `Wrote the HTML report: ${f}`,
    wroteForms: (n: number, d: string) => `Wrote ${n} self-assessment forms into ${d}`,
    appraised: (n: number, of: number, files: number) => `Ranked on the appraised index: ${n}/${of} units appraised (${files} appraisal files).`,
  },
};

const usage = (fs: Finding[], ctx: Context): CommandResult => ({ exitCode: EXIT.invalid, stdout: '', stderr: formatAll(fs, ctx.lang) });

interface Checked {
  jobs: number;
  failUnder?: Fixed;
  groupBy: GroupField | null;
  previous?: { file: string; previous: Previous };
  appraisals?: { overlays: OverlayFile[]; paths: Map<string, string> };
}

/** Option problems are the command being wrong (exit 2), found before any file is read. */
async function checkOptions(opts: BatchOptions): Promise<Checked | Finding[]> {
  const bad: Finding[] = [];
  let jobs = availableParallelism();
  if (opts.jobs !== undefined) {
    const j = wholeOption('--jobs', opts.jobs, 1);
    if ('problem' in j) bad.push(j.problem);
    else jobs = j.value;
  }
  let failUnder: Fixed | undefined;
  if (opts.failUnder !== undefined) {
    const f = decimalOption('--fail-under', opts.failUnder, ZERO, fromNumber(100)!);
    if ('problem' in f) bad.push(f.problem);
    else failUnder = f.value;
  }
  let groupBy: GroupField | null = null;
  if (opts.groupBy !== undefined) {
    const g = groupField(opts.groupBy);
    if (g) groupBy = g;
    else bad.push(placedFinding('batch.group_field', { field: opts.groupBy, allowed: GROUP_FIELDS.join(', ') }));
  }
  let previous: Checked['previous'];
  if (opts.compare !== undefined) {
    const file = displayPath(opts.compare);
    const read = await readJsonDoc(file);
    const p = 'doc' in read ? readPrevious(read.doc) : read;
    if ('findings' in p) bad.push(...p.findings);
    // Ranks within groups are compared only with ranks within the same grouping.
    else if (p.previous.groupBy !== groupBy) {
      bad.push(placedFinding('batch.compare_grouping', { now: groupBy ?? '', then: p.previous.groupBy ?? '' }, { file }));
    } else previous = { file, previous: p.previous };
  }
  const catalog = opts.catalog;
  if (catalog !== undefined) {
    // Loaded only when needed (as forms and appraisals below): a re-run from --cache reads no catalog and parses no YAML.
    const { diskCatalogs } = await import('../io/catalog-source.js');
    const cat = await diskCatalogs().get(catalog, process.cwd());
    if (!cat.flat) bad.push(...cat.findings.map((f) => (f.file ? f : { ...f, file: `--catalog ${catalog}` })));
  }
  for (const [option, set] of [['--allow-unappraised', opts.allowUnappraised], ['--round', opts.round]] as const) {
    if (set !== undefined && set !== false && opts.appraisals === undefined) bad.push(placedFinding('option.requires', { option, needs: '--appraisals' }));
  }
  let appraisals: Checked['appraisals'];
  if (opts.appraisals !== undefined) {
    const { findOverlays } = await import('../batch/appraisals.js');
    const found = await findOverlays(opts.appraisals);
    // An --appraisals that gives no file is the command being wrong: every unit would be unappraised.
    if (found.problems.length || !found.overlays.length) bad.push(...found.problems);
    else appraisals = { overlays: found.overlays, paths: found.paths };
  }
  if (opts.forms !== undefined) {
    try {
      await mkdir(opts.forms, { recursive: true });
    } catch (e) {
      bad.push(writeFailure(e, opts.forms, process.platform, opts.forms));
    }
  }
  if (opts.cache !== undefined) {
    try {
      new UnitCache(resolve(opts.cache)).prepare();
    } catch (e) {
      bad.push(writeFailure(e, opts.cache, process.platform, opts.cache));
    }
  }
  if (bad.length) return bad;
  return { jobs, groupBy, ...(failUnder !== undefined ? { failUnder } : {}), ...(previous ? { previous } : {}), ...(appraisals ? { appraisals } : {}) };
}

/**
 * 3 when cchc itself failed on a file (its bug, not the file's fault; the rest is still reported);
 * 2 when an output could not be written, or when no file could be ranked (nothing came out of the
 * run: the input is bad as a whole); 1 when some files were not ranked (the rest was, and is
 * published) or units are under --fail-under; else 0.
 */
export function batchExitCode(
  report: Pick<BatchReport, 'invalid' | 'below'> & { summary: { ranked: number }; appraisals?: BatchReport['appraisals'] },
  failedWrites: readonly Finding[],
): CommandResult['exitCode'] {
  const all = [...report.invalid.flatMap((f) => f.findings), ...failedWrites];
  if (all.some((f) => f.code === 'internal.error')) return EXIT.internal;
  if (failedWrites.length || report.summary.ranked === 0) return EXIT.invalid;
  return report.invalid.length || report.below.length || report.appraisals?.invalid.length ? EXIT.failed : EXIT.ok;
}

/**
 * `cchc batch`: scores every unit of a district or province (in worker threads when there are many),
 * ranks them, and publishes the ranking as text, JSON, CSV and a workbook, with forms per unit.
 * One bad file never stops the batch: it is listed with its errors, and the rest is ranked.
 */
export async function batchCommand(inputs: string[], opts: BatchOptions, ctx: Context): Promise<CommandResult> {
  const t = T[ctx.lang];
  const checked = await checkOptions(opts);
  if (Array.isArray(checked)) return usage(checked, ctx);

  const expanded = await expandInputs(inputs);
  // A catalog kept in the same folder as the units is the catalog, not a unit; so are overlays.
  const catalogFile = opts.catalog !== undefined && /\.ya?ml$/i.test(opts.catalog) ? resolve(opts.catalog) : undefined;
  const overlayFiles = new Set([...(checked.appraisals?.paths.values() ?? [])].map((p) => resolve(p)));
  const paths =
    catalogFile === undefined && !overlayFiles.size
      ? expanded.paths
      : expanded.paths.filter((p) => {
          const abs = resolve(p);
          return abs !== catalogFile && !overlayFiles.has(abs);
        });
  if (!paths.length) return usage([...expanded.problems, placedFinding('batch.no_input')], ctx);
  // Inputs known before scoring; the catalogs the units name are added when the workbook is written.
  const inputFiles = [...paths, opts.compare, catalogFile, ...(checked.appraisals?.paths.values() ?? [])];
  const refused = await checkOutputs([['--xlsx', opts.xlsx], ['--html', opts.html], ['--output', opts.output]], inputFiles);
  if (refused.length) return usage(refused, ctx);

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- @types/node says boolean, but isTTY is undefined when stderr is not a terminal
  const showProgress = Boolean(process.stderr.isTTY) && !opts.quiet;
  const setup: WorkerSetup = {
    ...(opts.catalog ? { catalog: opts.catalog } : {}),
    ...(opts.forms ? { formsDir: opts.forms } : {}),
    ...(opts.surveyNotRun ? { surveyNotRun: true } : {}),
    ...(checked.appraisals ? { appraisals: { byCode: uniqueOverlays(checked.appraisals), round: opts.round ?? 'final' } } : {}),
    ...(opts.cache !== undefined ? { cacheDir: resolve(opts.cache) } : {}),
  };
  // Worker threads write forms and cache entries there: on Ctrl-C their temporary files are swept from it.
  if (opts.forms) watchFolder(resolve(opts.forms));
  if (opts.cache !== undefined) for (const f of new UnitCache(resolve(opts.cache)).folders) watchFolder(f);
  const bar = showProgress ? progressBar(process.stderr, t.scoring) : undefined;
  const scored = await runPool(paths, setup, { jobs: checked.jobs, ...(bar ? { onProgress: bar.update } : {}) });
  bar?.end();

  // A catalog of several unit types ranks each type apart unless it says otherwise (rank_across_types).
  const byType = checked.groupBy === null && opts.groupBy === undefined && [...scored.catalogs.values()].some((m) => m.byType);
  const report = buildReport(scored.outcomes, expanded.problems, scored.catalogs, {
    groupBy: byType ? 'type' : checked.groupBy,
    ...(checked.failUnder !== undefined ? { failUnder: checked.failUnder } : {}),
    ...(checked.previous ? { previous: checked.previous } : {}),
    ...(checked.appraisals
      ? { appraisals: { round: opts.round ?? 'final', allowUnappraised: Boolean(opts.allowUnappraised), source: opts.appraisals!, overlays: checked.appraisals.overlays } }
      : {}),
  });
  const ranked = report.groups.flatMap((g) => g.units);
  // What the ranking was made from: the catalog, the --compare file; each unit's hash is in its entry.
  const made = provenance(report.catalog, opts.compare !== undefined ? [opts.compare] : []);

  let stderr = formatAll(report.invalid.flatMap((f) => f.findings), ctx.lang);
  stderr += formatAll(report.appraisals?.invalid.flatMap((f) => f.findings) ?? [], ctx.lang);
  stderr += formatAll(report.below, ctx.lang);
  const failedWrites: Finding[] = [];
  const wrote: string[] = [];

  if (opts.xlsx) {
    if (!ranked.length) wrote.push(t.noXlsx(opts.xlsx));
    else {
      const { writeRanking } = await import('../workbook/ranking.js');
      const { saveStreamed } = await import('../xlsx/stream-writer.js');
      const catalogFiles = [...scored.catalogs.values()].map((m) => m.file);
      const overlays = ranked.flatMap((u) => (u.appraisal ? [{ file: u.appraisal.file, sha256: u.appraisal.sha256 }] : []));
      const prov = { ...made, inputs: [...made.inputs, ...ranked.map((u) => ({ file: u.file, sha256: u.sha256 ?? null })), ...overlays] };
      // Streamed: a province's ranking is written row by row, its memory flat in the number of units.
      const failed = await saveStreamed(opts.xlsx, [...inputFiles, ...catalogFiles], prov, (book) => writeRanking(report, book));
      if (failed.length) failedWrites.push(...failed);
      else wrote.push(t.wroteXlsx(opts.xlsx));
    }
  }
  if (opts.html) {
    if (!ranked.length) wrote.push(t.noXlsx(opts.html));
    else {
      const { districtHtml } = await import('../reporters/html/district.js');
      const catalogFiles = [...scored.catalogs.values()].map((m) => m.file);
      const failed = await writeAtomically(opts.html, districtHtml(rankingJson(report, made), { lang: ctx.lang }), [...inputFiles, ...catalogFiles]);
      if (failed.length) failedWrites.push(...failed);
      else wrote.push(t.wroteHtml(opts.html));
    }
  }
  if (opts.forms && ranked.length) {
    // A form must not land on any input (a filled .xlsx template among the units) nor on the ranking.
    const { planForms } = await import('../batch/forms.js');
    const plan = planForms(ranked, opts.forms);
    failedWrites.push(...plan.clashes);
    const isInput = await inputGuard([...inputFiles, ...[...scored.catalogs.values()].map((m) => m.file), opts.xlsx, opts.output]);
    // Each form was made while its unit was scored: put in place now, the others thrown away below.
    const staged = new Map(paths.map((p, i) => [p, scored.forms[i] ?? null]));
    let placed = 0;
    for (const f of plan.write) {
      const form = staged.get(f.path) ?? null;
      if (await isInput(f.target)) failedWrites.push({ ...finding('output.is_input', [], { file: f.target }), file: f.target });
      else if (form && 'findings' in form) failedWrites.push(...form.findings);
      else if (form) {
        const failed = await commitStaged(form.tmp, f.target);
        failedWrites.push(...failed);
        if (!failed.length) placed++;
      }
    }
    wrote.push(t.wroteForms(placed, opts.forms));
  }
  // Forms of units not ranked, clashing or refused, and any a stopped worker left: none of this run's writes there is in flight.
  if (opts.forms) sweepFolder(resolve(opts.forms));
  stderr += formatAll(failedWrites, ctx.lang);
  const empty = expanded.problems.length;
  stderr += `${t.done(report.summary.ranked, report.summary.files, report.summary.invalid - empty, empty)}\n`;
  if (report.appraisals) stderr += `${t.appraised(report.appraisals.appraised, report.summary.ranked, report.appraisals.files)}\n`;
  if (report.summary.warnings) stderr += `${t.warnings(report.summary.warnings)}\n`;
  stderr += wrote.map((w) => `${w}\n`).join('');

  const stdout =
    opts.format === 'json'
      ? rankingJsonText(report, made)
      : opts.format === 'csv' || opts.format === 'csv-vi'
        ? rankingCsv(report, opts.format, ctx.lang)
        : rankingText(report, ctx);
  const exitCode = batchExitCode(report, failedWrites);
  return deliver({ exitCode, stdout, stderr }, opts.output, [...inputFiles, ...[...scored.catalogs.values()].map((m) => m.file)], ctx);
}
