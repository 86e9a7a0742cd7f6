// Small timing helpers for `npm run bench`: every figure is reported as a ratio to a baseline measured
// in the same run, on the same machine, so the numbers mean something on any machine.
import { spawnSync } from 'node:child_process';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
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

/**
 * Paired wall times: `runs` rounds (after one warm-up) of every argument list in turn; the median time
 * of each (ms) and the median of its ratio to the first one in the same round.
 */
export function pairedTimes(cmd, argLists, runs = 15) {
  const once = (args) => {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return ms;
  };
  argLists.forEach(once);
  const times = argLists.map(() => []);
  const ratios = argLists.map(() => []);
  for (let i = 0; i < runs; i++) {
    const round = argLists.map(once);
    round.forEach((ms, j) => {
      times[j].push(ms);
      ratios[j].push(ms / round[0]);
    });
  }
  return { ms: times.map(median), ratio: ratios.map(median) };
}
