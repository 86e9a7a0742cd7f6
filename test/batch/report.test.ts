import { batchExitCode } from '../../src/commands/batch.js';
import { groupLabel } from '../../src/reporters/groups.js';
import { describe, expect, it } from 'vitest';
import { placedFinding } from '../../src/core/findings/codes.js';
import { buildReport } from '../../src/core/batch/report.js';
import { fromNumber } from '../../src/core/fixed.js';
import type { CatalogMeta, FileOutcome, UnitSummary } from '../../src/core/batch/types.js';

const meta = (key: string, id = 'cat'): CatalogMeta => ({
  key,
  id,
  title: 'Thử',
  level: 'xa',
  scope: 'Thử',
  year: 2024,
  template: true,
  decimals: 2,
  bands: [
    { label: 'Tốt', from: 80 },
    { label: 'Khá', from: 0 },
  ],
  areas: [{ code: '1', name: 'Một', max: 10 }],
  leaves: [
    { code: '1.1', name: 'Kế hoạch', area: '1', max: 5, owner: 'Văn phòng' },
    { code: '1.2', name: 'Báo cáo', area: '1', max: 5 },
  ],
});
const catalogs = new Map([
  ['K', meta('K')],
  ['OTHER', meta('OTHER', 'khac')],
]);

let n = 0;
function unit(code: string, index: number, over: Partial<UnitSummary> = {}): FileOutcome {
  const file = `d/${code}-${n++}.yaml`;
  return {
    kind: 'unit',
    unit: {
      file,
      path: file,
      code,
      name: `UBND xã ${code}`,
      level: 'xa',
      province: 'Lạng Sơn',
      parent: 'UBND huyện A',
      catalogKey: 'K',
      achieved: index / 10,
      bonus: 0,
      penalty: 0,
      total: index / 10,
      applicableMax: 10,
      index,
      band: index >= 80 ? 'Tốt' : 'Khá',
      areas: [{ code: '1', points: index / 10, applicableMax: 10 }],
      lost: { codes: [], points: [] },
      warnings: 1,
      at: { code: { file, line: 2, column: 9 }, catalog: { file, line: 7, column: 10 } },
      ...over,
    },
  };
}
const bad: FileOutcome = { kind: 'invalid', file: 'd/bad.yaml', findings: [placedFinding('file.not_evidence', {}, { file: 'd/bad.yaml', line: 1, column: 1 })] };

