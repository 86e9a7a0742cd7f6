import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import type { Catalogs } from '../core/pipeline.js';
import { displayPath } from '../io/paths.js';
import { writeForm } from './forms.js';
import { catalogMeta, scoreForBatch } from './summarize.js';
import type { BatchCache } from './cached.js';
import type { CatalogMeta, FileOutcome, Task, TaskReply, WorkerSetup } from '../core/batch/types.js';

const detail = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Runs one chunk of work, in a worker thread or in-process. An unexpected failure on one file is
 * reported against that file and the chunk goes on: one bad file never stops the batch.
 */
export async function runTask(task: Task, setup: WorkerSetup, catalogs: Catalogs, sent: Set<string>, cache?: BatchCache): Promise<TaskReply> {
  // --catalog is read from the working folder, as the main thread checked it.
  const option = setup.catalog !== undefined ? { ref: setup.catalog, fromDir: process.cwd() } : undefined;
  const outcomes: FileOutcome[] = [];
  const metas: CatalogMeta[] = [];
  const failed: Finding[] = [];
  for (const path of task.paths) {
    try {
      if (task.kind === 'form') {
        failed.push(...(await writeForm(path, catalogs, option, setup.formsDir!, setup.lang, setup.appraisals)));
        continue;
      }
      const { outcome, unit, meta: kept } = await scoreForBatch(path, catalogs, option, setup.appraisals, cache);
      const meta = unit?.flat ? catalogMeta(unit.flat, unit.catalogFile) : kept;
      if (meta) {
        if (!sent.has(meta.key)) {
          sent.add(meta.key);
          metas.push(meta);
        }
      }
      outcomes.push(outcome);
    } catch (e) {
      const f: Finding = { ...finding('internal.error', [], { detail: detail(e) }), file: displayPath(path) };
      if (task.kind === 'form') failed.push(f);
      else outcomes.push({ kind: 'invalid', file: displayPath(path), findings: [f] });
    }
  }
  return { outcomes, catalogs: metas, failed };
}
