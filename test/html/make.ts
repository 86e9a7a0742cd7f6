import type { RankedUnitV2, RankingV2, ScoreV2 } from '../../src/reporters/html/types.js';

export const BANDS = [
  { label: 'Xuất sắc', from: 90 },
  { label: 'Tốt', from: 80 },
  { label: 'Khá', from: 70 },
  { label: 'Trung bình', from: 50 },
  { label: 'Yếu', from: 0 },
];

const AREAS = [
  { code: '1', name: 'Công tác chỉ đạo, điều hành', max: 40 },
  { code: '2', name: 'Cải cách thủ tục hành chính', max: 60 },
];

const bandOf = (index: number) => BANDS.find((b) => index >= b.from)!.label;

/**
 * A ranking of `n` units as `cchc batch --json` v2 gives it: indexes fall by 0,37 a place (two units
 * tie at the third place), names are long Vietnamese ones, each unit has two areas.
 */
export function ranking(n: number, o: { groups?: number; compare?: boolean; selfIndex?: boolean; name?: (i: number) => string } = {}): RankingV2 {
  const width = String(n).length;
  const units: RankedUnitV2[] = [];
  for (let i = 0; i < n; i++) {
    const index = Math.round((99.5 - (i < 3 ? i : i - 1) * (60 / n)) * 100) / 100;
    const rank = i === 3 ? 3 : i + 1;
    const a1 = Math.round(index * 0.4 * 100) / 100;
    const a2 = Math.round((index - a1) * 100) / 100;
    units.push({
      code: `X${String(i + 1).padStart(5, '0')}`,
      name: o.name?.(i) ?? `UBND xã Thử Nghiệm Số ${i + 1}`,
      group: o.groups ? `UBND huyện ${i % o.groups}` : null,
      parent: `UBND huyện ${o.groups ? i % o.groups : 0}`,
      type: 'xa',
      province: 'Tỉnh Thử',
      predecessors: [],
      file: `don-vi/x${i + 1}.yaml`,
      sha256: null,
      achieved: index,
      bonus: 0,
      penalty: 0,
      total: index,
      applicableMax: 100,
      index,
      band: bandOf(index),
      rank,
      rankLabel: `${String(rank).padStart(width, '0')}/${n}`,
      groupSize: n,
      areas: [
        { code: '1', points: a1, applicableMax: 40 },
        { code: '2', points: a2, applicableMax: 60 },
      ],
      warnings: 0,
      change: o.compare
        ? i % 7 === 0
          ? { indexDelta: null, rankChange: null, previous: null, merged: false, regrouped: false }
          : { indexDelta: 1.25, rankChange: (i % 5) - 2, previous: { code: `X${i + 1}`, name: `UBND xã Cũ ${i + 1}`, index: 80, rank: rank + (i % 5) - 2 || 1, rankLabel: '01/99', group: null }, merged: false, regrouped: false }
        : null,
      ...(o.selfIndex ? { selfIndex: Math.min(100, index + (i % 3)), appraised: true } : {}),
    });
  }
  const indexes = units.map((u) => u.index);
  return {
    formatVersion: 2,
    provenance: { cchc: '0.1.0', catalog: { id: 'thu-2024', sha256: 'ab'.repeat(32) }, inputs: [] },
    catalog: { id: 'thu-2024', title: 'Bộ tiêu chí thử', level: 'xa', scope: 'Thử', year: 2024, template: true, decimals: 2, bands: BANDS, areas: AREAS },
    groupBy: o.groups ? 'parent' : null,
    compare: o.compare ? { file: 'nam-truoc.json', year: 2023 } : null,
    units,
    invalid: [
      {
        file: 'don-vi/loi.yaml',
        unit: { code: 'L1', name: 'UBND xã Lỗi' },
        findings: [{ code: 'evidence.unanswered', severity: 'error', path: ['items', '1.1'], args: {}, item: '1.1', file: 'don-vi/loi.yaml', line: 12, column: 3 }],
      },
    ],
    weak: [{ code: '2.1', name: 'Tỷ lệ hồ sơ giải quyết đúng hạn', area: '2', max: 10, owner: 'Văn phòng – thống kê', units: Math.ceil(n / 2), lost: 12.5 }],
    summary: {
      files: n + 1,
      ranked: n,
      invalid: 1,
      average: Math.round(indexes.reduce((s, x) => s + x, 0) / n * 100) / 100,
      highest: Math.max(...indexes),
      lowest: Math.min(...indexes),
      bands: BANDS.map((b) => ({ label: b.label, units: units.filter((u) => u.band === b.label).length })),
      failUnder: null,
      belowThreshold: 0,
      warnings: 0,
    },
  };
}

export function score(o: { name?: string; selfPoints?: boolean; selfIndex?: number } = {}): ScoreV2 {
  return {
    formatVersion: 2,
    unit: { code: 'X00001', name: o.name ?? 'UBND xã Thử Nghiệm', level: 'xa', parent: 'UBND huyện 0', province: 'Tỉnh Thử' },
    catalog: { id: 'thu-2024', title: 'Bộ tiêu chí thử', level: 'xa', scope: 'Thử', year: 2024, template: true, decimals: 2, bands: BANDS },
    achieved: 87.5,
    bonus: 0,
    penalty: 0,
    total: 87.5,
    applicableMax: 100,
    index: 87.5,
    band: 'Tốt',
    areas: [
      { code: '1', name: 'Công tác chỉ đạo, điều hành', max: 40, applicableMax: 40, points: 37.5 },
      { code: '2', name: 'Cải cách thủ tục hành chính', max: 60, applicableMax: 60, points: 50 },
    ],
    items: [
      { code: '1.1', name: 'Kế hoạch CCHC', section: 'areas', area: '1', max: 40, applicableMax: 40, points: 37.5, lost: 2.5, status: 'scored', rule: 'timeliness', documents: 1, owner: 'Văn phòng – thống kê', hint: { code: 'hint.on_time', args: {} }, ...(o.selfPoints ? { selfPoints: 40 } : {}) },
      { code: '2.1', name: 'Tỷ lệ hồ sơ giải quyết đúng hạn', section: 'areas', area: '2', max: 60, applicableMax: 60, points: 50, lost: 10, status: 'scored', rule: 'pro_rata', documents: 1, owner: 'Bộ phận Một cửa', hint: { code: 'hint.full_rate', args: { pct: 83.33 } } },
    ],
    lost: ['2.1', '1.1'],
    unanswered: [],
    findings: [],
    ...(o.selfIndex !== undefined ? { selfIndex: o.selfIndex, appraised: true } : {}),
  };
}
