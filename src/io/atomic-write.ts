import { randomBytes } from 'node:crypto';
import { rename, stat, unlink, writeFile } from 'node:fs/promises';
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
  typeof e === 'object' && e && 'code' in e ? String((e as { code: unknown }).code) : e instanceof Error ? e.message : String(e);

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

/**
 * Writes bytes (text as UTF-8) so that the file appears whole or not at all: a temporary file in the
 * same folder, then a rename. Refuses to overwrite any of the command's input files. An interrupted
 * run (Ctrl-C) leaves neither the file nor the temporary one.
 */
export async function writeAtomically(out: string, bytes: Buffer | string, inputs: ReadonlyArray<string | undefined>): Promise<Finding[]> {
  const target = resolve(out);
  if (await overwritesInput(target, inputs)) return [{ ...finding('output.is_input', [], { file: out }), file: out }];
  // Checked first: renaming onto a folder fails differently on each system.
  const st = await stat(target).catch(() => undefined);
  if (st?.isDirectory()) return [{ ...finding('output.is_directory', []), file: out }];
  // A device or a pipe (-o /dev/null, -o /dev/stdout, a FIFO) is written to, never renamed over: a
  // rename would replace /dev/null with a regular file. Nothing can be left half-written in them.
  if (st && !st.isFile()) return writeFile(target, bytes).then(() => [], (e: unknown) => [writeFailure(e, out)]);
  if (isStopping()) return [{ ...finding('output.interrupted', []), file: out }];
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const work = (async (): Promise<Finding[]> => {
    try {
      await writeFile(tmp, bytes);
      const delay = testDelay();
      if (delay) await pause(delay);
      if (isStopping()) {
        await unlink(tmp).catch(() => undefined);
        return [{ ...finding('output.interrupted', []), file: out }];
      }
      await rename(tmp, target);
      return [];
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      return [writeFailure(e, out)];
    }
  })();
  return trackWrite(tmp, dirname(target), work);
}
