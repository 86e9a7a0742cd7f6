import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const CLI = join(ROOT, 'dist/cli.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, without colours, from the repository root. */
export function cchc(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Like cchc(), without blocking: several real runs can go at once (exit codes, stdio). */
export function cchcAsync(args: string[], opts: { cwd?: string; cli?: string } = {}): Promise<Run> {
  const child = spawn(process.execPath, [opts.cli ?? CLI, ...args], { cwd: opts.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  return new Promise((done) => child.on('close', (code) => done({ code: code ?? -1, stdout, stderr })));
}

/** What a run printed and its exit code: a real process (`cchc()`) or an in-process run (`cli()`). */
export interface Printed {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Compares a run with its reviewed golden file (exit code, stdout, stderr). UPDATE_GOLDEN=1 writes the
 * file instead (review the diff before committing). A missing golden file is a failure, never written
 * silently: writing it would bless whatever the run printed.
 */
export function expectGolden(name: string, args: string[], run: Printed): void {
  // JSON results name the cchc version that made them: a release must not rewrite every golden file.
  const stdout = run.stdout.replaceAll(`"cchc": ${JSON.stringify(VERSION)}`, '"cchc": "<version>"');
  const text = `$ cchc ${args.join(' ')}\n--- exit ${run.code}\n--- stdout\n${stdout}--- stderr\n${run.stderr}`;
  const file = goldenFile(name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } else if (!existsSync(file)) {
    throw new Error(`golden file missing: ${file} (write it with UPDATE_GOLDEN=1 and review it)`);
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
}

export const goldenFile = (name: string) => join(ROOT, 'test/e2e/golden', `${name}.txt`);

export function expectNoStackTrace(run: Pick<Printed, 'stderr'>): void {
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(run.stderr).not.toMatch(/node:internal/);
}
