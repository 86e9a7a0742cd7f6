import { isWorkbookPath } from '../core/file-kind.js';
import { scoreEvidence, type CatalogOption, type Catalogs, type LoadedEvidence, type UnitScore } from '../core/pipeline.js';
import { readEvidenceYaml } from '../io/evidence-file.js';
import { displayPath } from '../io/paths.js';

/** A unit's evidence from a YAML file or a filled `cchc template` workbook. */
export async function loadUnitFile(path: string, catalogs: Catalogs, option?: CatalogOption): Promise<LoadedEvidence> {
  if (isWorkbookPath(path)) return (await (await import('./read-template.js')).readTemplate(path, displayPath(path), catalogs, option)).loaded;
  return readEvidenceYaml(path);
}

/** Reads and scores one unit file: the pipeline of src/core/pipeline.ts, fed from disk. */
export async function scoreFile(path: string, catalogs: Catalogs, option?: CatalogOption): Promise<UnitScore> {
  return scoreEvidence(await loadUnitFile(path, catalogs, option), catalogs, option);
}
