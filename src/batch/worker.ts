// Entry point of dist/batch-worker.js: parses and scores the files the main thread hands out and
// sends back only each unit's summary.
import { parentPort, workerData } from 'node:worker_threads';
import { BatchCatalogCache } from './catalog-cache.js';
import { runTask } from './task.js';
import type { Task, WorkerSetup } from '../core/batch/types.js';

const setup = workerData as WorkerSetup;
const cache = new BatchCatalogCache();
const sent = new Set<string>();

parentPort!.on('message', (task: Task) => {
  void runTask(task, setup, cache, sent).then((reply) => parentPort!.postMessage(reply));
});
