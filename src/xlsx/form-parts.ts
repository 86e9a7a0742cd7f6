import type { CellStyle, RecordedBook, RecordedCell, RecordedSheet } from './sheet-record.js';

/**
 * The parts exceljs 4.4 writes for a recorded workbook (sheet-record.ts), written here without exceljs: the
 * same text, byte for byte, for the subset of features cchc's self-assessment form uses (strings, numbers,
 * formulas with number or text results; fonts, borders, solid fills, alignment, number formats; merges,
 * row heights, columns, one frozen pane, print setup, footers). Each step follows exceljs's own code
 * (lib/xlsx/xform/…, named beside it). Anything else — a style key, value kind or sheet setting not listed
 * here — makes `recordedParts` return undefined, and the workbook is built and written by exceljs, the
 * reference. test/xlsx/form-parts.test.ts compares both on every shipped and generated form.
 */

class Unsure extends Error {}
const unsure = (what: string): never => {
  throw new Unsure(what);
};

const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
/** utils.xmlEncode: the five entities; control characters XML cannot hold are dropped. */
export function xmlEncode(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    switch (code) {
      case 34:
        out += '&quot;';
        break;
      case 38:
        out += '&amp;';
        break;
      case 39:
        out += '&apos;';
        break;
      case 60:
        out += '&lt;';
        break;
      case 62:
        out += '&gt;';
        break;
      case 127:
        break;
      default:
        if (code <= 31 && (code <= 8 || (code >= 11 && code !== 13))) break;
        out += text.charAt(i);
    }
  }
  return out;
}

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Column number → letters (utils/col-cache n2l), kept for the columns met. */
const LETTERS: string[] = [];
function letters(n: number): string {
  let out = LETTERS[n];
  if (out === undefined) {
    out = '';
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
    LETTERS[n] = out;
  }
  return out;
}

function only(o: object, keys: ReadonlySet<string>, what: string): void {
  for (const k of Object.keys(o)) if (!keys.has(k) && (o as Record<string, unknown>)[k] !== undefined) unsure(`${what}.${k}`);
}
const isBool = (v: unknown) => v === undefined || typeof v === 'boolean';

// ---------------------------------------------------------------------------------------------------------
// styles.xml (style/styles-xform.js in its style-manager role: every part indexed by its XML, in first use)

const FONT_KEYS = new Set(['name', 'size', 'bold', 'italic', 'underline']);
/** style/font-xform.js: b, i, u, …, sz, name, in that order. */
function fontXml(f: Record<string, unknown>): string {
  only(f, FONT_KEYS, 'font');
  const { name, size, bold, italic, underline } = f;
  if (!isBool(bold) || !isBool(italic) || (underline !== undefined && underline !== false)) unsure('font flag');
  if (size !== undefined && (typeof size !== 'number' || !Number.isFinite(size) || size <= 0)) unsure('font size');
  if (name !== undefined && typeof name !== 'string') unsure('font name');
  const inner = `${bold ? '<b/>' : ''}${italic ? '<i/>' : ''}${size ? `<sz val="${size as number}"/>` : ''}${name !== undefined ? `<name val="${xmlEncode(name as string)}"/>` : ''}`;
  return inner ? `<font>${inner}</font>` : '<font/>';
}
const DEFAULT_FONT = '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>';

const EDGES = ['left', 'right', 'top', 'bottom'] as const;
const BORDER_KEYS = new Set(EDGES);
const EDGE_KEYS = new Set(['style']);
/** style/border-xform.js: left, right, top, bottom, diagonal; an edge without a style is empty. */
function borderXml(b: Record<string, unknown>): string {
  only(b, BORDER_KEYS, 'border');
  let out = '<border>';
  for (const e of EDGES) {
    const edge: unknown = b[e];
    if (edge !== undefined && (edge === null || typeof edge !== 'object')) unsure('border edge');
    if (edge) only(edge, EDGE_KEYS, `border.${e}`);
    const style = (edge as { style?: unknown } | undefined)?.style;
    if (style !== undefined && typeof style !== 'string') unsure('border style');
    out += style ? `<${e} style="${xmlEncode(style as string)}"/>` : `<${e}/>`;
  }
  return `${out}<diagonal/></border>`;
}

