/**
 * The district (or province) report of `cchc batch --html`: summary, ranking chart, areas × units heat
 * map, rank changes, self-assessment against appraisal, weakest criteria, files not ranked, and the full
 * ranking table. Big rankings switch to compact charts (top and bottom units, a distribution, rows per
 * parent unit or per tenth of the ranking) and keep every unit in the full table.
 */
import { findingMessage } from '../format-finding.js';
import type { Lang } from '../number.js';
import { bars, dumbbells, divergingBars, heatMap, histogram, Ids, legend, lineLegend, slopeChart, type Bar, type HeatRow, type Slope } from './charts.js';
import { clip, esc } from './escape.js';
import { fmt, indexScale, meanIndex, pooled, signedFmt, SHARE_DECIMALS, sumPoints } from './numbers.js';
import { footer, page } from './page.js';
import { bandColours, NO_BAND, ramp, SHARE_CLASSES, shareColour } from './palette.js';
import { table, type Cell, type Head } from './table.js';
import type { RankedUnitV2, RankingV2 } from './types.js';
import { WORDS, type Words } from './words.js';
import { changeLabel, changeOf } from '../change.js';
import { groupLabel } from '../groups.js';

/** Up to this many ranked units, every unit gets its own bar, heat-map row and slope line. */
export const FULL_CHART_UNITS = 60;
/** Rows per drawn chart: one chart fits an A4 landscape page. */
const ROWS_PER_CHART = 25;
/** Units at each end of the ranking in the compact chart. */
const ENDS = 10;
/** Risers and fallers in the compact change chart. */
const MOVERS = 12;
/** Appraisal differences shown in the compact chart. */
const SELF_SHOWN = 30;
const WEAK_SHOWN = 10;
const FINDINGS_PER_FILE = 5;
/** Where the ranking bars start (the rank labels and names are left of it). */
const BARS_FROM = 340;
const HEAT_FROM = 330;
const DUMBBELLS_FROM = 320;
/** The id of the table holding every ranked unit (read by the browser tests). */
export const RANKING_TABLE_ID = 'bang-xep-hang';

export interface DistrictOptions {
  lang: Lang;
}

interface Ctx {
  r: RankingV2;
  w: Words;
  lang: Lang;
  d: number;
  ids: Ids;
  colours: Map<string, string>;
  full: boolean;
  units: RankedUnitV2[];
  areas: Array<{ code: string; name: string; max: number }>;
}

