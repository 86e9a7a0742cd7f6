import { randomBytes } from 'node:crypto';
// Called through the module object, not named imports: a test replaces fs.writeFile with one that
// fails as a full disk or a file open in Excel would (test/cli/write-errors.test.ts).
import fs from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Finding } from '../core/findings/finding.js';
import { finding, type FindingCode } from '../core/findings/codes.js';
import { overwritesInput } from './output-guard.js';
import { isStopping, pause, trackWrite } from './interrupt.js';

/**
 * Test hook, harmless: CCHC_TEST_WRITE_DELAY_MS=2000 waits that long (at most a minute) between
 * writing the temporary file and renaming it, so a test can interrupt cchc mid-write. It changes no
 * output; without it there is no wait.
 */
function testDelay(): number {
  const ms = Number(process.env.CCHC_TEST_WRITE_DELAY_MS ?? 0);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : 0;
}

const errorCode = (e: unknown): string =>
  typeof e === 'object' && e && 'code' in e ? String(e.code) : e instanceof Error ? e.message : String(e);

/**
 * A failed write in plain words, with the system's code kept as `reason`. On Windows, EPERM, EBUSY
 * and EACCES on a file name almost always mean the file is open in Excel.
 */
export function writeFailure(e: unknown, out: string, platform: NodeJS.Platform = process.platform, folder = dirname(out)): Finding {
  const reason = errorCode(e);
  const at = (code: FindingCode, args: Record<string, string> = {}) => ({ ...finding(code, [], { reason, ...args }), file: out });
  switch (reason) {
    case 'EBUSY':
      return at('output.in_use');
    case 'EPERM':
    case 'EACCES':
      return platform === 'win32' ? at('output.in_use') : at('output.not_allowed', { folder });
    case 'ENOENT':
      return at('output.no_folder', { folder });
    case 'ENOTDIR':
    case 'EEXIST':
      return at('output.not_a_folder', { folder });
    case 'EISDIR':
      return { ...finding('output.is_directory', []), file: out };
    case 'ENOSPC':
    case 'EDQUOT':
      return at('output.disk_full');
    case 'EROFS':
      return at('output.read_only');
    case 'ENAMETOOLONG':
      return at('output.name_too_long');
    default:
      return at('output.write_failed');
  }
}

/** Writes a file at `path` piece by piece (a workbook too large to hold in memory); it may throw. */
export type Producer = (path: string) => Promise<void>;

const put = (path: string, bytes: Buffer | string | Producer): Promise<void> => (typeof bytes === 'function' ? bytes(path) : fs.writeFile(path, bytes));

/**
 * Writes bytes (text as UTF-8) so that the file appears whole or not at all: a temporary file in the
 * same folder, then a rename. Refuses to overwrite any of the command's input files. An interrupted
 * run (Ctrl-C) leaves neither the file nor the temporary one. `bytes` may be a Producer that writes the
 * temporary file itself.
 */
export async function writeAtomically(out: string, bytes: Buffer | string | Producer, inputs: ReadonlyArray<string | undefined>): Promise<Finding[]> {
  const target = resolve(out);
  if (await overwritesInput(target, inputs)) return [{ ...finding('output.is_input', [], { file: out }), file: out }];
  // Checked first: renaming onto a folder fails differently on each system.
  const st = await fs.stat(target).catch(() => undefined);
  if (st?.isDirectory()) return [{ ...finding('output.is_directory', []), file: out }];
  // A device or a pipe (-o /dev/null, -o /dev/stdout, a FIFO) is written to, never renamed over: a
  // rename would replace /dev/null with a regular file. Nothing can be left half-written in them.
  if (st && !st.isFile()) return put(target, bytes).then(() => [], (e: unknown) => [writeFailure(e, out)]);
  if (isStopping()) return [{ ...finding('output.interrupted', []), file: out }];
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const work = (async (): Promise<Finding[]> => {
    try {
      await put(tmp, bytes);
      const delay = testDelay();
      if (delay) await pause(delay);
      if (isStopping()) {
        await fs.unlink(tmp).catch(() => undefined);
        return [{ ...finding('output.interrupted', []), file: out }];
      }
      await fs.rename(tmp, target);
      return [];
    } catch (e) {
      await fs.unlink(tmp).catch(() => undefined);
      // A producer stops when cchc is stopping (Ctrl-C): that is no failure of the disk.
      if (isStopping()) return [{ ...finding('output.interrupted', []), file: out }];
      // A producer's own bug (no system error code) is an internal error, not a failed write.
      if (typeof bytes === 'function' && !(typeof e === 'object' && e && 'code' in e)) throw e;
      return [writeFailure(e, out)];
    }
  })();
  return trackWrite(tmp, dirname(target), work);
}

/**
 * The first half of writeAtomically, for a file whose fate is decided later (batch --forms: a form is
 * made while its unit is scored, and put in place only if the unit is ranked and its name is its own).
 * The bytes go to a temporary file beside `out`, named as writeAtomically's are, so that Ctrl-C sweeps
 * it from a watched folder; commitStaged puts it in place (the batch sweeps the unused ones).
 */
export async function stageWrite(out: string, bytes: Buffer | string, inputs: ReadonlyArray<string | undefined>): Promise<{ tmp: string } | { findings: Finding[] }> {
  const target = resolve(out);
  if (await overwritesInput(target, inputs)) return { findings: [{ ...finding('output.is_input', [], { file: out }), file: out }] };
  if (isStopping()) return { findings: [{ ...finding('output.interrupted', []), file: out }] };
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(tmp, bytes);
    return { tmp };
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    return { findings: [writeFailure(e, out)] };
  }
}

/** Puts a staged file in place at `out` (as writeAtomically would have); the temporary file is gone either way. */
export async function commitStaged(tmp: string, out: string): Promise<Finding[]> {
  const target = resolve(out);
  const st = await fs.stat(target).catch(() => undefined);
  try {
    if (st?.isDirectory()) return [{ ...finding('output.is_directory', []), file: out }];
    if (isStopping()) return [{ ...finding('output.interrupted', []), file: out }];
    // A device or a pipe is written to, never renamed over (see writeAtomically).
    if (st && !st.isFile()) return await fs.writeFile(target, await fs.readFile(tmp)).then(() => [], (e: unknown) => [writeFailure(e, out)]);
    const delay = testDelay();
    if (delay) await pause(delay);
    if (isStopping()) return [{ ...finding('output.interrupted', []), file: out }];
    await fs.rename(tmp, target);
    return [];
  } catch (e) {
    return [writeFailure(e, out)];
  } finally {
    await fs.unlink(tmp).catch(() => undefined);
  }
}
