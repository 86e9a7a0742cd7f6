import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import { displayPath } from '../io/paths.js';
import { watchWorker } from '../io/interrupt.js';
import { Interner } from '../core/batch/intern.js';
import { BatchCache, cachedOutcome } from './cached.js';
import type { CatalogMeta, FileOutcome, StagedForm, Task, TaskReply, WorkerSetup } from '../core/batch/types.js';

/**
 * Parsing YAML makes many short-lived objects; a worker's default young generation is small enough
 * that scavenges took ~8% of a worker's time. Measured on the 3,321-commune bench: 32–64 MB is best.
 */
const YOUNG_GENERATION_MB = 48;

/** Below this many files per worker, starting workers costs more than it saves. */
const MIN_FILES_PER_WORKER = 48;

export interface PoolResult {
  /** In the order of the paths given, whatever order the workers finished in. */
  outcomes: FileOutcome[];
  catalogs: Map<string, CatalogMeta>;
  failed: Finding[];
  /** With --forms: each path's staged form, in the order of the paths. */
  forms: StagedForm[];
}

export interface PoolOptions {
  jobs: number;
  onProgress?: (done: number, total: number) => void;
}

/** The bundled worker sits next to the bundled CLI (dist/); from the TypeScript sources there is none. */
function workerFile(): string | undefined {
  const file = fileURLToPath(new URL('./batch-worker.js', import.meta.url));
  return existsSync(file) ? file : undefined;
}

export function workersFor(files: number, jobs: number): number {
  return Math.max(1, Math.min(jobs, Math.floor(files / MIN_FILES_PER_WORKER)));
}

interface Chunk {
  start: number;
  paths: string[];
}

function chunks(paths: string[], workers: number): Chunk[] {
  // Small chunks near the end keep both cores busy until the last file; big enough to keep messages few.
  const size = Math.max(1, Math.min(32, Math.ceil(paths.length / (workers * 16))));
  const out: Chunk[] = [];
  for (let i = 0; i < paths.length; i += size) out.push({ start: i, paths: paths.slice(i, i + size) });
  return out;
}

/**
 * With --cache, the summaries kept are read here first, on the main thread: a re-run where nothing
 * changed then starts no worker at all (starting one costs more than reading hundreds of summaries),
 * and only the files that changed are scored, by workers as usual.
 */
export async function runPool(paths: string[], setup: WorkerSetup, o: PoolOptions): Promise<PoolResult> {
  const cache = BatchCache.for(setup);
  if (!cache?.lookup) return scorePaths(paths, setup, o);
  const option = setup.catalog !== undefined ? { ref: setup.catalog, fromDir: process.cwd() } : undefined;
  const outcomes = new Array<FileOutcome>(paths.length);
  const catalogs = new Map<string, CatalogMeta>();
  const interner = new Interner();
  const misses: number[] = [];
  cache.usePack();
  paths.forEach((p, i) => {
    const hit = cachedOutcome(p, option, cache);
    if (!hit) return misses.push(i);
    outcomes[i] = interner.outcome(hit.outcome);
    if (!catalogs.has(hit.meta.key)) catalogs.set(hit.meta.key, hit.meta);
  });
  const hits = paths.length - misses.length;
  if (hits) o.onProgress?.(hits, paths.length);
  if (!misses.length) {
    cache.save();
    return { outcomes, catalogs, failed: [], forms: [] };
  }
  const rest = await scorePaths(
    misses.map((i) => paths[i]!),
    setup,
    { ...o, ...(o.onProgress ? { onProgress: (done: number) => o.onProgress!(hits + done, paths.length) } : {}) },
    interner,
  );
  misses.forEach((i, j) => (outcomes[i] = rest.outcomes[j]!));
  for (const [k, m] of rest.catalogs) if (!catalogs.has(k)) catalogs.set(k, m);
  cache.save();
  return { outcomes, catalogs, failed: rest.failed, forms: [] };
}

async function scorePaths(paths: string[], setup: WorkerSetup, o: PoolOptions, interner = new Interner()): Promise<PoolResult> {
  const outcomes = new Array<FileOutcome>(paths.length);
  const catalogs = new Map<string, CatalogMeta>();
  const failed: Finding[] = [];
  const forms: StagedForm[] = setup.formsDir !== undefined ? new Array<StagedForm>(paths.length).fill(null) : [];
  let done = 0;
  const take = (c: Chunk, reply: TaskReply) => {
    reply.outcomes.forEach((r, i) => (outcomes[c.start + i] = interner.outcome(r)));
    for (const m of reply.catalogs) if (!catalogs.has(m.key)) catalogs.set(m.key, m);
    failed.push(...reply.failed);
    reply.forms?.forEach((f, i) => (forms[c.start + i] = f));
    done += c.paths.length;
    o.onProgress?.(done, paths.length);
  };
  const inProcess = async (work: Chunk[]) => {
    // Loaded only to score here: a re-run that reads every summary from --cache needs none of the scoring modules.
    const [{ runTask }, { diskCatalogs }] = await Promise.all([import('./task.js'), import('../io/catalog-source.js')]);
    const read = diskCatalogs();
    const sent = new Set(catalogs.keys());
    const cache = BatchCache.for(setup);
    for (const c of work) take(c, await runTask({ paths: c.paths }, setup, read, sent, cache));
  };

  const n = workersFor(paths.length, o.jobs);
  const file = n > 1 ? workerFile() : undefined;
  if (!file) {
    await inProcess(chunks(paths, 1));
    return { outcomes, catalogs, failed, forms };
  }

  const work = chunks(paths, n);
  let next = 0;
  await new Promise<void>((allDone) => {
    let live = n;
    for (let i = 0; i < n; i++) {
      const w = new Worker(file, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      // On Ctrl-C, workers are stopped before their temporary files are swept.
      const unwatch = watchWorker(w);
      let current: Chunk | undefined;
      let retired = false;
      const retire = () => {
        if (retired) return;
        retired = true;
        unwatch();
        void w.terminate();
        if (--live === 0) allDone();
      };
      const feed = () => {
        current = work[next++];
        if (current) w.postMessage({ paths: current.paths } satisfies Task);
        else retire();
      };
      const lost = (e: unknown) => {
        if (retired) return;
        // A crashed worker loses only its chunk, reported against those files; the others go on.
        const c = current;
        if (c) {
          const detail = e instanceof Error ? e.message : `worker exit ${String(e)}`;
          const f = (p: string): Finding => ({ ...finding('internal.error', [], { detail }), file: displayPath(p) });
          take(c, { outcomes: c.paths.map((p) => ({ kind: 'invalid', file: displayPath(p), findings: [f(p)] })), catalogs: [], failed: [] });
        }
        retire();
      };
      w.on('message', (reply: TaskReply) => {
        if (current) take(current, reply);
        feed();
      });
      w.on('error', lost);
      w.on('exit', lost);
      feed();
    }
  });
  // Chunks left by crashed workers are done here.
  if (next < work.length) await inProcess(work.slice(next));
  return { outcomes, catalogs, failed, forms };
}
