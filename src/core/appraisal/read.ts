import { Appraisal } from '../schema/appraisal.js';
import type { Finding, YamlPath } from '../findings/finding.js';
import { finding } from '../findings/codes.js';
import { zodFindings } from '../validate/zod-findings.js';
import { fileKind } from '../file-kind.js';
import type { Doc } from '../source.js';

/** An appraisal overlay as read: the checked object, or why not, with positions for later findings. */
export interface LoadedAppraisal {
  /** The path as given (an input of the command, never written over). */
  path: string;
  /** The file as shown to the user. */
  file: string;
  appraisal?: Appraisal;
  /** Gives findings about this file their position (set whenever the file could be parsed). */
  locate?: (findings: readonly Finding[]) => Finding[];
  findings: Finding[];
  /** The unit code as written, when it could be read: a batch pairs overlays with units by it. */
  code?: string;
}

/** The criterion a finding about `rounds.<round>.items.<code>` is about, for the `[tiêu chí …]` label. */
export function itemOfPath(path: YamlPath): string | undefined {
  return path[0] === 'rounds' && path[2] === 'items' && typeof path[3] === 'string' ? path[3] : undefined;
}

const labelled = (fs: readonly Finding[]): Finding[] =>
  fs.map((f) => {
    const item = f.item ?? itemOfPath(f.path);
    return item === undefined ? f : { ...f, item };
  });

/** The unit code of an overlay's data, as a batch needs it even when the rest is broken. */
function codeOf(data: unknown): string | undefined {
  const unit = (data as { unit?: unknown } | undefined)?.unit;
  const code = unit && typeof unit === 'object' ? (unit as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.trim() ? code.normalize('NFC').trim() : undefined;
}

/** Schema for an overlay document. A catalog or a unit's evidence given instead is named as such. */
export function appraisalFromDoc(doc: Doc, path: string): LoadedAppraisal {
  const locate = (fs: readonly Finding[]) => doc.locate(labelled(fs));
  const base = { path, file: doc.file };
  const kind = fileKind(doc.data);
  if (kind === 'catalog' || kind === 'evidence') return { ...base, locate, findings: locate([finding('file.not_appraisal', [], { what: kind })]) };
  const code = codeOf(doc.data);
  const res = Appraisal.safeParse(doc.data);
  if (!res.success) {
    const unit = (doc.data as { unit?: { code?: unknown } } | undefined)?.unit;
    // `code: 20101` is a number to YAML: the same error as in the unit's file, quoting the code as typed.
    const unquoted = typeof unit?.code === 'number' ? [finding('evidence.code_unquoted', ['unit', 'code'], { code: doc.sourceText?.(['unit', 'code']) ?? String(unit.code) })] : [];
    const issues = unquoted.length ? res.error.issues.filter((i) => !(i.path[0] === 'unit' && i.path[1] === 'code')) : res.error.issues;
    return { ...base, locate, findings: locate([...unquoted, ...zodFindings(issues, doc.data)]), ...(code ? { code } : {}) };
  }
  return { ...base, appraisal: res.data, locate, findings: [], code: res.data.unit.code.normalize('NFC').trim() };
}
