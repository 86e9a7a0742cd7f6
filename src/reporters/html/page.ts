/**
 * The page around a report: one self-contained HTML file. Inline CSS only, no script, no font, image
 * or link to anything outside the file, and a Content-Security-Policy that forbids loading any, so the
 * file opens the same from a USB stick with no network. Printing gives A4 landscape pages with a
 * header (the unit, the year) and page numbers.
 */
import type { Lang } from '../number.js';
import { cssString, esc } from './escape.js';
import { TABLE_CSS } from './table.js';
import type { ProvenanceV2 } from './types.js';
import { WORDS, type Words } from './words.js';

const CSS = `
:root{--ink:#1a1a1a;--muted:#50565e;--line:#d5d8dc;--bg:#f3f4f6;--card:#fff}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 "Segoe UI","Noto Sans",Roboto,"DejaVu Sans","Liberation Sans",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:18px 24px 32px}
header.doc{padding:6px 2px 4px}
header.doc .org{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
h1{font-size:21px;margin:2px 0 4px;line-height:1.25}
h2{font-size:17px;margin:0 0 10px}
h3{font-size:14px;margin:14px 0 6px}
.sub{color:var(--muted);margin:2px 0}
.warn{color:#7a3b00}
section{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:14px 18px;margin:14px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:10px;margin:4px 0 6px}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 12px;background:#fff}
.card .k{color:var(--muted);font-size:12px}
.card .v{font-size:24px;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums}
.card .n{font-size:12px;color:var(--muted)}
.card.big .v{font-size:34px}
figure{margin:8px 0 14px}
figcaption{font-weight:700;margin:0 0 4px}
figcaption .hint{font-weight:400;color:var(--muted);font-size:12px;display:block}
svg.chart{display:block;width:100%;max-width:1000px;height:auto;font-size:13px}
svg .label{fill:var(--ink)}
svg .strong{font-weight:700}
svg .tick{font-size:11px;fill:#3c4248}
svg .value{fill:var(--ink);font-variant-numeric:tabular-nums}
svg .value,svg .guide-text,svg .label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
svg .note{fill:#5b6169}
svg .gap{fill:#5b6169;font-style:italic}
svg .grid{stroke:#e4e6e9}
svg .axis{stroke:#6b7178}
svg .guide{stroke:#2b2f33;stroke-dasharray:4 3}
svg .guide-text{font-size:11px;fill:#2b2f33}
p.areas{font-size:12px;color:var(--muted);margin:4px 0}
svg .bar,svg .cell,svg .seg{stroke:#1f2326;stroke-width:.6}
svg .cell.none{stroke:#b9bdc2;stroke-dasharray:2 2}
svg .cell-text{font-size:12px;font-variant-numeric:tabular-nums}
svg .tie{fill:none;stroke:#111;stroke-width:1.6}
svg .mark-halo{stroke:#fff;stroke-width:6}
svg .mark-line{stroke:#111;stroke-width:2.4}
svg .slope-line{fill:none;stroke-width:2}
svg .slope-line.up{stroke:#21918c}
svg .slope-line.down{stroke:#b4541b;stroke-dasharray:6 3}
svg .slope-line.same{stroke:#80868c;stroke-dasharray:1.5 3}
svg .dot{fill:#2b2f33}
svg .dot.new{fill:#fff;stroke:#2b2f33;stroke-width:1.5}
svg .dumbbell{stroke:#6b7178;stroke-width:2}
svg .self{fill:#fff;stroke:#1f2326;stroke-width:1.8}
svg .appraised{fill:#3b528b;stroke:#1f2326;stroke-width:1}
svg .needle{stroke:#111;stroke-width:2}
svg .needle-halo{stroke:#fff;stroke-width:6}
svg .needle.strong{stroke-width:3.5}
svg .bar.down{fill-opacity:1}
ul.legend{list-style:none;padding:0;margin:4px 0 6px;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px}
ul.legend .swatch{display:inline-block;width:14px;height:14px;border:1px solid #1f2326;vertical-align:-2px;margin-right:5px}
ul.legend .line{display:inline-block;width:26px;height:0;border-top:2px solid #21918c;vertical-align:4px;margin-right:5px}
ul.legend .line.up{border-top:2px solid #21918c}
ul.legend .line.down{border-top:2px dashed #b4541b}
ul.legend .line.same{border-top:2px dotted #80868c}
table.data{border-collapse:collapse;width:100%;font-size:13px;font-variant-numeric:tabular-nums;margin:4px 0 8px}
table.data caption{text-align:left;font-size:12px;color:var(--muted);padding:2px 0 4px}
table.data th,table.data td{border-bottom:1px solid #e3e5e8;padding:3px 6px;text-align:left;vertical-align:top;white-space:nowrap}
table.data td.wrap{white-space:normal;min-width:16em}
table.data td ul{margin:0;padding-left:1.1em}
table.data thead th{background:#eceef1;border-bottom:1px solid #b9bdc2;font-weight:600}
table.data .num{text-align:right;white-space:nowrap}
table.compact td,table.compact th{padding:1px 5px;font-size:12px}
.muted{color:var(--muted)}
code{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:12px}
footer{color:var(--muted);font-size:12px;margin:16px 2px}
.print-only{display:none}
@media print{
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  body{background:#fff;font-size:12px}
  main{max-width:none;padding:0}
  section{border:0;border-radius:0;padding:0;margin:0 0 6mm;break-before:page}
  section.keep{break-before:auto}
  figure,.cards,svg.chart{break-inside:avoid}
  tr{break-inside:avoid}
  h2,h3,figcaption{break-after:avoid}
  .print-only{display:block}
}`;

const MARGIN_FONT = 'font:8pt "Segoe UI","Noto Sans",Roboto,"DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#444';

export interface PageParts {
  lang: Lang;
  /** The window title. */
  title: string;
  /** Printed at the top left of every page: the unit or the district. */
  printLeft: string;
  /** Printed at the top right of every page: what and which year. */
  printRight: string;
  body: string;
  footer: string;
}

export function page(p: PageParts): string {
  const w = WORDS[p.lang];
  const printCss =
    `@page{size:A4 landscape;margin:14mm 11mm 13mm;` +
    `@top-left{content:${cssString(p.printLeft)};${MARGIN_FONT}}` +
    `@top-right{content:${cssString(p.printRight)};${MARGIN_FONT}}` +
    `@bottom-right{content:${cssString(w.page)} " " counter(page) " / " counter(pages);${MARGIN_FONT}}}`;
  return (
    `<!DOCTYPE html>\n<html lang="${p.lang}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="generator" content="cchc">\n` +
    `<title>${esc(p.title)}</title>\n<style>${CSS}\n${TABLE_CSS}\n${printCss}\n</style>\n</head>\n<body>\n<main>\n${p.body}\n` +
    `<footer>${p.footer}</footer>\n</main>\n</body>\n</html>\n`
  );
}

/** What the report was made from (cchc version, catalog hash): from the data, never the clock. */
export function footer(w: Words, p: ProvenanceV2 | undefined): string {
  const made = p ? [w.made(p.cchc), ...(p.catalog?.sha256 ? [w.catalogHash(p.catalog.id, p.catalog.sha256.slice(0, 12))] : [])] : [];
  return esc([...made, w.noNetwork].join(' · '));
}
