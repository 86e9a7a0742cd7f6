import Table from 'cli-table3';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { csvText } from '../../src/reporters/ranking-csv.js';
import { displayWidth, drawTable, longTable, wrapText } from '../../src/reporters/table.js';

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
    expect(displayWidth('Văn phòng – thống kê')).toBe(20);
    expect(displayWidth('河内')).toBe(4);
    expect(displayWidth('👍🏽')).toBe(4);
    expect(displayWidth('a\u200Db\uFE0F')).toBe(2);
    expect(displayWidth('Vie\u0302\u0323t')).toBe(4);
    expect(displayWidth(bold('92,00%'))).toBe(6);
  });

  it('keeps the borders straight when a cell holds a line break or wide characters', () => {
    const t = longTable(['Mã', 'Đơn vị'], [['1', 'UBND xã\nNà Sầm'], ['2', '河内']], ['left', 'left']);
    const lines = t.split('\n');
    expect(lines).toHaveLength(7);
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
  });

  it('draws one line a row for a province, however many rows (speed is measured in npm run bench)', () => {
    const many = Array.from({ length: 3321 }, (_, i) => [String(i), 'x', `UBND xã ${i}`, '1,00', '90,00%', '']);
    expect(longTable(head, many, [...aligns]).split('\n')).toHaveLength(3321 + 4);
  });
});

describe('wrapped tables (score, catalog show)', () => {
  const bold = new Chalk({ level: 1 }).bold;
  const words = (lines: string[]) => lines.join(' ').trim().split(/\s+/);
  const name = '  Ban hành kế hoạch tự kiểm tra CCHC đối với các bộ phận chuyên môn, Bộ phận Một cửa';

  it('never drops text, keeps the indent on every line and stays within the width', () => {
    for (const width of [12, 20, 33, 54]) {
      const lines = wrapText(name, width);
      expect(words(lines)).toEqual(words([name]));
      for (const l of lines) {
        expect(displayWidth(l)).toBeLessThanOrEqual(width);
        expect(l.startsWith('  ') && !l.startsWith('   ')).toBe(true);
      }
    }
    expect(wrapText('Tiêu chí: abcdefghijklmnop', 8)).toEqual(['Tiêu', 'chí:', 'abcdefgh', 'ijklmnop']);
    expect(wrapText('một\nhai ba', 20)).toEqual(['một', 'hai ba']);
  });

  it('paints each wrapped line, never the padding, and keeps the columns straight', () => {
    const t = drawTable(['Mã', 'Nội dung'], [['1.3.1', { text: name, paint: bold }]], { widths: [9, 30], aligns: ['left', 'left'] });
    const lines = t.split('\n');
    const widths = new Set(lines.map((l) => displayWidth(l)));
    expect(widths.size).toBe(1);
    const body = lines.slice(3, -1);
    expect(body.length).toBeGreaterThan(1);
    for (const l of body) expect(l).toMatch(/│ \u001b\[1m {2}\S.*\u001b\[22m +│$/);
  });
});
