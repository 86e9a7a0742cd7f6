import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cchcAsync, expectNoStackTrace, ROOT, type Run } from './cli.js';
import { cli } from '../cli/run.js';

/**
 * The one exit-code table of the README for every command (0 ok · 1 findings or threshold (batch) · 2 bad
 * input or bad command line · 3 internal error), run in-process, with the real program for one row of
 * each way out (the process itself is the point there: its exit code and output are the same); and
 * stdout closed by its reader. Everything else runs in-process (test/cli/run.ts).
 */
const MINI = 'test/fixtures/mini/unit.yaml';
const MINI_CATALOG = 'test/fixtures/mini/mini-2024.yaml';
const BAD = 'test/fixtures/bad/values.yaml';
const MINI_OK = 'test/batch/fixtures/mini/m[1-4]*.yaml';

/** Runs at most `limit` at a time: each is a Node process starting up, and the machine has two cores. */
async function pooled<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return out;
}

describe('exit codes, one table for all commands', () => {
  it('score, validate, template, import, batch, catalog list, catalog show; the real program gives the same codes and output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-exit-'));
    const form = join(dir, 'filled.xlsx');
    expect((await cli(['template', '--unit', MINI, '-o', form])).exitCode).toBe(0);
    // A copy of the program beside a broken catalog: `catalog list` meets bad input too. Only the real
    // program can be moved beside another catalog folder, so this row is run as a process only.
    const copy = join(dir, 'copy');
    mkdirSync(join(copy, 'dist'), { recursive: true });
    mkdirSync(join(copy, 'criteria'));
    // dist/cli.js starts dist/cli-main.cjs, with its code cache when there is one (scripts/build.mjs).
    for (const f of readdirSync(join(ROOT, 'dist')).filter((n) => /^cli(-main\.[0-9a-f]+\.v8cache|-main\.cjs|\.js)$/.test(n))) copyFileSync(join(ROOT, 'dist', f), join(copy, 'dist', f));
    writeFileSync(join(copy, 'package.json'), '{"type":"module"}');
    writeFileSync(join(copy, 'criteria', 'hong.yaml'), 'id: hong\nareas: [\n');

    // The cheapest input that gives each code (the mini catalog, a handful of files). `process`: the row is
    // also run as the real program, whose exit code and output must be the same: one row for each way out
    // of src/cli.ts (a result, findings, bad input, a command line commander refuses).
    const table: Array<[string, string[], number, { cli?: string; process?: true }?]> = [
      ['score ok', ['score', MINI], 0, { process: true }],
      ['score bad input', ['score', BAD], 2, { process: true }],
      ['score bad command line', ['score', MINI, '--nope'], 2, { process: true }],
      ['validate ok', ['validate', MINI], 0],
      ['validate bad input', ['validate', BAD], 2],
      ['validate bad command line', ['validate'], 2],
      ['template ok', ['template', '--catalog', MINI_CATALOG, '-o', join(dir, 'mau.xlsx')], 0],
      ['template bad input', ['template', '--unit', BAD, '-o', join(dir, 'hong.xlsx')], 2],
      ['template bad command line', ['template', '--catalog', 'xa-mau-2024'], 2],
      ['import ok', ['import', form, '-o', join(dir, 'don-vi.yaml')], 0],
      ['import bad input', ['import', 'test/fixtures/bad/bieu.xlsx'], 2],
      ['import bad command line', ['import'], 2],
      ['batch ok', ['batch', MINI_OK], 0],
      ['batch findings: one file not ranked, the rest is', ['batch', 'test/batch/fixtures/mini'], 1, { process: true }],
      ['batch threshold', ['batch', MINI_OK, '--fail-under', '95'], 1],
      ['batch bad input: no file could be ranked', ['batch', BAD], 2],
      ['batch bad input: nothing to read', ['batch', 'khong-co/*.yaml'], 2],
      ['batch bad command line', ['batch', MINI_OK, '--fail-under', '80%'], 2],
      ['catalog list ok', ['catalog', 'list'], 0],
      ['catalog list bad input', ['catalog', 'list'], 2, { cli: join(copy, 'dist/cli.js') }],
      ['catalog list bad command line', ['catalog', 'list', '--nope'], 2],
      ['catalog show ok', ['catalog', 'show', 'xa-mau-2024'], 0],
      ['catalog show bad input', ['catalog', 'show', BAD], 2],
      ['catalog show bad command line', ['catalog', 'show'], 2],
    ];
    // The real program, a few at a time (each is a Node process starting up; the machine has two cores),
    // while the same rows run in this process one after another.
    const real = pooled(
      table.map(([, args, , o]) => () => (o?.process || o?.cli ? cchcAsync(args, o.cli ? { cli: o.cli } : {}) : Promise.resolve(undefined))),
      2,
    );
    const runs: Run[] = [];
    for (const [, args, , o] of table) runs.push(o?.cli ? ({} as Run) : await cli(args));
    const processes = await real;
    table.forEach(([name, , code, o], i) => {
      const run = o?.cli ? processes[i]! : runs[i]!;
      expect(run.code, `${name}: ${run.stderr}`).toBe(code);
      expectNoStackTrace(run);
      // Nothing on stdout, except where the report is the result: validate's findings, the files a batch
      // could not rank (in JSON too), the catalogs that could still be read.
      const reports = ['validate bad input', 'batch bad input: no file could be ranked', 'catalog list bad input'];
      if (code === 2 && !reports.includes(name)) expect(run.stdout, name).toBe('');
      if (o?.process) expect(processes[i], name).toEqual({ code: run.code, stdout: run.stdout, stderr: run.stderr });
    });
    expect(processes.filter(Boolean)).toHaveLength(5);
  }, 120_000);
});

describe('stdio of the real program', () => {
  it('stops quietly when the reader of its output goes away (| head)', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli.js'), 'score', 'examples/hoang-viet-2024.yaml', '--json'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.stdout.destroy(); // closed before cchc has started writing
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  });

  it('gives a slow reader all of its output before it exits (a pipe takes 64 KiB at a time)', () => {
    // The reader sleeps before reading: cchc's writes wait in the full pipe, and cchc must not exit before they are taken.
    const cliPath = join(ROOT, 'dist/cli.js');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cliPath}" catalog show xa-mau-2024 --json | (sleep 0.5; cat)`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 << 20 });
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(64 * 1024);
    expect((JSON.parse(r.stdout) as { id?: string }).id).toBe('xa-mau-2024');
  });
});
