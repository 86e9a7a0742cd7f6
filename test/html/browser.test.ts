import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/cli.js';
import { cli } from '../cli/run.js';
import { findChromium, launch, type Headless } from '../support/chromium.js';
import { findPdftotext } from '../support/libreoffice.js';

const chromium = findChromium();
/** Screenshots for people to review (git-ignored); the reviewed ones are kept in docs/. */
const ARTIFACTS = join(ROOT, 'test/artifacts');
const dir = mkdtempSync(join(tmpdir(), 'cchc-html-browser-'));
const at = (f: string) => join(dir, f);
const UNIT = 'examples/van-lang-2024/20101-hoang-viet.yaml';

interface RankingJson {
  units: Array<{ code: string; name: string; rankLabel: string; index: number }>;
}

/** Opens a report as a person would (a file, no server) and records every request the page makes. */
async function open(h: Headless, file: string): Promise<{ page: Page; requests: string[] }> {
  const page = await h.context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, requests };
}

/** Every chart: an image with a non-empty title and description that its aria-labelledby names. */
async function chartsDescribed(page: Page): Promise<Array<{ title: string; desc: string }>> {
  return page.$$eval('svg.chart', (svgs) =>
    svgs.map((svg) => {
      const [t, d] = (svg.getAttribute('aria-labelledby') ?? '').split(' ');
      return {
        role: svg.getAttribute('role'),
        title: (t && document.getElementById(t)?.textContent) || '',
        desc: (d && document.getElementById(d)?.textContent) || '',
      };
    }),
  ).then((cs) => {
    for (const c of cs) expect(c.role).toBe('img');
    return cs;
  });
}

/** Prints to PDF as the browser's print dialog would; returns its pages' size in points and count. */
async function print(page: Page, file: string): Promise<{ width: number; height: number; pages: number; text: string }> {
  const pdf = await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  const raw = pdf.toString('latin1');
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(raw)!;
  const pages = (raw.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  const pdftotext = findPdftotext();
  const text = pdftotext ? spawnSync(pdftotext, ['-layout', file, '-'], { encoding: 'utf8' }).stdout : '';
  return { width: Number(box[1]), height: Number(box[2]), pages, text };
}

/**
 * What a person sees in a 1366×768 window, the whole page (JPEG: a PNG of the whole page costs seconds)
 * and the window in grayscale, where the band colours must still be told apart.
 */
async function screenshots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-toan-trang.jpg`), fullPage: true, type: 'jpeg', quality: 80 });
  await page.addStyleTag({ content: 'html{filter:grayscale(1)}' });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-xam.png`) });
}

