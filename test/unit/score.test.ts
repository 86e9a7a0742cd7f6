import { describe, expect, it } from 'vitest';
import { flattenCatalog } from '../../src/core/flat-catalog.js';
import { bandFor, lostItems, scoreUnit } from '../../src/core/scoring/score.js';
import { catalog, codes, evidence, n, plain, score } from '../helpers.js';

describe('scoreUnit', () => {
  it('sums points and computes index and band on the rounded index', () => {
    const { result, findings } = score(catalog(), { '1.1': { value: 'cham' }, '1.2': { value: true }, '2.1': { value: 4.5 } });
    expect(n(result.achieved)).toBe(8.5);
    expect(n(result.applicableMax)).toBe(10);
    expect(result.index).toBe(85);
    expect(result.band).toBe('Tốt');
    expect(plain(result).areas.map((a) => a.points)).toEqual([4, 4.5]);
    expect(codes(findings)).toEqual(['evidence.no_documents', 'evidence.no_documents', 'evidence.no_documents']);
  });

  it('removes a not-applicable item from the denominator, and gives full marks where the rule says so', () => {
    const { result } = score(catalog(), {
      '1.1': { not_arisen: 'Không phát sinh' },
      '1.2': { not_arisen: 'Không có PAKN' },
      '2.1': { value: 4.5, documents: ['x'] },
    });
    const byCode = Object.fromEntries(plain(result).items.map((i) => [i.code, i]));
    expect(byCode['1.1']).toMatchObject({ status: 'not_applicable', points: null, applicableMax: 0, lost: 0 });
    expect(byCode['1.2']).toMatchObject({ status: 'full_marks', points: 3, lost: 0 });
    expect(n(result.applicableMax)).toBe(8);
    expect(n(result.achieved)).toBe(7.5);
    expect(result.index).toBe(93.75);
    expect(result.band).toBe('Xuất sắc');
  });

  it('scores unanswered items 0 and lists them', () => {
    const { result, findings } = score(catalog(), { '1.1': { value: 'dung_han', documents: ['x'] } });
    expect(result.items.filter((i) => i.status === 'unanswered').map((i) => i.code)).toEqual(['1.2', '2.1']);
    expect(codes(findings).filter((c) => c === 'evidence.unanswered')).toHaveLength(2);
    expect(result.index).toBe(20);
  });

  it('reports a claimed score that differs, and one above max, without overriding', () => {
    const { result, findings } = score(catalog(), {
      '1.1': { value: 'cham', claimed: 2, documents: ['x'] },
      '1.2': { value: true, claimed: 3.5, documents: ['x'] },
      '2.1': { value: 5, claimed: 4.99999, documents: ['x'] },
    });
    expect(plain(result).items[0]!.points).toBe(1);
    expect(findings.map((f) => [f.code, f.item])).toEqual([
      ['evidence.claim_mismatch', '1.1'],
      ['evidence.claimed_exceeds_max', '1.2'],
      // More decimals than any score has: not "above max", but not a score either.
      ['evidence.points_range', '2.1'],
    ]);
  });

  it('returns no index when nothing is applicable', () => {
    const cat = catalog({}, [{ code: '1.1', name: 'A', max: 5, rule: { kind: 'yes_no', when_not_arisen: 'not_applicable' } }]);
    const { result, findings } = score(cat, { '1.1': { not_arisen: 'x' }, '2.1': { not_arisen: 'y' } });
    expect(result.index).toBeNull();
    expect(result.band).toBeNull();
    expect(codes(findings)).toContain('score.no_applicable');
  });

  it('caps bonus and penalty, and never goes below 0', () => {
    const adj = (name: string, max: number, code: string) => ({
      name,
      max,
      items: [{ code, name, max: 5, rule: { kind: 'deduction', per_item: 1, when_not_arisen: 'not_applicable' } }],
    });
    const cat = catalog({ bonus: adj('Điểm thưởng', 0.5, 'T.1'), penalty: adj('Điểm trừ', 2, 'D.1') });
    const ok = { '1.1': { value: 'dung_han', documents: ['x'] }, '1.2': { value: true, documents: ['x'] }, '2.1': { value: 4, documents: ['x'] } };
    // T.1 with 0 deductions = 5 points, capped at 0,5; D.1 with 0 cases = 5 points deducted, capped at 2
    const { result } = score(cat, { ...ok, 'T.1': { value: 0 }, 'D.1': { value: 0 } });
    expect(n(result.bonus)).toBe(0.5);
    expect(n(result.penalty)).toBe(2);
    expect(n(result.total)).toBe(9 + 0.5 - 2);
    expect(result.index).toBe(75);
    const none = score(cat, { ...ok, 'T.1': { value: 5 }, 'D.1': { value: 4 } }).result;
    expect([n(none.bonus), n(none.penalty)]).toEqual([0, 1]);
    expect(lostItems(none).map((i) => i.code)).toEqual(['2.1']);
  });

  it('lists lost items by points lost, then catalog order', () => {
    const { result } = score(catalog(), { '1.1': { value: 'cham' }, '1.2': { value: false }, '2.1': { value: 4 } });
    expect(lostItems(result).map((i) => [i.code, n(i.lost)])).toEqual([
      ['1.2', 3],
      ['1.1', 1],
      ['2.1', 1],
    ]);
    expect(lostItems(result)[0]!.hint?.code).toBe('hint.yes');
  });

  it('is a pure function of its inputs: the same evidence scores the same twice', () => {
    const idx = flattenCatalog(catalog());
    const ev = evidence({ '1.1': { value: 'cham' } });
    expect(scoreUnit(idx, ev)).toEqual(scoreUnit(idx, ev));
  });
});

describe('bandFor', () => {
  const bands = [
    { label: 'Tốt', from: 80 },
    { label: 'Khá', from: 70 },
    { label: 'Thấp', from: 0 },
  ];
  it('includes the lower bound and compares the rounded value exactly', () => {
    expect(bandFor(bands, 8000n, 2)).toBe('Tốt');
    expect(bandFor(bands, 7999n, 2)).toBe('Khá');
    expect(bandFor(bands, 0n, 2)).toBe('Thấp');
    expect(bandFor([{ label: 'A', from: 92.5 }], 9250n, 2)).toBe('A');
    expect(bandFor([{ label: 'A', from: 92.5 }], 9249n, 2)).toBeNull();
  });
});
