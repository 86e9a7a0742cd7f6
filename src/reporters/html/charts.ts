/**
 * SVG charts, drawn as text: no script, no font or image from elsewhere. Every chart has a title and a
 * description (its text alternative) and a data table beneath it (see figure()). Coordinates are
 * rounded to tenths so the same data always gives the same bytes.
 */
import { clip, esc } from './escape.js';
import { inkOn } from './palette.js';

/** Width of every chart's coordinate system; the page scales it to the column. */
export const W = 1000;

const r = (x: number) => Math.round(x * 10) / 10;

/** Ids unique within one page, in the order charts are drawn (deterministic). */
export class Ids {
  private n = 0;
  next(prefix: string): string {
    this.n += 1;
    return `${prefix}${this.n}`;
  }
}

export function svg(ids: Ids, height: number, title: string, desc: string, body: string): string {
  const t = ids.next('t');
  const d = ids.next('d');
  const h = Math.ceil(height);
  return (
    `<svg class="chart" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-labelledby="${t} ${d}">` +
    `<title id="${t}">${esc(title)}</title><desc id="${d}">${esc(desc)}</desc>${body}</svg>`
  );
}

const text = (x: number, y: number, s: string, cls = '', anchor: 'start' | 'middle' | 'end' = 'start', extra = '') =>
  `<text x="${r(x)}" y="${r(y)}"${anchor === 'start' ? '' : ` text-anchor="${anchor}"`}${cls ? ` class="${cls}"` : ''}${extra}>${esc(s)}</text>`;

const line = (x1: number, y1: number, x2: number, y2: number, cls: string) =>
  `<line x1="${r(x1)}" y1="${r(y1)}" x2="${r(x2)}" y2="${r(y2)}" class="${cls}"/>`;

const rect = (x: number, y: number, w: number, h: number, fill: string, cls = 'bar') =>
  `<rect x="${r(x)}" y="${r(y)}" width="${r(Math.max(0, w))}" height="${r(h)}" fill="${fill}" class="${cls}"/>`;

// ————— horizontal bars —————

export interface Bar {
  /** Label columns left of the bar (e.g. rank label, name), already clipped by the caller if needed. */
  labels: string[];
  value: number;
  /** Shown right of the bar. */
  text: string;
  /** A second, quieter text after it (a band's name). */
  note?: string;
  fill: string;
  /** A mark on the bar's scale (the district's average), with its text for the tooltip. */
  mark?: { value: number; text: string };
  /** Tooltip: the row in full words. */
  title: string;
}

export interface BarsSpec {
  rows: ReadonlyArray<Bar | { gap: string }>;
  min: number;
  max: number;
  ticks: readonly number[];
  tickText: (x: number) => string;
  /** x of each label column's left edge; the bars start at `barsFrom`. */
  columns: readonly number[];
  /** Label columns right-aligned at their next column's edge (the rank labels). */
  rightAligned?: readonly number[];
  barsFrom: number;
  barsTo: number;
  /** Dashed guides across the bars (band thresholds), with a short label on the axis. */
  guides?: ReadonlyArray<{ at: number; text: string }>;
  /** Row ranges [first, last] drawn joined by a bracket: tied ranks. */
  ties?: ReadonlyArray<readonly [number, number]>;
  rowHeight?: number;
}

