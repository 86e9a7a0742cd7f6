import { dirname, resolve } from 'node:path';
import { evidenceFromDoc, type LoadedEvidence } from '../core/pipeline.js';
import { displayPath } from './paths.js';
import { parseYaml, readYaml, yamlDoc, type Parsed } from './yaml-file.js';

function fromParsed(parsed: Parsed, path: string): LoadedEvidence {
  const dir = dirname(resolve(path));
  if (!parsed.source || parsed.data === undefined) return { path, dir, findings: parsed.findings };
  return evidenceFromDoc(yamlDoc(parsed.source, parsed.data), path, dir);
}

/** A unit's evidence file (YAML), read and checked against the schema; its catalog is read from its folder. */
export async function readEvidenceYaml(path: string): Promise<LoadedEvidence> {
  return fromParsed(await readYaml(displayPath(path)), path);
}

/** The same, for text already read (batch workers read synchronously). */
export function parseEvidenceText(text: string, path: string): LoadedEvidence {
  return fromParsed(parseYaml(text, displayPath(path)), path);
}
