import { describe, expect, it } from 'vitest';
import { districtContext as fromDoc } from '../../src/core/batch/district.js';
import type { Doc } from '../../src/core/source.js';
import { ranking } from './make.js';

const unit = (over: Partial<{ code: string; index: number; id: string; year: number }> = {}) => ({
  code: over.code ?? 'X00002',
  index: over.index ?? ranking(17).units[1]!.index,
  catalog: { id: over.id ?? 'thu-2024', year: over.year ?? 2024, decimals: 2 },
});

/** A parsed ranking file as the core's document (findings placed in kq.json). */
const districtContext = (data: unknown, file: string, u: Parameters<typeof fromDoc>[1]) => {
  const doc: Doc = { file, data, locate: (fs) => fs.map((f) => ({ ...f, file })) };
  return fromDoc(doc, u);
};

const codes = (r: ReturnType<typeof districtContext>) => ('findings' in r ? r.findings.map((f) => [f.code, f.args, f.file]) : 'context');

describe('--ranking: a saved batch result around one unit', () => {
  it('gives the rank, the mean index and each area over all units together, exactly', () => {
    const r = districtContext(ranking(17), 'kq.json', unit());
    if (!('context' in r)) throw new Error('refused');
    expect(r.context).toMatchObject({ file: 'kq.json', rank: 2, rankLabel: '02/17', groupSize: 17, parent: 'UBND huyện 0', average: ranking(17).summary.average });
    const units = ranking(17).units;
    const pts = units.reduce((s, u) => s + Math.round(u.areas[0]!.points * 100), 0);
    expect(r.context.areas.get('1')).toBe(Math.round((pts / (17 * 40)) * 10) / 10);
  });

  it('reads a version 1 result too (today’s saved files)', () => {
    expect('context' in districtContext({ ...ranking(5), formatVersion: 1 }, 'kq.json', unit({ index: ranking(5).units[1]!.index }))).toBe(true);
  });

  it('averages over the unit’s own group when the ranking was grouped', () => {
    const r = districtContext(ranking(20, { groups: 2 }), 'kq.json', unit({ index: ranking(20).units[1]!.index }));
    if (!('context' in r)) throw new Error('refused');
    const peers = ranking(20, { groups: 2 }).units.filter((u) => u.group === 'UBND huyện 1');
    expect(r.context.group).toBe('UBND huyện 1');
    expect(r.context.average).toBe(Math.round(peers.reduce((s, u) => s + Math.round(u.index * 100), 0) / peers.length) / 100);
  });

  it('refuses what is not a ranking, with schema findings at the wrong field', () => {
    const paths = (r: ReturnType<typeof districtContext>) => ('findings' in r ? r.findings.map((f) => [f.code, f.path.join('.')]) : 'context');
    expect(paths(districtContext([], 'kq.json', unit()))).toEqual([['schema.invalid_type', '']]);
    expect(paths(districtContext({ ...ranking(3), formatVersion: 3 }, 'kq.json', unit()))).toEqual([['schema.invalid_value', 'formatVersion']]);
    const bad = ranking(3) as unknown as { units: Array<Record<string, unknown>> };
    bad.units[2]!.index = '92,5';
    expect(paths(districtContext(bad, 'kq.json', unit()))).toEqual([['schema.invalid_type', 'units.2.index']]);
  });

  it('refuses a ranking of another catalog or year', () => {
    expect(codes(districtContext(ranking(5), 'kq.json', unit({ id: 'thu-2024', year: 2025 })))).toEqual([
      ['ranking.catalog_differs', { ranking: '"thu-2024"/2024', unit: '"thu-2024"/2025' }, 'kq.json'],
    ]);
  });

  it('refuses a ranking without the unit, and one that gives the unit another index (its rank would be wrong)', () => {
    expect(codes(districtContext(ranking(5), 'kq.json', unit({ code: 'Z9' })))).toEqual([['ranking.unit_absent', { code: 'Z9' }, 'kq.json']]);
    expect(codes(districtContext(ranking(17), 'kq.json', unit({ index: 12.34 })))).toEqual([
      ['ranking.index_differs', { code: 'X00002', ranking: ranking(17).units[1]!.index, now: 12.34 }, 'kq.json'],
    ]);
  });
});
