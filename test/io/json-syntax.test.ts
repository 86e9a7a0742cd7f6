import { describe, expect, it } from 'vitest';
import { firstJsonError } from '../../src/io/json-syntax.js';

describe('firstJsonError: where a text stops being JSON', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const t of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e0\\n"]} ', '"s"', '0', '{"a":{"b":[{}]}}']) {
      expect(() => JSON.parse(t)).not.toThrow();
      expect(firstJsonError(t), t).toBe(-1);
    }
  });

  it('points at the first character that cannot continue, where JSON.parse fails', () => {
    const cases: Array<[string, number]> = [
      ['{\n  "formatVersion": 1,\n  oops\n}', 26],
      ['{\n  "a": 1\n}\n{}\n', 13],
      ['{"a": 01}', 7],
      ["{'a': 1}", 1],
      ['[1, 2,]', 6],
      ['{"a": "x', 8],
      ['', 0],
      ['{"a": tru}', 6],
    ];
    for (const [t, at] of cases) {
      expect(() => JSON.parse(t)).toThrow();
      expect(firstJsonError(t), JSON.stringify(t)).toBe(at);
    }
  });
});
