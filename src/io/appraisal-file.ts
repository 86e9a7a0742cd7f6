import { appraisalFromDoc, type LoadedAppraisal } from '../core/appraisal/read.js';
import { displayPath } from './paths.js';
import { parseYaml, readYaml, yamlDoc, type Parsed } from './yaml-file.js';

function fromParsed(parsed: Parsed, path: string): LoadedAppraisal {
  if (!parsed.source || parsed.data === undefined) return { path, file: displayPath(path), findings: parsed.findings };
  return appraisalFromDoc(yamlDoc(parsed.source, parsed.data), path);
}

/** An appraisal overlay (YAML), read and checked against its schema. */
export async function readAppraisalYaml(path: string): Promise<LoadedAppraisal> {
  return fromParsed(await readYaml(displayPath(path)), path);
}

/** The same, for text already read (batch workers read synchronously). */
export function parseAppraisalText(text: string, path: string): LoadedAppraisal {
  return fromParsed(parseYaml(text, displayPath(path)), path);
}
