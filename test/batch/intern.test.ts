import { describe, expect, it } from 'vitest';
import { Interner } from '../../src/core/batch/intern.js';
import type { FileOutcome } from '../../src/core/batch/types.js';

const unit = (code: string, over: object = {}): FileOutcome => ({
  kind: 'unit',
  unit: {
    file: `d/${code}.yaml`,
    path: `/abs/d/${code}.yaml`,
    code,
    name: `UBND xã ${code}`,
    level: 'xa',
    type: 'phuong',
    parent: 'UBND huyện A',
    province: 'Lạng Sơn',
    place: 'Lạng Sơn',
    predecessors: ['001', '002'],
    catalogKey: 'xa-mau-2024@2024#abc',
    achieved: 90.25,
    bonus: 1,
    penalty: 0.5,
    total: 90.75,
    applicableMax: 98,
    index: 92.6,
    band: 'Xuất sắc',
    areas: [{ code: '1', points: 9.5, applicableMax: 10 }],
    lost: { codes: ['1.2', '3.1.2'], points: [5000, 2500] },
    warnings: 0,
    at: { code: { file: `d/${code}.yaml`, line: 4, column: 9 }, catalog: { file: `d/${code}.yaml`, line: 2, column: 10 } },
    ...over,
  },
});

describe('interning the strings units share', () => {
  // Sharing strings is invisible to JavaScript; the memory it saves is measured by npm run bench -- batch.
  it('does no harm: changes no value of any summary, with or without optional fields, nor invalid outcomes', () => {
    const outcomes: FileOutcome[] = [
      unit('100'),
      unit('101', { band: null, type: undefined, parent: undefined }),
      { kind: 'invalid', file: 'd/x.yaml', findings: [{ code: 'yaml.syntax', severity: 'error', path: [], args: {}, file: 'd/x.yaml', line: 3 }] },
      unit('102', { at: { code: { file: 'form.xlsx', cell: "'Tự đánh giá'!C5" }, catalog: { file: 'form.xlsx' } } }),
    ];
    const before = structuredClone(outcomes);
    const interner = new Interner();
    expect(outcomes.map((o) => interner.outcome(o))).toEqual(before);
  });
});
