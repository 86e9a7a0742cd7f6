import { dirname, resolve } from 'node:path';
import { evidenceFromDoc, type LoadedEvidence } from '../core/pipeline.js';
import { displayPath } from './paths.js';
import { parseYamlDoc, readYamlDoc, type ParsedDoc } from './yaml-file.js';

function fromParsed(parsed: ParsedDoc, path: string): LoadedEvidence {
  const dir = dirname(resolve(path));
  if (!parsed.doc) return { path, dir, findings: parsed.findings };
  return evidenceFromDoc(parsed.doc, path, dir);
}

/** A unit's evidence file (YAML), read and checked against the schema; its catalog is read from its folder. */
export async function readEvidenceYaml(path: string): Promise<LoadedEvidence> {
  return fromParsed(await readYamlDoc(displayPath(path)), path);
}

/** The same, for text already read (batch workers read synchronously). */
export function parseEvidenceText(text: string, path: string): LoadedEvidence {
  return fromParsed(parseYamlDoc(text, displayPath(path)), path);
}
