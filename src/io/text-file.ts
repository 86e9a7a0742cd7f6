import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { lstat, open, stat } from 'node:fs/promises';
import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import { decodeText } from './decode-text.js';

/** Larger inputs are refused rather than parsed for seconds: a unit file is ~20 KB, a catalog ~100 KB. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** A saved result (`cchc batch --json`) is read with JSON.parse, not YAML: ~1,5 KB a unit, 15 MB for 10 000 units. */
export const MAX_RESULT_BYTES = 64 * 1024 * 1024;

export interface TextRead {
  text?: string;
  findings: Finding[];
}

// A FIFO swapped in between stat and open must not block the open: O_NONBLOCK (not on Windows, which has no FIFOs,
// though @types/node declares it everywhere).
const OPEN_FLAGS = constants.O_RDONLY | ('O_NONBLOCK' in constants ? constants.O_NONBLOCK : 0);

function errno(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e);
}

const at = (f: Finding, file: string): Finding => ({ ...f, file });

/**
 * What is wrong with a file before a byte is read. A device or FIFO is never opened: opening a FIFO
 * waits for a writer, and a device (/dev/zero) reports size 0 and reads without end.
 */
function refuse(st: Stats, file: string, limit: number): TextRead | undefined {
  if (st.isDirectory()) return { findings: [at(finding('file.is_directory', []), file)] };
  if (!st.isFile()) return { findings: [at(finding('file.not_regular', []), file)] };
  if (st.size > limit) return { findings: [at(finding('file.too_large', [], { size: st.size, limit }), file)] };
  return undefined;
}

function decoded(bytes: Uint8Array, file: string): TextRead {
  const d = decodeText(bytes);
  if ('text' in d) return { text: d.text, findings: [] };
  return { findings: [{ ...finding('file.not_utf8', []), file, line: d.line, column: d.column }] };
}

/** `isLink` tells a broken symbolic link (a folder listing shows it) from a file that is not there. */
function failed(e: unknown, file: string, isLink: () => boolean): TextRead {
  const code = errno(e);
  if (code === 'ELOOP' || (code === 'ENOENT' && isLink())) return { findings: [at(finding('file.broken_link', []), file)] };
  if (code === 'ENOENT' || code === 'ENOTDIR') return { findings: [at(finding('file.not_found', []), file)] };
  if (code === 'EISDIR') return { findings: [at(finding('file.is_directory', []), file)] };
  return { findings: [at(finding('file.unreadable', [], { reason: code }), file)] };
}

const tooLarge = (size: number, file: string, limit: number): TextRead => ({
  findings: [at(finding('file.too_large', [], { size, limit }), file)],
});

/** Room for the whole file and one byte more, so the end is seen in one read; files under /proc report size 0. */
const firstBuffer = (st: Stats): Buffer => Buffer.allocUnsafe(Math.max(st.size + 1, 4096));

function grow(buf: Buffer, n: number, limit: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, limit + 1));
  buf.copy(bigger, 0, 0, n);
  return bigger;
}

/** Reads a text file (UTF-8, or UTF-16 with its mark) as NFC text, turning every failure into findings. */
export async function readText(file: string, limit = MAX_FILE_BYTES): Promise<TextRead> {
  try {
    const bad = refuse(await stat(file), file, limit);
    if (bad) return bad;
    const handle = await open(file, OPEN_FLAGS);
    try {
      const st = await handle.stat();
      const again = refuse(st, file, limit);
      if (again) return again;
      let buf = firstBuffer(st);
      let n = 0;
      for (;;) {
        if (n === buf.length) buf = grow(buf, n, limit);
        const { bytesRead } = await handle.read(buf, n, buf.length - n, null);
        if (bytesRead === 0) break;
        n += bytesRead;
        if (n > limit) return tooLarge(n, file, limit);
      }
      return decoded(buf.subarray(0, n), file);
    } finally {
      await handle.close();
    }
  } catch (e) {
    const link = await lstat(file).then(
      (s) => s.isSymbolicLink(),
      () => false,
    );
    return failed(e, file, () => link);
  }
}

/** The bytes of a file (at most MAX_FILE_BYTES), with the same checks and findings as `readText`. */
export interface BytesRead {
  bytes?: Buffer;
  findings: Finding[];
}

/**
 * `readText`, synchronously: the same checks and findings. A batch reads thousands of small files in
 * worker threads that have nothing else to do, and the promise round trips of the async version cost
 * about a tenth of a worker's time.
 */
export function readTextSync(file: string): TextRead {
  const read = readBytesSync(file);
  return read.bytes === undefined ? { findings: read.findings } : decoded(read.bytes, file);
}

/** The text of bytes read by `readBytesSync`: NFC, or where they stop being text. */
export function textOf(bytes: Uint8Array, file: string): TextRead {
  return decoded(bytes, file);
}

const scratch = Buffer.allocUnsafe(1 << 16);

/**
 * The SHA-256 of a file's bytes, read through one buffer kept for the purpose (a re-run over a --cache
 * hashes thousands of files); undefined for anything `readBytesSync` would refuse (a file over `limit`
 * bytes too), which the caller then reads that way to say why.
 */
export function sha256FileSync(file: string, limit = MAX_FILE_BYTES): string | undefined {
  return hashFileSync(file, limit)?.sha256;
}

/** `sha256FileSync`, with the file's status as opened (before its bytes were read): what a file signature records. */
export function hashFileSync(file: string, limit = MAX_FILE_BYTES): { sha256: string; stats: Stats } | undefined {
  let fd: number | undefined;
  try {
    if (refuse(statSync(file), file, limit)) return undefined;
    fd = openSync(file, OPEN_FLAGS);
    const stats = fstatSync(fd);
    if (refuse(stats, file, limit)) return undefined;
    const hash = createHash('sha256');
    let n = 0;
    for (;;) {
      const got = readSync(fd, scratch, 0, scratch.length, null);
      if (got === 0) break;
      n += got;
      if (n > limit) return undefined;
      hash.update(scratch.subarray(0, got));
    }
    return { sha256: hash.digest('hex'), stats };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `readTextSync` before decoding: a batch hashes the very bytes it scores. */
export function readBytesSync(file: string): BytesRead {
  let fd: number | undefined;
  try {
    const bad = refuse(statSync(file), file, MAX_FILE_BYTES);
    if (bad) return bad;
    fd = openSync(file, OPEN_FLAGS);
    const st = fstatSync(fd);
    const again = refuse(st, file, MAX_FILE_BYTES);
    if (again) return again;
    let buf = firstBuffer(st);
    let n = 0;
    for (;;) {
      if (n === buf.length) buf = grow(buf, n, MAX_FILE_BYTES);
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > MAX_FILE_BYTES) return tooLarge(n, file, MAX_FILE_BYTES);
    }
    return { bytes: buf.subarray(0, n), findings: [] };
  } catch (e) {
    return failed(e, file, () => {
      try {
        return lstatSync(file).isSymbolicLink();
      } catch {
        return false;
      }
    });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
