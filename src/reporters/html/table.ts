import { esc } from './escape.js';

/**
 * A cell: text (escaped here), or raw HTML already escaped by the caller; `wrap` lets long text wrap
 * (other cells keep to one line). Numbers are right-aligned by their column (see `Head.num`).
 */
export type Cell = string | number | { html: string; wrap?: boolean } | { text: string | number; title?: string; wrap?: boolean };

export type Head = string | { text: string; num?: boolean; title?: string };

export interface TableSpec {
  id?: string;
  caption?: string;
  heads: readonly Head[];
  rows: ReadonlyArray<{ cells: readonly Cell[]; attrs?: string }>;
  compact?: boolean;
}

/** Columns that can be right-aligned by class (`r3`: the third column); see TABLE_CSS. */
const MAX_ALIGNED = 24;

/** Right-aligned columns by position: one class on the table instead of one on each of thousands of cells. */
export const TABLE_CSS = Array.from({ length: MAX_ALIGNED }, (_, i) => `.r${i + 1} td:nth-child(${i + 1}),.r${i + 1} th:nth-child(${i + 1})`).join(',') + '{text-align:right}';

// End tags of cells and rows are left out (HTML allows it): a province's table is a third smaller.
const cell = (c: Cell): string => {
  if (typeof c === 'string') return `<td>${esc(c)}`;
  if (typeof c === 'number') return `<td>${c}`;
  if ('html' in c) return `<td${c.wrap ? ' class="wrap"' : ''}>${c.html}`;
  return `<td${c.wrap ? ' class="wrap"' : ''}${c.title ? ` title="${esc(c.title)}"` : ''}>${esc(c.text)}`;
};

/** A data table: a caption, one header row (repeated on each printed page), rows. */
export function table(t: TableSpec): string {
  const heads = t.heads
    .map((h) => (typeof h === 'string' ? `<th scope="col">${esc(h)}</th>` : `<th scope="col"${h.title ? ` title="${esc(h.title)}"` : ''}>${esc(h.text)}</th>`))
    .join('');
  const right = t.heads.flatMap((h, i) => (typeof h !== 'string' && h.num && i < MAX_ALIGNED ? [`r${i + 1}`] : []));
  const cls = ['data', ...(t.compact ? ['compact'] : []), ...right].join(' ');
  const body = t.rows.map((r) => `<tr${r.attrs ?? ''}>${r.cells.map(cell).join('')}`).join('\n');
  return (
    `<table class="${cls}"${t.id ? ` id="${t.id}"` : ''}>` +
    `${t.caption ? `<caption>${esc(t.caption)}</caption>` : ''}<thead><tr>${heads}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`
  );
}
