import { describe, expect, it } from 'vitest';
import { rankGroup, rankGroups, rankLabel } from '../../src/core/batch/rank.js';

const u = (code: string, name: string, index: number, group: string | null = null) => ({ code, name, index, group });

describe('competition ranking', () => {
  it('ties share a rank and the next rank is skipped (1, 2, 2, 4)', () => {
    const r = rankGroup([u('a', 'A', 90), u('b', 'B', 95), u('c', 'C', 92.5), u('d', 'D', 92.5)], 2);
    expect(r.map((x) => [x.code, x.rank])).toEqual([['b', 1], ['c', 2], ['d', 2], ['a', 4]]);
  });

  it('compares the published (rounded) index exactly, not float tails', () => {
    const r = rankGroup([u('a', 'A', 92.1), u('b', 'B', 92.10000000001), u('c', 'C', 92.09)], 2);
    expect(r.map((x) => x.rank)).toEqual([1, 1, 3]);
  });

  it('lists tied units in Vietnamese alphabetical order (Ă after A, Đ after D), then by code', () => {
    const r = rankGroup([u('3', 'Đông', 80), u('2', 'Ăn', 80), u('1', 'Dương', 80), u('0', 'An', 80), u('9', 'An', 80)], 2);
    expect(r.map((x) => `${x.name}/${x.code}`)).toEqual(['An/0', 'An/9', 'Ăn/2', 'Dương/1', 'Đông/3']);
    expect(new Set(r.map((x) => x.rank))).toEqual(new Set([1]));
  });

  it('labels the rank zero-padded to the width of the group size', () => {
    expect(rankLabel(3, 17)).toBe('03/17');
    expect(rankLabel(12, 63)).toBe('12/63');
    expect(rankLabel(1, 126)).toBe('001/126');
    expect(rankLabel(1, 9)).toBe('1/9');
    expect(rankLabel(17, 17)).toBe('17/17');
    const r = rankGroup(Array.from({ length: 12 }, (_, i) => u(`c${i}`, `X${i}`, 50 + i)), 2);
    expect(r[0]!.rankLabel).toBe('01/12');
    expect(r[11]!.rankLabel).toBe('12/12');
    expect(r.every((x) => x.groupSize === 12)).toBe(true);
  });

  it('ranks within each group; groups alphabetical, units without the field last', () => {
    const units = [u('a', 'A', 90, 'Xã'), u('b', 'B', 95, 'Phường'), u('c', 'C', 99, null), u('d', 'D', 91, 'Xã'), u('e', 'E', 80, 'Xã')];
    const g = rankGroups(units, (x) => x.group, 2);
    expect(g.map((x) => x.key)).toEqual(['Phường', 'Xã', null]);
    expect(g[1]!.units.map((x) => `${x.code}:${x.rankLabel}`)).toEqual(['d:1/3', 'a:2/3', 'e:3/3']);
    expect(g[0]!.units[0]!.rankLabel).toBe('1/1');
  });
});
