import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupLabel } from '../../src/reporters/groups.js';
import { selfName } from '../../src/workbook/plan-words.js';
import { cli } from '../cli/run.js';
import { ROOT } from '../e2e/cli.js';
import { tmp } from '../xlsx/support.js';

/** Hai Bà Trưng: the district ranks its phòng chuyên môn and its phường with one decision. */
const DIR = join(ROOT, 'examples/catalog-shapes/08-nhieu-loai-don-vi');
const CAT = 'huyen-minh-hoa-phuong-xa-2024.yaml';

function district(): string[] {
  const dir = tmp();
  const cat = readFileSync(join(DIR, CAT), 'utf8').replace('  - code: xa\n', '  - code: phong\n    label: Phòng chuyên môn\n    scale: 8\n  - code: xa\n');
  writeFileSync(join(dir, CAT), cat);
  for (const u of ['phuong-a', 'phuong-b']) writeFileSync(join(dir, `${u}.yaml`), readFileSync(join(DIR, `${u}.yaml`), 'utf8'));
  const phong = readFileSync(join(DIR, 'xa-d.yaml'), 'utf8').replace('name: UBND xã D, level: xa, type: xa', 'name: Phòng Nội vụ, level: xa, type: phong');
  writeFileSync(join(dir, 'phong-noi-vu.yaml'), phong);
  return ['phuong-a', 'phuong-b', 'phong-noi-vu'].map((u) => join(dir, `${u}.yaml`));
}

describe('shape 8: a district ranks its phòng and its phường in one catalog', () => {
  it('a unit of type phong is read and ranked in its own group', async () => {
    const r = await cli(['batch', ...district(), '--json', '-q']);
    expect(r.exitCode, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { units: Array<{ code: string; group: string; rank: number }> };
    expect(j.units.map((u) => [u.group, u.code, u.rank])).toEqual([
      ['phong', '90804', 1],
      ['phuong', '90801', 1],
      ['phuong', '90802', 2],
    ]);
  });

  it('the phòng is named in words, and names itself in full (not "UBND phòng")', () => {
    expect(groupLabel('type', 'phong', 'vi')).toBe('Phòng chuyên môn');
    expect(groupLabel('type', 'phong', 'en')).toBe('District offices');
    expect(selfName({ type: 'phong', name: 'Phòng Nội vụ', level: 'xa' })).toBe('Phòng Nội vụ');
  });
});