const FILL_KEYS = new Set(['type', 'pattern', 'fgColor']);
/** style/fill-xform.js, a pattern fill with an ARGB foreground colour (color-xform.js writes it as rgb). */
function fillXml(f: Record<string, unknown>): string {
  only(f, FILL_KEYS, 'fill');
  if (f.type !== 'pattern' || typeof f.pattern !== 'string') unsure('fill type');
  const color: unknown = f.fgColor;
  if (color !== undefined && (color === null || typeof color !== 'object')) unsure('fill colour');
  const fg = color as Record<string, unknown> | undefined;
  if (fg !== undefined) {
    only(fg, new Set(['argb']), 'fill.fgColor');
    if (typeof fg.argb !== 'string' || !fg.argb) unsure('fill colour');
  }
  const pattern = `<patternFill patternType="${xmlEncode(f.pattern as string)}"`;
  return `<fill>${fg ? `${pattern}><fgColor rgb="${xmlEncode(fg.argb as string)}"/></patternFill>` : `${pattern}/>`}</fill>`;
}

const ALIGN_KEYS = new Set(['horizontal', 'vertical', 'wrapText']);
const HORIZONTAL = new Set(['left', 'center', 'right', 'fill', 'centerContinuous', 'distributed', 'justify']);
const VERTICAL = new Set(['top', 'middle', 'bottom', 'distributed', 'justify']);
/** style/alignment-xform.js: horizontal, vertical (middle is written center), wrapText; nothing when none. */
function alignmentXml(a: Record<string, unknown>): string {
  only(a, ALIGN_KEYS, 'alignment');
  const { horizontal, vertical, wrapText } = a;
  if (horizontal !== undefined && !HORIZONTAL.has(horizontal as string)) unsure('alignment.horizontal');
  if (vertical !== undefined && !VERTICAL.has(vertical as string)) unsure('alignment.vertical');
  if (!isBool(wrapText)) unsure('alignment.wrapText');
  const attrs = `${horizontal ? ` horizontal="${horizontal as string}"` : ''}${vertical ? ` vertical="${vertical === 'middle' ? 'center' : (vertical as string)}"` : ''}${wrapText ? ' wrapText="1"' : ''}`;
  return attrs ? `<alignment${attrs}/>` : '';
}

/** exceljs's built-in formats cchc uses; its own formats are tagged Vietnamese ([$-42A]…), never built in. */
const BUILT_IN = new Map([
  ['General', 0],
  ['@', 49],
]);

class Styles {
  private readonly numFmts: string[] = [];
  private readonly numFmtIds = new Map<string, number>();
  private readonly fonts = [DEFAULT_FONT];
  private readonly fontIds = new Map([[DEFAULT_FONT, 0]]);
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly fillIds = new Map(this.fills.map((f, i) => [f, i]));
  private readonly borders = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  private readonly borderIds = new Map([[this.borders[0]!, 0]]);
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly xfIds = new Map([[this.xfs[0]!, 0]]);
  /** The XML of each style part object, made once. */
  private readonly partXml = new WeakMap<object, string>();
  /** Each style part object (cchc's writers share them) → a small number, for the key of a style. */
  private readonly partIds = new WeakMap<object, number>();
  private nextPart = 0;
  /** The part numbers of a style → its xf number: a style made of parts seen before costs a lookup. */
  private readonly byParts = new Map<string, number>();

  private part(o: unknown, render: (o: Record<string, unknown>) => string, what: string): string {
    if (o === null || typeof o !== 'object') return unsure(what);
    let x = this.partXml.get(o);
    if (x === undefined) this.partXml.set(o, (x = render(o as Record<string, unknown>)));
    return x;
  }

  private static index(list: string[], ids: Map<string, number>, xml: string): number {
    let id = ids.get(xml);
    if (id === undefined) {
      ids.set(xml, (id = list.length));
      list.push(xml);
    }
    return id;
  }

  private numFmt(code: unknown): number {
    if (typeof code !== 'string') return unsure('numFmt');
    const built = BUILT_IN.get(code);
    if (built !== undefined) return built;
    if (!code.startsWith('[$-42A]')) return unsure(`numFmt ${code}`);
    let id = this.numFmtIds.get(code);
    if (id === undefined) {
      this.numFmtIds.set(code, (id = 164 + this.numFmts.length));
      this.numFmts.push(`<numFmt numFmtId="${id}" formatCode="${xmlEncode(code)}"/>`);
    }
    return id;
  }

