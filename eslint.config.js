import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import fixedOperators from './scripts/lint/fixed-operators.js';

/**
 * Rules that find defects, not style: ESLint's recommended set and typescript-eslint's strict
 * type-aware set, less the rules that only restate the code base's idioms (see each "off" below).
 * No formatting rules.
 */
export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'out/', '.bench/', 'test/artifacts/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { cchc: { rules: { 'fixed-operators': fixedOperators } } },
    rules: {
      'cchc/fixed-operators': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/require-array-sort-compare': ['error', { ignoreStringArrays: true }],
      // Numbers in messages are the point of most templates; undefined, objects and Fixed are not.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowAny: false, allowBoolean: false, allowNullish: false, allowRegExp: false, allowNever: false, allowArray: false },
      ],
      // With noUncheckedIndexedAccess, `xs[i]!` after a bounds check is the code base's idiom.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Style: `return void i++`, `(x) => set.add(x)`.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-meaningless-void-operator': 'off',
      // The costliest type-aware rules (a third of the lint time) and none finds defects here: the code
      // base declares no enums or class hierarchies, and a deprecated call still works.
      '@typescript-eslint/no-unsafe-enum-assignment': 'off',
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/no-deprecated': 'off',
      // Style; its one finding here was wrong (a helper whose return type is inferred from K and V).
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      // TypeScript's noUnusedLocals/noUnusedParameters report these already.
      '@typescript-eslint/no-unused-vars': 'off',
      // Every control character in a pattern here is meant (ANSI colour codes, NUL in file names).
      'no-control-regex': 'off',
      // Strings are spread on purpose to iterate code points (width and clipping count them).
      '@typescript-eslint/no-misused-spread': ['error', { allow: [{ from: 'lib', name: 'string' }] }],
    },
  },
  {
    // A finding's or hint's arguments are a record looked up by name (Args in core/findings/finding.ts):
    // every `${a.x}` in the word tables is `string | number | undefined` to TypeScript, because which
    // arguments a code carries is not typed per code.
    files: ['src/reporters/messages.ts', 'src/reporters/describe.ts'],
    rules: { '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowNullish: true }] },
  },
  {
    // Tests read the program's JSON output as untyped data on purpose: typing it with the producer's
    // own types would make the tests agree with the code by construction.
    files: ['test/**'],
    rules: {
      // A test's label or expected text may show an absent value ("undefined", "null") on purpose.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowNullish: true }],
      // exceljs's types claim styles (font, alignment, protection, numFmt) that a cell may lack: tests read
      // them defensively, and an assertion's `?.` costs nothing (src reads them through xlsx/excel.ts).
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', 'vitest.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { 'cchc/fixed-operators': 'off' },
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly', setTimeout: 'readonly', Buffer: 'readonly', structuredClone: 'readonly' } },
  },
);