export function bars(ids: Ids, title: string, desc: string, s: BarsSpec): string {
  const rowH = s.rowHeight ?? 20;
  const top = s.guides?.length ? 44 : 24;
  const x = (v: number) => s.barsFrom + ((Math.min(s.max, Math.max(s.min, v)) - s.min) / (s.max - s.min)) * (s.barsTo - s.barsFrom);
  const height = top + s.rows.length * rowH + 6;
  const parts: string[] = [];
  for (const t of s.ticks) {
    parts.push(line(x(t), top - 4, x(t), height - 4, 'grid'));
    parts.push(text(x(t), top - 8, s.tickText(t), 'tick', 'middle'));
  }
  // Guide labels alternate between two lines, so thresholds close together do not overwrite each other.
  (s.guides ?? []).forEach((g, i) => {
    const ty = i % 2 === 0 ? 10 : 22;
    parts.push(line(x(g.at), top - 4, x(g.at), height - 4, 'guide'));
    parts.push(text(x(g.at) + 3, ty, g.text, 'guide-text'));
  });
  s.rows.forEach((row, i) => {
    const y = top + i * rowH;
    if ('gap' in row) {
      parts.push(text((s.barsFrom + s.barsTo) / 2, y + rowH * 0.7, row.gap, 'gap', 'middle'));
      return;
    }
    const cells = row.labels
      .map((l, k) => {
        const right = s.rightAligned?.includes(k);
        const at = right ? (s.columns[k + 1] ?? s.barsFrom) - 8 : s.columns[k]!;
        return text(at, y + rowH * 0.7, l, k === 0 ? 'label strong' : 'label', right ? 'end' : 'start');
      })
      .join('');
    const end = x(row.value);
    // A dark stroke with a white halo: visible on a dark bar, a light bar and the white page alike.
    const mark = row.mark
      ? `<g class="mark"><title>${esc(row.mark.text)}</title>${line(x(row.mark.value), y + 1, x(row.mark.value), y + rowH - 1, 'mark-halo')}${line(x(row.mark.value), y + 1, x(row.mark.value), y + rowH - 1, 'mark-line')}</g>`
      : '';
    const label = `${esc(row.text)}${row.note ? `<tspan class="note"> ${esc(row.note)}</tspan>` : ''}`;
    parts.push(
      `<g><title>${esc(row.title)}</title>${cells}${rect(s.barsFrom, y + 3, end - s.barsFrom, rowH - 6, row.fill)}${mark}` +
        `<text x="${r(Math.max(end, row.mark ? x(row.mark.value) + 4 : end) + 6)}" y="${r(y + rowH * 0.7)}" class="value">${label}</text></g>`,
    );
  });
  for (const [a, b] of s.ties ?? []) {
    const y1 = top + a * rowH + 4;
    const y2 = top + b * rowH + rowH - 4;
    parts.push(`<path d="M6 ${r(y1)}h-4v${r(y2 - y1)}h4" class="tie"/>`);
  }
  return svg(ids, height, title, desc, parts.join(''));
}

// ————— heat map —————

export interface HeatRow {
  labels: string[];
  cells: ReadonlyArray<{ value: number | null; text: string; fill: string; title: string }>;
}

export function heatMap(
  ids: Ids,
  title: string,
  desc: string,
  s: { columns: readonly string[]; rows: readonly HeatRow[]; labelColumns: readonly number[]; cellsFrom: number; rowHeight?: number },
): string {
  const rowH = s.rowHeight ?? 22;
  const top = 26;
  const cw = (W - s.cellsFrom) / Math.max(1, s.columns.length);
  const parts: string[] = [];
  s.columns.forEach((c, j) => parts.push(text(s.cellsFrom + j * cw + cw / 2, top - 8, c, 'tick strong', 'middle')));
  s.rows.forEach((row, i) => {
    const y = top + i * rowH;
    row.labels.forEach((l, k) => parts.push(text(s.labelColumns[k]!, y + rowH * 0.68, l, k === 0 ? 'label strong' : 'label')));
    row.cells.forEach((c, j) => {
      const x0 = s.cellsFrom + j * cw;
      if (c.value === null) {
        parts.push(`<g><title>${esc(c.title)}</title>${rect(x0 + 1, y + 1, cw - 2, rowH - 2, '#ffffff', 'cell none')}${text(x0 + cw / 2, y + rowH * 0.68, c.text, 'cell-text', 'middle')}</g>`);
        return;
      }
      parts.push(
        `<g><title>${esc(c.title)}</title>${rect(x0 + 1, y + 1, cw - 2, rowH - 2, c.fill, 'cell')}` +
          `${text(x0 + cw / 2, y + rowH * 0.68, c.text, 'cell-text', 'middle', ` fill="${inkOn(c.fill)}"`)}</g>`,
      );
    });
  });
  return svg(ids, top + s.rows.length * rowH + 4, title, desc, parts.join(''));
}

/** A legend of coloured swatches, as HTML (it wraps and reads in order). */
export function legend(items: ReadonlyArray<{ fill: string; text: string }>): string {
  return `<ul class="legend">${items.map((i) => `<li><span class="swatch" style="background:${i.fill}"></span>${esc(i.text)}</li>`).join('')}</ul>`;
}

/** A legend of line styles (the slope chart's up, down, unchanged). */
export function lineLegend(items: ReadonlyArray<{ cls: string; text: string }>): string {
  return `<ul class="legend">${items.map((i) => `<li><span class="line ${i.cls}"></span>${esc(i.text)}</li>`).join('')}</ul>`;
}

// ————— slope chart (rank then → rank now) —————

