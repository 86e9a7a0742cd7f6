import { describe, expect, it } from 'vitest';
import { changeFor, readPrevious, type Previous } from '../../src/core/batch/compare.js';
import type { Doc } from '../../src/core/source.js';
import { changeLabel, changeText } from '../../src/reporters/change.js';
import { codes } from '../helpers.js';

const prev = (units: Array<[string, number, number]>): Previous => ({
  year: 2023,
  groupBy: null,
  units: new Map(units.map(([code, index, rank]) => [code, { code, name: `UBND xã ${code}`, index, rank, rankLabel: `${rank}/17`, group: null }])),
});

describe('change against last year', () => {
  const last = prev([['A', 92, 3], ['B', 85, 8], ['P1', 80, 10], ['P2', 88, 5], ['P3', 88, 5]]);

  it('gains and losses of places, as numbers', () => {
    const up = changeFor({ code: 'B', index: 86.5, rank: 3 }, last, 2);
    expect(up).toMatchObject({ rankChange: 5, indexDelta: 1.5, merged: false });
    const down = changeFor({ code: 'A', index: 91.95, rank: 5 }, last, 2);
    expect(down).toMatchObject({ rankChange: -2, indexDelta: -0.05 });
    expect(changeFor({ code: 'A', index: 92, rank: 3 }, last, 2)).toMatchObject({ rankChange: 0, indexDelta: 0 });
  });

  it('a unit that was not ranked last year has no previous rank', () => {
    expect(changeFor({ code: 'Z', index: 70, rank: 9 }, last, 2)).toEqual({ indexDelta: null, rankChange: null, previous: null, merged: false, regrouped: false });
  });

  it('a merged commune compares with its best-ranked predecessor (higher index on equal rank)', () => {
    const c = changeFor({ code: 'NEW', predecessors: ['P1', 'P3', 'P2'], index: 90, rank: 2 }, last, 2);
    expect(c).toMatchObject({ merged: true, rankChange: 3, indexDelta: 2 });
    expect(c.previous?.code).toBe('P3');
  });

  it('a merged commune whose predecessors were all unranked is new', () => {
    expect(changeFor({ code: 'N', predecessors: ['Q1', 'Q2'], index: 90, rank: 2 }, last, 2).rankChange).toBeNull();
  });

  it('a unit ranked in another group last year has no comparable rank, only its index change', () => {
    const grouped: Previous = { ...last, groupBy: 'parent', units: new Map([['A', { code: 'A', name: 'A', index: 92, rank: 3, rankLabel: '03/17', group: 'Huyện X' }]]) };
    expect(changeFor({ code: 'A', index: 93, rank: 1, group: 'Huyện Y' }, grouped, 2)).toMatchObject({ rankChange: null, indexDelta: 1, regrouped: true });
    expect(changeFor({ code: 'A', index: 93, rank: 1, group: 'Huyện X' }, grouped, 2)).toMatchObject({ rankChange: 2, regrouped: false });
  });

  it('index changes are exact on the published figures', () => {
    expect(changeFor({ code: 'A', index: 92.95, rank: 3 }, prev([['A', 92, 3]]), 2).indexDelta).toBe(0.95);
  });
});

describe('the words of a change (reporters)', () => {
  it('"tăng 05 bậc": places padded like the group’s rank labels; English too', () => {
    expect([changeLabel(5, 17, 'vi'), changeLabel(-2, 9, 'vi'), changeLabel(0, 17, 'vi'), changeLabel(null, 17, 'vi')]).toEqual([
      'tăng 05 bậc',
      'giảm 2 bậc',
      'giữ nguyên',
      'mới',
    ]);
    expect([changeLabel(3, 17, 'en'), changeLabel(-1, 5, 'en'), changeLabel(0, 5, 'en'), changeLabel(null, 5, 'en')]).toEqual([
      'up 03',
      'down 1',
      'unchanged',
      'new',
    ]);
    expect(changeText({ indexDelta: -0.4, rankChange: -2, previous: null, merged: false, regrouped: false }, 17, 2, 'vi')).toBe('giảm 02 bậc (−0,40)');
  });
});

describe('reading a previous cchc batch --json (format 1 or 2)', () => {
  const doc = (data: unknown): Doc => ({ file: 'nam-truoc.json', data, locate: (fs) => fs.map((f) => ({ ...f, file: 'nam-truoc.json' })) });

  it('accepts the documented shape, in either format', () => {
    for (const formatVersion of [1, 2]) {
      const p = readPrevious(doc({ formatVersion, catalog: { year: 2023 }, units: [{ code: ' 20101', name: 'X', index: 92, rank: 3, rankLabel: '03/17', extra: 1 }] }));
      expect('previous' in p && p.previous.year).toBe(2023);
      expect('previous' in p && p.previous.units.get('20101')?.rank).toBe(3);
    }
  });

  it('anything else is schema findings placed in that file', () => {
    const bad = (data: unknown) => {
      const p = readPrevious(doc(data));
      return 'findings' in p ? codes(p.findings) : [];
    };
    expect(bad([])).toEqual(['schema.invalid_type']);
    expect(bad({ formatVersion: 3, units: [] })).toEqual(['schema.invalid_value']);
    expect(bad({ formatVersion: 1, unit: {} })).toEqual(['schema.missing_key']);
    expect(bad({ formatVersion: 1, units: [{ code: 'A', name: 'A', index: '92', rank: 1, rankLabel: '1/1' }] })).toEqual(['schema.invalid_type']);
  });
});
