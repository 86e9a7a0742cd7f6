import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';
import { cli } from '../cli/run.js';
import { workersFor } from '../../src/batch/pool.js';

/**
 * Ctrl-C (SIGINT) or SIGTERM while cchc writes: no `.name.pid.hex.tmp` is left behind, the output is
 * not written half, and the exit code is the shell's (130, 143). Real processes: signals are the point.
 * CCHC_TEST_WRITE_DELAY_MS holds each write between its temporary file and the rename, so the signal
 * lands mid-write every time; the test sends it as soon as a temporary file appears.
 */
// Generous timeouts: the machine may be shared; nothing here measures time.
const TEMP = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;
const temps = (dir: string) => readdirSync(dir).filter((n) => TEMP.test(n));

interface Stopped {
  code: number | null;
  stderr: string;
}

function interrupt(args: string[], watch: string, signal: 'SIGINT' | 'SIGTERM'): Promise<Stopped> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', CCHC_TEST_WRITE_DELAY_MS: '30000' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  child.stdout.resume();
  // Only its own temporary files (the pid is in the name): the signal must land mid-write.
  const own = (n: string) => n.includes(`.${child.pid}.`);
  const poll = setInterval(() => {
    if (existsSync(watch) && temps(watch).some(own)) {
      clearInterval(poll);
      child.kill(signal);
    }
  }, 10);
  return new Promise((done) =>
    child.on('close', (code) => {
      clearInterval(poll);
      done({ code, stderr });
    }),
  );
}

const tmp = () => mkdtempSync(join(tmpdir(), 'cchc-signal-'));

describe('a signal during a write leaves no temporary file', () => {
  it('the form (score --xlsx), the result (score -o), the template, the ranking, imported YAML', async () => {
    const dir = tmp();
    const form = join(dir, 'filled.xlsx');
    expect((await cli(['template', '--unit', 'test/fixtures/mini/unit.yaml', '-o', form])).code).toBe(0);
    const runs: Array<[string, string[], 'SIGINT' | 'SIGTERM', number]> = [
      ['form', ['score', 'test/fixtures/mini/unit.yaml', '--xlsx', join(dir, 'form', 'bieu.xlsx')], 'SIGINT', 130],
      ['result', ['score', 'test/fixtures/mini/unit.yaml', '--json', '-o', join(dir, 'result', 'kq.json')], 'SIGTERM', 143],
      ['template', ['template', '--catalog', 'test/fixtures/mini/mini-2024.yaml', '-o', join(dir, 'template', 'mau.xlsx')], 'SIGTERM', 143],
      ['ranking', ['batch', 'test/batch/fixtures/mini', '--xlsx', join(dir, 'ranking', 'xh.xlsx')], 'SIGINT', 130],
      ['import', ['import', form, '-o', join(dir, 'import', 'don-vi.yaml')], 'SIGINT', 130],
    ];
    for (const [name] of runs) mkdirSync(join(dir, name));
    const stopped = await Promise.all(runs.map(([name, args, signal]) => interrupt(args, join(dir, name), signal)));
    runs.forEach(([name, , signal, code], i) => {
      expect(stopped[i]!.code, `${name}: ${stopped[i]!.stderr}`).toBe(code);
      expect(stopped[i]!.stderr).toContain(`(${signal})`);
      expect(stopped[i]!.stderr).toContain('(run.interrupted)');
      expect(readdirSync(join(dir, name)), name).toEqual([]);
    });
  }, 120_000);

  it("the forms of a batch, written by worker threads, and in-process; another process's temporary file is left alone", async () => {
    const dir = tmp();
    const gen = (await import(pathToFileURL(join(ROOT, 'scripts/gen-province.mjs')).href)) as { generateProvince(dir: string, n: number): void };
    // The fewest units that `--jobs 2` shares between two worker threads.
    expect(workersFor(96, 2)).toBe(2);
    gen.generateProvince(join(dir, 'units'), 96);
    mkdirSync(join(dir, 'workers'));
    mkdirSync(join(dir, 'one'));
    const other = '.20101.xlsx.99999999.0badf00d.tmp';
    writeFileSync(join(dir, 'workers', other), 'not ours');
    const [workers, one] = await Promise.all([
      // Two worker threads write the forms.
      interrupt(['batch', join(dir, 'units'), '--forms', join(dir, 'workers'), '--jobs', '2', '-q'], join(dir, 'workers'), 'SIGINT'),
      interrupt(['batch', 'test/batch/fixtures/mini', '--forms', join(dir, 'one'), '--jobs', '1', '-q'], join(dir, 'one'), 'SIGTERM'),
    ]);
    expect(workers.code, workers.stderr).toBe(130);
    expect(one.code, one.stderr).toBe(143);
    expect(temps(join(dir, 'workers'))).toEqual([other]);
    expect(temps(join(dir, 'one'))).toEqual([]);
  }, 120_000);
});
