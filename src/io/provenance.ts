import { VERSION } from '../version.js';
import { displayPath } from './paths.js';
import { sha256FileSync } from './text-file.js';

export type { FileHash, Provenance } from '../core/provenance.js';
import type { FileHash, Provenance } from '../core/provenance.js';

/**
 * The SHA-256 of a file's bytes, read again here: the readers keep only decoded text, whose hash is
 * not the file's when it is not valid UTF-8. Only regular files are read (a pipe cannot be read twice).
 */
export function sha256File(path: string): string | null {
  // Read as unit files are hashed (io/text-file.ts): checked with stat first, so a FIFO is never opened and waited on.
  return sha256FileSync(path, Number.MAX_SAFE_INTEGER) ?? null;
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
