import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';
import { ROOT } from '../e2e/cli.js';
import { tmp } from '../xlsx/support.js';

/**
 * Shape 10: a district's catalog inside a city framework (extends + fill). The framework's codes, areas, maxima,
 * scale and bands stand; the district's sub-criteria must add up to each criterion's max; every problem is a coded
 * finding at file:line:column in the district's file, all at once.
 */
const DIR = join(ROOT, 'examples/catalog-shapes/10-khung-cap-duoi-dien');
const FRAMEWORK = readFileSync(join(DIR, 'khung-xa-minh-hoa-2024.yaml'), 'utf8');
const CHILD = readFileSync(join(DIR, 'quan-minh-hoa-xa-2024.yaml'), 'utf8');
const UNIT = readFileSync(join(DIR, 'phuong-minh-hoa.yaml'), 'utf8');

function folder(child: string, framework = FRAMEWORK): string {
  const dir = join(tmp(), 'k');
  mkdirSync(dir);
  writeFileSync(join(dir, 'khung-xa-minh-hoa-2024.yaml'), framework);
  writeFileSync(join(dir, 'quan-minh-hoa-xa-2024.yaml'), child);
  writeFileSync(join(dir, 'phuong-minh-hoa.yaml'), UNIT);
  return dir;
}
const found = async (dir: string, file = 'quan-minh-hoa-xa-2024.yaml') => {
  const r = await cli(['validate', join(dir, file), '--json']);
  const fs = JSON.parse(r.stdout).files[0].findings as Array<{ code: string; line: number; column: number; args: Record<string, unknown> }>;
  return { exitCode: r.exitCode, fs };
};

describe('shape 10: extends a framework', () => {
  it('the district catalog scores as the framework filled in, and catalog show marks what the district added', async () => {
    const r = JSON.parse((await cli(['score', join(DIR, 'phuong-minh-hoa.yaml'), '--json'])).stdout);
    expect([r.total, r.applicableMax, r.index, r.band]).toEqual([8, 10, 80, 'Tốt']);
    expect(r.catalog.id).toBe('quan-minh-hoa-xa-2024');
    expect(r.areas[0].children.map((c: { code: string; max: number }) => [c.code, c.max])).toEqual([['1.1', 2], ['1.2', 3]]);
    const show = (await cli(['catalog', 'show', join(DIR, 'quan-minh-hoa-xa-2024.yaml')])).stdout;
    expect(show).toContain('Theo khung khung-xa-minh-hoa-2024');
    expect(show).toContain('tin điện tử [cấp dưới bổ sung]');
    expect(show).toMatch(/2\.1\.1 +│ +Niêm yết thủ tục hành chính tại trụ sở +│/);
  });

  it('sub-criteria that miss the criterion max, an unknown criterion and a criterion left open: all at once, in the child file', async () => {
    const bad = CHILD.replace('      max: 1\n      rule: { kind: timeliness', '      max: 1.5\n      rule: { kind: timeliness').replace('  "2.1":', '  "9.9":');
    const { exitCode, fs } = await found(folder(bad));
    expect(exitCode).toBe(2);
    expect(fs.map((f) => f.code).sort()).toEqual(['catalog.fill_open', 'catalog.fill_sum', 'catalog.fill_unknown']);
    const sum = fs.find((f) => f.code === 'catalog.fill_sum')!;
    expect([sum.line, sum.args]).toEqual([13, { code: '1.2', sum: 3.5, max: 3 }]);
    expect(fs.find((f) => f.code === 'catalog.fill_unknown')!.line).toBe(22);
    expect(fs.find((f) => f.code === 'catalog.fill_open')!.args).toEqual({ code: '2.1' });
  });

  it('a district code outside its criterion, a rule over its max: placed on the district line that says it', async () => {
    const bad = CHILD.replace('code: "2.1.2"', 'code: "2.2.9"').replace('rule: { kind: timeliness, late: 0.5', 'rule: { kind: timeliness, late: 1.5');
    const { fs } = await found(folder(bad));
    const under = fs.find((f) => f.code === 'catalog.code_not_under_parent')!;
    expect([under.line, under.column]).toEqual([22, 13]);
    expect(fs.find((f) => f.code === 'catalog.rule_exceeds_max')!.line).toBe(20);
  });

  it('the framework cannot be changed by the child (no areas, no scale, no bands there) and cannot score a unit itself', async () => {
    const { fs } = await found(folder(CHILD.replace('scope: Quận Minh Họa', 'scope: Quận Minh Họa\nscale: 20')));
    expect(fs.map((f) => f.code)).toEqual(['schema.unknown_key']);
    const dir = folder(CHILD);
    writeFileSync(join(dir, 'u.yaml'), UNIT.replace('./quan-minh-hoa-xa-2024.yaml', './khung-xa-minh-hoa-2024.yaml'));
    const r = await cli(['score', join(dir, 'u.yaml'), '--json']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('catalog.framework_open');
    expect(r.stderr).toContain('1.2, 2.1');
  });

  it('a missing framework and a chain of extends are refused', async () => {
    const missing = await found(folder(CHILD.replace('./khung-xa-minh-hoa-2024.yaml', './khong-co.yaml')));
    expect(missing.fs.map((f) => f.code)).toEqual(['catalog.extends_broken']);
    const dir = folder(CHILD);
    writeFileSync(join(dir, 'chau-2024.yaml'), CHILD.replace('id: quan-minh-hoa-xa-2024', 'id: chau-2024').replace('./khung-xa-minh-hoa-2024.yaml', './quan-minh-hoa-xa-2024.yaml'));
    expect((await found(dir, 'chau-2024.yaml')).fs.map((f) => f.code)).toEqual(['catalog.extends_chain']);
  });
});
