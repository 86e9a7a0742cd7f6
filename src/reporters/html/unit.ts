/**
 * One unit's report (`cchc score --html`): index, band and rank at a glance, the index on the band
 * scale, the areas (against the district's when a ranking is given), where the points went (by owner
 * and item by item, with what would earn them back), and the items the appraisal changed.
 */
import { findingMessage } from '../format-finding.js';
import type { Lang } from '../number.js';
import { describeHint } from '../describe.js';
import { bandScale, bars, Ids, legend, type Bar } from './charts.js';
import { clip, esc } from './escape.js';
import { fmt, indexScale, share, signedFmt, SHARE_DECIMALS, sumPoints } from './numbers.js';
import { footer, page } from './page.js';
import { bandColours, NO_BAND, ramp, SHARE_CLASSES, shareColour } from './palette.js';
import type { DistrictContext } from '../../core/batch/district.js';
import { table, type Cell } from './table.js';
import type { ItemV2, ScoreV2 } from './types.js';
import { WORDS, type Words } from './words.js';
import { groupLabel } from '../groups.js';
import type { GroupField } from '../../core/batch/report.js';

export interface UnitOptions {
  lang: Lang;
  /** From `--ranking`: the unit's rank and the averages it is compared with. */
  district?: DistrictContext;
}

interface Ctx {
  s: ScoreV2;
  w: Words;
  lang: Lang;
  d: number;
  ids: Ids;
  district?: DistrictContext;
}

const section = (id: string, title: string, body: string, keep = false) =>
  `<section id="${id}"${keep ? ' class="keep"' : ''}>\n<h2>${esc(title)}</h2>\n${body}\n</section>`;

const figure = (caption: string, hint: string, chart: string) =>
  `<figure><figcaption>${esc(caption)}${hint ? `<span class="hint">${esc(hint)}</span>` : ''}</figcaption>${chart}</figure>`;

/** Where the unit is ranked, in words: its group, or the parent all ranked units share. */
function rankedAmong(c: Ctx, d: DistrictContext): string {
  if (d.groupBy !== null) return groupLabel(d.groupBy as GroupField, d.group, c.lang);
  return d.parent ?? '';
}

function header(c: Ctx): string {
  const { s, w } = c;
  const u = s.unit;
  const org = [u.parent, u.province].filter(Boolean).join(' · ');
  return (
    `<header class="doc">${org ? `<div class="org">${esc(org)}</div>` : ''}` +
    `<h1>${esc(s.appraised ? w.appraisedHead(s.catalog.year) : w.unitHead(s.catalog.year))}</h1>` +
    `<p class="sub"><strong>${esc(u.name)}</strong> (${esc(w.codeOf(u.code))})</p>` +
    `<p class="sub">${esc(`${w.catalog}: ${w.catalogLine(s.catalog.id, s.catalog.title)}`)}${s.catalog.template ? ` <span class="warn">(${esc(w.template)})</span>` : ''}</p></header>`
  );
}

const lostItems = (s: ScoreV2): ItemV2[] => {
  const byCode = new Map(s.items.map((i) => [i.code, i]));
  return s.lost.flatMap((code) => byCode.get(code) ?? []);
};

function glance(c: Ctx): string {
  const { s, w, d } = c;
  const card = (k: string, v: string, n: string, cls = '', swatch = '') =>
    `<div class="card${cls}"><div class="k">${esc(k)}</div><div class="v">${swatch}${esc(v)}</div><div class="n">${esc(n)}</div></div>`;
  const colours = bandColours(s.catalog.bands);
  const lost = lostItems(s);
  const lostPts = sumPoints(lost.map((i) => i.lost));
  const cards = [
    card(w.indexCard, w.pct(fmt(s.index, d, c.lang)), c.district?.average != null ? w.averageText(fmt(c.district.average, d, c.lang)) : '', ' big'),
    card(
      w.bandCard,
      s.band ?? '—',
      '',
      '',
      s.band ? `<span class="swatch" style="display:inline-block;width:22px;height:22px;border:1px solid #1f2326;margin-right:8px;vertical-align:-2px;background:${colours.get(s.band) ?? NO_BAND}"></span>` : '',
    ),
    ...(c.district ? [card(w.rankCard, c.district.rankLabel, `${w.rankOf(c.district.groupSize, rankedAmong(c, c.district))}; ${w.rankFrom(c.district.file)}`, ' big')] : []),
    card(w.totalCard, fmt(s.total, d, c.lang), `${w.totalOf(fmt(s.applicableMax, d, c.lang))}; ${w.bonusPenalty(fmt(s.bonus, d, c.lang), fmt(s.penalty, d, c.lang))}`),
    card(w.lostCard, fmt(lostPts, d, c.lang), w.lostOf(lost.length)),
    ...(typeof s.selfIndex === 'number' ? [card(w.selfCard, w.pct(fmt(s.selfIndex, d, c.lang)), w.selfOf(signedFmt(s.index - s.selfIndex, d, c.lang)))] : []),
  ];
  const bands = [...s.catalog.bands].sort((a, b) => a.from - b.from);
  const scale = indexScale(Math.max(s.index, c.district?.average ?? 0));
  const segments = bands.map((b, i) => ({ from: b.from, to: bands[i + 1]?.from ?? scale.max, fill: colours.get(b.label) ?? NO_BAND, text: b.label }));
  const avg = c.district?.average ?? null;
  const marks = [{ at: s.index, text: w.thisUnit(fmt(s.index, d, c.lang)), strong: true }, ...(avg !== null ? [{ at: avg, text: w.avgMark(fmt(avg, d, c.lang)) }] : [])];
  const chart = bandScale(c.ids, w.scaleTitle, w.scaleDesc(fmt(s.index, d, c.lang), s.band ?? w.noBand, avg !== null ? w.scaleAvg(fmt(avg, d, c.lang)) : ''), {
    segments,
    marks,
    ticks: scale.ticks,
    max: scale.max,
    tickText: (t) => fmt(t, 0, c.lang),
  });
  return section('tong-quan', w.glance, `<div class="cards">${cards.join('')}</div>${figure(w.scaleTitle, '', chart)}`, true);
}

