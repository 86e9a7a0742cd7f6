import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';
import { ROOT } from '../e2e/cli.js';

/**
 * examples/catalog-shapes: one small catalog and unit per scoring shape, each unit worked out by hand
 * in its comments and summed up on `# expect:` lines (`# expect-item: code=points …` for single items).
 * Every file validates, and every unit scores exactly as worked out.
 */
const base = join(ROOT, 'examples/catalog-shapes');
const dirs = readdirSync(base).filter((d) => statSync(join(base, d)).isDirectory()).sort();

function expectations(text: string): { totals: Record<string, string>; items: Record<string, string> } {
  const totals: Record<string, string> = {};
  const items: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^# expect(-item)?: (.*)$/.exec(line);
    if (!m) continue;
    // key=value pairs; a value runs to the next " key=" (band labels have spaces).
    for (const p of m[2]!.matchAll(/([\w.]+)=(.*?)(?=\s+[\w.]+=|$)/g)) (m[1] ? items : totals)[p[1]!] = p[2]!.trim();
  }
  return { totals, items };
}

function units(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...units(p));
    else if (/\.yaml$/.test(e) && /^unit:|\nunit:/.test(readFileSync(p, 'utf8'))) out.push(p);
  }
  return out;
}

describe('examples/catalog-shapes: every shape validates and scores as worked out by hand', () => {
  it('has one folder per shape', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(1);
  });
  for (const d of dirs) {
    it(d, async () => {
      const dir = join(base, d);
      const v = await cli(['validate', dir, '--json']);
      expect(v.exitCode, v.stderr).toBe(0);
      // Warnings only where a file says it expects them ("# expect-warnings: code …").
      const allowed = new Set(readdirSync(dir).flatMap((f) => (/\.yaml$/.test(f) ? (/^# expect-warnings: (.*)$/m.exec(readFileSync(join(dir, f), 'utf8'))?.[1] ?? '').split(' ') : [])));
      const found = JSON.parse(v.stdout).files.flatMap((f: { findings: Array<{ code: string }> }) => f.findings.map((x) => x.code));
      expect(found.filter((c: string) => !allowed.has(c)), 'validate').toEqual([]);
      for (const file of units(dir)) {
        const { totals, items } = expectations(readFileSync(file, 'utf8'));
        expect(Object.keys(totals).length, `${file} has "# expect:" lines`).toBeGreaterThan(0);
        const args = ['score', file, '--json', ...(totals.args ? totals.args.split(' ') : [])];
        const r = await cli(args);
        expect(r.exitCode, `${file}: ${r.stderr}`).toBe(0);
        const j = JSON.parse(r.stdout);
        for (const [k, v] of Object.entries(totals)) {
          if (k === 'args') continue;
          const got = j[k];
          expect(String(got), `${file}: ${k}`).toBe(v);
        }
        for (const [code, pts] of Object.entries(items)) {
          const it = j.items.find((x: { code: string }) => x.code === code);
          expect(String(it?.points), `${file}: item ${code}`).toBe(pts);
        }
      }
    });
  }
});
