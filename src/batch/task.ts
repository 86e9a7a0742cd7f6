import type { Finding } from '../core/findings/finding.js';
import { finding } from '../reporters/messages.js';
import { displayPath, type CatalogCache } from '../io/load.js';
import { writeForm } from './forms.js';
import { catalogMeta, scoreForBatch } from './summarize.js';
import type { CatalogMeta, FileOutcome, Task, TaskReply, WorkerSetup } from '../core/batch/types.js';

const detail = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Runs one chunk of work, in a worker thread or in-process. An unexpected failure on one file is
 * reported against that file and the chunk goes on: one bad file never stops the batch.
 */
export async function runTask(task: Task, setup: WorkerSetup, cache: CatalogCache, sent: Set<string>): Promise<TaskReply> {
  const outcomes: FileOutcome[] = [];
  const catalogs: CatalogMeta[] = [];
  const failed: Finding[] = [];
  for (const path of task.paths) {
    try {
      if (task.kind === 'form') {
        failed.push(...(await writeForm(path, cache, setup.catalog, setup.formsDir!, setup.lang)));
        continue;
      }
      const { outcome, unit } = await scoreForBatch(path, cache, setup.catalog);
      if (unit?.index) {
        const meta = catalogMeta(unit.index, unit.catalogFile);
        if (!sent.has(meta.key)) {
          sent.add(meta.key);
          catalogs.push(meta);
        }
      }
      outcomes.push(outcome);
    } catch (e) {
      const f: Finding = { ...finding('internal.error', [], { detail: detail(e) }), file: displayPath(path) };
      if (task.kind === 'form') failed.push(f);
      else outcomes.push({ kind: 'invalid', file: displayPath(path), findings: [f] });
    }
  }
  return { outcomes, catalogs, failed };
}
