import { CatalogCache, type LoadedCatalog } from '../io/load.js';

/**
 * CatalogCache keyed by the reference as written and the folder it is read from: resolving a shipped
 * id looks for the criteria folder on disk, which is worth doing once per batch, not once per unit.
 */
export class BatchCatalogCache extends CatalogCache {
  private readonly byRef = new Map<string, Promise<LoadedCatalog>>();

  override get(ref: string, baseDir: string): Promise<LoadedCatalog> {
    const key = `${ref}\u0000${baseDir}`;
    let p = this.byRef.get(key);
    if (!p) {
      p = super.get(ref, baseDir);
      this.byRef.set(key, p);
    }
    return p;
  }
}
