// Small timing helpers for `npm run bench`: every figure is reported as a ratio to a baseline measured
// in the same run, on the same machine, so the numbers mean something on any machine.
import { spawnSync } from 'node:child_process';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall time of a command, in ms (median of `runs`, after one warm-up). */
export function timeCommand(cmd, args, { runs = 15, cwd, env } = {}) {
  const once = () => {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return ms;
  };
  once();
  return median(Array.from({ length: runs }, once));
}

/** Peak resident memory (MiB) of a command, from GNU time when present. */
export function peakMemory(cmd, args, { cwd, env } = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const kb = Number(r.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : NaN;
}

export const fmt = (x, d = 2) => x.toFixed(d).replace('.', ',');
