import { describe, expect, it } from 'vitest';
import { flattenCatalog } from '../../src/core/flat-catalog.js';
import { appraiseScored, type RoundChoice } from '../../src/core/appraisal/apply.js';
import { appraisalFromDoc } from '../../src/core/appraisal/read.js';
import { scoreUnit } from '../../src/core/scoring/score.js';
import type { Catalog } from '../../src/core/schema/catalog.js';
import { catalog, codes, evidence, n } from '../helpers.js';

type Json = Record<string, unknown>;

/** Area 1: a rate (bands 100 → 2, 95 → 1), a yes/no, a timeliness item that may not arise; area 2: a judgement. */
const CAT = catalog({}, [
  {
    code: '1.1',
    name: 'Tỷ lệ hồ sơ đúng hạn',
    max: 2,
    rule: {
      kind: 'rate_bands',
      when_not_arisen: 'not_applicable',
      measure: 'ratio',
      numerator: { key: 'dung_han', label: 'Đúng hạn' },
      denominator: { key: 'tong', label: 'Tổng' },
      bands: [
        { from: 100, points: 2 },
        { from: 95, points: 1 },
        { from: 0, points: 0 },
      ],
    },
  },
  { code: '1.2', name: 'Niêm yết', max: 1.5, rule: { kind: 'yes_no', when_not_arisen: 'full_marks' } },
  { code: '1.3', name: 'Kế hoạch', max: 1.5, rule: { kind: 'timeliness', late: 0.5, when_not_arisen: 'not_applicable' } },
]);

const SELF = {
  '1.1': { value: { dung_han: 100, tong: 100 }, documents: ['Báo cáo số 1/BC-UBND ngày 01/12/2024 của UBND xã'] },
  '1.2': { value: true, documents: ['Thông báo'] },
  '1.3': { not_arisen: 'Không giao' },
  '2.1': { value: 5, documents: ['Kế hoạch'] },
};

/** An in-memory overlay document: findings keep their paths (no file positions). */
function doc(data: Json) {
  return appraisalFromDoc({ file: 'tham-dinh.yaml', data, locate: (fs) => [...fs] }, 'tham-dinh.yaml');
}

const overlay = (rounds: Json, over: Json = {}): Json => ({ unit: { code: 'X1' }, catalog: 'test', year: 2024, rounds, ...over });
const r1 = (items: Json) => ({ by: 'Tổ thẩm định', date: '15/01/2025', items });

function run(rounds: Json, choice: RoundChoice = 'final', over: Json = {}, cat: Catalog = CAT, self: Json = SELF) {
  const flat = flattenCatalog(cat);
  const ev = evidence(self);
  const { result } = scoreUnit(flat, ev);
  return appraiseScored({ result, flat, evidence: ev }, doc(overlay(rounds, over)), choice);
}

const item = (a: ReturnType<typeof run>, code: string) => a.appraised!.result.items.find((i) => i.code === code)!;

