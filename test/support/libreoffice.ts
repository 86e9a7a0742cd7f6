import { spawn } from 'node:child_process';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';

export type CellValue = string | number | null;

const TIMEOUT_MS = 120_000;

/** Path of LibreOffice's `soffice` (or `libreoffice`) on PATH or in the usual install places. */
export function findSoffice(): string | undefined {
  return findTool(['soffice', 'libreoffice'], ['/opt/libreoffice/program']);
}

/** Path of poppler's `pdftotext` (poppler-utils, installed by .ci/setup). */
export function findPdftotext(): string | undefined {
  return findTool(['pdftotext'], []);
}

function findTool(names: string[], extra: string[]): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin', ...extra];
  for (const dir of dirs) {
    for (const name of names) {
      const p = join(dir, name);
      try {
        accessSync(p, constants.X_OK);
        return p;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

// 0 = "always recalculate" on load, for both OOXML and ODF, so cached results in the file are never trusted.
// The locale is set too (default en-US): what a reader with English regional settings sees.
const registry = (locale: string) => `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>${locale}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>${locale}</value></prop></item>
</oor:items>
`;

/**
 * Opens every file of `inputs` in one headless LibreOffice launch (its start-up is most of a
 * conversion's cost) with a throwaway profile that forces a full recalculation on load, and saves each
 * with `filter` (`xlsx:Calc MS Excel 2007 XML`, `pdf`, `ods`) under `locale` into `outDir`. Returns
 * the converted files in the order of `inputs`; throws when LibreOffice fails or leaves one out.
 */
export async function convertMany(inputs: readonly string[], filter: string, o: { outDir: string; locale?: string }): Promise<string[]> {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) not found; run .ci/setup');
  const work = mkdtempSync(join(tmpdir(), 'cchc-lo-'));
  try {
    const profile = join(work, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), registry(o.locale ?? 'en-US'));
    // Plain ASCII input names: each output is named after its input, whatever the caller's paths look like.
    const named = inputs.map((input, i) => {
      const copy = join(work, `in-${i + 1}${extname(input) || '.xlsx'}`);
      copyFileSync(input, copy);
      return copy;
    });
    const outDir = join(work, 'out');
    mkdirSync(outDir);
    await run(soffice, [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless', '--norestore', '--nolockcheck', '--nodefault',
      '--convert-to', filter,
      '--outdir', outDir, ...named,
    ], { ...process.env, HOME: work, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' });
    const ext = filter.split(':')[0]!;
    mkdirSync(o.outDir, { recursive: true });
    return inputs.map((input, i) => {
      const out = join(outDir, `in-${i + 1}.${ext}`);
      if (!existsSync(out)) throw new Error(`LibreOffice wrote no output for ${input}`);
      const kept = join(o.outDir, `${i + 1}-${basename(input).replace(/\.[^.]*$/, '')}.${ext}`);
      copyFileSync(out, kept);
      return kept;
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Each sheet's values of a workbook LibreOffice has recalculated and saved, row-major, [0][0] = A1; empty cells are null. */
export async function readValues(xlsxPath: string): Promise<Record<string, CellValue[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxPath);
  const values: Record<string, CellValue[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: CellValue[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells[c - 1] = plain(cell.value);
      });
      rows[r - 1] = Array.from({ length: cells.length }, (_, i) => cells[i] ?? null);
    });
    values[ws.name] = Array.from({ length: rows.length }, (_, i) => rows[i] ?? []);
  }
  return values;
}

export interface PrintedWord {
  page: number;
  xMin: number;
  xMax: number;
  yMin: number;
  text: string;
}

/**
 * A PDF LibreOffice printed, read back with pdftotext: each page's text as laid out, and every word
 * with its position in points (for lengths: the rules under the header lines).
 */
export async function readPrint(pdf: string): Promise<{ pages: string[]; words: PrintedWord[] }> {
  const pdftotext = findPdftotext();
  if (!pdftotext) throw new Error('pdftotext (poppler-utils) not found; run .ci/setup');
  const layout = await capture(pdftotext, ['-layout', pdf, '-']);
  const pages = layout.split('\f').slice(0, -1);
  const html = await capture(pdftotext, ['-bbox', pdf, '-']);
  const words: PrintedWord[] = [];
  html.split('<page ').slice(1).forEach((page, i) => {
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
      words.push({ page: i + 1, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), text: unescapeXml(m[4]!) });
    }
  });
  return { pages, words };
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** One file through convertMany, into a folder removed afterwards. */
async function convertOne<T>(input: string, filter: string, locale: string, read: (out: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-lo-out-'));
  try {
    const [out] = await convertMany([input], filter, { outDir: dir, locale });
    return await read(out!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Opens `xlsx` in headless LibreOffice, recalculates every formula, saves it back as .xlsx and reads
 * it with exceljs: the cached results are then LibreOffice's. One launch per call: where several
 * workbooks are checked, convertMany + readValues share one.
 */
export function recalcWithLibreOffice(xlsxPath: string): Promise<Record<string, CellValue[][]>> {
  return convertOne(xlsxPath, XLSX_FILTER, 'en-US', readValues);
}

/** Prints `xlsx` to PDF under `locale` (en-US: a reader whose regional settings use a decimal point) and reads it back. */
export function printWithLibreOffice(xlsxPath: string, locale = 'en-US'): Promise<{ pages: string[]; words: PrintedWord[] }> {
  if (!findPdftotext()) throw new Error('pdftotext (poppler-utils) not found; run .ci/setup');
  return convertOne(xlsxPath, 'pdf', locale, readPrint);
}

export const XLSX_FILTER = 'xlsx:Calc MS Excel 2007 XML';

/** recalcWithLibreOffice for several workbooks in one LibreOffice launch. */
export async function recalcAllWithLibreOffice(xlsxPaths: readonly string[]): Promise<Array<Record<string, CellValue[][]>>> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-lo-out-'));
  try {
    const outs = await convertMany(xlsxPaths, XLSX_FILTER, { outDir: dir });
    return await Promise.all(outs.map(readValues));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function capture(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited with ${code}\n${err}`))));
  });
}

/**
 * Opens `input` in headless LibreOffice and saves it as `format` at `output`, as a person re-saving a
 * workbook would: LibreOffice writes its own number formats, styles and validations. `locale` sets
 * LibreOffice's locale (vi-VN: decimal comma), which decides how it writes and reads number formats.
 */
export async function resaveWithLibreOffice(input: string, output: string, o: { format?: 'xlsx' | 'ods'; locale?: string } = {}): Promise<void> {
  const format = o.format ?? 'xlsx';
  await convertOne(input, format === 'xlsx' ? XLSX_FILTER : 'ods', o.locale ?? 'en-US', async (out) => copyFileSync(out, output));
}

/**
 * A cell's value as a plain string/number: formula cells give their (recalculated) result,
 * booleans 'TRUE'/'FALSE', errors their code ('#DIV/0!'), date-formatted numbers their serial number.
 */
function plain(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.getTime() / 86_400_000 + 25_569; // exceljs turned the serial into a Date
  if ('formula' in v || 'sharedFormula' in v) {
    // LibreOffice writes a formula's "" result as <v></v>, which exceljs reads as no result at all.
    const r = (v as ExcelJS.CellFormulaValue).result;
    return r === undefined ? '' : plain(r);
  }
  if ('error' in v) return v.error;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return v.text; // hyperlink
  return String(v);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    // Own process group: soffice is a wrapper that forks soffice.bin, and a timeout must kill both.
    const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      reject(new Error(`LibreOffice timed out after ${TIMEOUT_MS / 1000}s\n${output}`));
    }, TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`LibreOffice exited with ${code}\n${output}`));
    });
  });
}

/** Whether LibreOffice Writer is installed (it converts Word documents; Calc alone does not). */
export function hasWriter(): boolean {
  const soffice = findSoffice();
  if (!soffice) return false;
  try {
    accessSync('/usr/lib/libreoffice/program/libswlo.so', constants.R_OK);
    return true;
  } catch {
    return soffice.startsWith('/opt/') || process.platform !== 'linux';
  }
}

/**
 * Prints several documents (.docx, .xlsx) to PDF in one LibreOffice launch and reads each back with
 * pdftotext -layout: the text of each, pages separated by form feeds, in the order given.
 */
export async function printAll(paths: readonly string[]): Promise<string[]> {
  const soffice = findSoffice();
  const pdftotext = findPdftotext();
  if (!soffice || !pdftotext) throw new Error('LibreOffice (soffice) or pdftotext not found; run .ci/setup');
  const work = mkdtempSync(join(tmpdir(), 'cchc-lo-'));
  try {
    const profile = join(work, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), registry('vi-VN'));
    const inputs = paths.map((p, i) => {
      const ext = p.slice(p.lastIndexOf('.'));
      const input = join(work, `in${i}${ext}`);
      copyFileSync(p, input);
      return input;
    });
    const outDir = join(work, 'out');
    mkdirSync(outDir);
    await run(
      soffice,
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--nolockcheck', '--nodefault', '--convert-to', 'pdf', '--outdir', outDir, ...inputs],
      { ...process.env, HOME: work, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
    );
    const texts: string[] = [];
    for (let i = 0; i < inputs.length; i++) texts.push(await capture(pdftotext, ['-layout', join(outDir, `in${i}.pdf`), '-']));
    return texts;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
