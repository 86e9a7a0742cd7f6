import { expandInputs } from '../../src/batch/inputs.js';
import { describe, expect, it } from 'vitest';
import { globBase, globRegExp, isGlob } from '../../src/batch/glob.js';

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