export interface Slope {
  /** Order position on the left (last year), or null for a unit that is new. */
  left: number | null;
  right: number;
  leftText: string;
  rightText: string;
  kind: 'up' | 'down' | 'same' | 'new';
  title: string;
}

export function slopeChart(ids: Ids, title: string, desc: string, s: { rows: readonly Slope[]; leftCount: number; heads: [string, string]; rowHeight?: number }): string {
  const rowH = s.rowHeight ?? 18;
  const top = 30;
  const xl = 380;
  const xr = 620;
  const n = Math.max(s.leftCount, s.rows.length);
  const y = (i: number) => top + i * rowH + rowH / 2;
  const parts: string[] = [text(xl, 16, s.heads[0], 'tick strong', 'middle'), text(xr, 16, s.heads[1], 'tick strong', 'middle')];
  parts.push(line(xl, top - 4, xl, top + n * rowH, 'axis'), line(xr, top - 4, xr, top + n * rowH, 'axis'));
  for (const row of s.rows) {
    const yr = y(row.right);
    let g = `<g class="slope ${row.kind}"><title>${esc(row.title)}</title>`;
    if (row.left !== null) {
      const yl = y(row.left);
      g += line(xl, yl, xr, yr, `slope-line ${row.kind}`);
      g += `<circle cx="${xl}" cy="${r(yl)}" r="3.5" class="dot"/>`;
      g += text(xl - 10, yl + 4, row.leftText, 'label', 'end');
    }
    g += `<circle cx="${xr}" cy="${r(yr)}" r="3.5" class="dot ${row.kind}"/>`;
    g += text(xr + 10, yr + 4, row.rightText, 'label');
    parts.push(`${g}</g>`);
  }
  return svg(ids, top + n * rowH + 8, title, desc, parts.join(''));
}

// ————— diverging bars (places gained or lost) —————

export function divergingBars(
  ids: Ids,
  title: string,
  desc: string,
  s: { rows: ReadonlyArray<{ label: string; value: number; text: string; title: string } | { gap: string }>; limit: number; upFill: string; downFill: string },
): string {
  const rowH = 20;
  const top = 12;
  const mid = 620;
  const half = 230;
  const x = (v: number) => mid + (v / Math.max(1, s.limit)) * half;
  const parts: string[] = [line(mid, top - 4, mid, top + s.rows.length * rowH + 2, 'axis')];
  s.rows.forEach((row, i) => {
    const y0 = top + i * rowH;
    if ('gap' in row) {
      parts.push(text(mid, y0 + rowH * 0.7, row.gap, 'gap', 'middle'));
      return;
    }
    const end = x(row.value);
    const fill = row.value >= 0 ? s.upFill : s.downFill;
    const from = Math.min(mid, end);
    const cls = row.value >= 0 ? 'bar' : 'bar down';
    parts.push(
      `<g><title>${esc(row.title)}</title>${text(8, y0 + rowH * 0.7, clip(row.label, 42), 'label')}` +
        rect(from, y0 + 3, Math.abs(end - mid), rowH - 6, fill, cls) +
        `${text(row.value >= 0 ? end + 6 : end - 6, y0 + rowH * 0.7, row.text, 'value', row.value >= 0 ? 'start' : 'end')}</g>`,
    );
  });
  return svg(ids, top + s.rows.length * rowH + 6, title, desc, parts.join(''));
}

// ————— dumbbells (self-assessed → appraised) —————

export function dumbbells(
  ids: Ids,
  title: string,
  desc: string,
  s: { rows: ReadonlyArray<{ labels: string[]; from: number; to: number; text: string; title: string }>; min: number; max: number; ticks: readonly number[]; tickText: (x: number) => string; columns: readonly number[]; plotFrom: number },
): string {
  const rowH = 20;
  const top = 24;
  const plotTo = 880;
  const x = (v: number) => s.plotFrom + ((v - s.min) / (s.max - s.min)) * (plotTo - s.plotFrom);
  const height = top + s.rows.length * rowH + 6;
  const parts: string[] = [];
  for (const t of s.ticks) parts.push(line(x(t), top - 4, x(t), height - 4, 'grid'), text(x(t), top - 8, s.tickText(t), 'tick', 'middle'));
  s.rows.forEach((row, i) => {
    const cy = top + i * rowH + rowH / 2;
    const labels = row.labels.map((l, k) => text(s.columns[k]!, cy + 4, l, k === 0 ? 'label strong' : 'label')).join('');
    parts.push(
      `<g><title>${esc(row.title)}</title>${labels}${line(x(row.from), cy, x(row.to), cy, 'dumbbell')}` +
        `<circle cx="${r(x(row.from))}" cy="${r(cy)}" r="4.5" class="self"/><circle cx="${r(x(row.to))}" cy="${r(cy)}" r="4.5" class="appraised"/>` +
        `${text(Math.max(x(row.from), x(row.to)) + 10, cy + 4, row.text, 'value')}</g>`,
    );
  });
  return svg(ids, height, title, desc, parts.join(''));
}