describe('appraisal: one round', () => {
  it('rescores a corrected value with the rule: a rate moved across a band loses the band’s points', () => {
    const a = run({ tham_dinh_1: r1({ '1.1': { value: { dung_han: 96, tong: 100 }, reason: 'so_lieu_khong_khop' } }) });
    expect(a.findings).toEqual([]);
    const u = a.appraised!;
    // Self: 2 + 1,5 + 5 of 8,5 applicable (1.3 not applicable) = 100%. Appraised: 1 + 1,5 + 5 = 7,5 of 8,5.
    expect(u.self.index).toBe(100);
    expect(u.result.index).toBe(88.24);
    expect(n(item(a, '1.1').points!)).toBe(1);
    expect(u.round).toBe('tham_dinh_1');
    expect(u.changed).toEqual(['1.1']);
    expect(u.trails[0]).toMatchObject({ code: '1.1', decidedIn: 'tham_dinh_1', reason: 'so_lieu_khong_khop' });
    expect(n(u.trails[0]!.effect)).toBe(-1);
  });

  it('keeps a corrected value that stays in its band at the same points, as a change of data only', () => {
    const a = run({ tham_dinh_1: r1({ '1.1': { value: { dung_han: 95, tong: 100 }, reason: 'so_lieu_khong_khop' } }) }, 'final', {}, CAT, {
      ...SELF,
      '1.1': { value: { dung_han: 99, tong: 100 }, documents: ['x'] },
    });
    // 99% and 95% are both in the band from 95: one point either way. 95% is its lower bound, included.
    expect(n(item(a, '1.1').points!)).toBe(1);
    expect(a.appraised!.changed).toEqual([]);
    expect(a.appraised!.trails.map((t) => t.code)).toEqual(['1.1']);
  });

  it('awards points on a judgement item, by points or by value', () => {
    for (const entry of [{ points: 3.5 }, { value: 3.5 }]) {
      const a = run({ tham_dinh_1: r1({ '2.1': { ...entry, reason: 'chat_luong_chua_dat' } }) });
      expect(n(item(a, '2.1').points!)).toBe(3.5);
      expect(a.appraised!.result.index).toBe(82.35);
    }
  });

  it('awards points on any rule: no evidence document takes a yes/no item to 0, and gives no rule hint', () => {
    const a = run({ tham_dinh_1: r1({ '1.2': { points: 0, reason: 'khong_co_tai_lieu', missing: 'Thông báo niêm yết' } }) });
    expect(item(a, '1.2')).toMatchObject({ status: 'scored', value: true });
    expect(n(item(a, '1.2').points!)).toBe(0);
    expect(item(a, '1.2').hint).toBeUndefined();
    expect(a.appraised!.trails[0]!.steps[0]).toMatchObject({ round: 'tham_dinh_1', missing: 'Thông báo niêm yết' });
  });

  it('assesses a not-applicable item the council deems applicable: its max joins the denominator', () => {
    const a = run({ tham_dinh_1: r1({ '1.3': { value: 'cham', reason: 'phat_sinh' } }) });
    const u = a.appraised!;
    expect(n(u.self.applicableMax)).toBe(8.5);
    expect(n(u.result.applicableMax)).toBe(10);
    expect(item(a, '1.3')).toMatchObject({ status: 'scored' });
    expect(n(item(a, '1.3').points!)).toBe(0.5);
    expect(u.result.index).toBe(90);
    // The same by points awarded.
    const b = run({ tham_dinh_1: r1({ '1.3': { points: 0, reason: 'phat_sinh' } }) });
    expect(n(b.appraised!.result.applicableMax)).toBe(10);
    expect(b.appraised!.result.index).toBe(85);
  });

  it('takes an item out when the council finds the task did not arise, by its rule', () => {
    const a = run({ tham_dinh_1: r1({ '1.1': { not_arisen: true, reason: 'khong_phat_sinh' }, '1.2': { not_arisen: true, reason: 'khong_phat_sinh' } }) });
    expect(item(a, '1.1')).toMatchObject({ status: 'not_applicable', points: null });
    expect(item(a, '1.1').reason).toBeUndefined();
    // 1.2's rule gives full marks when the task did not arise.
    expect(item(a, '1.2')).toMatchObject({ status: 'full_marks' });
    expect(n(a.appraised!.result.applicableMax)).toBe(6.5);
  });

  it('keeps every self-score with an empty round 1: appraised, nothing changed', () => {
    const a = run({ tham_dinh_1: r1({}) });
    expect(a.appraised!.result.index).toBe(a.appraised!.self.index);
    expect(a.appraised!.changed).toEqual([]);
  });
});

const R1 = r1({
  '1.1': { value: { dung_han: 96, tong: 100 }, reason: 'so_lieu_khong_khop' },
  '2.1': { points: 2, reason: 'chat_luong_chua_dat' },
});
const X = { by: 'UBND xã Thử', date: '20/01/2025', items: { '1.1': { explanation: 'Đã bổ sung trích xuất', documents: ['Báo cáo số 2/BC-UBND ngày 18/01/2025 của UBND xã'] }, '2.1': { explanation: 'Kế hoạch đủ nội dung' } } };
const r2 = (items: Json) => ({ by: 'Hội đồng thẩm định', date: '05/02/2025', items });

