import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';

describe('the bundled CLI', () => {
  // dist/cli.js starts the CLI's CommonJS bundle with V8's code cache (scripts/build.mjs).
  const bundle = readFileSync(join(ROOT, 'dist/cli-main.cjs'), 'utf8');
  it('loads exceljs and jszip only lazily (never on the text path)', () => {
    expect(bundle).not.toMatch(/^(?:var|const|let)\s[^;]*=\s*require\(["'](exceljs|jszip|docx)["']\)/m);
    expect(bundle).toMatch(/Promise\.resolve\(\)\.then\(\(\) => __toESM\(require\(["']exceljs["']\), 1\)\)/);
  });
  it('carries zod with its English messages only: the other 63 locale packs are left out of every bundle', () => {
    for (const file of ['dist/cli-main.cjs', 'dist/batch-worker.js']) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text).toContain('Invalid input');
      // Dutch and Indonesian, written in ASCII (esbuild escapes other letters).
      expect(text).not.toContain('Ongeldige invoer');
      expect(text).not.toContain('Input tidak valid');
    }
  });
  it('is one self-contained file apart from the lazy workbook libraries', () => {
    const required = [...bundle.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]!);
    // exceljs's fixed theme text is read by the form writer without loading exceljs (src/xlsx/excel.ts).
    expect(required.filter((s) => !builtinModules.includes(s.replace(/^node:/, ''))).sort()).toEqual([
      'docx',
      'exceljs',
      'exceljs/lib/xlsx/xml/theme1.js',
      'jszip',
      'jszip',
      'jszip',
    ]);
    const loader = readFileSync(join(ROOT, 'dist/cli.js'), 'utf8');
    const staticImports = [...loader.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]);
    expect(staticImports.every((s) => s!.startsWith('node:'))).toBe(true);
  });
  it('is ASCII, and its code cache is named for its content', () => {
    expect(bundle).toMatch(/^[\x00-\x7f]*$/);
    const loader = readFileSync(join(ROOT, 'dist/cli.js'), 'utf8');
    const hash = /cli-main\.([0-9a-f]{16})\.v8cache/.exec(loader)?.[1];
    expect(hash).toBe(createHash('sha256').update(bundle).digest('hex').slice(0, 16));
  });
});