function areas(c: Ctx): string {
  const { s, w, d } = c;
  const avg = c.district?.areas;
  const rows = s.areas.map((a) => ({ a, p: share(a.points, a.applicableMax), avg: avg?.get(a.code) ?? null }));
  const bar = (x: (typeof rows)[number]): Bar => {
    const text = x.p === null ? w.notApplicable : `${fmt(x.a.points, d, c.lang)}/${fmt(x.a.applicableMax, d, c.lang)} · ${w.pct(fmt(x.p, SHARE_DECIMALS, c.lang))}`;
    return {
      labels: [w.area(x.a.code), clip(x.a.name, 42)],
      value: x.p ?? 0,
      text,
      ...(x.avg !== null ? { note: w.averageText(fmt(x.avg, SHARE_DECIMALS, c.lang)), mark: { value: x.avg, text: w.averageText(fmt(x.avg, SHARE_DECIMALS, c.lang)) } } : {}),
      fill: x.p === null ? '#ffffff' : shareColour(x.p),
      title: `${w.areaLong(x.a.code)} ${x.a.name}: ${text}`,
    };
  };
  const scored = rows.filter((x) => x.p !== null);
  const weakest = [...scored].sort((a, b) => a.p! - b.p!)[0];
  const below = scored.filter((x) => x.avg !== null && x.p! < x.avg);
  let desc = w.areasDesc(rows.length, weakest ? `${w.areaLong(weakest.a.code)} ${weakest.a.name} (${w.pct(fmt(weakest.p!, SHARE_DECIMALS, c.lang))})` : w.none);
  if (avg) desc += w.areasVsDesc(below.length ? below.map((x) => w.areaLong(x.a.code)).join(', ') : w.noneBelow);
  const title = avg ? w.areasVsTitle : w.areasTitle;
  const chart = bars(c.ids, title, desc, {
    rows: rows.map(bar),
    min: 0,
    max: 100,
    ticks: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
    tickText: (t) => fmt(t, 0, c.lang),
    columns: [8, 54],
    barsFrom: 380,
    barsTo: 690,
    rowHeight: 24,
  });
  const classes = SHARE_CLASSES.map((from, i) => ({ fill: shareColour(from), text: w.shareClass(from, SHARE_CLASSES[i + 1] ?? null) }));
  const tbl = table({
    caption: w.tableOf,
    heads: [
      w.code,
      w.areasTitle,
      { text: w.max, num: true },
      { text: w.applicableMax, num: true },
      { text: w.pointsHead, num: true },
      { text: w.share, num: true },
      ...(avg ? [{ text: w.areaAverage, num: true }, { text: w.versus, num: true }] : []),
    ],
    rows: rows.map((x) => ({
      cells: [
        x.a.code,
        { text: x.a.name, wrap: true },
        fmt(x.a.max, d, c.lang),
        fmt(x.a.applicableMax, d, c.lang),
        x.p === null ? '—' : fmt(x.a.points, d, c.lang),
        x.p === null ? '—' : fmt(x.p, SHARE_DECIMALS, c.lang),
        ...(avg
          ? [
              x.avg === null ? '—' : fmt(x.avg, SHARE_DECIMALS, c.lang),
              x.avg === null || x.p === null ? '—' : signedFmt(x.p - x.avg, SHARE_DECIMALS, c.lang),
            ]
          : []),
      ] as Cell[],
    })),
    compact: true,
  });
  const hint = avg ? `${w.areasHint} ${w.areasVsHint(c.district!.file)}` : w.areasHint;
  return section('linh-vuc', title, `${legend(classes)}${figure(title, hint, chart)}${tbl}`);
}