// ————— histogram —————

export function histogram(
  ids: Ids,
  title: string,
  desc: string,
  s: { bins: ReadonlyArray<{ from: number; count: number; fill: string; title: string }>; width: number; guides: ReadonlyArray<{ at: number; text: string }>; tickText: (x: number) => string },
): string {
  const top = 34;
  const plotH = 180;
  const x0 = 60;
  const x1 = W - 20;
  const lo = s.bins[0]?.from ?? 0;
  const hi = (s.bins[s.bins.length - 1]?.from ?? 0) + s.width;
  const x = (v: number) => x0 + ((v - lo) / Math.max(s.width, hi - lo)) * (x1 - x0);
  const peak = Math.max(1, ...s.bins.map((b) => b.count));
  const y = (c: number) => top + plotH - (c / peak) * plotH;
  const parts: string[] = [line(x0, top + plotH, x1, top + plotH, 'axis')];
  for (const g of s.guides) {
    if (g.at < lo || g.at > hi) continue;
    parts.push(line(x(g.at), 12, x(g.at), top + plotH, 'guide'), text(x(g.at) + 3, 10, g.text, 'guide-text'));
  }
  const every = Math.max(1, Math.ceil(s.bins.length / 20));
  s.bins.forEach((b, i) => {
    const bx = x(b.from);
    const bw = x(b.from + s.width) - bx;
    parts.push(`<g><title>${esc(b.title)}</title>${rect(bx + 1, y(b.count), bw - 2, top + plotH - y(b.count), b.fill)}${b.count ? text(bx + bw / 2, y(b.count) - 4, String(b.count), 'tick', 'middle') : ''}</g>`);
    if (i % every === 0) parts.push(text(bx, top + plotH + 16, s.tickText(b.from), 'tick', 'middle'));
  });
  // The closing edge is labelled only where it does not crowd the last label.
  if (s.bins.length % every === 0) parts.push(text(x(hi), top + plotH + 16, s.tickText(hi), 'tick', 'middle'));
  return svg(ids, top + plotH + 24, title, desc, parts.join(''));
}

// ————— a scale with bands and marks (one unit's index) —————

export function bandScale(
  ids: Ids,
  title: string,
  desc: string,
  s: {
    segments: ReadonlyArray<{ from: number; to: number; fill: string; text: string }>;
    marks: ReadonlyArray<{ at: number; text: string; strong?: boolean }>;
    ticks: readonly number[];
    max: number;
    tickText: (x: number) => string;
  },
): string {
  const x0 = 20;
  const x1 = W - 20;
  const x = (v: number) => x0 + (v / s.max) * (x1 - x0);
  const top = 30;
  const h = 26;
  const parts: string[] = [];
  for (const seg of s.segments) parts.push(rect(x(seg.from), top, x(seg.to) - x(seg.from), h, seg.fill, 'seg'));
  for (const t of s.ticks) parts.push(text(x(t), top + h + 16, s.tickText(t), 'tick', 'middle'));
  s.marks.forEach((m, i) => {
    const mx = x(m.at);
    const ty = i % 2 === 0 ? 14 : top + h + 34;
    parts.push(line(mx, top - 6, mx, top + h + 6, 'needle-halo'), line(mx, top - 6, mx, top + h + 6, m.strong ? 'needle strong' : 'needle'));
    parts.push(text(mx, ty, m.text, m.strong ? 'value strong' : 'value', mx > x1 - 120 ? 'end' : mx < x0 + 120 ? 'start' : 'middle'));
  });
  // Band names over the needles: a needle may cross a name, never hide it.
  for (const seg of s.segments) {
    const mid = (x(seg.from) + x(seg.to)) / 2;
    if (x(seg.to) - x(seg.from) > 60) parts.push(text(mid, top + h * 0.68, seg.text, 'cell-text', 'middle', ` fill="${inkOn(seg.fill)}"`));
  }
  return svg(ids, top + h + 42, title, desc, parts.join(''));
}
