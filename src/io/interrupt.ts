import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';

/**
 * What a Ctrl-C (SIGINT) or SIGTERM must not leave behind: the temporary files of writes in flight
 * (`.name.pid.hex.tmp`, see writeAtomically). Only src/cli.ts listens for signals and exits; it calls
 * `stopWrites()` first. Worker threads (forms of a batch) write temporary files of their own, which
 * this thread cannot list: they are stopped first, then their folders are swept for this process's
 * temporary names (the pid is in every name, so another process's files are never touched).
 */
const pending = new Set<string>();
const inflight = new Set<Promise<unknown>>();
const folders = new Set<string>();
const workers = new Set<Worker>();
let stopping = false;
let wake: () => void = () => undefined;
const stopped = new Promise<void>((r) => (wake = r));

/** The temporary file next to `target` (same folder, so the rename is atomic). */
export function tempPattern(pid = process.pid): RegExp {
  return new RegExp(`^\\..+\\.${pid}\\.[0-9a-f]{8}\\.tmp$`);
}

export const isStopping = (): boolean => stopping;

/** Resolves after `ms`, or at once when cchc starts stopping. */
export function pause(ms: number): Promise<void> {
  return Promise.race([new Promise<void>((r) => setTimeout(r, ms)), stopped]);
}

/** Keeps `tmp` on the list until `work` settles; `work` must remove or rename it by then. */
export function trackWrite<T>(tmp: string, folder: string, work: Promise<T>): Promise<T> {
  pending.add(tmp);
  folders.add(folder);
  inflight.add(work);
  const done = () => {
    pending.delete(tmp);
    inflight.delete(work);
  };
  work.then(done, done);
  return work;
}

/** A folder where worker threads of this process write (batch --forms). */
export function watchFolder(folder: string): void {
  folders.add(folder);
}

/** A worker thread that may be writing; it is stopped before the sweep. Returns the un-watch. */
export function watchWorker(w: Worker): () => void {
  workers.add(w);
  return () => workers.delete(w);
}

/** Removes what remains, without waiting for anything: the last resort of a second Ctrl-C. */
export function removeTempsNow(): void {
  for (const f of pending) {
    try {
      unlinkSync(f);
    } catch {
      // already renamed or removed
    }
  }
  for (const dir of folders) sweepFolder(dir);
}

/** Removes this process's temporary files from `dir` (none of its writes there may be in flight). */
export function sweepFolder(dir: string): void {
  const own = tempPattern();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!own.test(n)) continue;
    try {
      unlinkSync(join(dir, n));
    } catch {
      // removed meanwhile
    }
  }
}

/**
 * Stops every write: no new one starts, workers are terminated (their file operations finished by
 * then), writes in flight settle (each removes its own temporary file), then whatever is left is swept.
 */
export async function stopWrites(): Promise<void> {
  stopping = true;
  wake();
  await Promise.allSettled([...workers].map((w) => w.terminate()));
  await Promise.allSettled([...inflight]);
  removeTempsNow();
}