describe('appraisal: explanation and round 2', () => {
  it('restores the self-score of an accepted explanation, keeps round 1 for a rejected one', () => {
    const rounds = { tham_dinh_1: R1, giai_trinh: X, tham_dinh_2: r2({ '1.1': { decision: 'chap_nhan' }, '2.1': { decision: 'khong_chap_nhan', reason: 'chat_luong_chua_dat' } }) };
    const a = run(rounds);
    expect(a.findings).toEqual([]);
    const u = a.appraised!;
    expect(u.round).toBe('tham_dinh_2');
    expect(n(item(a, '1.1').points!)).toBe(2);
    expect(n(item(a, '2.1').points!)).toBe(2);
    expect(u.result.index).toBe(64.71);
    expect(u.changed).toEqual(['2.1']);
    const t = u.trails.find((x) => x.code === '1.1')!;
    expect(t).toMatchObject({ decidedIn: 'tham_dinh_2', reason: null });
    expect(t.steps.map((s) => [s.round, 'points' in s ? (s.points === null ? null : n(s.points)) : s.explanation])).toEqual([
      ['tham_dinh_1', 1],
      ['giai_trinh', 'Đã bổ sung trích xuất'],
      ['tham_dinh_2', 2],
    ]);
    expect(u.trails.find((x) => x.code === '2.1')).toMatchObject({ decidedIn: 'tham_dinh_2', reason: 'chat_luong_chua_dat' });
    expect(u.rounds.map((r) => r.round)).toEqual(['tham_dinh_1', 'giai_trinh', 'tham_dinh_2']);

    // The same overlay, round 1 only: both items reduced, the explanation not yet part of it.
    const one = run(rounds, 'tham_dinh_1').appraised!;
    expect(one.round).toBe('tham_dinh_1');
    expect(one.result.index).toBe(52.94);
    expect(one.trails.flatMap((x) => x.steps.map((s) => s.round))).toEqual(['tham_dinh_1', 'tham_dinh_1']);
  });

  it('gives the points the council sets when it accepts in part, and takes round 2 as final', () => {
    const a = run({ tham_dinh_1: R1, giai_trinh: X, tham_dinh_2: r2({ '1.1': { decision: 'khong_chap_nhan', reason: 'so_lieu_khong_khop' }, '2.1': { decision: 'chap_nhan', points: 4, reason: 'chat_luong_chua_dat' } }) });
    expect(n(item(a, '2.1').points!)).toBe(4);
    expect(n(item(a, '1.1').points!)).toBe(1);
    expect(a.appraised!.changed).toEqual(['1.1', '2.1']);
  });

  it('lets round 2 correct an item nobody explained, and leaves a pending explanation at round 1', () => {
    const a = run({ tham_dinh_1: R1, tham_dinh_2: r2({ '1.2': { points: 0.5, reason: 'tai_lieu_khong_dung_thoi_gian' } }) });
    expect(a.findings).toEqual([]);
    expect(n(item(a, '1.2').points!)).toBe(0.5);
    const pending = run({ tham_dinh_1: R1, giai_trinh: X });
    expect(pending.appraised!.round).toBe('tham_dinh_1');
    expect(n(item(pending, '1.1').points!)).toBe(1);
    expect(pending.appraised!.trails[0]!.steps.map((s) => s.round)).toEqual(['tham_dinh_1', 'giai_trinh']);
  });

  it('orders changed items by the points they move, the largest first', () => {
    const a = run({ tham_dinh_1: r1({ '1.2': { points: 1, reason: 'khac', note: 'Niêm yết thiếu' }, '2.1': { points: 2, reason: 'chat_luong_chua_dat' }, '1.1': { value: { dung_han: 96, tong: 100 }, reason: 'so_lieu_khong_khop' } }) });
    expect(a.appraised!.changed).toEqual(['2.1', '1.1', '1.2']);
  });
});

