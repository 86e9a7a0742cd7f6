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
  it('is one self-contained file apart from the lazy workbook libraries', () => {
    const staticImports = [...bundle.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]);
    expect(staticImports.every((s) => s!.startsWith('node:'))).toBe(true);
  });
});
