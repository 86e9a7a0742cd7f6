import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, win32 } from 'node:path';
import { expandInputs } from '../../src/io/inputs.js';
import { describe, expect, it } from 'vitest';
import { globBase, globPlan, globRegExp, isGlob, slashPath } from '../../src/io/glob.js';

describe('glob patterns left unexpanded by the shell', () => {
  it('tells patterns from paths and finds where to start walking', () => {
    expect(isGlob('examples/van-lang-2024')).toBe(false);
    expect(isGlob('x/*.yaml')).toBe(true);
    expect(globBase('examples/*/a.yaml')).toBe('examples');
    expect(globBase('*.yaml')).toBe('.');
    expect(globBase('/srv/data/**/*.yml')).toBe('/srv/data');
  });

  it('matches like a shell: * and ? within a segment, ** across folders, classes and alternatives', () => {
    const m = (p: string, s: string) => globRegExp(p).test(s);
    expect(m('d/*.yaml', 'd/a.yaml')).toBe(true);
    expect(m('d/*.yaml', 'd/e/a.yaml')).toBe(false);
    expect(m('d/*.yaml', 'd/.hidden.yaml')).toBe(false);
    expect(m('d/**/*.yaml', 'd/a.yaml')).toBe(true);
    expect(m('d/**/*.yaml', 'd/x/y/a.yaml')).toBe(true);
    expect(m('d/?.yaml', 'd/a.yaml')).toBe(true);
    expect(m('d/?.yaml', 'd/ab.yaml')).toBe(false);
    expect(m('d/[ab]*.yaml', 'd/b1.yaml')).toBe(true);
    expect(m('d/[!ab]*.yaml', 'd/b1.yaml')).toBe(false);
    expect(m('d/*.{yaml,yml}', 'd/a.yml')).toBe(true);
    expect(m('d/*.{yaml,yml}', 'd/a.json')).toBe(false);
    expect(m('d/a+b.yaml', 'd/a+b.yaml')).toBe(true);
  });
});

describe('expandInputs', () => {
  it('reports a malformed pattern as the argument’s problem, not an internal error', async () => {
    for (const bad of ['examples/van-lang-2024/{20100*.yaml', 'examples/[z-a]*.yaml']) {
      const r = await expandInputs([bad]);
      expect(r.paths).toEqual([]);
      expect(r.problems.map((p) => [p.code, p.file])).toEqual([['batch.pattern_invalid', bad]]);
    }
  });
});

/**
 * Windows: this machine runs Linux, so the pure planning is tested with node:path's win32 flavour,
 * with file paths made by win32.join as Windows' readdir would give them; the walk itself (fs) is
 * the same code on both and is tested here with POSIX paths.
 */
describe('patterns typed on Windows (node:path win32)', () => {
  const matches = (plan: ReturnType<typeof globPlan>, ...parts: string[]) => plan.re.test(slashPath(win32.join(...parts), win32));

  it('don-vi\\*.yaml walks don-vi, one level deep', () => {
    const plan = globPlan('don-vi\\*.yaml', win32);
    expect([plan.base, plan.depth]).toEqual(['don-vi', 1]);
    expect(matches(plan, 'don-vi', 'xa-a.yaml')).toBe(true);
    expect(matches(plan, 'don-vi', 'huyen', 'xa-a.yaml')).toBe(false);
    expect(globPlan('.\\don-vi\\*.yaml', win32).base).toBe('don-vi');
  });

  it('C:\\data\\**\\*.yaml walks C:/data at any depth', () => {
    const plan = globPlan('C:\\data\\**\\*.yaml', win32);
    expect([plan.base, plan.depth]).toEqual(['C:/data', Infinity]);
    expect(matches(plan, 'C:\\data', 'xa.yaml')).toBe(true);
    expect(matches(plan, 'C:\\data', 'huyen', 'xa', 'don-vi.yaml')).toBe(true);
    expect(matches(plan, 'D:\\data', 'xa.yaml')).toBe(false);
  });

  it('on POSIX a backslash stays part of the pattern', () => {
    expect(globPlan('don-vi\\*.yaml', posix).base).toBe('.');
    expect(globPlan('don-vi/*.yaml', posix).base).toBe('don-vi');
  });

  it('matches names in either Unicode normal form (NFC typed, NFD written by macOS, and back)', () => {
    const nfc = 'đơn-vị/xã-*.yaml'.normalize('NFC');
    expect(globPlan(nfc, posix).re.test(slashPath('đơn-vị/xã-a.yaml'.normalize('NFD'), posix))).toBe(true);
    expect(globPlan(nfc.normalize('NFD'), posix).re.test(slashPath('đơn-vị/xã-a.yaml', posix))).toBe(true);
  });
});

describe('expandInputs and Unicode normal forms', () => {
  it('finds files under a folder named in NFD from a pattern typed in NFC', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cchc-glob-'));
    const dir = join(root, 'Đơn vị'.normalize('NFD'));
    mkdirSync(dir);
    writeFileSync(join(dir, 'xã-a.yaml'.normalize('NFD')), 'x: 1\n');
    writeFileSync(join(dir, 'b.yml'), 'x: 1\n');
    const r = await expandInputs([join(root, 'Đơn vị', 'xã-*.yaml').normalize('NFC')]);
    expect(r.problems).toEqual([]);
    expect(r.paths).toEqual([join(dir, 'xã-a.yaml'.normalize('NFD'))]);
  });
});
