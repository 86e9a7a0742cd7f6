import Table from 'cli-table3';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { csvText } from '../../src/reporters/ranking-csv.js';
import { displayWidth, longTable } from '../../src/reporters/ranking-table.js';

describe('CSV cells', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvText('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvText('+84')).toBe("'+84");
    expect(csvText('-UBND')).toBe("'-UBND");
    expect(csvText('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvText('\tx')).toBe("'\tx");
    expect(csvText('UBND xã Hoàng Việt')).toBe('UBND xã Hoàng Việt');
    expect(csvText('a,b')).toBe('"a,b"');
  });
});

describe('the ranking table', () => {
  const bold = new Chalk({ level: 1 }).bold;
  const head = ['Hạng', 'Mã', 'Đơn vị', 'LV1', 'Chỉ số', 'Thay đổi'];
  const rows = [
    ['01/15', '20100', 'UBND thị trấn Na Sầm', '11,75', bold('96,15%'), 'tăng 03 bậc (+5,80)'],
    ['07/15', '20106', 'UBND xã Gia Miễn', '10,25', bold('83,39%'), 'giữ nguyên (−0,11)'],
    ['15/15', '20113', 'UBND xã Tân Việt', '4,75', bold('72,88%'), 'mới'],
  ];
  const aligns = ['right', 'left', 'left', 'right', 'right', 'center'] as const;

  it('is drawn exactly as cli-table3 draws it (compact style), colours and diacritics included', () => {
    const t = new Table({ head, colAligns: [...aligns], style: { head: [], border: [], compact: true } });
    t.push(...rows);
    expect(longTable(head, rows, [...aligns])).toBe(t.toString());
  });

  it('measures text as a terminal shows it', () => {
    expect(displayWidth('Việt')).toBe(4);
    expect(displayWidth('Vie\u0302\u0323t')).toBe(4);
    expect(displayWidth(bold('92,00%'))).toBe(6);
  });

  it('stays fast for a province (3,321 rows)', () => {
    const many = Array.from({ length: 3321 }, (_, i) => [String(i), 'x', `UBND xã ${i}`, '1,00', '90,00%', '']);
    const t = performance.now();
    const out = longTable(head, many, [...aligns]);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(out.split('\n')).toHaveLength(3321 + 4);
  });
});