describe('HTML reports in a real browser (Debian Chromium, headless)', () => {
  let h: Headless | undefined;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    mkdirSync(at('doc'));
    copyFileSync(join(ROOT, UNIT), at('doc/a.yaml'));
    // A unit whose name is markup, ranked with a real one.
    writeFileSync(
      at('doc/b.yaml'),
      readFileSync(join(ROOT, UNIT), 'utf8')
        .replace('code: "20101"', 'code: "20199"')
        .replace('name: UBND xã Hoàng Việt', 'name: "<script>document.title=1</script><img src=x onerror=alert(1)>"'),
    );
    const district = async () => {
      const b = await cli(['batch', 'examples/van-lang-2024', '--compare', 'examples/van-lang-2023.json', '-q', '--html', at('huyen.html'), '--json', '-o', at('kq.json')]);
      expect(b.code).toBe(1);
      expect((await cli(['score', UNIT, '--html', at('xa.html'), '--ranking', at('kq.json')])).code).toBe(0);
    };
    const hostile = async () => expect((await cli(['batch', at('doc'), '-q', '--html', at('doc.html')])).code).toBe(0);
    const browser = async () => {
      if (chromium) h = await launch();
    };
    // The reports are made in this process, one after another (runs share its working folder), while Chromium starts.
    await Promise.all([(async () => (await district(), await hostile()))(), browser()]);
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // CI installs Chromium (.ci/setup): there, a missing browser is a failure, not a skip.
  it.runIf(!!process.env.CI)('has Chromium on CI', () => {
    expect(chromium, '/usr/bin/chromium not found: .ci/setup should have installed it').toBeDefined();
  });

  it.skipIf(!chromium)('district report: every unit once with its rank and index, charts described, offline, A4 landscape', async () => {
    const json = JSON.parse(readFileSync(at('kq.json'), 'utf8')) as RankingJson;
    const { page, requests } = await open(h!, at('huyen.html'));
    const rows = await page.$$eval('#bang-xep-hang tbody tr', (trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent ?? '')));
    expect(rows).toHaveLength(json.units.length);
    for (const u of json.units) {
      const mine = rows.filter((r) => r[1] === u.code);
      expect(mine, u.code).toHaveLength(1);
      expect(mine[0]![0]).toBe(u.rankLabel);
      expect(mine[0]![2]).toBe(u.name);
      expect(mine[0]).toContain(u.index.toFixed(2).replace('.', ','));
    }
    const charts = await chartsDescribed(page);
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const c of charts) expect(c.title.length * c.desc.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);

    // The bands as the browser paints them: each a clearly different gray.
    const fills = await page.$$eval('#xep-hang svg rect.bar', (rs) => [...new Set(rs.map((r) => getComputedStyle(r).fill))]);
    const grey = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
      return 0.299 * r! + 0.587 * g! + 0.114 * b!;
    };
    const greys = fills.map(grey).sort((a, b) => a - b);
    expect(greys.length).toBe(3);
    for (let i = 1; i < greys.length; i++) expect(greys[i]! - greys[i - 1]!).toBeGreaterThan(25);

    // Printed before the grayscale screenshot, whose filter would be printed too (and slowly).
    const pdf = await print(page, join(ARTIFACTS, 'bao-cao-huyen.pdf'));
    await screenshots(page, 'bao-cao-huyen');
    expect(pdf.width).toBeCloseTo(841.9, 0);
    expect(pdf.height).toBeCloseTo(595, 0);
    expect(pdf.pages).toBeGreaterThan(3);
    if (findPdftotext()) {
      expect(pdf.text).toContain('Xếp hạng Chỉ số CCHC năm 2024');
      expect(pdf.text).toContain(`Trang 2 / ${pdf.pages}`);
    }
    expect(requests).toEqual([pathToFileURL(at('huyen.html')).href]);
    await page.close();
  });

  it.skipIf(!chromium)('unit report: rank and areas against the district, offline, A4 landscape with the unit in the header', async () => {
    const { page, requests } = await open(h!, at('xa.html'));
    expect(await page.locator('.card .v').allTextContents()).toEqual(expect.arrayContaining(['92,95%', '03/15']));
    const marks = await page.locator('#linh-vuc g.mark').count();
    expect(marks).toBe(8);
    const charts = await chartsDescribed(page);
    expect(charts.map((c) => c.title)).toContain('Điểm theo lĩnh vực, so với bình quân');
    const pdf = await print(page, join(ARTIFACTS, 'bao-cao-xa.pdf'));
    await screenshots(page, 'bao-cao-xa');
    expect(pdf.width).toBeGreaterThan(pdf.height);
    if (findPdftotext()) {
      expect(pdf.text).toContain('UBND xã Hoàng Việt — UBND huyện Văn Lãng');
      expect(pdf.text).toContain(`Trang 1 / ${pdf.pages}`);
    }
    expect(requests).toEqual([pathToFileURL(at('xa.html')).href]);
    await page.close();
  });

  it.skipIf(!chromium)('a unit named with markup stays text: no script runs, no image is fetched', async () => {
    const { page, requests } = await open(h!, at('doc.html'));
    expect(await page.evaluate(() => [document.scripts.length, document.images.length, document.title.startsWith('Kết quả')])).toEqual([0, 0, true]);
    const names = await page.$$eval('#bang-xep-hang tbody tr', (trs) => trs.map((tr) => (tr as HTMLTableRowElement).cells[2]!.textContent));
    expect(names).toContain('<script>document.title=1</script><img src=x onerror=alert(1)>');
    expect(requests).toEqual([pathToFileURL(at('doc.html')).href]);
    await page.close();
  });
});