  private partId(o: unknown): string {
    if (o === undefined || o === null || o === '' || o === 0 || o === false) return '';
    if (typeof o !== 'object') return unsure('style part');
    let id = this.partIds.get(o);
    if (id === undefined) this.partIds.set(o, (id = this.nextPart++));
    return String(id);
  }

  /**
   * StylesXform.addStyleModel for a cell that is not a date (date cells are never recorded as sure). Its
   * weakMap (a style object seen before keeps its number) changes nothing here: no style changes while
   * the parts are written.
   */
  add(style: CellStyle): number {
    // A recorded cell's style has only the keys its setters give it: protection is the one not written here.
    if (style.protection !== undefined) unsure('protection');
    const { numFmt, font, border, fill, alignment } = style;
    const key = `${numFmt ? this.numFmt(numFmt) : 0},${this.partId(font)},${this.partId(border)},${this.partId(fill)},${this.partId(alignment)}`;
    let id = this.byParts.get(key);
    if (id === undefined) {
      const numFmtId = numFmt ? this.numFmt(numFmt) : 0;
      const fontId = font ? Styles.index(this.fonts, this.fontIds, this.part(font, fontXml, 'font')) : 0;
      const borderId = border ? Styles.index(this.borders, this.borderIds, this.part(border, borderXml, 'border')) : 0;
      const fillId = fill ? Styles.index(this.fills, this.fillIds, this.part(fill, fillXml, 'fill')) : 0;
      const align = alignment ? this.part(alignment, alignmentXml, 'alignment') : undefined;
      // style/style-xform.js
      let xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`;
      if (numFmtId) xf += ' applyNumberFormat="1"';
      if (fontId) xf += ' applyFont="1"';
      if (fillId) xf += ' applyFill="1"';
      if (borderId) xf += ' applyBorder="1"';
      if (align !== undefined) xf += ' applyAlignment="1"';
      xf += align ? `>${align}</xf>` : '/>';
      id = Styles.index(this.xfs, this.xfIds, xf);
      this.byParts.set(key, id);
    }
    return id;
  }

  xml(): string {
    return (
      `${HEAD}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">` +
      (this.numFmts.length ? `<numFmts count="${this.numFmts.length}">${this.numFmts.join('')}</numFmts>` : '') +
      `<fonts count="${this.fonts.length}" x14ac:knownFonts="1">${this.fonts.join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      `<borders count="${this.borders.length}">${this.borders.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>' +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext>' +
      '<ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst></styleSheet>'
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// sharedStrings.xml (utils/shared-strings.js, strings/shared-strings-xform.js, text-xform.js)

class SharedStrings {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  refs = 0;
  add(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      this.ids.set(s, (id = this.values.length));
      this.values.push(s);
    }
    this.refs++;
    return id;
  }
  xml(): string {
    const items = this.values.map((s) => `<si><t${/^\s|\n|\s$/.test(s) ? ' xml:space="preserve"' : ''}>${xmlEncode(s)}</t></si>`);
    return `${HEAD}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.refs}" uniqueCount="${this.values.length}">${items.join('')}</sst>`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// xl/worksheets/sheetN.xml (sheet/worksheet-xform.js and the xforms it renders)

const COLUMN_KEYS = new Set(['width', 'hidden']);
/** doc/column.js toModel: default columns (width 9 or none, shown) left out, equal neighbours joined. */
function colsXml(ws: RecordedSheet): string {
  const runs: Array<{ min: number; max: number; width: number; hidden: boolean }> = [];
  let run: (typeof runs)[number] | undefined;
  ws.columns.forEach((c, i) => {
    if ((c as unknown) === null || typeof c !== 'object') unsure('column');
    only(c, COLUMN_KEYS, 'column');
    const { width, hidden } = c;
    if (width !== undefined && (typeof width !== 'number' || !Number.isFinite(width) || width <= 0)) unsure('column width');
    if (!isBool(hidden)) unsure('column hidden');
    if ((width === undefined || width === 9) && !hidden) {
      run = undefined;
      return;
    }
    if (run && run.width === width && run.hidden === Boolean(hidden)) run.max = i + 1;
    else runs.push((run = { min: i + 1, max: i + 1, width: width ?? 9, hidden: Boolean(hidden) }));
  });
  if (!runs.length) return '';
  return `<cols>${runs.map((r) => `<col min="${r.min}" max="${r.max}" width="${String(r.width)}"${r.hidden ? ' hidden="1"' : ''} customWidth="1"/>`).join('')}</cols>`;
}

const VIEW_KEYS = new Set(['state', 'xSplit', 'ySplit', 'topLeftCell', 'activeCell']);
/** sheet/sheet-view-xform.js, one frozen view (rows only) as sheet-style.ts makes it. */
function viewsXml(ws: RecordedSheet): string {
  if (ws.views.length !== 1) return unsure('views');
  const v = ws.views[0] as Record<string, unknown>;
  only(v, VIEW_KEYS, 'view');
  const { state, xSplit, ySplit, topLeftCell, activeCell } = v;
  if (state !== 'frozen' || (xSplit !== undefined && xSplit !== 0) || typeof ySplit !== 'number' || !Number.isInteger(ySplit) || ySplit < 1) unsure('view');
  if (typeof topLeftCell !== 'string' || typeof activeCell !== 'string' || !/^[A-Z]{1,3}\d+$/.test(topLeftCell) || !/^[A-Z]{1,3}\d+$/.test(activeCell)) unsure('view cell');
  return (
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${ySplit as number}" topLeftCell="${topLeftCell as string}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="${activeCell as string}" sqref="${activeCell as string}"/></sheetView></sheetViews>`
  );
}

const PAGE_KEYS = new Set(['paperSize', 'orientation', 'fitToPage', 'fitToWidth', 'fitToHeight', 'horizontalCentered', 'printArea', 'printTitlesRow', 'margins']);
const MARGIN_KEYS = ['left', 'right', 'top', 'bottom', 'header', 'footer'] as const;
const num = (v: unknown, what: string): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : unsure(what));
/** The page setup sheet-style.ts makes: sheetPr, printOptions, pageMargins, pageSetup (its own xforms). */
function pageParts(ws: RecordedSheet): { sheetPr: string; tail: string } {
  const p = ws.pageSetup;
  only(p, PAGE_KEYS, 'pageSetup');
  if (p.fitToPage !== true || p.horizontalCentered !== true) unsure('pageSetup flags');
  if (p.orientation !== 'landscape' && p.orientation !== 'portrait') unsure('orientation');
  const m = p.margins as Record<string, unknown> | undefined;
  if (!m || typeof m !== 'object') return unsure('margins');
  only(m, new Set(MARGIN_KEYS), 'margins');
  const margins = MARGIN_KEYS.map((k) => ` ${k}="${num(m[k], 'margin')}"`).join('');
  const setup = `<pageSetup paperSize="${num(p.paperSize, 'paperSize')}" orientation="${p.orientation!}" fitToWidth="${num(p.fitToWidth, 'fitToWidth')}" fitToHeight="${num(p.fitToHeight, 'fitToHeight')}"/>`;
  return { sheetPr: '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>', tail: `<printOptions horizontalCentered="1"/><pageMargins${margins}/>${setup}` };
}

const FOOTER_KEYS = new Set(['differentFirst', 'oddFooter']);
/** sheet/header-footer-xform.js: differentFirst and the odd pages' footer. */
function headerFooterXml(ws: RecordedSheet): string {
  const h = ws.headerFooter;
  only(h, FOOTER_KEYS, 'headerFooter');
  if (!isBool(h.differentFirst) || (h.oddFooter !== undefined && typeof h.oddFooter !== 'string')) unsure('headerFooter');
  const footer = h.oddFooter ? `<oddFooter>${xmlEncode(h.oddFooter)}</oddFooter>` : '';
  if (!h.differentFirst && !footer) return '';
  return `<headerFooter${h.differentFirst ? ' differentFirst="1"' : ''}>${footer}</headerFooter>`;
}

const FORMULA_KEYS = new Set(['formula', 'result']);
type Kind = 'null' | 'merge' | 'number' | 'string' | 'formula';
function kindOf(c: RecordedCell): Kind {
  if (c.master) return 'merge';
  const v = c.raw;
  if (v === null) return 'null';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
    only(v, FORMULA_KEYS, 'formula');
    const { formula, result } = v as { formula?: unknown; result?: unknown };
    if (typeof formula !== 'string' || !formula) return unsure('formula');
    if (result !== undefined && result !== null && typeof result !== 'number' && typeof result !== 'string') unsure('formula result');
    return 'formula';
  }
  return unsure(`value ${typeof v}`);
}

function sheetXml(ws: RecordedSheet, styles: Styles, strings: SharedStrings): string {
  const colsPart = colsXml(ws);
  const rows: string[] = [];
  // sheet/merges.js: each merged range, in the order its first merged cell is met.
  const merges = new Map<RecordedCell, [number, number, number, number]>();
  // doc/worksheet.js model: the dimension is a Range expanded by each written row's first and last cell (empty
  // cells too); Range.expand takes a side of 0 as unset, so a row with a height and no cells (0:0) unsets the
  // left side and the next row sets it again.
  let top = 0;
  let left = 0;
  let bottom = 0;
  let right = 0;
  const expand = (r: number, min: number, max: number) => {
    if (!top || r < (top || 1)) top = r;
    if (!left || min < (left || 1)) left = min;
    if (!bottom || r > (bottom || 1)) bottom = r;
    if (!right || max > (right || 1)) right = max;
  };
  for (const row of ws.rows) {
    if (!row) continue;
    // doc/row.js model: a row is written when it has a height or cells.
    const cells = row.cells.filter((c): c is RecordedCell => c !== undefined);
    if (!row.height && !cells.length) continue;
    const height: unknown = row.height;
    if (height !== undefined && (typeof height !== 'number' || !Number.isFinite(height) || height < 0)) unsure('row height');
    let out = '';
    let min = 0;
    let max = 0;
    for (const c of cells) {
      if (!min || min > c.col) min = c.col;
      if (max < c.col) max = c.col;
      const kind = kindOf(c);
      const s = styles.add(c.style);
      const sAttr = s ? ` s="${s}"` : '';
      const r = `${letters(c.col)}${row.number}`;
      switch (kind) {
        case 'null':
          if (s) out += `<c r="${r}"${sAttr}/>`;
          break;
        case 'merge': {
          const m = merges.get(c.master!);
          if (m) {
            if (row.number > m[2]) m[2] = row.number;
            if (c.col > m[3]) m[3] = c.col;
          } else merges.set(c.master!, [c.master!.row, c.master!.col, row.number, c.col]);
          out += `<c r="${r}"${sAttr}/>`;
          break;
        }
        case 'number':
          out += `<c r="${r}"${sAttr}><v>${xmlEncode(String(c.raw))}</v></c>`;
          break;
        case 'string':
          out += `<c r="${r}"${sAttr} t="s"><v>${strings.add(c.raw as string)}</v></c>`;
          break;
        case 'formula': {
          const { formula, result } = c.raw as { formula: string; result?: number | string | null };
          const f = `<f>${xmlEncode(formula)}</f>`;
          if (result === undefined || result === null) out += `<c r="${r}"${sAttr}>${f}</c>`;
          else if (typeof result === 'string') out += `<c r="${r}"${sAttr} t="str">${f}<v>${xmlEncode(result)}</v></c>`;
          else out += `<c r="${r}"${sAttr}>${f}<v>${xmlEncode(String(result))}</v></c>`;
          break;
        }
      }
    }
    expand(row.number, min, max);
    const ht = row.height ? ` ht="${String(row.height)}" customHeight="1"` : '';
    const spans = min > 0 && max > 0 && min <= max ? ` spans="${min}:${max}"` : '';
    rows.push(`<row r="${row.number}"${ht}${spans} x14ac:dyDescent="0.25"${out ? `>${out}</row>` : '/>'}`);
  }
  if (!rows.length) unsure('no rows');
  const page = pageParts(ws);
  const mergeList = [...merges.values()];
  const mergePart = mergeList.length
    ? `<mergeCells count="${mergeList.length}">${mergeList.map(([t, l, b, r]) => `<mergeCell ref="${letters(l)}${t}:${letters(r)}${b}"/>`).join('')}</mergeCells>`
    : '';
  return (
    `${HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">` +
    page.sheetPr +
    `<dimension ref="${letters(left || 1)}${top || 1}:${letters(right || 1)}${bottom || 1}"/>` +
    viewsXml(ws) +
    '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>' +
    colsPart +
    `<sheetData>${rows.join('')}</sheetData>` +
    mergePart +
    page.tail +
    headerFooterXml(ws) +
    '</worksheet>'
  );
}

// ---------------------------------------------------------------------------------------------------------
// The workbook's other parts (book/workbook-xform.js, core/app-xform.js, core/core-xform.js, …)

/** book/workbook-xform.js prepare: each sheet's print area, then its print titles (rows). */
function definedNames(sheets: RecordedSheet[]): string {
  const names: string[] = [];
  sheets.forEach((ws, i) => {
    const { printArea, printTitlesRow } = ws.pageSetup;
    if (printArea !== undefined && typeof printArea !== 'string') unsure('printArea');
    if (printTitlesRow !== undefined && typeof printTitlesRow !== 'string') unsure('printTitlesRow');
    if (printArea) {
      for (const area of printArea.split('&&')) {
        const [a, b] = area.split(':');
        if (a === undefined || b === undefined) unsure('printArea');
        names.push(`<definedName name="_xlnm.Print_Area" localSheetId="${i}">${xmlEncode(`'${ws.name}'!$${a!}:$${b!}`)}</definedName>`);
      }
    }
    if (printTitlesRow) {
      const [a, b] = printTitlesRow.split(':');
      if (a === undefined || b === undefined) unsure('printTitlesRow');
      names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlEncode(`'${ws.name}'!$${a!}:$${b!}`)}</definedName>`);
    }
  });
  return names.length ? `<definedNames>${names.join('')}</definedNames>` : '';
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const RELS_HEAD = `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`;
const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

/**
 * The parts of a recorded workbook (sheets, shared strings, styles, workbook, rels, content types, document
 * properties, theme) as exceljs writes them (text, to be stored as UTF-8), or undefined when the recording holds anything not written here.
 * `theme` is exceljs's own fixed theme text.
 */
export function recordedParts(book: RecordedBook, theme: string): Map<string, string> | undefined {
  if (book.unsure.length || !book.sheets.length) return undefined;
  try {
    const styles = new Styles();
    const strings = new SharedStrings();
    const sheets = book.sheets.map((ws) => sheetXml(ws, styles, strings));
    if (!strings.values.length) return undefined;
    const names = book.sheets.map((ws) => xmlEncode(ws.name));
    const n = book.sheets.length;
    const parts = new Map<string, string>();
    parts.set(
      '[Content_Types].xml',
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        book.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${SHEET_TYPE}"/>`).join('') +
        '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
    );
    parts.set(
      '_rels/.rels',
      `${RELS_HEAD}<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    );
    parts.set(
      'xl/_rels/workbook.xml.rels',
      `${RELS_HEAD}<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${REL}/theme" Target="theme/theme1.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        book.sheets.map((_, i) => `<Relationship Id="rId${i + 4}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        '</Relationships>',
    );
    sheets.forEach((xml, i) => parts.set(`xl/worksheets/sheet${i + 1}.xml`, xml));
    parts.set('xl/sharedStrings.xml', strings.xml());
    parts.set('xl/theme/theme1.xml', theme);
    parts.set('xl/styles.xml', styles.xml());
    parts.set(
      'docProps/app.xml',
      `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
        `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
        `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${names.map((x) => `<vt:lpstr>${x}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
        '<Company></Company><Manager></Manager><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>',
    );
    parts.set(
      'docProps/core.xml',
      `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        '<dc:creator>cchc</dc:creator><dc:title></dc:title><dc:subject></dc:subject><dc:description></dc:description><cp:keywords></cp:keywords><cp:category></cp:category><cp:lastModifiedBy>cchc</cp:lastModifiedBy>' +
        '<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>',
    );
    parts.set(
      'xl/workbook.xml',
      `${HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/><workbookPr defaultThemeVersion="164011" filterPrivacy="1"/>` +
        `<sheets>${book.sheets.map((_, i) => `<sheet sheetId="${i + 1}" name="${names[i]!}" state="visible" r:id="rId${i + 4}"/>`).join('')}</sheets>` +
        definedNames(book.sheets) +
        '<calcPr calcId="171027" fullCalcOnLoad="1"/></workbook>',
    );
    return parts;
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
}
