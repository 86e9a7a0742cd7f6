import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { VERSION } from '../version.js';
import { displayPath } from './paths.js';

export type { FileHash, Provenance } from '../core/provenance.js';
import type { FileHash, Provenance } from '../core/provenance.js';

/**
 * The SHA-256 of a file's bytes, read again here: the readers keep only decoded text, whose hash is
 * not the file's when it is not valid UTF-8. Only regular files are read (a pipe cannot be read twice).
 */
export function sha256File(path: string): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    if (!fstatSync(fd).isFile()) return null;
    return createHash('sha256').update(readFileSync(fd)).digest('hex');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// One catalog serves a whole batch (and a thousand forms): hashed once per run.
const catalogHashes = new Map<string, string | null>();

export function catalogSha256(file: string | undefined): string | null {
  if (file === undefined) return null;
  let h = catalogHashes.get(file);
  if (h === undefined) {
    h = sha256File(file);
    catalogHashes.set(file, h);
  }
  return h;
}

export function fileHash(path: string): FileHash {
  return { file: displayPath(path), sha256: sha256File(path) };
}

export function provenance(catalog: { id: string; file?: string | undefined } | null | undefined, inputs: ReadonlyArray<string | FileHash>): Provenance {
  return {
    cchc: VERSION,
    catalog: catalog ? { id: catalog.id, sha256: catalogSha256(catalog.file) } : null,
    inputs: inputs.map((i) => (typeof i === 'string' ? fileHash(i) : i)),
  };
}
