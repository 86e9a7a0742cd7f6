import { describe, expect, it } from 'vitest';
import { fromDecimalText } from '../../src/core/fixed.js';
import { cli } from './run.js';

const MINI_OK = 'test/batch/fixtures/mini/m[1-4]*.yaml';

describe('numbers typed on the command line', () => {
  it('reads a decimal comma or point exactly, nothing else', () => {
    expect(fromDecimalText('92,5')).toBe(fromDecimalText('92.5'));
    expect(fromDecimalText('92.5')).toBe(925_000);
    expect(fromDecimalText('90,0001')).toBe(900_001);
    expect(fromDecimalText('007')).toBe(70_000);
    for (const bad of ['80%', 'abc', '1e2', '', '-5', '+5', '92,5,1', '0x10', '92.', ',5', '1 000', '90,00001', 'Infinity', 'NaN', '٩٢']) {
      expect(fromDecimalText(bad), bad).toBeUndefined();
    }
  });

  it('--fail-under 90,5 is 90.5, not 90: the unit at 90,00% is under it (exit 1)', async () => {
    for (const typed of ['90,5', '90.5']) {
      const r = await cli(['batch', MINI_OK, '--fail-under', typed, '--json']);
      expect(r.exitCode, typed).toBe(1);
      expect(r.stderr).toMatch(/m4-dong-hy\.yaml: lỗi: UBND thị trấn Đồng Hỷ: chỉ số 90,00% dưới ngưỡng 90,5% .*\(batch\.below_threshold\)/);
      expect(JSON.parse(r.stdout).summary).toMatchObject({ failUnder: 90.5, belowThreshold: 1 });
    }
  });

  it('compares exactly with the published index: 90 passes 90,00%, 90,0001 does not', async () => {
    expect((await cli(['batch', MINI_OK, '--fail-under', '90'])).exitCode).toBe(0);
    expect((await cli(['batch', MINI_OK, '--fail-under', '90,0001'])).exitCode).toBe(1);
  });

  it('refuses anything else, naming the option and the value (exit 2, before any file is read)', async () => {
    for (const typed of ['80%', 'abc', '1e2', '', '-5', '92,5,1', '0x10', '100,5', '90,00001', ' ']) {
      const r = await cli(['batch', MINI_OK, '--fail-under', typed]);
      expect(r.exitCode, typed).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`lỗi: tùy chọn --fail-under: "${typed}" không dùng được; cần một số từ 0 đến 100, dấu thập phân là dấu phẩy hoặc dấu chấm, tối đa 4 chữ số sau dấu (ví dụ 92,5 hoặc 92.5) (option.number)\n`);
    }
  });

  it('--jobs takes a whole number ≥ 1; 2.5 is refused, not truncated', async () => {
    for (const typed of ['2.5', '2,5', '0', '-1', 'abc', '', '1e1', '0x2', '2.0']) {
      const r = await cli(['batch', MINI_OK, '--jobs', typed]);
      expect(r.exitCode, typed).toBe(2);
      expect(r.stderr).toContain(`"${typed}"`);
      expect(r.stderr).toContain('(option.whole_number)');
    }
    expect((await cli(['batch', MINI_OK, '--jobs', '1'])).exitCode).toBe(0);
  });

  it('says it in English with --lang en', async () => {
    const r = await cli(['--lang', 'en', 'batch', MINI_OK, '--fail-under', '80%']);
    expect(r.stderr).toMatch(/^error: option --fail-under: "80%" cannot be used; expected a number from 0 to 100/);
  });
});
