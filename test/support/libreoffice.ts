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
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin', '/opt/libreoffice/program'];
  for (const dir of dirs) {
    for (const name of ['soffice', 'libreoffice']) {
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
const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Opens `xlsx` in headless LibreOffice with a throwaway profile that forces a full recalculation,
 * saves it back as .xlsx and reads it with exceljs: the cached results are then LibreOffice's.
 * Returns each sheet's values, row-major, [0][0] = A1. Empty cells are null.
 */
export async function recalcWithLibreOffice(xlsxPath: string): Promise<Record<string, CellValue[][]>> {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) not found; run .ci/setup');
  const work = mkdtempSync(join(tmpdir(), 'cchc-lo-'));
  try {
    const profile = join(work, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), REGISTRY);
    // A plain ASCII input name: the output is named after it, whatever the caller's path looks like.
    const input = join(work, 'in.xlsx');
    copyFileSync(xlsxPath, input);
    const outDir = join(work, 'out');
    mkdirSync(outDir);
    await run(soffice, [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless', '--norestore', '--nolockcheck', '--nodefault',
      '--convert-to', 'xlsx:Calc MS Excel 2007 XML',
      '--outdir', outDir, input,
    ], { ...process.env, HOME: work, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' });
    if (!readdirSync(outDir).includes('in.xlsx')) throw new Error(`LibreOffice wrote no output for ${xlsxPath}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(outDir, 'in.xlsx'));
    const out: Record<string, CellValue[][]> = {};
    for (const ws of wb.worksheets) {
      const rows: CellValue[][] = [];
      ws.eachRow({ includeEmpty: true }, (row, r) => {
        const cells: CellValue[] = [];
        row.eachCell({ includeEmpty: true }, (cell, c) => {
          cells[c - 1] = plain(cell.value);
        });
        rows[r - 1] = Array.from({ length: cells.length }, (_, i) => cells[i] ?? null);
      });
      out[ws.name] = Array.from({ length: rows.length }, (_, i) => rows[i] ?? []);
    }
    return out;
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
