import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npm run test:unit` runs in seconds because it tests the pure core only: the files it names import
 * from src/core and from test helpers that do too, never an adapter, the CLI, a child process,
 * LibreOffice or a browser. This keeps them so.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const script: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['test:unit'];
const filters = script.split(/\s+/).filter((w) => w.startsWith('test/'));
const files = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
  .map((f) => `test/${f}`)
  .filter((f) => f.endsWith('.test.ts') && filters.some((x) => f.includes(x)))
  .sort();

/** Every module a test file loads from the repository, following test/ helpers. */
function imports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]|^\s*export\s[^'"]*from\s['"]([^'"]+)['"]/gm)) {
    const spec = (m[1] ?? m[2])!;
    if (!spec.startsWith('.')) {
      out.push(spec);
      continue;
    }
    const target = relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.js$/, '.ts');
    out.push(target);
    if (target.startsWith('test/')) out.push(...imports(target, seen));
  }
  return out;
}

describe('npm run test:unit', () => {
  it('runs the core’s tests, and they load nothing but the core', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(files).toContain('test/unit/hand-worked.test.ts');
    for (const f of files) {
      const outside = imports(f).filter(
        (m) => !(m.startsWith('src/core/') || m.startsWith('test/') || ['vitest', 'node:fs', 'node:path', 'yaml'].includes(m)),
      );
      expect(outside, f).toEqual([]);
      const helpers = imports(f).filter((m) => m.startsWith('test/'));
      for (const h of helpers) expect(h, f).toMatch(/^test\/helpers\.ts$/);
    }
  });
});
