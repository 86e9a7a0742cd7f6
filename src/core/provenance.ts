/**
 * What a published result was made from, so it can be reproduced and checked later: the cchc version,
 * the catalog (id and the SHA-256 of its file's bytes) and the SHA-256 of each input file.
 */
export interface FileHash {
  file: string;
  /** Hex SHA-256 of the file's bytes; null when it is not a regular file that could be read again. */
  sha256: string | null;
}

export interface Provenance {
  cchc: string;
  catalog: { id: string; sha256: string | null } | null;
  inputs: FileHash[];
}
