import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, expectNoStackTrace, ROOT } from './cli.js';
import { cli } from '../cli/run.js';

/** What ships in criteria/ and examples/: what a new user runs first. */
describe('shipped catalogs', () => {
  const files = readdirSync(join(ROOT, 'criteria')).filter((f) => f.endsWith('.yaml')).map((f) => `criteria/${f}`);

  it('all validate, and the list marks templates as templates', async () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect((await cli(['validate', ...files])).code).toBe(0);
    const list = JSON.parse((await cli(['catalog', 'list', '--json'])).stdout) as Array<{ id: string; template: boolean; scale: number }>;
    expect(list.map((c) => c.id).sort()).toEqual(files.map((f) => f.replace(/^criteria\/|\.yaml$/g, '')).sort());
    // No shipped catalog is a province's official text: each says it is a template.
    for (const c of list) expect(c.template, c.id).toBe(true);
  });

  it('tinh-2948-2018 has the area maxima and sub-criteria counts of the 2948/QĐ-BNV table', async () => {
    const cat = JSON.parse((await cli(['catalog', 'show', 'tinh-2948-2018', '--json'])).stdout) as {
      scale: number;
      areas: Array<{ max: number; children: unknown[] }>;
    };
    const leaves = (n: { children?: unknown[] }): number =>
      n.children ? n.children.reduce<number>((s, c) => s + leaves(c as { children?: unknown[] }), 0) : 1;
    // par-index.md §2: 10; 10; 14,5; 11; 16; 7; 16; 15,5 — and 6, 6, 16, 10, 16, 6, 18, 3 sub-criteria (81).
    expect(cat.areas.map((a) => a.max)).toEqual([10, 10, 14.5, 11, 16, 7, 16, 15.5]);
    expect(cat.areas.map(leaves)).toEqual([6, 6, 16, 10, 16, 6, 18, 3]);
    expect(cat.scale).toBe(100);
  });

  it('xa-mau-2024 is a commune catalog of 8 areas and 50–60 sub-criteria summing to 100', async () => {
    const [c] = (JSON.parse((await cli(['catalog', 'list', '--json'])).stdout) as Array<{ id: string; level: string; items: number; scale: number }>).filter(
      (x) => x.id === 'xa-mau-2024',
    );
    expect(c).toMatchObject({ level: 'xa', scale: 100 });
    expect(c!.items).toBeGreaterThanOrEqual(50);
    expect(c!.items).toBeLessThanOrEqual(60);
  });
});

describe('shipped examples', () => {
  it("the README's first command: the commune's table, index, band and lost points (exit 0)", async () => {
    const args = ['score', 'examples/hoang-viet-2024.yaml'];
    const run = await cli(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Chỉ số: 92,95% — Xuất sắc');
    expect(run.stdout).toContain('Các tiêu chí bị mất điểm (9):');
    expect(run.stderr).toBe('');
    expectGolden('score-hoang-viet-text', args, run);
  });

  it('the invalid example shows every problem at once with line and column (exit 2)', async () => {
    const args = ['validate', 'examples/invalid/hoang-viet-loi.yaml'];
    const run = await cli(args);
    expect(run.code).toBe(2);
    expectNoStackTrace(run);
    const lines = run.stdout.trim().split('\n');
    const findings = lines.slice(0, -1);
    for (const l of findings) expect(l).toMatch(/^examples\/invalid\/hoang-viet-loi\.yaml:\d+:\d+: lỗi: \[tiêu chí [\d.]+\] /);
    expect(findings.map((l) => /\(([\w.]+)\)$/.exec(l)?.[1])).toEqual([
      'evidence.choice_unknown',
      'evidence.claimed_exceeds_max',
      'evidence.date_invalid',
      'evidence.numerator_exceeds',
      'evidence.unknown_code',
      'schema.too_small',
      'evidence.decimal_comma',
    ]);
    expectGolden('validate-invalid-example', args, run);
  });

  it('validate takes folders: the district holds one invalid file among 16, named with its position', async () => {
    const run = await cli(['validate', 'examples/van-lang-2024', 'criteria', '--json']);
    expect(run.code).toBe(2);
    const j = JSON.parse(run.stdout) as { files: Array<{ file: string; kind: string; valid: boolean; findings: Array<{ code: string; line: number }> }> };
    expect(j.files).toHaveLength(18);
    expect(j.files.filter((f) => f.kind === 'catalog')).toHaveLength(2);
    const bad = j.files.filter((f) => !f.valid);
    expect(bad.map((f) => f.file)).toEqual(['examples/van-lang-2024/20108-tan-tac.yaml']);
    expect(bad[0]!.findings.map((f) => f.code)).toEqual(['evidence.numerator_exceeds']);
    expect(bad[0]!.findings[0]!.line).toBeGreaterThan(1);
  });

  it('scoring the invalid example writes nothing and prints no score', async () => {
    const run = await cli(['score', 'examples/invalid/hoang-viet-loi.yaml', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/hoang-viet-loi\.yaml:\d+:\d+: lỗi: /);
  });
});
