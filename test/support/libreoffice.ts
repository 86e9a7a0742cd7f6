import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
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

/** One headless LibreOffice, started once, that converts every file handed to it. */
export interface LibreOffice {
  /**
   * Saves each of `inputs` with `filter` (`xlsx:Calc MS Excel 2007 XML`, `pdf`, `ods`) into `outDir`:
   * the converted files in the order of `inputs`; throws when LibreOffice fails or leaves one out.
   */
  convert(inputs: readonly string[], filter: string, outDir: string): Promise<string[]>;
  /** Stops LibreOffice and removes its profile. */
  close(): Promise<void>;
}

/**
 * Starts headless LibreOffice under `locale` with a throwaway profile that forces a full recalculation
 * on load. Its start-up is most of a conversion's cost (seconds of CPU), so it is started once and kept
 * running with an empty document open; each `convert` is then a `soffice --convert-to` of its own,
 * which LibreOffice hands over through its pipe to the instance already running (the same profile)
 * and which waits until that instance has written the files: any filter, several files per call, for
 * a tenth of a second of CPU. Should the running instance be gone, the call converts by itself:
 * slower, never different.
 */
export async function openLibreOffice(locale = 'en-US'): Promise<LibreOffice> {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) not found; run .ci/setup');
  const work = mkdtempSync(join(tmpdir(), 'cchc-lo-'));
  const profile = join(work, 'profile');
  mkdirSync(join(profile, 'user'), { recursive: true });
  writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), registry(locale));
  // An open document keeps LibreOffice running after the conversions handed to it: a text document
  // (Writer). A workbook open in Calc does not: LibreOffice ends after the first conversion, and the
  // later ones start a LibreOffice each.
  const keep = join(work, hasWriter() ? 'keep.txt' : 'keep.xlsx');
  if (keep.endsWith('.txt')) writeFileSync(keep, 'x\n');
  else {
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('A');
    await empty.xlsx.writeFile(keep);
  }
  const base = [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--nolockcheck', '--nodefault'];
  const env = { ...process.env, HOME: work, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
  // Own process group: soffice is a wrapper that forks soffice.bin, and stopping it must stop both.
  const server = spawn(soffice, [...base, keep], { env, detached: true, stdio: 'ignore' });
  let running = true;
  const exited = new Promise<void>((resolve) =>
    server.on('close', () => {
      running = false;
      resolve();
    }),
  );
  server.on('error', () => undefined);
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', stop);
  // A call made before LibreOffice has opened its pipe would start a LibreOffice of its own, and the
  // one started here would hand its document over to that one and end.
  const pipe = officePipe(profile);
  for (const t0 = Date.now(); running && !pipe.some(existsSync) && Date.now() - t0 < TIMEOUT_MS; ) await new Promise((r) => setTimeout(r, 50));
  let queue: Promise<unknown> = Promise.resolve();
  let calls = 0;

  const convert = async (inputs: readonly string[], filter: string, outDir: string): Promise<string[]> => {
    const n = ++calls;
    const dir = join(work, `call-${n}`);
    mkdirSync(join(dir, 'out'), { recursive: true });
    // Plain ASCII input names: each output is named after its input, whatever the caller's paths look like.
    const named = inputs.map((input, i) => {
      const copy = join(dir, `in-${i + 1}${extname(input) || '.xlsx'}`);
      copyFileSync(input, copy);
      return copy;
    });
    await run(soffice, [...base, '--convert-to', filter, '--outdir', join(dir, 'out'), ...named], env);
    const ext = filter.split(':')[0]!;
    mkdirSync(outDir, { recursive: true });
    return inputs.map((input, i) => {
      const out = join(dir, 'out', `in-${i + 1}.${ext}`);
      if (!existsSync(out)) throw new Error(`LibreOffice wrote no output for ${input}`);
      const kept = join(outDir, `${n}-${i + 1}-${basename(input).replace(/\.[^.]*$/, '')}.${ext}`);
      copyFileSync(out, kept);
      return kept;
    });
  };

  return {
    // One request at a time: the running instance converts them one after another anyway.
    convert(inputs, filter, outDir) {
      const next = queue.then(() => convert(inputs, filter, outDir));
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      await queue;
      stop();
      const timer = setTimeout(() => {
        try {
          process.kill(-server.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
      for (const p of pipe) rmSync(p, { force: true });
      process.removeListener('exit', stop);
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * Where LibreOffice started with `profile` listens for the command lines of later starts: a socket named
 * after the MD5 of the profile's URL (as UTF-16, each byte in hex without leading zero), in /tmp.
 */
function officePipe(profile: string): string[] {
  const md5 = createHash('md5').update(Buffer.from(pathToFileURL(profile).href, 'utf16le')).digest();
  const name = `OSL_PIPE_${process.getuid?.() ?? 0}_SingleOfficeIPC_${[...md5].map((b) => b.toString(16)).join('')}`;
  return ['/tmp', '/var/tmp'].map((d) => join(d, name));
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
  const layout = await readLayout(pdf);
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

/** A PDF's text as pdftotext -layout gives it: pages separated by form feeds. */
export async function readLayout(pdf: string): Promise<string> {
  const pdftotext = findPdftotext();
  if (!pdftotext) throw new Error('pdftotext (poppler-utils) not found; run .ci/setup');
  return capture(pdftotext, ['-layout', pdf, '-']);
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export const XLSX_FILTER = 'xlsx:Calc MS Excel 2007 XML';

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
