import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { CatalogOption } from '../core/pipeline.js';
import type { CatalogMeta, FileOutcome, UnitSummary, WorkerSetup } from '../core/batch/types.js';
import { isWorkbookPath } from '../core/file-kind.js';
import { catalogPath, looksLikePath } from '../io/catalog-store.js';
import { sha256File } from '../io/provenance.js';
import { CACHE_IDENTITY, UnitCache } from '../io/unit-cache.js';
import { FileSignatures } from '../io/file-signatures.js';

/**
 * How a batch uses `--cache DIR` (storage in src/io/unit-cache.ts). The key of a unit file hashes its
 * bytes with everything else its summary is made from: the path as given and the working folder
 * (the summary shows both, and a relative `catalog:` is read from the file's folder), the batch
 * options a summary depends on, and the cchc build. The catalog is not in the key, since only
 * scoring finds it: the entry records the reference, the file it led to and that file's SHA-256,
 * and is used only while the reference still leads to that file with those bytes. An edited catalog,
 * a catalog earlier in the search order (./criteria, CCHC_CRITERIA), a moved folder all miss.
 */
export class BatchCache {
  private readonly resolved = new Map<string, string>();
  private readonly hashes = new Map<string, string | null>();
  /** batch --appraisals: the round and every overlay (code, path, SHA-256 of its bytes); null without. */
  private readonly appraisals: { round: string; overlays: Array<[string, string, string | null]> } | null;

  constructor(
    private readonly store: UnitCache,
    private readonly setup: WorkerSetup,
    /** False while writing forms: a form needs the full score, which the cache does not keep. */
    readonly lookup: boolean,
  ) {
    // An appraised summary depends on its overlay too. The overlay is only known once the unit is parsed,
    // so every overlay's bytes go into every key: a changed overlay makes the whole batch score again.
    const a = setup.appraisals;
    this.appraisals = a
      ? { round: a.round, overlays: Object.keys(a.byCode).sort().map((code): [string, string, string | null] => [code, a.byCode[code]!, sha256File(a.byCode[code]!)]) }
      : null;
  }

  /** One per worker and run; `identity` stands for another cchc in tests. */
  static for(setup: WorkerSetup, identity = CACHE_IDENTITY): BatchCache | undefined {
    if (setup.cacheDir === undefined) return undefined;
    return new BatchCache(new UnitCache(setup.cacheDir, identity), setup, setup.formsDir === undefined);
  }

  /**
   * What every key of this run shares, hashed once: with --appraisals it lists every overlay, and
   * writing that list into each unit's key made a run over n units cost n² (3 321 overlays: ~1 GB of JSON).
   */
  private sharedHash?: string;

  private get shared(): string {
    // Options that change no summary (language, output files) stay out; any option that changes one belongs here.
    return (this.sharedHash ??= createHash('sha256')
      .update(JSON.stringify({ cwd: process.cwd(), catalog: this.setup.catalog ?? null, appraisals: this.appraisals, surveyNotRun: this.setup.surveyNotRun === true }))
      .digest('hex'));
  }

  private signatures?: FileSignatures;

  /** A unit file's SHA-256, found by its signature when the file has not changed since it was last hashed. */
  fileSha256(abs: string): string | undefined {
    return (this.signatures ??= new FileSignatures(this.store.signaturesFile)).sha256(abs);
  }

  /** Lookups on the calling thread read entries from the pack of this run's context (src/io/unit-cache.ts). */
  usePack(): void {
    this.store.usePack(this.shared);
  }

  /** After the run: the signatures of the files hashed and the pack of the entries used, kept for the next. */
  save(): void {
    this.signatures?.save();
    this.store.savePack();
  }

  /** `abs`: the path resolved, when the caller has it already. */
  key(path: string, fileSha256: string, abs = resolve(path)): string {
    return this.store.key(fileSha256, { run: this.shared, path, abs });
  }

  /** The summary kept under `key`, if its catalog reference still leads to the same catalog bytes. */
  get(key: string, option: CatalogOption | undefined): { summary: UnitSummary; meta: CatalogMeta } | undefined {
    const got = this.store.get(key);
    if (!got) return undefined;
    const { entry, meta } = got;
    if (option && (option.ref !== entry.ref || option.fromDir !== entry.fromDir)) return this.store.unusable(key);
    const file = this.catalogFile(entry.ref, entry.fromDir);
    if (file !== entry.catalogFile || this.catalogSha256(file) !== entry.catalogSha256) return this.store.unusable(key);
    return { summary: entry.summary, meta };
  }

  put(key: string, ref: { ref: string; fromDir: string }, catalogFile: string, summary: UnitSummary, meta: CatalogMeta): void {
    // Resolved again as `get` will: an entry that could never be used is not written.
    if (this.catalogFile(ref.ref, ref.fromDir) !== catalogFile) return;
    const sha = this.catalogSha256(catalogFile);
    if (sha === null) return;
    this.store.put(key, { ...ref, catalogFile, catalogSha256: sha, summary }, meta);
  }

  /** Hashed once per run, from the catalog's bytes (not what the compiled copy in dist/ says). */
  private catalogSha256(file: string): string | null {
    let h = this.hashes.get(file);
    if (h === undefined) {
      h = sha256File(file);
      this.hashes.set(file, h);
    }
    return h;
  }

  /** Where a reference leads, looked up once per run (the catalog folders do not change during one). */
  private catalogFile(ref: string, fromDir: string): string {
    // An id is found in the same folders from anywhere (catalog-store.ts): one lookup, not one per folder of units.
    const k = looksLikePath(ref) ? `${ref}\u0000${fromDir}` : ref;
    let f = this.resolved.get(k);
    if (f === undefined) {
      f = catalogPath(ref, fromDir);
      this.resolved.set(k, f);
    }
    return f;
  }
}

/** A unit file's bytes (or their SHA-256): the SHA-256 and, under --cache, their key and what was kept under it, if usable. */
export function lookUp(
  path: string,
  bytes: Buffer | string,
  option: CatalogOption | undefined,
  cache: BatchCache | undefined,
  abs?: string,
): { sha256: string; key?: string; hit?: { summary: UnitSummary; meta: CatalogMeta } } {
  const sha256 = typeof bytes === 'string' ? bytes : createHash('sha256').update(bytes).digest('hex');
  const key = cache?.key(path, sha256, abs);
  if (key === undefined) return { sha256 };
  const hit = cache?.lookup ? cache.get(key, option) : undefined;
  return hit ? { sha256, key, hit } : { sha256, key };
}

/**
 * The summary --cache kept for a unit file, read on the calling thread; undefined when there is none
 * to use (the file is then scored as usual). A workbook is never looked up here.
 */
export function cachedOutcome(path: string, option: CatalogOption | undefined, cache: BatchCache): { outcome: FileOutcome; meta: CatalogMeta } | undefined {
  if (isWorkbookPath(path) || !cache.lookup) return undefined;
  const abs = resolve(path);
  const sha256 = cache.fileSha256(abs);
  if (sha256 === undefined) return undefined;
  const { hit } = lookUp(path, sha256, option, cache, abs);
  return hit ? { outcome: { kind: 'unit', unit: hit.summary }, meta: hit.meta } : undefined;
}
