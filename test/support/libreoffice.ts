import { spawn } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
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
 * Opens `xlsx` in headless LibreOffice with a throwaway profile that forces a full recalculation,
 * saves it back as .xlsx and reads it with exceljs: the cached results are then LibreOffice's.
 * Returns each sheet's values, row-major, [0][0] = A1. Empty cells are null.
 */
export async function recalcWithLibreOffice(xlsxPath: string): Promise<Record<string, CellValue[][]>> {
  return convert(xlsxPath, 'xlsx:Calc MS Excel 2007 XML', 'en-US', sheetValues);
}

async function sheetValues(out: string): Promise<Record<string, CellValue[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
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

/** recalcWithLibreOffice for several workbooks in one LibreOffice run (one start-up instead of one each). */
export async function recalcAllWithLibreOffice(xlsxPaths: readonly string[]): Promise<Array<Record<string, CellValue[][]>>> {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) not found; run .ci/setup');
  const work = mkdtempSync(join(tmpdir(), 'cchc-lo-'));
  try {
    const profile = join(work, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), registry('en-US'));
    const inputs = xlsxPaths.map((p, i) => {
      const input = join(work, `in${i}.xlsx`);
      copyFileSync(p, input);
      return input;
    });
    const outDir = join(work, 'out');
    mkdirSync(outDir);
    await run(soffice, [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless', '--norestore', '--nolockcheck', '--nodefault',
      '--convert-to', 'xlsx:Calc MS Excel 2007 XML',
      '--outdir', outDir, ...inputs,
    ], { ...process.env, HOME: work, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' });
    const out: Array<Record<string, CellValue[][]>> = [];
    for (let i = 0; i < inputs.length; i++) out.push(await sheetValues(join(outDir, `in${i}.xlsx`)));
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface PrintedWord {
  page: number;
  xMin: number;
  xMax: number;
  yMin: number;
  text: string;
}

/**
 * Prints `xlsx` to PDF in headless LibreOffice under `locale` (en-US by default: a reader whose regional
 * settings use a decimal point) and reads it back with pdftotext: each page's text as laid out, and every
 * word with its position in points (for lengths: the rules under the header lines).
 */
export async function printWithLibreOffice(xlsxPath: string, locale = 'en-US'): Promise<{ pages: string[]; words: PrintedWord[] }> {
  const pdftotext = findPdftotext();
  if (!pdftotext) throw new Error('pdftotext (poppler-utils) not found; run .ci/setup');
  return convert(xlsxPath, 'pdf', locale, async (pdf) => {
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
  });
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Converts with a throwaway profile, hands the output file to `read`, then removes everything. */
async function convert<T>(xlsxPath: string, filter: string, locale: string, read: (out: string) => Promise<T>): Promise<T> {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) not found; run .ci/setup');
  const work = mkdtempSync(join(tmpdir(), 'cchc-lo-'));
  try {
    const profile = join(work, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), registry(locale));
    // A plain ASCII input name: the output is named after it, whatever the caller's path looks like.
    const input = join(work, 'in.xlsx');
    copyFileSync(xlsxPath, input);
    const outDir = join(work, 'out');
    mkdirSync(outDir);
    await run(soffice, [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless', '--norestore', '--nolockcheck', '--nodefault',
      '--convert-to', filter,
      '--outdir', outDir, input,
    ], { ...process.env, HOME: work, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' });
    const ext = filter.split(':')[0]!;
    const out = join(outDir, `in.${ext}`);
    if (!readdirSync(outDir).includes(`in.${ext}`)) throw new Error(`LibreOffice wrote no output for ${xlsxPath}`);
    return await read(out);
  } finally {
    rmSync(work, { recursive: true, force: true });
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
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) not found; run .ci/setup');
  const work = mkdtempSync(join(tmpdir(), 'cchc-lo-'));
  try {
    const profile = join(work, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), registry(o.locale ?? 'en-US'));
    const format = o.format ?? 'xlsx';
    const source = join(work, 'in.xlsx');
    copyFileSync(input, source);
    const outDir = join(work, 'out');
    mkdirSync(outDir);
    const filter = format === 'xlsx' ? 'xlsx:Calc MS Excel 2007 XML' : 'ods';
    const env = { ...process.env, HOME: work, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
    await run(soffice, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--nolockcheck', '--nodefault', '--convert-to', filter, '--outdir', outDir, source], env);
    copyFileSync(join(outDir, `in.${format}`), output);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
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
