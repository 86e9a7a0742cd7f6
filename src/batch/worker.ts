// Entry point of dist/batch-worker.js: parses and scores the files the main thread hands out and
// sends back only each unit's summary.
import { parentPort, workerData } from 'node:worker_threads';
import { diskCatalogs } from '../io/catalog-source.js';
import { runTask } from './task.js';
import { BatchCache } from './cached.js';
import type { Task, WorkerSetup } from '../core/batch/types.js';

const setup = workerData as WorkerSetup;
const catalogs = diskCatalogs();
const sent = new Set<string>();
const cache = BatchCache.for(setup);

parentPort!.on('message', (task: Task) => {
  void runTask(task, setup, catalogs, sent, cache).then((reply) => parentPort!.postMessage(reply));
});
