import { describe, expect, it } from 'vitest';
import { catalog, score } from '../helpers.js';

const cat = catalog({}, [
  { code: '1.1', name: 'Hài lòng', max: 2, rule: { kind: 'survey', when_not_arisen: 'not_applicable' } },
  { code: '1.2', name: 'Thực hiện', max: 2, rule: { kind: 'rate_bands', measure: 'percent', when_not_arisen: 'not_applicable', bands: [{ from: 90, points: 2 }, { from: 0, points: 0 }] } },
]);
const fractions = (items: Record<string, unknown>) =>
  score(cat, { '2.1': { value: 5 }, ...items }).findings.filter((f) => f.code === 'evidence.percent_fraction');

describe('a percentage written as a fraction (0.896 for 89,6 %)', () => {
  it('is scored as written but warned of, on its value, with the percentage it probably means', () => {
    const fs = fractions({ '1.1': { value: 0.896 }, '1.2': { value: 0.5 } });
    expect(fs.map((f) => [f.item, f.severity, f.path, f.args])).toEqual([
      ['1.1', 'warning', ['items', '1.1', 'value'], { value: 0.896, percent: 89.6, write: '89.6' }],
      ['1.2', 'warning', ['items', '1.2', 'value'], { value: 0.5, percent: 50, write: '50' }],
    ]);
  });

  it('is warned of at 1 (perhaps 100 %), as a workbook cell is; not at 0 or for a real percentage', () => {
    expect(fractions({ '1.1': { value: 1 } }).map((f) => f.args)).toEqual([{ value: 1, percent: 100, write: '100' }]);
    expect(fractions({ '1.1': { value: 0 }, '1.2': { value: 1.5 } })).toEqual([]);
    expect(fractions({ '1.1': { value: 89.6 }, '1.2': { value: 90 } })).toEqual([]);
  });
});