function owners(c: Ctx, lost: readonly ItemV2[]): string {
  const { w, d } = c;
  if (!lost.length) return '';
  const by = new Map<string, { lost: number; n: number }>();
  for (const it of lost) {
    const k = it.owner ?? w.noOwner;
    const t = by.get(k) ?? { lost: 0, n: 0 };
    by.set(k, { lost: sumPoints([t.lost, it.lost]), n: t.n + 1 });
  }
  const rows = [...by.entries()].sort((a, b) => b[1].lost - a[1].lost || (a[0] < b[0] ? -1 : 1));
  const most = rows[0]![1].lost;
  const chart = bars(c.ids, w.ownersTitle, w.ownersDesc(`${rows[0]![0]} (${fmt(most, d, c.lang)})`), {
    rows: rows.map(([owner, t]) => ({
      labels: [clip(owner, 40)],
      value: t.lost,
      text: w.ownerLine(fmt(t.lost, d, c.lang), t.n),
      fill: ramp(0.75),
      title: `${owner}: ${w.ownerLine(fmt(t.lost, d, c.lang), t.n)}`,
    })),
    min: 0,
    max: Math.max(1, Math.ceil(most)),
    ticks: [0, Math.max(1, Math.ceil(most))],
    tickText: (t) => fmt(t, 0, c.lang),
    columns: [8],
    barsFrom: 330,
    barsTo: 760,
  });
  const tbl = table({
    caption: w.tableOf,
    heads: [w.owner, { text: w.lostHead, num: true }, { text: w.itemCount, num: true }],
    rows: rows.map(([owner, t]) => ({ cells: [owner, fmt(t.lost, d, c.lang), t.n] })),
    compact: true,
  });
  return figure(w.ownersTitle, w.ownersHint, chart) + tbl;
}

function lostList(c: Ctx): string {
  const { s, w, d } = c;
  const lost = lostItems(s);
  if (!lost.length) return section('mat-diem', w.lostTitle, `<p>${esc(w.lostNone)}</p>`);
  const tbl = table({
    heads: [
      { text: w.no, num: true },
      w.code,
      w.criterion,
      { text: w.got, num: true },
      { text: w.max, num: true },
      { text: w.lostHead, num: true },
      w.owner,
      w.todo,
    ],
    rows: lost.map((it, i) => ({
      cells: [
        i + 1,
        it.code,
        { text: it.name, wrap: true },
        it.points === null ? '—' : fmt(it.points, d, c.lang),
        fmt(it.max, d, c.lang),
        fmt(it.lost, d, c.lang),
        it.owner ?? w.noOwner,
        { text: it.hint ? describeHint(it.hint, c.lang) : '', wrap: true },
      ] as Cell[],
    })),
  });
  const unanswered = s.unanswered.length ? `<p>${esc(w.unanswered)}: ${esc(s.unanswered.join(', '))}</p>` : '';
  return section('mat-diem', w.lostTitle, `${owners(c, lost)}<h3>${esc(`${w.lostTitle} (${lost.length})`)}</h3>${tbl}${unanswered}`);
}

function appraisal(c: Ctx): string {
  const { s, w, d } = c;
  const changed = s.items.filter((i) => i.selfPoints !== undefined && i.selfPoints !== i.points);
  if (!changed.length) return '';
  const n = (x: number | null | undefined) => (x === null || x === undefined ? '—' : fmt(x, d, c.lang));
  const tbl = table({
    heads: [w.code, w.criterion, { text: w.max, num: true }, { text: w.selfPoints, num: true }, { text: w.appraisedPoints, num: true }, { text: w.difference, num: true }],
    rows: changed.map((i) => ({
      cells: [
        i.code,
        { text: i.name, wrap: true },
        fmt(i.max, d, c.lang),
        n(i.selfPoints),
        n(i.points),
        i.points === null || i.selfPoints == null ? '—' : signedFmt(i.points - i.selfPoints, d, c.lang),
      ] as Cell[],
    })),
  });
  return section('tham-dinh', w.appraisalTitle, tbl);
}

function findings(c: Ctx): string {
  const { s, w } = c;
  if (!s.findings.length) return '';
  const items = s.findings.map((f) => `<li>${f.item ? `[${esc(f.item)}] ` : ''}${esc(findingMessage(f, c.lang))} <span class="muted">(${esc(f.code)})</span></li>`);
  return section('canh-bao', w.findingsTitle, `<ul>${items.join('')}</ul>`);
}

/** The unit report: one self-contained HTML page. */
export function unitHtml(s: ScoreV2, o: UnitOptions): string {
  const w = WORDS[o.lang];
  const c: Ctx = { s, w, lang: o.lang, d: s.catalog.decimals, ids: new Ids(), ...(o.district ? { district: o.district } : {}) };
  const body = [header(c), glance(c), areas(c), lostList(c), appraisal(c), findings(c)].filter(Boolean).join('\n');
  return page({
    lang: o.lang,
    title: w.unitTitle(s.unit.name, s.catalog.year),
    printLeft: `${s.unit.name}${s.unit.parent ? ` — ${s.unit.parent}` : ''}`,
    printRight: w.unitPrint(s.catalog.year),
    body,
    footer: footer(w, s.provenance),
  });
}
