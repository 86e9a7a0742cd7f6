import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';
import { ROOT } from '../e2e/cli.js';

/** Shape 8: ranked per unit type, each type's table is read against its own area maxima (a xã's area 2 is out of 6). */
const DIR = join(ROOT, 'examples/catalog-shapes/08-nhieu-loai-don-vi');
const units = ['phuong-a', 'phuong-b', 'xa-c', 'xa-d'].map((u) => join(DIR, `${u}.yaml`));

describe('shape 8: area maxima per unit type in the ranking', () => {
  it('the text shows each type\'s maxima under its own table, only for the areas that apply to it', async () => {
    const r = await cli(['batch', ...units, '-q']);
    expect(r.exitCode, r.stderr).toBe(0);
    const [, phuong, xa] = r.stdout.split(/\n(?=Phường —|Xã —)/);
    const maxima = (s: string | undefined) => [...(s ?? '').matchAll(/^ {2}LV(\d)\s.*\(\D* (\d+,\d\d)\)$/gm)].map((m) => [m[1], m[2]]);
    expect(maxima(phuong)).toEqual([['1', '4,00'], ['2', '4,00'], ['3', '2,00']]);
    expect(maxima(xa)).toEqual([['1', '4,00'], ['2', '6,00']]);
  });

  it('the JSON names each area\'s max per type', async () => {
    const j = JSON.parse((await cli(['batch', ...units, '--json', '-q'])).stdout);
    expect(j.catalog.areas.map((a: { code: string; maxByType?: unknown }) => [a.code, a.maxByType])).toEqual([
      ['1', { phuong: 4, xa: 4 }],
      ['2', { phuong: 4, xa: 6 }],
      ['3', { phuong: 2 }],
    ]);
  });
});
