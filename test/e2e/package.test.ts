import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cchc, ROOT } from './cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  private?: boolean;
  license?: string;
  description?: string;
  keywords?: string[];
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
// dist/cli.js only starts dist/cli-main.cjs (the CLI's bundle, CommonJS: external packages are require()d).
const bundles = ['dist/cli-main.cjs', 'dist/batch-worker.js', 'dist/cli.js'].map((f) => readFileSync(join(ROOT, f), 'utf8'));

/** Packages the bundles load from node_modules at run time (static or lazy imports of bare names). */
function loadedAtRunTime(): string[] {
  const builtin = new Set(builtinModules);
  const names = new Set<string>();
  for (const b of bundles) {
    for (const m of b.matchAll(/(?:^import\s[^;]*?from\s*|\bimport\(\s*|\brequire\(\s*)["']([^"'./][^"']*)["']/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('node:') || builtin.has(spec)) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return [...names].sort();
}

/** Packages whose code esbuild inlined: it marks each module with a `// node_modules/<pkg>/…` line. */
function inlined(): string[] {
  const names = new Set<string>();
  for (const b of bundles) {
    for (const m of b.matchAll(/^\/\/ node_modules\/((?:@[^/\n]+\/)?[^/\n]+)\//gm)) names.add(m[1]!);
  }
  return [...names].sort();
}

describe('the npm package', () => {
  it('is publishable: not private, MIT with its LICENSE file, described, for Node 20 and later', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(pkg.description).toMatch(/PAR Index/);
    expect(pkg.keywords?.length).toBeGreaterThan(3);
    expect(pkg.engines?.node).toBe('>=20');
  });

  it('depends at run time on exactly what the bundle leaves out; everything inlined is a devDependency', () => {
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual(loadedAtRunTime());
    const inl = inlined();
    expect(inl).toContain('zod');
    for (const name of inl) {
      expect(pkg.dependencies?.[name], name).toBeUndefined();
      // Direct imports of the sources are declared; what they pull in comes with them.
    }
    for (const name of ['chalk', 'cli-table3', 'commander', 'yaml', 'zod']) expect(pkg.devDependencies?.[name], name).toBeDefined();
  });

  it('ships the licence of every package inlined into the bundle', () => {
    const notices = readFileSync(join(ROOT, 'dist/THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const name of inlined()) {
      const dir = join(ROOT, 'node_modules', name);
      const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
      expect(notices, name).toContain(`${name}@${version} — `);
      const licence = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
      expect(licence, name).toBeDefined();
      expect(notices, name).toContain(readFileSync(join(dir, licence!), 'utf8').trim());
    }
    expect(bundles[0]).toMatch(/THIRD-PARTY-NOTICES\.txt/);
  });

  it('reports the version of package.json, which no source file repeats', () => {
    const run = cchc(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
    const literal = /['"]\d+\.\d+\.\d+(?:-[\w.]+)?['"]/;
    const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const f of files) expect(readFileSync(join(ROOT, 'src', f), 'utf8'), f).not.toMatch(literal);
  });
});
