import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import type { Catalogs } from '../core/pipeline.js';
import { displayPath } from '../io/paths.js';
import { stageForm } from './forms.js';
import { catalogMeta, scoreForBatch } from './summarize.js';
import type { BatchCache } from './cached.js';
import type { CatalogMeta, FileOutcome, StagedForm, Task, TaskReply, WorkerSetup } from '../core/batch/types.js';

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
  /** With --forms: each outcome's staged form (a temporary file), or why it could not be made. */
  const forms: StagedForm[] = [];
  for (const path of task.paths) {
    try {
      const scored = await scoreForBatch(path, catalogs, option, setup.appraisals, cache, setup.surveyNotRun);
      const { outcome, unit, meta: kept } = scored;
      const meta = unit?.flat ? catalogMeta(unit.flat, unit.catalogFile) : kept;
      if (meta) {
        if (!sent.has(meta.key)) {
          sent.add(meta.key);
          metas.push(meta);
        }
      }
      outcomes.push(outcome);
      if (setup.formsDir !== undefined) {
        // The form is made now, from this score; the main thread keeps it only for a ranked unit.
        const form = await stageForm(path, scored, setup.formsDir);
        forms.push(form.tmp !== undefined ? { tmp: form.tmp } : form.findings.length ? { findings: form.findings } : null);
      }
    } catch (e) {
      const f: Finding = { ...finding('internal.error', [], { detail: detail(e) }), file: displayPath(path) };
      // A failure after the outcome was kept (making the form) is the form's: the unit stays as scored.
      if (setup.formsDir !== undefined && outcomes.length > forms.length) {
        forms.push({ findings: [f] });
      } else {
        outcomes.push({ kind: 'invalid', file: displayPath(path), findings: [f] });
        if (setup.formsDir !== undefined) forms.push(null);
      }
    }
  }
  return { outcomes, catalogs: metas, failed, ...(setup.formsDir !== undefined ? { forms } : {}) };
}
