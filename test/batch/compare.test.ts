import { describe, expect, it } from 'vitest';
import { changeFor, changeLabel, parsePrevious, type Previous } from '../../src/core/batch/compare.js';

const prev = (units: Array<[string, number, number]>): Previous => ({
  year: 2023,
  units: new Map(units.map(([code, index, rank]) => [code, { code, name: `UBND xã ${code}`, index, rank, rankLabel: `${rank}/17` }])),
});

describe('change against last year', () => {
  const last = prev([['A', 92, 3], ['B', 85, 8], ['P1', 80, 10], ['P2', 88, 5], ['P3', 88, 5]]);

  it('gains and losses of places, padded like the group’s rank labels', () => {
    const up = changeFor({ code: 'B', index: 86.5, rank: 3, groupSize: 17 }, last, 2, 'vi');
    expect(up).toMatchObject({ rank: 5, index: 1.5, label: 'tăng 05 bậc', merged: false });
    const down = changeFor({ code: 'A', index: 91.95, rank: 5, groupSize: 9 }, last, 2, 'vi');
    expect(down).toMatchObject({ rank: -2, label: 'giảm 2 bậc' });
    expect(down.index).toBe(-0.05);
    expect(changeFor({ code: 'A', index: 92, rank: 3, groupSize: 17 }, last, 2, 'vi').label).toBe('giữ nguyên');
  });

  it('a unit that was not ranked last year is "mới"', () => {
    const c = changeFor({ code: 'Z', index: 70, rank: 9, groupSize: 17 }, last, 2, 'vi');
    expect(c).toEqual({ index: null, rank: null, label: 'mới', previous: null, merged: false });
  });

  it('a merged commune compares with its best-ranked predecessor (higher index on equal rank), and says so', () => {
    const c = changeFor({ code: 'NEW', predecessors: ['P1', 'P3', 'P2'], index: 90, rank: 2, groupSize: 17 }, last, 2, 'vi');
    expect(c.merged).toBe(true);
    expect(c.previous?.code).toBe('P3');
    expect(c.rank).toBe(3);
    expect(c.index).toBe(2);
    expect(c.label).toBe('tăng 03 bậc');
  });

  it('a merged commune whose predecessors were all unranked is new', () => {
    expect(changeFor({ code: 'N', predecessors: ['Q1', 'Q2'], index: 90, rank: 2, groupSize: 17 }, last, 2, 'vi').label).toBe('mới');
  });

  it('index changes are exact on the published figures', () => {
    const c = changeFor({ code: 'A', index: 92.95, rank: 3, groupSize: 15 }, prev([['A', 92, 3]]), 2, 'vi');
    expect(c.index).toBe(0.95);
  });

  it('English labels', () => {
    expect([changeLabel(3, 17, 'en'), changeLabel(-1, 5, 'en'), changeLabel(0, 5, 'en'), changeLabel(null, 5, 'en')]).toEqual([
      'up 03',
      'down 1',
      'unchanged',
      'new',
    ]);
  });
});

describe('reading a previous cchc batch --json', () => {
  it('accepts the documented shape', () => {
    const p = parsePrevious({ formatVersion: 1, catalog: { year: 2023 }, units: [{ code: ' 20101', name: 'X', index: 92, rank: 3, rankLabel: '03/17' }] });
    expect('previous' in p && p.previous.year).toBe(2023);
    expect('previous' in p && p.previous.units.get('20101')?.rank).toBe(3);
  });

  it('says what is wrong with anything else', () => {
    expect(parsePrevious([])).toEqual({ error: 'cần một đối tượng JSON' });
    expect(parsePrevious({ formatVersion: 2, units: [] })).toHaveProperty('error');
    expect(parsePrevious({ formatVersion: 1, unit: {} })).toEqual({ error: 'thiếu mảng "units"' });
    expect(parsePrevious({ formatVersion: 1, units: [{ code: 'A', name: 'A', index: '92', rank: 1, rankLabel: '1/1' }] })).toEqual({
      error: 'units[0] cần code, name, index, rank, rankLabel',
    });
  });
});
