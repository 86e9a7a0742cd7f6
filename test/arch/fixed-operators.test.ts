import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import fixedOperators from '../../scripts/lint/fixed-operators.js';

const FIXED = resolve(dirname(new URL(import.meta.url).pathname), '../../src/core/fixed.ts');

/** The lines the rule reports in a module that imports the real core/fixed.ts. */
async function reported(body: string): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-lint-'));
  const file = join(dir, 'use.ts');
  const spec = relative(dir, FIXED).replace(/\.ts$/, '.js');
  const code = `import { ZERO, type Fixed } from '${spec.startsWith('.') ? spec : `./${spec}`}';\ndeclare const a: Fixed;\ndeclare const b: Fixed;\ndeclare const c: Fixed | undefined;\nvoid ZERO;\n${body}\n`;
  writeFileSync(file, code);
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    lib: ['lib.es2022.d.ts'],
    types: [],
    noEmit: true,
  });
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser, parserOptions: { programs: [program] } },
      plugins: { cchc: { rules: { 'fixed-operators': fixedOperators } } },
      rules: { 'cchc/fixed-operators': 'error' },
    },
  });
  const [result] = await eslint.lintFiles([file]).finally(() => rmSync(dir, { recursive: true }));
  return result!.messages.map((m) => (m.ruleId === 'cchc/fixed-operators' ? m.line - 5 : -1));
}

describe('the lint rule for opaque Fixed points', () => {
  it('refuses relational and equality operators and switch on Fixed, and allows absent-value checks', async () => {
    const lines = [
      'const x1 = a > b;', // 1
      'const x2 = a === b;', // 2
      'const x3 = c !== undefined && a <= c;', // 3
      'const x4 = c === undefined;', // 4: an absent value, allowed
      'const x5 = a == null;', // 5: allowed
      'switch (a) { case b: break; }', // 6
      'const x7 = 1 < 2;', // 7: plain numbers, allowed
      'void [x1, x2, x3, x4, x5, x7];',
    ];
    expect(await reported(lines.join('\n'))).toEqual([1, 2, 3, 6]);
  });
});
