import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';

// What-if and plans from the published, appraised result (issue 12 × 13): Hoàng Việt self-assessed 92,95%,
// published 90,10% (05/15) after the council's two rounds.
const dir = mkdtempSync(join(tmpdir(), 'cchc-appraised-plan-'));
const out = (f: string) => join(dir, f);
const UNIT = 'examples/van-lang-2024/20101-hoang-viet.yaml';
const OVERLAY = 'examples/van-lang-2024-tham-dinh/20101-hoang-viet.yaml';
const APPRAISED = out('ket-qua.json');
const SELF = out('tu-danh-gia.json');

beforeAll(async () => {
  const a = await cli(['batch', 'examples/van-lang-2024', '--appraisals', 'examples/van-lang-2024-tham-dinh', '-q', '--json', '-o', APPRAISED]);
  expect(a.exitCode).toBe(1); // the example's deliberately broken file
  const s = await cli(['batch', 'examples/van-lang-2024', '-q', '--json', '-o', SELF]);
  expect(s.exitCode).toBe(1);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cchc whatif and plan --appraisal: from the published (appraised) result', () => {
  it('starts from the appraised index and rank, with the council’s values; its points to win back are the council’s', async () => {
    const r = await cli(['whatif', UNIT, '--appraisal', OVERLAY, '--ranking', APPRAISED, '--target-rank', '3', '--json']);
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    const j = JSON.parse(r.stdout);
    expect(j.appraisal).toEqual({ round: 'tham_dinh_2', selfIndex: 92.95, awarded: ['1.1.2'] });
    expect(j.before).toMatchObject({ index: 90.1, rank: 5, rankLabel: '05/15' });
    // The council counted 1 150 on-time dossiers, not 1 180: 50 more reach 100%.
    expect(j.target.steps).toMatchObject([{ code: '3.2.1', move: { kind: 'ratio', from: 1150, to: 1200 }, points: { before: 1.5, after: 3.5 } }]);
    expect(j.target.result).toMatchObject({ index: 92.13, rank: 2 });
    const council = j.target.notControlled.find((n: { code: string }) => n.code === '1.1.2');
    expect(council.distance).toMatchObject({ kind: 'steps', control: 'council' });
    const text = await cli(['whatif', UNIT, '--appraisal', OVERLAY, '--set', '1.1.2=1']);
    expect(text.stdout).toContain('Từ kết quả sau thẩm định (thẩm định lần 2): chỉ số 90,10%; tự đánh giá 92,95%');
    // The points assumed replace the council's 0,75; every other award stands: 88,75 + 0,25.
    expect(text.stdout).toContain('1 điểm (Hội đồng thẩm định chấm 0,75 điểm) → 1 điểm: 0,75 → 1,00 điểm (+0,25)');
    expect(text.stdout).toContain('Tổng điểm: 88,75 → 89,00 / 98,50');
  });

  it('--round tham_dinh_1 starts from round 1', async () => {
    const r = await cli(['whatif', UNIT, '--appraisal', OVERLAY, '--round', 'tham_dinh_1', '--set', '7.1.1=454/454', '--json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ appraisal: { round: 'tham_dinh_1' }, before: { index: 90.1 } });
  });

  it('writes the plan that opens with the published result and its rank change', async () => {
    const docx = out('ke-hoach.docx');
    const r = await cli(['plan', UNIT, '--appraisal', OVERLAY, '--ranking', APPRAISED, '--previous', 'examples/van-lang-2023.json', '--target-rank', '3', '-o', docx]);
    expect(r.exitCode).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(docx));
    const t = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(t).toContain('Năm 2024, Chỉ số cải cách hành chính của xã đạt 90,10%, xếp loại Xuất sắc, xếp hạng 05/15 xã, thị trấn, giảm 02 bậc so với năm 2023.');
    expect(t).toContain('xếp hạng 03/15 trở lên, tăng 02 bậc so với năm 2024: chỉ số cần đạt từ 91,75% trở lên');
  });

  it('says which ranking goes with which result, exit 2 and nothing written', async () => {
    const target = out('khong-ghi.docx');
    const self = await cli(['whatif', UNIT, '--ranking', APPRAISED, '--target-rank', '3', '-o', target]);
    expect([self.exitCode, self.stderr]).toEqual([2, expect.stringContaining('(ranking.appraised)')]);
    expect(self.stderr).toContain('--appraisal');
    const other = await cli(['plan', UNIT, '--appraisal', OVERLAY, '--ranking', SELF, '-o', target]);
    expect([other.exitCode, other.stderr]).toEqual([2, expect.stringContaining('(ranking.not_appraised)')]);
    const round = await cli(['whatif', UNIT, '--round', 'tham_dinh_1', '--set', '1.5=cong_nhan']);
    expect([round.exitCode, round.stderr]).toEqual([2, expect.stringContaining('(option.requires)')]);
    const batch = await cli(['plan', '--batch', 'examples/van-lang-2024', '--appraisal', OVERLAY, '-o', out('ke-hoach')]);
    expect([batch.exitCode, batch.stderr]).toEqual([2, expect.stringContaining('(option.conflicts)')]);
    const wrong = await cli(['whatif', UNIT, '--appraisal', 'examples/van-lang-2024-tham-dinh/20102-tan-my.yaml', '--set', '1.5=cong_nhan', '-o', target]);
    expect([wrong.exitCode, wrong.stderr]).toEqual([2, expect.stringContaining('(appraisal.unit_mismatch)')]);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(out('ke-hoach'))).toBe(false);
  });

  it('cchc plan --batch --appraisals: each unit’s plan from its appraised result, overlays paired by code', async () => {
    const dirOut = out('ke-hoach-huyen');
    // Two communes (a pattern keeps it quick); the ranking is the whole district's.
    const two = 'examples/van-lang-2024/2010[15]-*.yaml';
    const r = await cli(['plan', '--batch', two, '--appraisals', 'examples/van-lang-2024-tham-dinh', '--ranking', APPRAISED, '-o', dirOut]);
    expect([r.exitCode, r.stderr]).toEqual([0, expect.stringContaining('Đã ghi 2 kế hoạch')]);
    const zip = await JSZip.loadAsync(readFileSync(join(dirOut, 'ke-hoach-20101.docx')));
    expect((await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')).toContain('đạt 90,10%, xếp loại Xuất sắc, xếp hạng 05/15');
    // Without the overlays Hoàng Việt's self-score meets the appraised ranking: said. Bắc La lost nothing
    // in appraisal (74,22% both ways), so its plan is still written.
    const bare = await cli(['plan', '--batch', two, '--ranking', APPRAISED, '-o', out('khong')]);
    expect([bare.exitCode, bare.stderr]).toEqual([1, expect.stringMatching(/20101[^\n]*\(ranking\.appraised\)/)]);
    const single = await cli(['plan', UNIT, '--appraisals', 'examples/van-lang-2024-tham-dinh', '-o', out('x.docx')]);
    expect([single.exitCode, single.stderr]).toEqual([2, expect.stringContaining('(option.requires)')]);
  });

  it('cchc score --html --ranking reads the appraised ranking with --appraisal, and says so without it', async () => {
    const html = out('bao-cao.html');
    const bare = await cli(['score', UNIT, '--html', html, '--ranking', APPRAISED]);
    expect([bare.exitCode, bare.stderr]).toEqual([2, expect.stringContaining('(ranking.appraised)')]);
    expect(existsSync(html)).toBe(false);
    const with_ = await cli(['score', UNIT, '--appraisal', OVERLAY, '--html', html, '--ranking', APPRAISED]);
    expect(with_.exitCode).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('05/15');
  });
});
