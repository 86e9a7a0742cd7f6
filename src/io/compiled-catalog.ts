import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Catalog } from '../core/schema/catalog.js';
import { criteriaDir } from './catalog-store.js';

/**
 * Shipped catalogs, already read and checked at build time (scripts/precompile-catalogs.ts), as JSON
 * in dist/criteria/. Reading a 35 KB catalog with the yaml package costs ~60 ms in a fresh process,
 * a quarter of `cchc score`; JSON.parse costs under a millisecond. The YAML stays the source: the
 * JSON is used only while the YAML's content hash matches, so an edited catalog is read and checked
 * as usual, with positions for its findings.
 */
export interface CompiledCatalog {
  sha256: string;
  catalog: Catalog;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** dist/criteria/<id>.json for a catalog in the shipped criteria folder; undefined for any other file. */
export function compiledPathFor(yamlPath: string): string | undefined {
  const dir = criteriaDir();
  if (dirname(resolve(yamlPath)) !== dir) return undefined;
  return join(dirname(dir), 'dist', 'criteria', `${basename(yamlPath).replace(/\.ya?ml$/i, '')}.json`);
}

export async function readCompiled(yamlPath: string, text: string): Promise<Catalog | undefined> {
  const file = compiledPathFor(yamlPath);
  if (!file) return undefined;
  try {
    const c = JSON.parse(await readFile(file, 'utf8')) as CompiledCatalog;
    return c.sha256 === contentHash(text) ? c.catalog : undefined;
  } catch {
    return undefined;
  }
}
