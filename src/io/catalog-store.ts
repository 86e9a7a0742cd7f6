import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path, { type PlatformPath } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where catalogs are found — the one place that decides it. A catalog reference is either a path
 * (relative to the file that writes it) or an id, looked up in order in: ./criteria of the working
 * folder, each folder of CCHC_CRITERIA, then the catalogs shipped with cchc. A province keeps its own
 * catalogs in its own folder without touching the installed package.
 */
export type CatalogSource = 'cwd' | 'env' | 'shipped';

export interface CatalogDir {
  dir: string;
  source: CatalogSource;
}

export const CRITERIA_ENV = 'CCHC_CRITERIA';

/** The folder of shipped catalogs: found by walking up from this module (src/ or the dist/ bundle). */
export function criteriaDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'criteria')) && existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'criteria');
    dir = path.dirname(dir);
  }
  return path.resolve('criteria');
}

/**
 * The folders searched for an id, in order, before looking at the disk: `p` is node:path's posix or
 * win32 flavour (CCHC_CRITERIA is split on its delimiter, `:` or `;`), so both can be tested anywhere.
 */
export function searchOrder(cwd: string, envValue: string | undefined, shipped: string, p: PlatformPath = path): CatalogDir[] {
  const env = (envValue ?? '')
    .split(p.delimiter)
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map((d): CatalogDir => ({ dir: p.resolve(cwd, d), source: 'env' }));
  return [{ dir: p.join(cwd, 'criteria'), source: 'cwd' }, ...env, { dir: shipped, source: 'shipped' }];
}

const real = (dir: string) => {
  try {
    return realpathSync(dir);
  } catch {
    return undefined;
  }
};

const isDir = (dir: string) => {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The search order with only folders that exist, each once: run inside the cchc checkout, ./criteria
 * is the shipped folder, and is labelled so. `missing` lists CCHC_CRITERIA folders that do not exist.
 */
export function catalogDirs(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): { dirs: CatalogDir[]; missing: string[] } {
  const shipped = criteriaDir();
  const shippedReal = real(shipped);
  const seen = new Set<string>();
  const dirs: CatalogDir[] = [];
  const missing: string[] = [];
  for (const s of searchOrder(cwd, env[CRITERIA_ENV], shipped)) {
    const d = s.source === 'env' ? { ...s, dir: onDisk(s.dir) } : s;
    const r = isDir(d.dir) ? real(d.dir) : undefined;
    if (r === undefined) {
      if (d.source === 'env') missing.push(d.dir);
      continue;
    }
    if (seen.has(r)) continue;
    seen.add(r);
    dirs.push(r === shippedReal ? { dir: d.dir, source: 'shipped' } : d);
  }
  return { dirs, missing };
}

/**
 * `dir/name`, or the entry of `dir` with the same name in another Unicode normal form: names typed on
 * macOS are often decomposed (NFD), most other systems write them composed (NFC), and Linux file
 * systems compare bytes.
 */
export function entryIn(dir: string, name: string, p: PlatformPath = path): string | undefined {
  const exact = p.join(dir, name);
  if (existsSync(exact)) return exact;
  const want = name.normalize('NFC');
  if (want === name && name.normalize('NFD') === name) return undefined; // nothing to normalise: no other spelling
  try {
    const hit = readdirSync(dir).find((f) => f.normalize('NFC') === want);
    return hit === undefined ? undefined : p.join(dir, hit);
  } catch {
    return undefined;
  }
}

/** An absolute path as it is on disk, matching each part in either Unicode normal form; as given when not found. */
export function onDisk(file: string, p: PlatformPath = path): string {
  if (existsSync(file)) return file;
  const { root } = p.parse(file);
  let cur = root;
  for (const part of file.slice(root.length).split(p.sep === '\\' ? /[\\/]/ : '/').filter(Boolean)) {
    const hit = entryIn(cur, part, p);
    if (hit === undefined) return file;
    cur = hit;
  }
  return cur;
}

export function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.ya?ml$/i.test(ref);
}

const WINDOWS_DRIVE = /^[A-Za-z]:[\\/]/;

/**
 * The absolute path a catalog reference names, relative to `baseDir`, for node:path's posix or win32
 * flavour `p`. On Windows `..\tinh\x.yaml` and `C:\data\x.yaml` are ordinary paths. Elsewhere `\` is
 * read as a separator too (an evidence file written on Windows still works), and a drive letter,
 * which means nothing there, is kept as written so the "not found" message shows it.
 */
export function refPath(ref: string, baseDir: string, p: PlatformPath = path): string {
  if (p.sep === '\\') return p.resolve(baseDir, ref);
  if (WINDOWS_DRIVE.test(ref)) return ref;
  const r = ref.replace(/\\/g, '/');
  return p.isAbsolute(r) ? p.normalize(r) : p.resolve(baseDir, r);
}

export interface FoundCatalog {
  id: string;
  file: string;
  source: CatalogSource;
}

/** The first catalog file for an id in the search order, or undefined. */
export function findCatalog(id: string): FoundCatalog | undefined {
  for (const d of catalogDirs().dirs) {
    const file = entryIn(d.dir, `${id}.yaml`);
    if (file) return { id, file, source: d.source };
  }
  return undefined;
}

/** A catalog reference is an id (looked up in the search order) or a path relative to `baseDir`. */
export function catalogPath(ref: string, baseDir: string): string {
  if (looksLikePath(ref)) return onDisk(refPath(ref, baseDir));
  // An unknown id still gets a path, in the shipped folder, so reading it reports it as not found.
  return findCatalog(ref)?.file ?? path.join(criteriaDir(), `${ref}.yaml`);
}

export interface ListedCatalog extends FoundCatalog {
  /** Files with the same id further down the search order: not used while this one exists. */
  shadowed: Array<{ file: string; source: CatalogSource }>;
}

/** Every catalog id of every folder in the search order, the file used first, sorted by id. */
export function listCatalogs(): { catalogs: ListedCatalog[]; missing: string[] } {
  const { dirs, missing } = catalogDirs();
  const byId = new Map<string, ListedCatalog>();
  for (const d of dirs) {
    let names: string[];
    try {
      names = readdirSync(d.dir).filter((f) => f.endsWith('.yaml')).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const id = name.slice(0, -'.yaml'.length).normalize('NFC');
      const file = path.join(d.dir, name);
      const known = byId.get(id);
      if (known) known.shadowed.push({ file, source: d.source });
      else byId.set(id, { id, file, source: d.source, shadowed: [] });
    }
  }
  const catalogs = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { catalogs, missing };
}

export function knownCatalogIds(): string[] {
  return listCatalogs().catalogs.map((c) => c.id);
}

/**
 * How a file written into `outDir` (a template, an imported evidence file) names its catalog: the id
 * when looking the id up finds this very file among the shipped or CCHC_CRITERIA catalogs; otherwise
 * its path relative to that folder, which keeps working from any working folder.
 */
export function catalogRefFor(catalogFile: string, id: string, outDir: string): string {
  const found = findCatalog(id);
  if (found && found.source !== 'cwd' && path.resolve(found.file) === path.resolve(catalogFile)) return id;
  const rel = path.relative(path.resolve(outDir), path.resolve(catalogFile)).split(path.sep).join('/');
  return rel.startsWith('.') || path.isAbsolute(rel) ? rel : `./${rel}`;
}