const chunk = <T>(xs: readonly T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

function groupsOf(c: Ctx): Array<{ key: string | null; label: string; units: RankedUnitV2[] }> {
  const out = new Map<string | null, RankedUnitV2[]>();
  for (const u of c.units) out.set(u.group, [...(out.get(u.group) ?? []), u]);
  return [...out.entries()].map(([key, units]) => ({ key, label: groupLabel(c.r.groupBy, key, c.lang), units }));
}

/** The district (or province) the ranking is about, from its units: their one parent and province. */
function scope(units: readonly RankedUnitV2[]): string {
  const parents = [...new Set(units.map((u) => u.parent))];
  const provinces = [...new Set(units.map((u) => u.province))];
  return [parents.length === 1 ? parents[0] : null, provinces.length === 1 ? provinces[0] : null].filter((x): x is string => !!x).join(' · ');
}

const section = (id: string, title: string, body: string, keep = false) =>
  `<section id="${id}"${keep ? ' class="keep"' : ''}>\n<h2>${esc(title)}</h2>\n${body}\n</section>`;

const figure = (caption: string, hint: string, charts: string, after = '') =>
  `<figure><figcaption>${esc(caption)}${hint ? `<span class="hint">${esc(hint)}</span>` : ''}</figcaption>${charts}${after}</figure>`;

function bandLegend(c: Ctx): string {
  const bands = c.r.catalog?.bands ?? [];
  const counts = new Map(c.r.summary.bands.map((b) => [b.label, b.units]));
  return legend([...bands].sort((a, b) => b.from - a.from).map((b) => ({ fill: c.colours.get(b.label)!, text: c.w.bandCount(b.label, counts.get(b.label) ?? 0) })));
}

function guides(c: Ctx) {
  return (c.r.catalog?.bands ?? []).filter((b) => b.from > 0).map((b) => ({ at: b.from, text: c.w.bandGuide(b.label, fmt(b.from, 0, c.lang)) }));
}

const fill = (c: Ctx, u: { band: string | null }) => (u.band ? c.colours.get(u.band) ?? NO_BAND : NO_BAND);

function tiesDesc(c: Ctx, units: readonly RankedUnitV2[]): string {
  const byRank = new Map<string, RankedUnitV2[]>();
  for (const u of units) {
    const key = JSON.stringify([u.group, u.rank]);
    byRank.set(key, [...(byRank.get(key) ?? []), u]);
  }
  const tied = [...byRank.values()].filter((g) => g.length > 1).map((g) => `${g[0]!.rankLabel}: ${g.map((u) => u.name).join(', ')}`);
  return tied.length ? c.w.tiesDesc(tied) : c.w.noTies;
}

/**
 * Where the name column starts after the rank labels ("03/17", "0001/3321"), and how many characters
 * of a name fit before `until` (SVG text cannot be measured here: about 7,4 units a character).
 */
function nameColumn(c: Ctx, until: number): { at: number; chars: number } {
  const longest = Math.max(5, ...c.units.map((u) => u.rankLabel.length));
  const at = Math.ceil(16 + longest * 8.4);
  return { at, chars: Math.floor((until - at - 10) / 7.4) };
}

function unitBar(c: Ctx, u: RankedUnitV2, withGroup: boolean): Bar {
  const name = withGroup && u.group !== null ? `${u.name} (${groupLabel(c.r.groupBy, u.group, c.lang)})` : u.name;
  return {
    labels: [u.rankLabel, clip(name, nameColumn(c, BARS_FROM).chars)],
    value: u.index,
    text: fmt(u.index, c.d, c.lang),
    note: u.band ?? c.w.noBand,
    fill: fill(c, u),
    title: `${u.rankLabel} ${name}: ${c.w.pct(fmt(u.index, c.d, c.lang))}, ${u.band ?? c.w.noBand}`,
  };
}

function rankBars(c: Ctx, rows: ReadonlyArray<Bar | { gap: string }>, ties: Array<readonly [number, number]>, title: string, desc: string): string {
  const scale = indexScale(Math.max(0, ...c.units.map((u) => u.index)));
  return bars(c.ids, title, desc, {
    rows,
    min: 0,
    max: scale.max,
    ticks: scale.ticks,
    tickText: (t) => fmt(t, 0, c.lang),
    columns: [8, nameColumn(c, BARS_FROM).at],
    rightAligned: [0],
    barsFrom: BARS_FROM,
    barsTo: 860,
    guides: guides(c),
    ties,
  });
}

/** Runs of equal ranks within a list of rows, as [first, last] row positions. */
function tieRuns(units: readonly RankedUnitV2[]): Array<readonly [number, number]> {
  const runs: Array<readonly [number, number]> = [];
  let start = 0;
  for (let i = 1; i <= units.length; i++) {
    if (i === units.length || units[i]!.rank !== units[start]!.rank || units[i]!.group !== units[start]!.group) {
      if (i - start > 1) runs.push([start, i - 1]);
      start = i;
    }
  }
  return runs;
}

function rankingTable(c: Ctx, units: readonly RankedUnitV2[], id?: string): string {
  const w = c.w;
  const grouped = c.r.groupBy !== null;
  const compare = c.r.compare !== null;
  const heads = [
    w.rank,
    w.code,
    w.unit,
    ...(grouped ? [w.group] : []),
    ...c.areas.map((a) => ({ text: w.area(a.code), num: true, title: a.name })),
    { text: w.total, num: true },
    { text: w.index, num: true },
    w.band,
    ...(compare ? [w.change] : []),
  ];
  const rows = units.map((u) => {
    const pts = new Map(u.areas.map((a) => [a.code, a]));
    const cells: Cell[] = [
      u.rankLabel,
      u.code,
      u.name,
      ...(grouped ? [groupLabel(c.r.groupBy, u.group, c.lang)] : []),
      ...c.areas.map((a): Cell => {
        const p = pts.get(a.code);
        return !p || p.applicableMax === 0 ? '—' : fmt(p.points, c.d, c.lang);
      }),
      fmt(u.total, c.d, c.lang),
      fmt(u.index, c.d, c.lang),
      u.band ?? '—',
      ...(compare ? [{ text: changeText(c, u), wrap: true }] : []),
    ];
    return { cells };
  });
  return table({ ...(id ? { id } : {}), heads, rows, compact: !c.full });
}

function changeText(c: Ctx, u: RankedUnitV2, withDelta = true): string {
  const ch = u.change;
  if (!ch) return '—';
  const words = changeOf(ch, u.groupSize, c.lang);
  const delta = ch.indexDelta === null || !withDelta ? '' : ` (${signedFmt(ch.indexDelta, c.d, c.lang)})`;
  const merged = ch.merged ? `; ${c.w.merged(u.predecessors.join(', '))}` : '';
  return `${words}${delta}${merged}`;
}

// ————— sections —————

function header(c: Ctx): string {
  const r = c.r;
  const year = r.catalog?.year;
  const lines = [
    scope(c.units) ? `<div class="org">${esc(scope(c.units))}</div>` : '',
    `<h1>${esc(year ? c.w.districtHead(year) : c.w.ranking)}</h1>`,
    r.catalog ? `<p class="sub">${esc(`${c.w.catalog}: ${c.w.catalogLine(r.catalog.id, r.catalog.title)}`)}${r.catalog.template ? ` <span class="warn">(${esc(c.w.template)})</span>` : ''}</p>` : '',
    r.compare ? `<p class="sub">${esc(c.w.compareWith(r.compare.file, r.compare.year))}</p>` : '',
  ];
  return `<header class="doc">${lines.join('')}</header>`;
}

function summary(c: Ctx): string {
  const s = c.r.summary;
  const w = c.w;
  const who = (x: number | null) => {
    if (x === null) return '';
    const at = c.units.filter((u) => u.index === x);
    return at.length ? `${at[0]!.name}${at.length > 1 ? w.andOthers(at.length - 1) : ''}` : '';
  };
  const card = (k: string, v: string, n: string, cls = '') => `<div class="card${cls}"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div><div class="n">${esc(n)}</div></div>`;
  const pct = (x: number | null) => (x === null ? '—' : w.pct(fmt(x, c.d, c.lang)));
  const cards = [
    card(w.ranked, String(s.ranked), w.files(s.files)),
    card(w.average, pct(s.average), ''),
    card(w.highest, pct(s.highest), who(s.highest)),
    card(w.lowest, pct(s.lowest), who(s.lowest)),
    card(w.notRanked, String(s.invalid), s.invalid ? w.seeBelow : ''),
  ];
  const below = s.failUnder !== null ? `<p>${esc(w.belowThreshold(s.belowThreshold, fmt(s.failUnder, c.d, c.lang)))}</p>` : '';
  return section('tong-hop', w.summary, `<div class="cards">${cards.join('')}</div><h3>${esc(w.bands)}</h3>${bandLegend(c)}${below}`, true);
}

function ranking(c: Ctx): string {
  const w = c.w;
  if (!c.units.length) return section('xep-hang', w.ranking, `<p>${esc(w.noRanked)}</p>`);
  const desc = (units: readonly RankedUnitV2[]) => {
    const hi = units[0]!;
    const lo = units[units.length - 1]!;
    const avg = meanIndex(units.map((u) => u.index), c.d) ?? 0;
    return w.rankChartDesc(units.length, `${hi.name} (${w.pct(fmt(hi.index, c.d, c.lang))})`, `${lo.name} (${w.pct(fmt(lo.index, c.d, c.lang))})`, fmt(avg, c.d, c.lang), tiesDesc(c, units));
  };
  if (c.full) {
    const parts = groupsOf(c).map((g) => {
      const charts = chunk(g.units, ROWS_PER_CHART)
        .map((part) => rankBars(c, part.map((u) => unitBar(c, u, false)), tieRuns(part), w.rankChartTitle(g.units.length), desc(g.units)))
        .join('');
      const head = c.r.groupBy !== null ? `<h3>${esc(w.groupTitle(g.label, g.units.length))}</h3>` : '';
      return `${head}${figure(w.rankChartTitle(g.units.length), w.rankChartHint, charts)}`;
    });
    return section('xep-hang', w.ranking, `${bandLegend(c)}${parts.join('')}<h3>${esc(w.fullTable)}</h3>${rankingTable(c, c.units, RANKING_TABLE_ID)}`);
  }
  // Compact: the whole distribution, then the two ends of the ranking (by index, whatever the group).
  const order = [...c.units].sort((a, b) => b.index - a.index);
  const top = order.slice(0, ENDS);
  const bottom = order.slice(-ENDS);
  const rows: Array<Bar | { gap: string }> = [...top.map((u) => unitBar(c, u, c.r.groupBy !== null)), { gap: w.middle(order.length - 2 * ENDS) }, ...bottom.map((u) => unitBar(c, u, c.r.groupBy !== null))];
  const ties = c.r.groupBy === null ? [...tieRuns(top), ...tieRuns(bottom).map(([a, b]) => [a + ENDS + 1, b + ENDS + 1] as const)] : [];
  const ends = figure(w.topBottom(ENDS, order.length), w.topBottomHint, rankBars(c, rows, ties, w.topBottom(ENDS, order.length), desc(order)));
  const endsTable = table({ caption: w.tableOf, heads: [w.rank, w.code, w.unit, { text: w.index, num: true }, w.band], rows: [...top, ...bottom].map((u) => ({ cells: [u.rankLabel, u.code, u.name, fmt(u.index, c.d, c.lang), u.band ?? '—'] })) });
  return section('xep-hang', w.ranking, `${bandLegend(c)}${distribution(c, order)}${ends}${endsTable}`);
}

function distribution(c: Ctx, order: readonly RankedUnitV2[]): string {
  const w = c.w;
  const lo = Math.floor(order[order.length - 1]!.index);
  const hi = Math.floor(order[0]!.index);
  const count = new Map<number, number>();
  for (const u of order) count.set(Math.min(hi, Math.floor(u.index)), (count.get(Math.min(hi, Math.floor(u.index))) ?? 0) + 1);
  const bands = [...(c.r.catalog?.bands ?? [])].sort((a, b) => b.from - a.from);
  const bandAt = (x: number) => bands.find((b) => x >= b.from)?.label ?? null;
  const bins = [];
  for (let x = lo; x <= hi; x++) {
    const n = count.get(x) ?? 0;
    bins.push({ from: x, count: n, fill: fill(c, { band: bandAt(x) }), title: w.histBin(fmt(x, 0, c.lang), fmt(x + 1, 0, c.lang), n) });
  }
  const peak = bins.reduce((a, b) => (b.count > a.count ? b : a), bins[0]!);
  const chart = histogram(c.ids, w.histTitle(order.length), w.histDesc(order.length, w.histBin(fmt(peak.from, 0, c.lang), fmt(peak.from + 1, 0, c.lang), peak.count), peak.count), {
    bins,
    width: 1,
    guides: guides(c),
    tickText: (t) => fmt(t, 0, c.lang),
  });
  const tableRows = bins.filter((b) => b.count > 0).map((b) => ({ cells: [w.histRange(fmt(b.from, 0, c.lang), fmt(b.from + 1, 0, c.lang)), b.count] as Cell[] }));
  return figure(w.histTitle(order.length), '', chart, table({ caption: w.tableOf, heads: [w.index, { text: w.ranked, num: true }], rows: tableRows, compact: true }));
}

interface HeatLine {
  labels: string[];
  title: string;
  areas: Array<{ points: number; applicableMax: number }[]>;
  /** What the row's table cells start with. */
  cells: Cell[];
}

function heatRows(c: Ctx): { lines: HeatLine[]; hint: string; heads: Head[] } {
  const w = c.w;
  const byArea = (units: readonly RankedUnitV2[]) => c.areas.map((a) => units.flatMap((u) => u.areas.filter((x) => x.code === a.code)));
  if (c.full) {
    return {
      lines: c.units.map((u) => ({ labels: [u.rankLabel, clip(u.name, nameColumn(c, HEAT_FROM).chars)], title: u.name, areas: byArea([u]), cells: [u.rankLabel, u.name] })),
      hint: w.heatHint,
      heads: [w.rank, w.unit],
    };
  }
  // Compact: rows per ranking group or parent unit (when there are a few), else per tenth of the ranking.
  const key = c.r.groupBy !== null ? (u: RankedUnitV2) => u.group : (u: RankedUnitV2) => u.parent;
  const keys = [...new Set(c.units.map(key))];
  if (keys.length > 1 && keys.length <= FULL_CHART_UNITS && !keys.includes(null)) {
    const rows = keys.map((k) => {
      const units = c.units.filter((u) => key(u) === k);
      const label = c.r.groupBy !== null ? groupLabel(c.r.groupBy, k, c.lang) : (k ?? '');
      return { label, units, mean: meanIndex(units.map((u) => u.index), c.d) ?? 0 };
    });
    rows.sort((a, b) => b.mean - a.mean || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    return {
      lines: rows.map((g) => ({ labels: [clip(g.label, 24), w.units(g.units.length)], title: g.label, areas: byArea(g.units), cells: [g.label, g.units.length] })),
      hint: w.heatGroupsHint(c.r.groupBy !== null ? w.heatGroups : w.heatParents),
      heads: [w.group, { text: w.unitCount, num: true }],
    };
  }
  const order = [...c.units].sort((a, b) => b.index - a.index);
  const tenths = Array.from({ length: 10 }, (_, i) => order.slice(Math.floor((i * order.length) / 10), Math.floor(((i + 1) * order.length) / 10))).filter((t) => t.length);
  let first = 1;
  return {
    lines: tenths.map((t) => {
      const label = w.tenth(first, first + t.length - 1);
      first += t.length;
      return { labels: [label, w.units(t.length)], title: label, areas: byArea(t), cells: [label, t.length] };
    }),
    hint: w.heatGroupsHint(w.heatTenths),
    heads: [w.group, { text: w.unitCount, num: true }],
  };
}

function heat(c: Ctx): string {
  const w = c.w;
  if (!c.units.length || !c.areas.length) return '';
  const { lines, hint, heads } = heatRows(c);
  const shareOf = (parts: Array<{ points: number; applicableMax: number }>) => (parts.length ? pooled(parts) : null);
  const overall = c.areas.map((a, j) => ({ a, p: shareOf(lines.flatMap((l) => l.areas[j]!)) }));
  const weakest = overall.filter((o) => o.p !== null).sort((x, y) => x.p! - y.p!)[0];
  const weakText = weakest ? `${w.areaLong(weakest.a.code)} ${weakest.a.name} (${w.pct(fmt(weakest.p!, SHARE_DECIMALS, c.lang))})` : w.none;
  const rows: HeatRow[] = lines.map((l) => ({
    labels: l.labels,
    cells: c.areas.map((a, j) => {
      const parts = l.areas[j]!;
      const p = shareOf(parts);
      const pts = sumPoints(parts.map((x) => x.points));
      const max = sumPoints(parts.map((x) => x.applicableMax));
      if (p === null) return { value: null, text: '—', fill: '#ffffff', title: `${l.title} · ${w.area(a.code)} ${a.name}: ${w.notApplicable}` };
      const text = fmt(p, SHARE_DECIMALS, c.lang);
      return { value: p, text, fill: shareColour(p), title: `${l.title} · ${w.area(a.code)} ${a.name}: ${fmt(pts, c.d, c.lang)}/${fmt(max, c.d, c.lang)} (${w.pct(text)})` };
    }),
  }));
  const charts = chunk(rows, ROWS_PER_CHART)
    .map((part) => heatMap(c.ids, w.heatTitle, w.heatDesc(rows.length, c.areas.length, weakText), { columns: c.areas.map((a) => w.area(a.code)), rows: part, labelColumns: [8, c.full ? nameColumn(c, HEAT_FROM).at : 200], cellsFrom: HEAT_FROM }))
    .join('');
  const classes = SHARE_CLASSES.map((from, i) => ({ fill: shareColour(from), text: w.shareClass(from, SHARE_CLASSES[i + 1] ?? null) }));
  const names = `<p class="areas">${c.areas.map((a) => `${esc(w.area(a.code))}: ${esc(a.name)} (${esc(w.max.toLowerCase())} ${esc(fmt(a.max, c.d, c.lang))})`).join(' · ')}</p>`;
  const tbl = table({
    caption: w.tableOf,
    heads: [...heads, ...c.areas.map((a) => ({ text: w.area(a.code), num: true, title: a.name }))],
    rows: [
      ...rows.map((r, i) => ({ cells: [...lines[i]!.cells, ...r.cells.map((x): Cell => (x.text))] })),
      {
        cells: [w.allUnits, c.full ? '' : c.units.length, ...overall.map((o): Cell => (o.p === null ? '—' : fmt(o.p, SHARE_DECIMALS, c.lang)))],
        attrs: ' class="total"',
      },
    ],
    compact: true,
  });
  return section('linh-vuc', w.areasTitle, `${legend(classes)}${figure(w.heatTitle, hint, charts, names)}${tbl}`);
}

function change(c: Ctx): string {
  const w = c.w;
  if (!c.r.compare || !c.units.length) return '';
  const title = w.changeTitle(c.r.compare.year);
  const kind = (u: RankedUnitV2): Slope['kind'] => {
    const ch = u.change?.rankChange ?? null;
    return ch === null ? 'new' : ch > 0 ? 'up' : ch < 0 ? 'down' : 'same';
  };
  const words = (u: RankedUnitV2) => (u.change ? changeOf(u.change, u.groupSize, c.lang) : changeLabel(null, u.groupSize, c.lang));
  const rowOf = (u: RankedUnitV2): Cell[] => [
    u.name,
    u.change?.previous?.rankLabel ?? '—',
    u.rankLabel,
    { text: changeText(c, u, false), wrap: true },
    u.change?.indexDelta == null ? '—' : signedFmt(u.change.indexDelta, c.d, c.lang),
  ];
  const heads = [w.unit, w.previousRank, w.rank, w.change, { text: w.indexChange, num: true }];
  const key = lineLegend([
    { cls: 'up', text: w.upLegend },
    { cls: 'down', text: w.downLegend },
    { cls: 'same', text: w.sameLegend },
  ]);
  if (c.full) {
    const parts = groupsOf(c).map((g) => {
      const known = g.units.filter((u) => u.change?.previous);
      const left = [...known].sort((a, b) => a.change!.previous!.rank - b.change!.previous!.rank || b.change!.previous!.index - a.change!.previous!.index);
      const leftAt = new Map(left.map((u, i) => [u, i]));
      const rows: Slope[] = g.units.map((u, i) => {
        const p = u.change?.previous;
        return {
          left: leftAt.get(u) ?? null,
          right: i,
          leftText: p ? `${p.rankLabel} ${clip(p.name, 26)}` : '',
          rightText: `${u.rankLabel} ${clip(u.name, 26)} · ${words(u)}`,
          kind: kind(u),
          title: `${u.name}: ${p ? `${p.rankLabel} → ` : ''}${u.rankLabel}, ${changeText(c, u)}`,
        };
      });
      const n = (k: Slope['kind']) => rows.filter((x) => x.kind === k).length;
      const chart = slopeChart(c.ids, title, w.slopeDesc(n('up'), n('down'), n('same'), n('new')), { rows, leftCount: left.length, heads: [w.lastYear, w.thisYear] });
      const head = c.r.groupBy !== null ? `<h3>${esc(w.groupTitle(g.label, g.units.length))}</h3>` : '';
      return `${head}${figure(w.slopeCaption, w.slopeHint, chart)}${table({ caption: w.tableOf, heads, rows: g.units.map((u) => ({ cells: rowOf(u) })), compact: true })}`;
    });
    return section('thay-doi', title, `${key}${parts.join('')}`);
  }
  const moved = c.units.filter((u) => (u.change?.rankChange ?? 0) !== 0 && u.change?.rankChange != null);
  const up = [...moved].filter((u) => u.change!.rankChange! > 0).sort((a, b) => b.change!.rankChange! - a.change!.rankChange!).slice(0, MOVERS);
  const down = [...moved].filter((u) => u.change!.rankChange! < 0).sort((a, b) => a.change!.rankChange! - b.change!.rankChange!).slice(0, MOVERS).reverse();
  const shown = [...up, ...down];
  if (!shown.length) return section('thay-doi', title, `<p>${esc(w.noMoves)}</p>`);
  const limit = Math.max(1, ...shown.map((u) => Math.abs(u.change!.rankChange!)));
  const rows = [
    ...up.map((u) => ({ label: `${u.rankLabel} ${u.name}`, value: u.change!.rankChange!, text: words(u), title: `${u.name}: ${changeText(c, u)}` })),
    ...(up.length && down.length ? [{ gap: '' }] : []),
    ...down.map((u) => ({ label: `${u.rankLabel} ${u.name}`, value: u.change!.rankChange!, text: words(u), title: `${u.name}: ${changeText(c, u)}` })),
  ];
  const count = (f: (x: number | null) => boolean) => c.units.filter((u) => f(u.change?.rankChange ?? null)).length;
  const desc = w.slopeDesc(count((x) => x !== null && x > 0), count((x) => x !== null && x < 0), count((x) => x === 0), count((x) => x === null));
  const chart = divergingBars(c.ids, w.moversTitle(MOVERS), desc, { rows, limit, upFill: ramp(0.45), downFill: ramp(0.9) });
  return section('thay-doi', title, `${figure(w.moversTitle(MOVERS), w.moversHint, chart)}${table({ caption: w.tableOf, heads, rows: shown.map((u) => ({ cells: rowOf(u) })), compact: true })}`);
}

function appraisal(c: Ctx): string {
  const w = c.w;
  // Units ranked on their self-assessment (--allow-unappraised) have no appraisal to compare.
  const units = c.units.filter((u): u is RankedUnitV2 & { selfIndex: number } => typeof u.selfIndex === 'number' && u.appraised !== false);
  if (!units.length) return '';
  const shown = c.full ? units : [...units].sort((a, b) => Math.abs(b.index - b.selfIndex) - Math.abs(a.index - a.selfIndex)).slice(0, SELF_SHOWN);
  const lowest = Math.min(...shown.flatMap((u) => [u.index, u.selfIndex]));
  const min = Math.max(0, Math.floor(lowest / 10) * 10 - (lowest % 10 < 2 ? 10 : 0));
  const top = indexScale(Math.max(...shown.flatMap((u) => [u.index, u.selfIndex]))).max;
  const ticks = Array.from({ length: (top - min) / 5 + 1 }, (_, i) => min + i * 5);
  const diff = (u: { index: number; selfIndex: number }) => u.index - u.selfIndex;
  const rows = shown.map((u) => ({
    labels: [u.rankLabel, clip(u.name, nameColumn(c, DUMBBELLS_FROM).chars)],
    from: u.selfIndex,
    to: u.index,
    text: `${fmt(u.selfIndex, c.d, c.lang)} → ${fmt(u.index, c.d, c.lang)} (${signedFmt(diff(u), c.d, c.lang)})`,
    title: `${u.name}: ${fmt(u.selfIndex, c.d, c.lang)}% → ${fmt(u.index, c.d, c.lang)}%`,
  }));
  const desc = w.selfDesc(units.length, units.filter((u) => diff(u) < 0).length, units.filter((u) => diff(u) > 0).length);
  const title = `${w.selfTitle}${c.full ? '' : w.selfMost(SELF_SHOWN)}`;
  const charts = chunk(rows, ROWS_PER_CHART)
    .map((part) => dumbbells(c.ids, title, desc, { rows: part, min, max: top, ticks, tickText: (t) => fmt(t, 0, c.lang), columns: [8, nameColumn(c, DUMBBELLS_FROM).at], plotFrom: DUMBBELLS_FROM }))
    .join('');
  const tbl = table({
    caption: w.tableOf,
    heads: [w.rank, w.unit, { text: w.selfIndex, num: true }, { text: w.appraisedIndex, num: true }, { text: w.difference, num: true }],
    rows: shown.map((u) => ({ cells: [u.rankLabel, u.name, fmt(u.selfIndex, c.d, c.lang), fmt(u.index, c.d, c.lang), signedFmt(diff(u), c.d, c.lang)] })),
    compact: true,
  });
  return section('tham-dinh', w.selfTitle, `${figure(title, w.selfHint, charts)}${tbl}`);
}

function weak(c: Ctx): string {
  const w = c.w;
  const ranked = c.r.summary.ranked;
  const items = c.r.weak.slice(0, WEAK_SHOWN);
  if (!items.length) return section('tieu-chi-yeu', w.weakTitle, `<p>${esc(w.weakNone)}</p>`);
  const rows: Bar[] = items.map((it) => ({
    labels: [it.code, clip(it.name, 42)],
    value: ranked ? (it.units / ranked) * 100 : 0,
    text: w.weakLine(it.units, ranked, fmt(it.lost, c.d, c.lang)),
    fill: ramp(0.3),
    title: `${it.code} ${it.name}: ${w.weakLine(it.units, ranked, fmt(it.lost, c.d, c.lang))}`,
  }));
  const chart = bars(c.ids, w.weakTitle, w.weakDesc(`${items[0]!.code} ${items[0]!.name}`), {
    rows,
    min: 0,
    max: 100,
    ticks: [0, 25, 50, 75, 100],
    tickText: (t) => `${fmt(t, 0, c.lang)}%`,
    columns: [8, 62],
    barsFrom: 400,
    barsTo: 760,
  });
  const tbl = table({
    caption: w.tableOf,
    heads: [w.code, w.criterion, w.owner, { text: w.unitsLosing, num: true }, { text: w.lostTotal, num: true }],
    rows: items.map((it) => ({ cells: [it.code, { text: it.name, wrap: true }, it.owner ?? w.noOwner, `${it.units}/${ranked}`, fmt(it.lost, c.d, c.lang)] })),
    compact: true,
  });
  return section('tieu-chi-yeu', w.weakTitle, `${figure(w.weakTitle, w.weakHint, chart)}${tbl}`);
}

/** `file:line:column` as the command line shows it; `file:'Sheet'!F23` for workbooks. */
function where(f: { file?: string; line?: number; column?: number; cell?: string }, file: string): string {
  const at = f.file ?? file;
  return f.line ? `${at}:${f.line}:${f.column ?? 1}` : f.cell ? `${at}:${f.cell}` : at;
}

function invalid(c: Ctx): string {
  const w = c.w;
  if (!c.r.invalid.length) return '';
  const rows = c.r.invalid.map((f) => {
    const shown = f.findings.slice(0, FINDINGS_PER_FILE);
    const items = shown.map((x) => `<li><code>${esc(where(x, f.file))}</code> ${x.item ? `[${esc(x.item)}] ` : ''}${esc(findingMessage(x, c.lang))} <span class="muted">(${esc(x.code)})</span></li>`);
    if (f.findings.length > shown.length) items.push(`<li>${esc(w.more(f.findings.length - shown.length))}</li>`);
    return { cells: [f.file, f.unit ? `${f.unit.name} (${f.unit.code})` : '—', { html: `<ul>${items.join('')}</ul>`, wrap: true }] as Cell[] };
  });
  return section('tep-loi', w.invalidTitle, table({ heads: [w.file, w.unit, w.problems], rows, compact: true }));
}

function fullTable(c: Ctx): string {
  if (c.full || !c.units.length) return '';
  return section('bang-day-du', c.w.fullTable, `<p class="muted">${esc(c.w.fullHint)}</p>${rankingTable(c, c.units, RANKING_TABLE_ID)}`);
}

/** The district report: one self-contained HTML page. */
export function districtHtml(r: RankingV2, o: DistrictOptions): string {
  const w = WORDS[o.lang];
  const c: Ctx = {
    r,
    w,
    lang: o.lang,
    d: r.catalog?.decimals ?? 2,
    ids: new Ids(),
    colours: bandColours(r.catalog?.bands ?? []),
    full: r.units.length <= FULL_CHART_UNITS,
    units: r.units,
    areas: r.catalog?.areas ?? [],
  };
  const year = r.catalog?.year;
  const body = [header(c), summary(c), ranking(c), heat(c), change(c), appraisal(c), weak(c), invalid(c), fullTable(c)].filter(Boolean).join('\n');
  const where = scope(c.units);
  return page({
    lang: o.lang,
    title: year ? `${w.districtTitle(year)}${where ? ` — ${where}` : ''}` : w.ranking,
    printLeft: where || (r.catalog?.title ?? ''),
    printRight: year ? w.districtPrint(year) : '',
    body,
    footer: footer(w, r.provenance),
  });
}