describe('the batch report', () => {
  it('ranks valid units, keeps invalid files listed, and totals', () => {
    const r = buildReport([unit('A', 90), bad, unit('B', 85), unit('C', 85), unit('D', 70)], [], catalogs, { groupBy: null });
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]!.units.map((u) => `${u.code}:${u.rankLabel}`)).toEqual(['A:1/4', 'B:2/4', 'C:2/4', 'D:4/4']);
    expect(r.invalid.map((i) => i.file)).toEqual(['d/bad.yaml']);
    expect(r.summary).toMatchObject({ files: 5, ranked: 4, invalid: 1, average: 82.5, highest: 90, lowest: 70, warnings: 4 });
    expect(r.summary.bands).toEqual([
      { label: 'Tốt', units: 3 },
      { label: 'Khá', units: 1 },
    ]);
  });

  it('ranks none of the units sharing a code, and points at each one’s unit.code', () => {
    const r = buildReport([unit('A', 90), unit('A', 80), unit('B', 85)], [], catalogs, { groupBy: null });
    expect(r.groups[0]!.units.map((u) => u.code)).toEqual(['B']);
    expect(r.invalid).toHaveLength(2);
    for (const i of r.invalid) expect(i.findings[0]).toMatchObject({ code: 'batch.duplicate_code', line: 2, column: 9, path: ['unit', 'code'] });
    expect(String(r.invalid[0]!.findings[0]!.args.others)).toBe(r.invalid[1]!.file);
  });

  it('units scored against another catalog than most are not ranked with them', () => {
    const r = buildReport([unit('A', 90, { catalogKey: 'OTHER' }), unit('B', 85), unit('C', 80)], [], catalogs, { groupBy: null });
    expect(r.catalog?.key).toBe('K');
    expect(r.groups[0]!.units.map((u) => u.code)).toEqual(['B', 'C']);
    expect(r.invalid[0]!.findings[0]).toMatchObject({ code: 'batch.catalog_differs', line: 7, args: { used: '"khac"/2024', main: '"cat"/2024' } });
  });

  it('lists units below --fail-under, lowest first', () => {
    const r = buildReport([unit('A', 90), unit('B', 79.99), unit('C', 80), unit('D', 60.5)], [], catalogs, { groupBy: null, failUnder: fromNumber(80)! });
    expect(r.below.map((f) => f.args.name)).toEqual(['UBND xã D', 'UBND xã B']);
    expect(r.below[1]!.args.index).toBe('79.99');
    expect(r.summary.belowThreshold).toBe(2);
  });

  it('groups by a unit field', () => {
    const r = buildReport([unit('A', 90, { type: 'xa' }), unit('B', 85, { type: 'phuong' }), unit('C', 95, { type: 'xa' })], [], catalogs, {
      groupBy: 'type',
    });
    expect(r.groups.map((g) => [g.key, groupLabel('type', g.key, 'vi'), g.units.map((u) => u.rankLabel).join(' ')])).toEqual([
      ['phuong', 'Phường', '1/1'],
      ['xa', 'Xã', '1/2 2/2'],
    ]);
  });

  it('adds up lost points exactly and orders weak criteria by units, then points', () => {
    // Points lost in ten-thousandths, as summaries carry them: 0,07 → 700.
    const lost = (l: Array<[string, number]>) => ({ lost: { codes: l.map(([c]) => c), points: l.map(([, p]) => p) } });
    const r = buildReport(
      [
        unit('A', 90, lost([['1.2', 700], ['1.1', 5000]])),
        unit('B', 85, lost([['1.2', 700]])),
        unit('C', 80, lost([['1.1', 2500], ['1.2', 700]])),
        unit('D', 80, lost([['1.1', 2500]])),
      ],
      [],
      catalogs,
      { groupBy: null },
    );
    // 0,07 three times is 0,21 (floating point alone would give 0,21000000000000005).
    expect(r.weak.map((w) => [w.code, w.units, w.lost])).toEqual([
      ['1.1', 3, 1],
      ['1.2', 3, 0.21],
    ]);
    expect(r.weak[0]!.owner).toBe('Văn phòng');
  });

  it('lists problems with the arguments first, then files in batch order', () => {
    const empty = placedFinding('batch.empty_dir', {}, { file: 'trong/' });
    const outcomes = [unit('A', 90), bad, unit('A', 80)];
    const files = outcomes.map((o) => (o.kind === 'unit' ? o.unit.file : o.file));
    const r = buildReport(outcomes, [empty], catalogs, { groupBy: null });
    // The duplicates are only found after all files are read, yet keep their place.
    expect(r.invalid.map((i) => i.file)).toEqual(['trong/', ...files]);
    expect(r.groups).toHaveLength(0);
    expect(r.summary.average).toBeNull();
  });
});

describe('the batch exit code', () => {
  const f = (code: Parameters<typeof placedFinding>[0]) => placedFinding(code, {}, { file: 'a.yaml' });
  it('is 0 when all is well, 1 for invalid files or units below the threshold, 2 for failed writes, 3 for cchc’s own failure', () => {
    const ranked = { summary: { ranked: 3 } };
    expect(batchExitCode({ ...ranked, invalid: [], below: [] }, [])).toBe(0);
    expect(batchExitCode({ ...ranked, invalid: [{ file: 'a.yaml', findings: [f('evidence.numerator_exceeds')] }], below: [] }, [])).toBe(1);
    expect(batchExitCode({ ...ranked, invalid: [], below: [f('batch.below_threshold')] }, [])).toBe(1);
    expect(batchExitCode({ ...ranked, invalid: [], below: [] }, [f('output.write_failed')])).toBe(2);
    expect(batchExitCode({ ...ranked, invalid: [{ file: 'a.yaml', findings: [f('internal.error')] }], below: [] }, [])).toBe(3);
    // Not one file could be ranked: nothing came out of the run, the input is bad as a whole.
    expect(batchExitCode({ summary: { ranked: 0 }, invalid: [{ file: 'a.yaml', findings: [f('evidence.numerator_exceeds')] }], below: [] }, [])).toBe(2);
  });
});
