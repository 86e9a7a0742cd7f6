import type { Finding } from './findings/finding.js';
import { finding } from './findings/codes.js';
import { PublishedResult } from './schema/published.js';
import { zodFindings } from './validate/zod-findings.js';
import type { Doc } from './source.js';

/** One file a published result was made from, with the SHA-256 it had then. */
export interface Recorded {
  file: string;
  sha256: string | null;
  role: 'unit' | 'appraisal' | 'input';
}

export interface Published {
  cchc: string;
  catalog: { id: string; sha256: string | null } | null;
  files: Recorded[];
}

/**
 * The files a published result names: its inputs (a unit and its overlay, or the --compare file) and,
 * for a ranking, every unit file and overlay. Each file once, in the order the result names them.
 */
export function publishedFiles(doc: Doc): { published: Published } | { findings: Finding[] } {
  const data = doc.data as { formatVersion?: unknown; provenance?: unknown } | null;
  // A result from before provenance (format 1), or not a cchc result at all: one clear message.
  if (!data || typeof data !== 'object' || data.formatVersion !== 2 || !data.provenance) return { findings: doc.locate([finding('verify.no_provenance', [])]) };
  const res = PublishedResult.safeParse(doc.data);
  if (!res.success) return { findings: doc.locate(zodFindings(res.error.issues, doc.data)) };
  const p = res.data.provenance;
  const files: Recorded[] = [];
  const seen = new Set<string>();
  const add = (file: string, sha256: string | null, role: Recorded['role']) => {
    if (seen.has(file)) return;
    seen.add(file);
    files.push({ file, sha256, role });
  };
  // A score result's inputs are the unit file and its overlay; a ranking's, the --compare file.
  const scoreResult = res.data.units === undefined;
  p.inputs.forEach((f, i) => add(f.file, f.sha256, scoreResult ? (i === 0 ? 'unit' : 'appraisal') : 'input'));
  for (const u of res.data.units ?? []) {
    add(u.file, u.sha256, 'unit');
    if (u.appraisal) add(u.appraisal.file, u.appraisal.sha256, 'appraisal');
  }
  return { published: { cchc: p.cchc, catalog: p.catalog, files } };
}