describe('appraisal: bad overlays are refused with coded findings on their paths', () => {
  const bad = (rounds: Json, over: Json = {}, choice: RoundChoice = 'final') => {
    const a = run(rounds, choice, over);
    expect(a.appraised).toBeUndefined();
    return a.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.path.join('.')]);
  };

  it('another unit, year or catalog', () => {
    expect(bad({ tham_dinh_1: r1({}) }, { unit: { code: 'X2' } })).toEqual([['appraisal.unit_mismatch', 'unit.code']]);
    expect(bad({ tham_dinh_1: r1({}) }, { year: 2023 })).toEqual([['appraisal.year_mismatch', 'year']]);
    expect(bad({ tham_dinh_1: r1({}) }, { catalog: 'xa-mau-2024' })).toEqual([['appraisal.catalog_mismatch', 'catalog']]);
  });

  it('an unknown item code, a criterion that is not a sub-criterion', () => {
    expect(bad({ tham_dinh_1: r1({ '9.9': { points: 0, reason: 'khac', note: 'x' }, '1': { points: 0, reason: 'khac', note: 'x' } }) })).toEqual([
      // (an integer-like key comes first in a JS object; in a file, findings are sorted by line)
      ['evidence.not_leaf', 'rounds.tham_dinh_1.items.1'],
      ['appraisal.unknown_code', 'rounds.tham_dinh_1.items.9.9'],
    ]);
  });

  it('points above max, below 0, or off the catalog’s decimal step', () => {
    const f = bad({ tham_dinh_1: r1({ '1.2': { points: 2, reason: 'khac', note: 'x' }, '1.1': { points: -0.5, reason: 'khac', note: 'x' }, '2.1': { points: 2.125, reason: 'khac', note: 'x' } }) });
    expect(f).toEqual([
      ['appraisal.points_range', 'rounds.tham_dinh_1.items.1.2.points'],
      ['appraisal.points_range', 'rounds.tham_dinh_1.items.1.1.points'],
      ['appraisal.points_range', 'rounds.tham_dinh_1.items.2.1.points'],
    ]);
  });

  it('a corrected value the rule rejects, with the rule’s own code', () => {
    expect(bad({ tham_dinh_1: r1({ '1.1': { value: { dung_han: 120, tong: 100 }, reason: 'so_lieu_khong_khop' }, '1.3': { value: 'som', reason: 'khac', note: 'x' } }) })).toEqual([
      ['evidence.numerator_exceeds', 'rounds.tham_dinh_1.items.1.1.value.dung_han'],
      ['evidence.choice_unknown', 'rounds.tham_dinh_1.items.1.3.value'],
    ]);
  });

  it('no outcome, or two; "khac" without words', () => {
    expect(bad({ tham_dinh_1: r1({ '1.2': { reason: 'khong_co_tai_lieu' }, '2.1': { points: 1, value: 1, reason: 'khac' } }) })).toEqual([
      ['appraisal.outcome_missing', 'rounds.tham_dinh_1.items.1.2'],
      ['appraisal.outcome_twice', 'rounds.tham_dinh_1.items.2.1'],
      ['appraisal.note_missing', 'rounds.tham_dinh_1.items.2.1.reason'],
    ]);
  });

  it('rounds out of order: round 2 or an explanation without round 1; no round at all', () => {
    expect(bad({ tham_dinh_2: r2({}) })).toEqual([['appraisal.round_order', 'rounds.tham_dinh_2']]);
    expect(bad({ giai_trinh: { ...X, items: {} } })).toEqual([['appraisal.round_order', 'rounds.giai_trinh']]);
    expect(bad({})).toEqual([['appraisal.no_round', 'rounds']]);
    expect(bad({ tham_dinh_1: R1 }, {}, 'tham_dinh_2')).toEqual([['appraisal.round_absent', 'rounds']]);
  });

  it('an explanation of an item round 1 did not change; decisions missing, misplaced or contradicting', () => {
    expect(bad({ tham_dinh_1: R1, giai_trinh: { ...X, items: { '1.2': { explanation: 'x' } } } })).toEqual([
      ['appraisal.explained_unchanged', 'rounds.giai_trinh.items.1.2'],
    ]);
    expect(bad({ tham_dinh_1: R1, giai_trinh: X, tham_dinh_2: r2({ '1.1': { decision: 'chap_nhan' } }) })).toEqual([
      ['appraisal.undecided', 'rounds.giai_trinh.items.2.1'],
    ]);
    expect(
      bad({ tham_dinh_1: R1, giai_trinh: X, tham_dinh_2: r2({ '1.1': { points: 1, reason: 'khac', note: 'x' }, '2.1': { decision: 'khong_chap_nhan', points: 1 }, '1.2': { decision: 'chap_nhan' } }) }),
    ).toEqual([
      ['appraisal.undecided', 'rounds.tham_dinh_2.items.1.1'],
      ['appraisal.rejected_with_outcome', 'rounds.tham_dinh_2.items.2.1'],
      ['appraisal.reason_missing', 'rounds.tham_dinh_2.items.2.1.decision'],
      ['appraisal.decision_unexplained', 'rounds.tham_dinh_2.items.1.2.decision'],
    ]);
  });

  it('schema errors are labelled with their item; a number as unit code is refused as typed', () => {
    const a = doc(overlay({ tham_dinh_1: r1({ '1.2': { points: 0, reason: 'thieu' } }) }, { unit: { code: 20101 } }));
    expect(a.appraisal).toBeUndefined();
    expect(a.findings.map((f) => [f.code, f.item ?? null])).toEqual([
      ['evidence.code_unquoted', null],
      ['schema.invalid_value', '1.2'],
    ]);
    expect(codes(doc({ unit: { code: 'X1' }, items: {} }).findings)).toEqual(['file.not_appraisal']);
  });

  it('warns when a round is dated before the one it follows', () => {
    const a = run({ tham_dinh_1: R1, giai_trinh: { ...X, date: '10/01/2025' } });
    expect(codes(a.findings)).toEqual(['appraisal.date_order']);
    expect(a.appraised).toBeDefined();
  });
});
