import { appraisalFromDoc, type LoadedAppraisal } from '../core/appraisal/read.js';
import { displayPath } from './paths.js';
import { parseYamlDoc, readYamlDoc, type ParsedDoc } from './yaml-file.js';

function fromParsed(parsed: ParsedDoc, path: string): LoadedAppraisal {
  if (!parsed.doc) return { path, file: displayPath(path), findings: parsed.findings };
  return appraisalFromDoc(parsed.doc, path);
}

/** An appraisal overlay (YAML), read and checked against its schema. */
export async function readAppraisalYaml(path: string): Promise<LoadedAppraisal> {
  return fromParsed(await readYamlDoc(displayPath(path)), path);
}

/** The same, for text already read (batch workers read synchronously). */
export function parseAppraisalText(text: string, path: string): LoadedAppraisal {
  return fromParsed(parseYamlDoc(text, displayPath(path)), path);
}
