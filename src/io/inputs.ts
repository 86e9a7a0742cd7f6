import { readdirSync } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import { placedFinding } from '../core/findings/codes.js';
import { onDisk } from './catalog-store.js';
import { globPlan, isGlob, slashPath, type GlobPlan } from './glob.js';

const EVIDENCE = /\.ya?ml$/i;
const SKIP_DIR = (name: string) => name.startsWith('.') || name === 'node_modules';

export interface Inputs {
  /** Files to score, sorted and without repeats. */
  paths: string[];
  /** Arguments that gave nothing: a missing file, an empty folder, a pattern matching nothing. */
  problems: Finding[];
}

/**
 * Files under `dir` whose path passes `keep`. Every entry that is not a folder counts: a FIFO, a
 * device or a broken link named *.yaml is listed, so reading it reports what it is (never skipped
 * silently, never opened: reading checks with stat first). A folder that cannot be listed is a problem.
 */
function walk(dir: string, keep: (file: string) => boolean, out: string[], problems: Finding[], depth = Infinity): void {
  let entries;
  try {
    // Read synchronously: a province is a hundred small folders, and a round trip to the thread pool
    // for each cost more than reading them.
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    const reason = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e);
    // A pattern's base that does not exist simply matches nothing (batch.no_match says so).
    if (reason !== 'ENOENT') problems.push({ ...finding('file.unreadable', [], { reason }), file: dir });
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIR(e.name) && depth > 1) walk(p, keep, out, problems, depth - 1);
    } else if (keep(p)) out.push(p);
  }
}

const posix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

/**
 * Expands the command's arguments: a folder gives its evidence files (.yaml/.yml, sub-folders too),
 * a file is taken as it is (a filled .xlsx template too), a pattern is matched here when the shell
 * left it unexpanded (quoted, or on Windows).
 */
export async function expandInputs(args: readonly string[]): Promise<Inputs> {
  const found: string[] = [];
  const problems: Finding[] = [];
  for (const arg of args) {
    const st = await stat(arg).catch(() => undefined);
    if (st?.isDirectory()) {
      const files: string[] = [];
      walk(arg, (f) => EVIDENCE.test(f), files, problems);
      if (!files.length) problems.push(placedFinding('batch.empty_dir', {}, { file: arg }));
      found.push(...files);
    } else if (st) {
      found.push(arg);
    } else if (isGlob(arg)) {
      let plan: GlobPlan;
      try {
        plan = globPlan(arg);
      } catch {
        // An unclosed {, a reversed range [z-a]: the pattern itself is wrong.
        problems.push(placedFinding('batch.pattern_invalid', {}, { file: arg }));
        continue;
      }
      const files: string[] = [];
      walk(onDisk(plan.base), (f) => plan.re.test(slashPath(f)), files, problems, plan.depth);
      if (!files.length) problems.push(placedFinding('batch.no_match', {}, { file: arg }));
      found.push(...files);
    } else {
      const link = await lstat(arg).then((l) => l.isSymbolicLink(), () => false);
      const f: Finding = { ...finding(link ? 'file.broken_link' : 'file.not_found', []), file: arg };
      problems.push(f);
    }
  }
  const seen = new Set<string>();
  // One folder's walk names each file once (links to folders are not followed): only several arguments can repeat one.
  const once = (p: string) => {
    const key = resolve(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const unique = args.length === 1 ? found : found.filter(once);
  // Sorted by the path with forward slashes, each path converted once (not at every comparison).
  const keyed = unique.map((p) => ({ p, k: posix(p) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const paths = keyed.map((x) => x.p);
  return { paths, problems };
}
