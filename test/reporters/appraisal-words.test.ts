import { describe, expect, it } from 'vitest';
import { reasonWords, roundWords } from '../../src/reporters/appraisal-words.js';

describe('appraisal words', () => {
  it('show a reason or round code that is not in the table as the code itself, prototype names included', () => {
    expect(reasonWords('so_lieu_khong_khop', 'vi')).toBe('Số liệu không khớp hệ thống');
    expect(roundWords('tham_dinh_2', 'en')).toBe('Appraisal round 2');
    for (const code of ['ly_do_moi', 'constructor', 'toString', '__proto__']) {
      expect(reasonWords(code, 'vi')).toBe(code);
      expect(roundWords(code, 'en')).toBe(code);
    }
  });
});
