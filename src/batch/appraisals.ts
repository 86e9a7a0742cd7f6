import type { Finding } from '../core/findings/finding.js';
import { hasErrors } from '../core/findings/finding.js';
import type { OverlayFile } from '../core/batch/appraisals.js';
import type { LoadedAppraisal } from '../core/appraisal/read.js';
import { parseAppraisalText } from '../io/appraisal-file.js';
import { expandInputs } from '../io/inputs.js';
import { displayPath } from '../io/paths.js';
import { readTextSync } from '../io/text-file.js';

/** An overlay read as the batch reads unit files (synchronously, text then YAML). */
export function readOverlaySync(path: string): LoadedAppraisal {
  const read = readTextSync(displayPath(path));
  if (read.text === undefined) return { path, file: displayPath(path), findings: read.findings };
  return parseAppraisalText(read.text, path);
}

/**
 * `--appraisals <dir>`: the overlay files, each with the unit code it names, to pair them with the
 * units by code. Read here once for the code; the worker scoring the unit reads its overlay again to
 * apply it (an overlay is a few KB). Problems with the argument itself (nothing found) come back apart.
 */
export async function findOverlays(source: string): Promise<{ overlays: OverlayFile[]; paths: Map<string, string>; problems: Finding[] }> {
  const { paths, problems } = await expandInputs([source]);
  const overlays: OverlayFile[] = [];
  const byFile = new Map<string, string>();
  for (const path of paths) {
    const loaded = readOverlaySync(path);
    byFile.set(loaded.file, path);
    const [at] = loaded.locate ? loaded.locate([{ code: 'schema.invalid', severity: 'error', path: ['unit', 'code'], args: {} }]) : [];
    const position = { file: loaded.file, ...(at?.line !== undefined ? { line: at.line } : {}), ...(at?.column !== undefined ? { column: at.column } : {}) };
    overlays.push({
      file: loaded.file,
      ...(loaded.code !== undefined ? { code: loaded.code } : {}),
      at: position,
      findings: hasErrors(loaded.findings) && loaded.code === undefined ? loaded.findings.filter((f) => f.severity === 'error') : [],
    });
  }
  return { overlays, paths: byFile, problems };
}
