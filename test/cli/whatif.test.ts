import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'cchc-whatif-'));
const out = (f: string) => join(dir, f);
const UNIT = 'examples/hoang-viet-2024.yaml';
const RANKING = out('ket-qua.json');

beforeAll(async () => {
  const r = await cli(['batch', 'examples/van-lang-2024', '-q', '--json', '-o', RANKING]);
  expect(r.exitCode).toBe(1); // the example's deliberately broken file
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cchc whatif', () => {
  it('rescores with assumed values and ranks the new index among the others as published', async () => {
    const r = await cli(['whatif', UNIT, '--set', '3.2.1=1200/1200', '--set', '8.1.1=95', '--ranking', RANKING]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('1180/1200 (98,33%) → 1200/1200 (100,00%): 2,50 → 3,50 điểm (+1,00)');
    expect(r.stdout).toContain('89,60% → 95,00%: 8,96 → 9,50 điểm (+0,54)');
    expect(r.stdout).toContain('Tóm lại: 92,95% → 94,52%, hạng 03/15 → 02/15');
  });

  it('gives the same as JSON, numbers only', async () => {
    const r = await cli(['whatif', UNIT, '--set', '3.2.1=1200/1200', '--ranking', RANKING, '--json']);
    expect(r.exitCode).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      formatVersion: 2,
      before: { index: 92.95, rank: 3, rankLabel: '03/15', groupSize: 15 },
      after: { index: 93.97, rank: 2, rankLabel: '02/15', total: 92.56 },
      changes: [{ code: '3.2.1', value: { before: { dung_han: 1180, tong: 1200 }, after: { dung_han: 1200, tong: 1200 } }, points: { before: 2.5, after: 3.5 }, gain: 1 }],
      target: null,
    });
  });

  it('finds the cheapest way to a rank: the fewest items, checked by rescoring, ties sharing the rank', async () => {
    const r = await cli(['whatif', UNIT, '--ranking', RANKING, '--target-rank', '1', '--json']);
    expect(r.exitCode).toBe(0);
    const t = JSON.parse(r.stdout).target;
    expect(t).toMatchObject({ kind: 'rank', rank: 1, neededIndex: 96.15, reached: false, reach: { name: 'UBND thị trấn Na Sầm', index: 96.15 } });
    expect(t.steps.map((s: { code: string }) => s.code)).toEqual(['3.2.1', '8.2.1', '7.1.1', '7.2.3']);
    expect(t.result).toMatchObject({ index: 96.15, rank: 1, rankLabel: '01/15' });
    expect(t.notControlled.map((n: { code: string }) => n.code)).toEqual(['8.1.1', '8.1.2']);
    // 96,15% of 98,50 needs 94,7029 points: 94,70 would publish 96,14%, so the words say "from 94,71".
    expect(t.neededTotal).toBe(94.7029);
    const text = await cli(['whatif', UNIT, '--ranking', RANKING, '--target-rank', '1']);
    expect(text.stdout).toContain('cần chỉ số từ 96,15% (tổng điểm từ 94,71)');
  });

  it('says a target already met, exit 0', async () => {
    const r = await cli(['whatif', UNIT, '--target-band', 'Xuất sắc']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Đã đạt mục tiêu');
  });

  it('refuses, exit 2 and nothing written: an unreachable target, bad values, another year’s ranking, a unit not ranked', async () => {
    const target = out('khong-ghi.json');
    const unreachable = await cli(['whatif', UNIT, '--target-index', '99', '-o', target]);
    expect([unreachable.exitCode, unreachable.stderr]).toEqual([2, expect.stringContaining('(plan.unreachable)')]);
    const bad = await cli(['whatif', UNIT, '--set', '3.2.1=1300/1200', '--set', '9.9=1', '-o', target]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--set 3.2.1=1300/1200: lỗi: [tiêu chí 3.2.1]');
    expect(bad.stderr).toContain('(evidence.unknown_code)');
    const other = await cli(['whatif', UNIT, '--set', '1.5=cong_nhan', '--ranking', 'examples/van-lang-2023.json', '-o', target]);
    expect([other.exitCode, other.stderr]).toEqual([2, expect.stringContaining('(ranking.catalog_differs)')]);
    const data = JSON.parse(readFileSync(RANKING, 'utf8'));
    data.units = data.units.filter((u: { code: string }) => u.code !== '20101');
    writeFileSync(out('thieu.json'), JSON.stringify(data));
    const absent = await cli(['whatif', UNIT, '--set', '1.5=cong_nhan', '--ranking', out('thieu.json'), '-o', target]);
    expect([absent.exitCode, absent.stderr]).toEqual([2, expect.stringContaining('(ranking.unit_absent)')]);
    const options = await cli(['whatif', UNIT, '--target-rank', '2', '--target-index', '95']);
    expect([options.exitCode, options.stderr]).toEqual([2, expect.stringContaining('(plan.target_twice)')]);
    const nothing = await cli(['whatif', UNIT]);
    expect([nothing.exitCode, nothing.stderr]).toEqual([2, expect.stringContaining('(whatif.no_change)')]);
    expect(existsSync(target)).toBe(false);
  });
});
