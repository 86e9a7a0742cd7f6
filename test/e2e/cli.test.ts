import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, expectNoStackTrace, goldenFile, ROOT } from './cli.js';
import { cli } from '../cli/run.js';

const MINI = 'test/fixtures/mini/unit.yaml';

describe('cchc score', () => {
  it('prints the table, totals, index with band and the lost-points list (exit 0)', async () => {
    const args = ['score', MINI];
    const run = await cli(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('71,10%');
    expectGolden('score-mini-text', args, run);
  });

  it('gives the documented JSON shape', async () => {
    const args = ['score', MINI, '--format', 'json'];
    const run = await cli(args);
    expect(run.code).toBe(0);
    const j = JSON.parse(run.stdout);
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining(['unit', 'catalog', 'achieved', 'applicableMax', 'index', 'band', 'areas', 'items', 'lost', 'findings']),
    );
    expect([j.achieved, j.bonus, j.total, j.applicableMax, j.index, j.band]).toEqual([6.61, 0.5, 7.11, 10, 71.1, 'Khá']);
    expect(j.lost).toEqual(['2.1', '2.4', '1.2', '1.3', '2.3', '1.1.2', '2.2']);
    expect(j.formatVersion).toBe(2);
    expectGolden('score-mini-json', args, run);
    // Language-free: codes and numbers only, the same bytes with --lang en.
    expect((await cli(['--lang', 'en', ...args])).stdout).toBe(run.stdout);
  });

  it('speaks English with --lang en', async () => {
    const args = ['--lang', 'en', 'score', MINI];
    const run = await cli(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('71.10%');
    expectGolden('score-mini-en', args, run);
  });

  it('never modifies its input', async () => {
    const hash = () => createHash('sha256').update(readFileSync(join(ROOT, MINI))).digest('hex');
    const before = hash();
    await cli(['score', MINI, '--json']);
    expect(hash()).toBe(before);
  });
});

describe('bad input: clear message with file:line:column, exit 2, no stack trace', () => {
  const cases: Array<[string, string[], string[]]> = [
    ['missing-file', ['score', 'test/fixtures/nope.yaml'], ['file.not_found']],
    ['directory', ['score', 'test/fixtures'], ['file.is_directory']],
    ['empty-file', ['score', 'test/fixtures/bad/empty.yaml'], ['file.empty']],
    ['not-yaml', ['score', 'test/fixtures/bad/not-yaml.yaml'], ['yaml.syntax']],
    ['duplicate-key', ['score', 'test/fixtures/bad/duplicate-key.yaml'], ['yaml.duplicate_key']],
    ['wrong-year-level', ['score', 'test/fixtures/bad/wrong-year.yaml'], ['evidence.year_mismatch', 'evidence.level_mismatch']],
    ['unknown-catalog', ['score', MINI, '--catalog', 'khong-co'], ['catalog.not_found']],
    ['missing-catalog-file', ['score', 'test/fixtures/bad/missing-catalog.yaml'], ['catalog.file_not_found']],
    ['catalog-as-unit', ['score', 'test/fixtures/mini/mini-2024.yaml'], ['file.not_evidence']],
    ['unit-as-catalog', ['score', MINI, '--catalog', MINI], ['file.not_catalog']],
    ['catalog-ref-is-evidence', ['score', 'test/fixtures/bad/catalog-is-evidence.yaml'], ['file.not_catalog']],
    ['workbook-as-catalog', ['score', MINI, '--catalog', 'test/fixtures/bad/bieu.xlsx'], ['file.not_catalog']],
    // One stray catalog key in an evidence file is a schema error on its line, not "this is a catalog".
    ['evidence-with-areas-key', ['score', 'test/fixtures/bad/stray-areas.yaml'], ['schema.unknown_key']],
    [
      'bad-values',
      ['score', 'test/fixtures/bad/values.yaml'],
      [
        'evidence.choice_unknown',
        'evidence.numerator_exceeds',
        'evidence.percent_range',
        'evidence.date_invalid',
        'evidence.unknown_code',
        'evidence.not_leaf',
        'evidence.count_invalid',
        'evidence.claimed_exceeds_max',
      ],
    ],
  ];
  for (const [name, args, expected] of cases) {
    it(name, async () => {
      const run = await cli(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expectNoStackTrace(run);
      for (const code of expected) expect(run.stderr).toContain(`(${code})`);
      // A file that cannot be opened has no line to point at; everything else has line and column.
      const pattern = /^(test\/fixtures[\w/.-]*|--catalog [\w/.-]+): lỗi: |^[^:]+\.yaml:\d+:\d+: (lỗi|cảnh báo): /;
      for (const line of run.stderr.trim().split('\n')) expect(line).toMatch(pattern);
      expectGolden(`error-${name}`, args, run);
    });
  }

  it('a wrong command line is exit 2, said in Vietnamese (English with --lang en)', async () => {
    const run = await cli(['score', MINI, '--nope']);
    expect(run.code).toBe(2);
    expectNoStackTrace(run);
    expect(run.stderr).toMatch(/^lỗi: không có tùy chọn '--nope'\n/);
    const en = await cli(['--lang', 'en', 'score', MINI, '-f', 'xml']);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/^error: option '-f, --format <format>' argument 'xml' is invalid/);
  });

  it('gives its help in Vietnamese, golden (English with --lang en), exit 0', async () => {
    const args = ['batch', '--help'];
    const run = await cli(args);
    expect(run.code).toBe(0);
    expectGolden('help-batch', args, run);
    const en = await cli(['--lang', 'en', 'score', '--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^Usage: cchc score \[options\] <unit>\n/);
    expect(en.stdout).toContain('Options:');
  });

  it('a device is not read without end', async () => {
    const run = await cli(['score', '/dev/zero']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(file.not_regular)');
  });
});

describe('cchc validate', () => {
  it('reports every problem of every file at once and exits 2', async () => {
    const args = ['validate', 'test/fixtures/mini/mini-2024.yaml', 'test/fixtures/bad/values.yaml', 'test/fixtures/bad/duplicate-key.yaml'];
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Đã kiểm tra 3 tệp: \d+ lỗi/);
    expectGolden('validate-bad', args, run);
  });

  it('passes valid files with exit 0 and reports JSON', async () => {
    const run = await cli(['validate', 'test/fixtures/mini/mini-2024.yaml', MINI, '--json']);
    expect(run.code).toBe(0);
    const j = JSON.parse(run.stdout);
    expect(j.valid).toBe(true);
    expect(j.files.map((f: { kind: string }) => f.kind)).toEqual(['catalog', 'evidence']);
  });
});

describe('golden files', () => {
  it('a missing golden file fails, in CI or not, and is not written; UPDATE_GOLDEN=1 writes it', () => {
    const name = `missing-${process.pid}`;
    const run = { code: 0, stdout: 'x\n', stderr: '' };
    const saved = { UPDATE_GOLDEN: process.env.UPDATE_GOLDEN, CI: process.env.CI };
    const set = (k: keyof typeof saved, v: string | undefined) => (v === undefined ? Reflect.deleteProperty(process.env, k) : (process.env[k] = v));
    try {
      set('UPDATE_GOLDEN', undefined);
      for (const ci of [undefined, '1']) {
        set('CI', ci);
        expect(() => expectGolden(name, ['score'], run), `CI=${ci}`).toThrow(/golden file missing/);
        expect(existsSync(goldenFile(name)), `CI=${ci}`).toBe(false);
      }
      set('UPDATE_GOLDEN', '1');
      expectGolden(name, ['score'], run);
      expect(readFileSync(goldenFile(name), 'utf8')).toBe('$ cchc score\n--- exit 0\n--- stdout\nx\n--- stderr\n');
    } finally {
      set('UPDATE_GOLDEN', saved.UPDATE_GOLDEN);
      set('CI', saved.CI);
      rmSync(goldenFile(name), { force: true });
    }
  });
});
