import { describe, expect, it } from 'vitest';
import { districtHtml, FULL_CHART_UNITS, RANKING_TABLE_ID } from '../../src/reporters/html/district.js';
import { unitHtml } from '../../src/reporters/html/unit.js';
import { bandColours, luma, shareColour, SHARE_CLASSES } from '../../src/reporters/html/palette.js';
import { cssString } from '../../src/reporters/html/escape.js';
import { ranking, score } from './make.js';

const HOSTILE = '<script>alert("x")</script> </style><img src=x onerror=alert(1)> "Thử" \\ \'';

/** Rows of the full ranking table: [rank label, code, name, …]. */
function tableRows(html: string): string[][] {
  const start = html.indexOf(`id="${RANKING_TABLE_ID}"`);
  const body = html.slice(html.indexOf('<tbody>', start) + 7, html.indexOf('</tbody>', start));
  return body
    .split('\n')
    .filter((l) => l.startsWith('<tr'))
    .map((l) => l.split('<td>').slice(1));
}

describe('district report', () => {
  it('is one self-contained page: no script, nothing loaded from elsewhere, a policy that forbids it', () => {
    const html = districtHtml(ranking(15, { compare: true }), { lang: 'vi' });
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="vi">/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    for (const bad of ['<script', '<link', '<img', '<iframe', 'src=', 'href=', 'url(', '@import', 'http:', 'https:', '@font-face']) {
      expect(html, bad).not.toContain(bad);
    }
  });

  it('keeps hostile names as text: in the page, in chart titles and in the printed header', () => {
    const r = ranking(12, { name: (i) => (i === 0 ? HOSTILE : `UBND xã ${i}`) });
    r.units.forEach((u) => (u.parent = HOSTILE));
    const html = districtHtml(r, { lang: 'vi' });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html.split('</style>').length).toBe(2);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // The printed page header is a CSS string: its quote, backslash and angle brackets are escaped.
    const header = cssString(`${HOSTILE} · Tỉnh Thử`);
    expect(html).toContain(`@top-left{content:${header};`);
    expect(header.slice(1, -1)).not.toMatch(/[<>\n]|(^|[^\\])"/);
  });

  it('gives the same bytes for the same input', () => {
    expect(districtHtml(ranking(40, { compare: true, selfIndex: true }), { lang: 'vi' })).toBe(districtHtml(ranking(40, { compare: true, selfIndex: true }), { lang: 'vi' }));
  });

  it('lists every ranked unit once in the full table with its rank label and index (decimal comma)', () => {
    const r = ranking(17);
    const rows = tableRows(districtHtml(r, { lang: 'vi' }));
    expect(rows.map((c) => c[1])).toEqual(r.units.map((u) => u.code));
    for (const [i, u] of r.units.entries()) {
      expect(rows[i]![0]).toBe(u.rankLabel);
      expect(rows[i]).toContain(u.index.toFixed(2).replace('.', ','));
    }
    expect(rows[2]![0]).toBe(rows[3]![0]);
  });

  it('joins tied units with a bracket in the ranking chart and names them in its description', () => {
    const html = districtHtml(ranking(17), { lang: 'vi' });
    expect(html.match(/class="tie"/g)).toHaveLength(1);
    expect(html).toMatch(/Cùng hạng: 03\/17: UBND xã Thử Nghiệm Số 3, UBND xã Thử Nghiệm Số 4\./);
  });

  it('gives every chart a title and a text alternative, and a table beneath', () => {
    const html = districtHtml(ranking(20, { compare: true, selfIndex: true }), { lang: 'vi' });
    const charts = html.match(/<svg [^>]*role="img" aria-labelledby="(t\d+) (d\d+)">/g) ?? [];
    expect(charts.length).toBeGreaterThanOrEqual(5);
    for (const svg of charts) {
      const [, t, d] = /aria-labelledby="(t\d+) (d\d+)"/.exec(svg)!;
      expect(html).toMatch(new RegExp(`<title id="${t}">[^<]{10,}</title><desc id="${d}">[^<]{10,}</desc>`));
    }
    for (const id of ['tong-hop', 'xep-hang', 'linh-vuc', 'thay-doi', 'tham-dinh', 'tieu-chi-yeu', 'tep-loi']) expect(html).toContain(`<section id="${id}"`);
  });

  it('draws each unit up to the limit, then switches to the compact charts and keeps every unit in the table', () => {
    const full = districtHtml(ranking(FULL_CHART_UNITS, { compare: true }), { lang: 'vi' });
    const compact = districtHtml(ranking(FULL_CHART_UNITS + 1, { compare: true }), { lang: 'vi' });
    expect(full).toContain('Hạng kỳ trước và hạng năm nay');
    expect(full).not.toContain('Phân bố chỉ số');
    expect(compact).toContain(`Phân bố chỉ số của ${FULL_CHART_UNITS + 1} đơn vị`);
    expect(compact).toContain('10 đơn vị cao nhất và 10 đơn vị thấp nhất');
    expect(compact).not.toContain('Hạng kỳ trước và hạng năm nay');
    expect(compact).toContain('<section id="bang-day-du"');
    expect(tableRows(compact)).toHaveLength(FULL_CHART_UNITS + 1);
  });

  it('stays under 1 MB for a province of 3 321 units, grouped by district and compared with last year', () => {
    const html = districtHtml(ranking(3321, { groups: 12, compare: true, selfIndex: true }), { lang: 'vi' });
    expect(Buffer.byteLength(html)).toBeLessThan(1024 * 1024);
    expect(tableRows(html)).toHaveLength(3321);
    // One heat-map row per district, not one per unit.
    expect(html.match(/class="cell"/g)).toHaveLength(12 * 2);
  });

  it('draws a big ranking without groups as tenths of the ranking in the heat map', () => {
    const html = districtHtml(ranking(3321), { lang: 'vi' });
    expect(html.match(/class="cell"/g)).toHaveLength(10 * 2);
    expect(html).toContain('Hạng 1–332');
    expect(html).toContain('Hạng 2989–3321');
  });

  it('shows self-assessment against appraisal only when units carry a self-assessed index', () => {
    expect(districtHtml(ranking(10), { lang: 'vi' })).not.toContain('id="tham-dinh"');
    const html = districtHtml(ranking(10, { selfIndex: true }), { lang: 'vi' });
    expect(html).toContain('id="tham-dinh"');
    expect(html.match(/class="self"/g)).toHaveLength(10);
  });

  it('speaks English with --lang en, decimal points', () => {
    const html = districtHtml(ranking(5), { lang: 'en' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('PAR INDEX RANKING 2024');
    expect(html).toContain('99.50');
    expect(html).not.toContain('Xếp hạng<');
  });
});

describe('unit report', () => {
  it('shows the index, band, lost points with owners and hints, and no rank without a ranking', () => {
    const html = unitHtml(score(), { lang: 'vi' });
    expect(html).toContain('87,50%');
    expect(html).toContain('Tốt');
    expect(html).toContain('Hiện đạt 83,33%; đạt 100% để được điểm tối đa');
    expect(html).toContain('Bộ phận Một cửa');
    expect(html).not.toContain('Xếp hạng');
    expect(html).not.toContain('class="mark"');
  });

  it('compares the areas with the district when a ranking is given', () => {
    const html = unitHtml(score(), {
      lang: 'vi',
      district: { file: 'ket-qua.json', rank: 3, rankLabel: '03/17', groupSize: 17, groupBy: null, group: null, parent: 'UBND huyện 0', average: 84.14, areas: new Map([['1', 90], ['2', 80.5]]) },
    });
    expect(html).toContain('03/17');
    expect(html).toContain('trong 17 đơn vị (UBND huyện 0)');
    expect(html.match(/class="mark"/g)).toHaveLength(2);
    expect(html).toContain('bình quân 80,5%');
    expect(html).toContain('Bình quân: 84,14%');
  });

  it('lists the items the appraisal changed, only when there are some', () => {
    expect(unitHtml(score(), { lang: 'vi' })).not.toContain('id="tham-dinh"');
    const html = unitHtml(score({ selfPoints: true, selfIndex: 90 }), { lang: 'vi' });
    expect(html).toContain('id="tham-dinh"');
    expect(html).toContain('−2,50');
    expect(html).toContain('SAU THẨM ĐỊNH');
  });

  it('keeps a hostile unit name as text', () => {
    const html = unitHtml(score({ name: HOSTILE }), { lang: 'vi' });
    expect(html).not.toContain('<script');
    expect(html.split('</style>').length).toBe(2);
  });
});

describe('colours', () => {
  it('stay apart in grayscale: each band lighter than the one above it by a clear step', () => {
    for (let n = 2; n <= 6; n++) {
      const bands = Array.from({ length: n }, (_, i) => ({ label: `b${i}`, from: 90 - i * 10 }));
      const greys = [...bandColours(bands).values()].map(luma);
      for (let i = 1; i < greys.length; i++) expect(greys[i]! - greys[i - 1]!).toBeGreaterThan(25);
    }
    const shares = SHARE_CLASSES.map((from) => luma(shareColour(from)));
    for (let i = 1; i < shares.length; i++) expect(shares[i - 1]! - shares[i]!).toBeGreaterThan(25);
  });
});
