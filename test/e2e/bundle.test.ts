import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';

describe('the bundled CLI', () => {
  const bundle = readFileSync(join(ROOT, 'dist/cli.js'), 'utf8');
  it('loads exceljs and jszip only lazily (never on the text path)', () => {
    expect(bundle).not.toMatch(/^import[^;]*from\s*["'](exceljs|jszip)["']/m);
    expect(bundle).toMatch(/import\(["']exceljs["']\)/);
  });
  it('carries zod with its English messages only: the other 63 locale packs are left out of every bundle', () => {
    for (const file of ['dist/cli.js', 'dist/batch-worker.js']) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text).toContain('Invalid input');
      // Dutch and Indonesian, written in ASCII (esbuild escapes other letters).
      expect(text).not.toContain('Ongeldige invoer');
      expect(text).not.toContain('Input tidak valid');
    }
  });
  it('is one self-contained file apart from the lazy workbook libraries', () => {
    const staticImports = [...bundle.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]);
    expect(staticImports.every((s) => s!.startsWith('node:'))).toBe(true);
  });
});
