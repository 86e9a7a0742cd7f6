import { runCli, type Screen } from '../../src/cli.js';

export interface CliOptions {
  /** The working folder of the run (relative paths, ./criteria); restored afterwards. */
  cwd?: string;
  /** Environment variables for the run (undefined removes one); restored afterwards. */
  env?: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colours, table width); not one by default. */
  screen?: Screen;
}

/** What a run gave: `code` and `exitCode` are the same number (golden files and run() results use `code`). */
export interface CliRun {
  code: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command line in this process (no child process: ~150–300 ms of CPU saved a run), from the
 * repository root unless `cwd` says otherwise, without colours. The working folder and environment
 * are the process's own, so runs in one test file must not overlap (vitest runs a file's tests one
 * after another). For signals, exit codes of the real program and stdio, see test/e2e.
 */
export async function cli(args: string[], o: CliOptions | Screen = {}): Promise<CliRun> {
  const opts: CliOptions = 'isTTY' in o ? { screen: o } : o;
  const cwd = process.cwd();
  const saved = Object.entries(opts.env ?? {}).map(([k, v]) => [k, process.env[k], v] as const);
  for (const [k, , v] of saved) setEnv(k, v);
  if (opts.cwd) process.chdir(opts.cwd);
  try {
    const r = await runCli(['node', 'cchc', ...args], opts.screen ?? { isTTY: false });
    return { code: r.exitCode, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
  } finally {
    process.chdir(cwd);
    for (const [k, before] of saved) setEnv(k, before);
  }
}

function setEnv(k: string, v: string | undefined): void {
  if (v === undefined) Reflect.deleteProperty(process.env, k);
  else process.env[k] = v;
}
