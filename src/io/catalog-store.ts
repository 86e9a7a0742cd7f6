import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of shipped catalogs: found by walking up from this module (src/ or the dist/ bundle). */
export function criteriaDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'criteria')) && existsSync(join(dir, 'package.json'))) return join(dir, 'criteria');
    dir = dirname(dir);
  }
  return resolve('criteria');
}

export function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.ya?ml$/i.test(ref);
}

/** A catalog reference is a shipped id (criteria/<id>.yaml) or a path relative to `baseDir`. */
export function catalogPath(ref: string, baseDir: string): string {
  if (looksLikePath(ref)) return isAbsolute(ref) ? ref : resolve(baseDir, ref);
  return join(criteriaDir(), `${ref}.yaml`);
}

/**
 * How a file written into `outDir` (a template, an imported evidence file) names its catalog: the id
 * when it is a shipped one, otherwise its path relative to that folder, so the reference still works.
 */
export function catalogRefFor(catalogFile: string, id: string, outDir: string): string {
  if (resolve(catalogFile) === join(criteriaDir(), `${id}.yaml`)) return id;
  const rel = relative(resolve(outDir), resolve(catalogFile)).split(sep).join('/');
  return rel.startsWith('.') || isAbsolute(rel) ? rel : `./${rel}`;
}

export async function shippedCatalogIds(): Promise<string[]> {
  try {
    return (await readdir(criteriaDir()))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => basename(f, '.yaml'))
      .sort();
  } catch {
    return [];
  }
}
