import { lstat, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import { isWorkbookPath } from '../core/file-kind.js';
import { Catalogs, type CatalogSource } from '../core/pipeline.js';
import { catalogPath, knownCatalogIds, looksLikePath } from './catalog-store.js';
import { readCompiled } from './compiled-catalog.js';
import { displayPath } from './paths.js';
import { readText } from './text-file.js';
import { parseYaml, yamlDoc } from './yaml-file.js';

const SYSTEM_DIRS = ['/dev', '/proc', '/sys'];
const inSystemDir = (p: string) => sep === '/' && SYSTEM_DIRS.some((d) => p === d || p.startsWith(`${d}/`));
const isLink = (p: string) => lstat(p).then((s) => s.isSymbolicLink(), () => false);

/**
 * Where a catalog reference may lead (the `catalog:` of an evidence file, which may come from anyone,
 * or --catalog): a regular file named .yaml or .yml, not under /dev, /proc or /sys, also once
 * symbolic links are followed. Checked with stat and realpath before anything is opened: opening a
 * FIFO waits for a writer, a device reads without end, /proc files echo the process's secrets.
 * A missing file is left to the reading, which names it as before.
 */
async function refusedCatalogPath(path: string): Promise<Finding | undefined> {
  const refused = (why: string) => finding('catalog.file_refused', ['catalog'], { file: displayPath(path), why });
  if (inSystemDir(path)) return refused('system');
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
    return code === 'ELOOP' || (code === 'ENOENT' && (await isLink(path))) ? refused('broken_link') : undefined;
  }
  if (inSystemDir(real)) return refused('system');
  const st = await stat(real).catch(() => undefined);
  if (st && !st.isFile()) return refused(st.isDirectory() ? 'is_directory' : 'not_regular');
  if (!/\.ya?ml$/i.test(path) || !/\.ya?ml$/i.test(real)) return refused('not_yaml');
  return undefined;
}

/**
 * Catalogs on disk: ids in ./criteria, CCHC_CRITERIA and the shipped folder (catalog-store.ts), paths
 * relative to the file that names them. Problems with the reference itself come without a file.
 */
export const diskCatalogSource: CatalogSource = {
  resolve: catalogPath,
  async read(path, ref) {
    const file = displayPath(path);
    if (isWorkbookPath(path)) return { findings: [finding('file.not_catalog', ['catalog'], { file, what: 'workbook' })] };
    const refused = await refusedCatalogPath(path);
    if (refused) return { findings: [refused] };
    const read = await readText(file);
    if (read.text === undefined) {
      const missing = read.findings.find((f) => f.code === 'file.not_found' || f.code === 'file.is_directory');
      if (missing && !looksLikePath(ref)) return { findings: [finding('catalog.not_found', ['catalog'], { id: ref, known: knownCatalogIds().join(', ') || '—' })] };
      if (missing) return { findings: [finding('catalog.file_not_found', ['catalog'], { file })] };
      // The file changed between the checks and the reading, or cannot be read: still about the reference.
      const unusable = read.findings.find((f) => f.line === undefined && f.code.startsWith('file.'));
      if (unusable) {
        const why = unusable.code.slice('file.'.length);
        return { findings: [finding('catalog.file_refused', ['catalog'], { ...unusable.args, file, why })] };
      }
      return { findings: read.findings };
    }
    const compiled = await readCompiled(path, read.text);
    if (compiled) return { compiled };
    const parsed = parseYaml(read.text, file);
    if (!parsed.source || parsed.data === undefined) return { findings: parsed.findings };
    return { doc: yamlDoc(parsed.source, parsed.data) };
  },
};

/** A fresh cache of catalogs read from disk, for one command or one batch worker. */
export function diskCatalogs(): Catalogs {
  return new Catalogs(diskCatalogSource);
}
