import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';
import { ROOT } from '../e2e/cli.js';
import { tmp } from '../xlsx/support.js';

/**
 * Shape 8: a rule's points are checked against the max of each unit type it applies to (max_by_type), not only
 * against the node's max: a xã given 2 points on a criterion worth 1 for a xã would score over its max.
 */
const DIR = join(ROOT, 'examples/catalog-shapes/08-nhieu-loai-don-vi');
const CAT = 'huyen-minh-hoa-phuong-xa-2024.yaml';

function catalogWith(rule21: string): string {
  const text = readFileSync(join(DIR, CAT), 'utf8')
    .replace(
      'hành chính\n        max: 2\n        rule: { kind: yes_no, when_not_arisen: not_applicable }',
      `hành chính\n        max: 2\n        max_by_type: { xa: 1 }\n        rule: ${rule21}`,
    )
    .replace('max_by_type: { xa: 4 }', 'max_by_type: { xa: 5 }');
  const file = join(tmp(), CAT);
  writeFileSync(file, text);
  return file;
}

describe('shape 8: rule points within each type\'s max', () => {
  it('a rule giving more than a type\'s max is a coded error at its line, with the criterion and the type', async () => {
    const file = catalogWith('{ kind: yes_no, yes: 2, when_not_arisen: not_applicable }');
    const r = await cli(['validate', file, '--json']);
    expect(r.exitCode).toBe(2);
    const fs = JSON.parse(r.stdout).files[0].findings as Array<{ code: string; line: number; column: number; criterion?: string; item?: string; args: Record<string, unknown> }>;
    const f = fs.find((x) => x.code === 'catalog.rule_exceeds_type_max');
    expect(f, JSON.stringify(fs)).toBeDefined();
    expect([f!.line, f!.args]).toEqual([55, { type: 'xa', points: 2, max: 1 }]);
    expect(fs.map((x) => x.code)).toEqual(['catalog.rule_exceeds_type_max']);
    expect(JSON.stringify(f)).toContain('"2.1"');
  });

  it('a rule whose points follow the max (yes = max, pro rata) fits every type', async () => {
    const file = catalogWith('{ kind: yes_no, when_not_arisen: not_applicable }');
    const r = await cli(['validate', file, '--json']);
    expect(r.exitCode, r.stdout).toBe(0);
  });
});
