import type { YamlPath } from '../core/findings/finding.js';

/*
 * A reader for the plain YAML that unit evidence files and appraisal overlays are written in: block
 * mappings and sequences of one-line scalars (plain, 'single' or "double" quoted without escapes), flow
 * collections that end on their line, `>-` notes, comments and blank lines. Parsing with the `yaml`
 * package was most of a batch's time; this reads the same files about ten times faster.
 *
 * `yaml` stays the reference: this reader answers only when it is sure to give exactly what parseYaml
 * (yaml-file.ts) gives, and otherwise returns undefined so that the reference path runs. It never reports
 * a problem: anything unusual (anchors, aliases, tags, merge keys, other block scalars, multi-line
 * scalars or flow collections, escapes, tabs, directives, repeated keys in any spelling, keys YAML would
 * read as null, odd indentation, …) makes it give up, and the reference reads the file and reports what
 * is wrong. test/io/yaml-fast.test.ts compares both on every shipped, example and generated file.
 */

export interface FastScalar {
  kind: 'scalar';
  /** Where it starts in the text (its opening quote, if quoted). */
  offset: number;
  /** The text as written, unquoted: what yaml keeps as the scalar's `source`. */
  source: string;
  value: null | boolean | number | string;
  /** A key with nothing after its colon (yaml reads null); its place is left to the reference. */
  empty?: true;
}

export interface FastMap {
  kind: 'map';
  offset: number;
  keys: string[];
  values: FastNode[];
  data: Record<string, unknown>;
  /** Key → index, built on first look-up in a large map. */
  index?: Map<string, number>;
}

export interface FastSeq {
  kind: 'seq';
  offset: number;
  items: FastNode[];
  data: unknown[];
}

export type FastNode = FastScalar | FastMap | FastSeq;

export interface FastYaml {
  root: FastMap;
  data: Record<string, unknown>;
}

/** Thrown (this one value) to give up; caught in parseFastYaml. Made once: giving up costs no stack trace. */
const GIVE_UP = new Error('not plain YAML');

function giveUp(): never {
  throw GIVE_UP;
}

/**
 * Characters that make the text unusual: tabs, control characters other than line breaks, a carriage
 * return not before a line feed, C1 controls (NEL), Unicode line separators and byte order marks.
 */
const UNUSUAL = /[\t\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)/;

/** Lines longer than this are left to the reference (the tests cover lines up to this length). */
export const MAX_FAST_LINE = 8192;
/** Unit files nest five or six levels; deeper documents are left to the reference (and the stack is safe). */
const MAX_DEPTH = 64;
/** yaml refuses implicit keys over 1024 characters; codes and field names are short. */
const MAX_KEY = 200;

/** Characters a plain scalar may not start with (YAML's indicators). `-` is checked separately. */
const INDICATORS = '?:,[]{}#&*!|>\'"%@`';
const isIndicator = (c: string | undefined) => c === undefined || INDICATORS.includes(c);

// The core schema of YAML 1.2, as yaml 2 resolves a plain scalar (tried in yaml's order).
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/** First characters of the plain scalars that are not strings; anything else is a string at once. */
const SPECIAL_START = /^[-+.0-9~nNtTfF]/;

/** The value yaml's core schema gives a plain scalar. */
export function resolvePlain(s: string): null | boolean | number | string {
  if (!SPECIAL_START.test(s)) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

/** A line holding something: where it starts, its indentation, and where its text ends (before any \r). */
interface Line {
  start: number;
  indent: number;
  end: number;
}

/**
 * Which keys of a map are criterion codes, kept as written (3.10 stays "3.10"), as parseYaml does: the
 * keys of the top-level `items`, and of `items` in each round under `rounds` (appraisal overlays).
 */
type Place = 'top' | 'rounds' | 'round' | 'codes' | 'other';

function childPlace(place: Place, key: FastScalar): Place {
  if ((place === 'top' || place === 'round') && key.value === 'items') return 'codes';
  if (place === 'top' && key.value === 'rounds') return 'rounds';
  if (place === 'rounds') return 'round';
  return 'other';
}

/** The data's key for a map key: criterion codes as written, anything else as yaml's toJS turns it into a string. */
const keyOf = (place: Place, key: FastScalar): string => (place === 'codes' && typeof key.value === 'number' ? key.source : String(key.value));

/** Adds an entry to a map, or gives up on a key the map already has in some spelling (a and "a", 1e3 and 1000) or an object has (__proto__). */
function addEntry(map: FastMap, key: string, value: FastNode): void {
  if (key in map.data) giveUp();
  map.keys.push(key);
  map.values.push(value);
  map.data[key] = value.kind === 'scalar' ? value.value : value.data;
}

function addItem(seq: FastSeq, item: FastNode): void {
  seq.items.push(item);
  seq.data.push(item.kind === 'scalar' ? item.value : item.data);
}

/** Characters that end a plain scalar inside a flow collection, or make it unusual there. */
const FLOW_STOP = ',[]{}#:"\'';

class Reader {
  private i = 0;
  /** Block collections open around the current line. */
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly lines: Line[],
  ) {}

  read(): FastMap {
    const first = this.lines[0];
    // A document that is not a mapping from the first column is left to the reference.
    if (!first || first.indent !== 0) giveUp();
    const root = this.map(0, 0, 'top');
    if (this.i !== this.lines.length) giveUp();
    return root;
  }

  /** The entries of a block mapping at `indent`; the first starts at column `col` of the current line. */
  private map(indent: number, col: number, place: Place): FastMap {
    const node: FastMap = { kind: 'map', offset: this.lines[this.i]!.start + col, keys: [], values: [], data: {} };
    if (++this.depth > MAX_DEPTH) giveUp();
    for (;;) {
      const line = this.lines[this.i]!;
      const key = this.key(line, line.start + col);
      if (!key) giveUp();
      const js = keyOf(place, key.node);
      // Checked before the value is read, as the value may be long.
      if (js in node.data) giveUp();
      addEntry(node, js, this.value(line, key.after, indent, childPlace(place, key.node)));
      const next = this.lines[this.i];
      if (!next || next.indent < indent) {
        this.depth--;
        return node;
      }
      // Deeper: a scalar continued on the next line, or a mistake; the reference knows which.
      if (next.indent > indent) giveUp();
      col = indent;
    }
  }

  /** The items of a block sequence whose dashes are at `indent`, starting on the current line. */
  private seq(indent: number): FastSeq {
    const node: FastSeq = { kind: 'seq', offset: this.lines[this.i]!.start + indent, items: [], data: [] };
    if (++this.depth > MAX_DEPTH) giveUp();
    for (;;) {
      const line = this.lines[this.i]!;
      const at = line.start + indent;
      // Exactly "- " and then something on the same line: an empty item, "-  x" or "- - x" are left to the reference.
      if (this.text[at] !== '-' || this.text[at + 1] !== ' ' || at + 2 >= line.end) giveUp();
      const c = this.text[at + 2]!;
      if (c === ' ' || c === '-' || c === '#') giveUp();
      if (c === '{' || c === '[') {
        addItem(node, this.flowLine(line, at + 2, 'other'));
        this.i++;
      } else if (this.key(line, at + 2)) {
        addItem(node, this.map(indent + 2, indent + 2, 'other'));
      } else {
        addItem(node, this.scalar(line, at + 2));
        this.i++;
      }
      const next = this.lines[this.i];
      if (!next || next.indent < indent) {
        this.depth--;
        return node;
      }
      if (next.indent > indent) giveUp();
    }
  }

  /** What follows a key's colon: a scalar on the same line, or a block on the lines below, or nothing. */
  private value(line: Line, after: number, indent: number, place: Place): FastNode {
    let p = after;
    while (p < line.end && this.text[p] === ' ') p++;
    const c = this.text[p];
    if (p < line.end && c !== '#') {
      if (c === '>') return this.folded(line, p, indent);
      const node = c === '{' || c === '[' ? this.flowLine(line, p, place) : this.scalar(line, p);
      this.i++;
      return node;
    }
    this.i++;
    const next = this.lines[this.i];
    if (next && next.indent > indent) {
      if (this.text[next.start + next.indent] === '-') return this.seq(next.indent);
      return this.map(next.indent, next.indent, place);
    }
    // yaml places an empty value where the text after the colon starts (a comment, or the end of the line).
    return { kind: 'scalar', offset: p, source: '', value: null, empty: true };
  }

  /**
   * A flow collection that ends on its line (`{ value: 1, documents: ["…"] }`, `{}`): keys and scalars as in a
   * block, but plain scalars without `, [ ] { } # :` or quotes, no comments inside, no trailing comma.
   */
  private flowLine(line: Line, at: number, place: Place): FastMap | FastSeq {
    const { node, end } = this.flow(line, at, place, 0);
    this.rest(line, end);
    return node;
  }

  private flow(line: Line, at: number, place: Place, depth: number): { node: FastMap | FastSeq; end: number } {
    const t = this.text;
    if (depth > 4) giveUp();
    const map = t[at] === '{';
    const close = map ? '}' : ']';
    const node: FastMap | FastSeq = map ? { kind: 'map', offset: at, keys: [], values: [], data: {} } : { kind: 'seq', offset: at, items: [], data: [] };
    let p = this.spaces(line, at + 1);
    if (t[p] === close) return { node, end: p + 1 };
    for (;;) {
      let key: FastScalar | undefined;
      if (map) {
        const k = this.flowScalar(line, p);
        key = k;
        p = k.end;
        // "key: value", the colon right after the key.
        if (t[p] !== ':' || t[p + 1] !== ' ' || key.value === null) giveUp();
        if (key.source === '<<') giveUp();
        p = this.spaces(line, p + 1);
      }
      let value: FastNode;
      if (t[p] === '{' || t[p] === '[') {
        const inner = this.flow(line, p, key ? childPlace(place, key) : 'other', depth + 1);
        value = inner.node;
        p = inner.end;
      } else {
        const s = this.flowScalar(line, p);
        value = s;
        p = s.end;
      }
      if (node.kind === 'map') addEntry(node, keyOf(place, key!), value);
      else addItem(node, value);
      p = this.spaces(line, p);
      if (t[p] === close) return { node, end: p + 1 };
      // Anything but ", " and the next entry (a trailing comma, "a: b" in a sequence, …) is left to the reference.
      if (t[p] !== ',') giveUp();
      p = this.spaces(line, p + 1);
      if (t[p] === close || t[p] === ',') giveUp();
    }
  }

  /** A scalar inside a flow collection: quoted, or plain up to the next `,` `]` `}` or `: `. */
  private flowScalar(line: Line, at: number): FastScalar & { end: number } {
    const t = this.text;
    const q = t[at];
    if (q === '"' || q === "'") {
      const s = this.quoted(line, at);
      return { kind: 'scalar', offset: at, source: s.text, value: s.text, end: s.end };
    }
    if (at >= line.end || isIndicator(q) || (q === '-' && t[at + 1] === ' ')) giveUp();
    let end = at;
    while (end < line.end && !FLOW_STOP.includes(t[end]!)) end++;
    // A colon ends a key; anywhere else it is unusual.
    if (end === line.end || (t[end] === ':' && t[end + 1] !== ' ')) giveUp();
    let last = end;
    while (t[last - 1] === ' ') last--;
    const source = t.slice(at, last);
    return { kind: 'scalar', offset: at, source, value: resolvePlain(source), end: last };
  }

  /** The first position from `p` on its line that is not a space. */
  private spaces(line: Line, p: number): number {
    while (p < line.end && this.text[p] === ' ') p++;
    return p;
  }

  /**
   * A folded block scalar `>-` whose lines all have one indentation deeper than the key's, with no blank
   * lines, trailing spaces or more-indented lines between them: the lines joined by spaces. A block scalar
   * is read from the raw text (a line starting with # is text there, not a comment).
   */
  private folded(line: Line, at: number, indent: number): FastScalar {
    const t = this.text;
    if (t.slice(at, line.end) !== '>-') giveUp();
    const parts: string[] = [];
    let n = -1;
    let start = line.end + (t[line.end] === '\r' ? 2 : 1);
    for (; start < t.length; ) {
      let nl = t.indexOf('\n', start);
      if (nl === -1) nl = t.length;
      const end = nl > start && t[nl - 1] === '\r' ? nl - 1 : nl;
      let p = start;
      while (p < end && t[p] === ' ') p++;
      if (p === end) break; // a blank line: the end of the scalar, if nothing deeper follows (checked below)
      const col = p - start;
      if (col <= indent) break;
      if (n === -1) n = col;
      if (col !== n || t[end - 1] === ' ') giveUp();
      parts.push(t.slice(p, end));
      start = nl + 1;
    }
    if (!parts.length) giveUp();
    // Skip the header's line and those the scalar covered; the next must be no deeper than the key.
    while (this.lines[this.i] && this.lines[this.i]!.start < start) this.i++;
    const next = this.lines[this.i];
    if (next && next.indent > indent) giveUp();
    // Empty lines before the next key are dropped by "-"; comments or spaces there are left to the reference.
    for (let q = start; q < (next ? next.start : t.length); q++) if (t[q] !== '\n' && t[q] !== '\r') giveUp();
    const source = parts.join(' ');
    return { kind: 'scalar', offset: at, source, value: source };
  }

  /** After a quoted scalar or a flow collection: only spaces, and a comment after at least one. */
  private rest(line: Line, from: number): void {
    let p = from;
    while (p < line.end && this.text[p] === ' ') p++;
    if (p < line.end && !(this.text[p] === '#' && p > from)) giveUp();
  }

  /**
   * A key at `at` (plain or quoted, followed by ": " or a colon ending the line), or undefined when the
   * text there is not a key. Gives up on keys it is not sure of.
   */
  private key(line: Line, at: number): { node: FastScalar; after: number } | undefined {
    const t = this.text;
    const q = t[at];
    if (q === '"' || q === "'") {
      const s = this.quoted(line, at);
      if (t[s.end] !== ':') return undefined;
      if (s.end + 1 < line.end && t[s.end + 1] !== ' ') giveUp();
      return { node: { kind: 'scalar', offset: at, source: s.text, value: s.text }, after: s.end + 1 };
    }
    let k = at;
    while (k < line.end && !(t[k] === ':' && (k + 1 === line.end || t[k + 1] === ' '))) k++;
    if (k === line.end) return undefined;
    const source = t.slice(at, k);
    // Unusual keys: indicators, a dash (a sequence?), comments, colons, spaces before the colon, merge keys.
    if (isIndicator(source[0]) || source[0] === '-' || source.length > MAX_KEY) giveUp();
    if (source.includes('#') || source.includes(':') || source.endsWith(' ') || source === '<<') giveUp();
    const value = resolvePlain(source);
    // A null key (~, null, an empty one) becomes "" in the data but "null" where findings are placed.
    if (value === null) giveUp();
    return { node: { kind: 'scalar', offset: at, source, value }, after: k + 1 };
  }

  /** A scalar from `at` to the end of its line (and any comment after it). */
  private scalar(line: Line, at: number): FastScalar {
    const t = this.text;
    const q = t[at];
    if (q === '"' || q === "'") {
      const s = this.quoted(line, at);
      this.rest(line, s.end);
      return { kind: 'scalar', offset: at, source: s.text, value: s.text };
    }
    if (isIndicator(q) || (q === '-' && (at + 1 === line.end || t[at + 1] === ' '))) giveUp();
    // A comment starts at " #"; the scalar ends before it and before trailing spaces (only spaces: yaml
    // keeps a no-break space, which String.trim would remove). "x#y" is legal but unusual.
    let end = at;
    while (end < line.end && t[end] !== '#') end++;
    if (end < line.end && t[end - 1] !== ' ') giveUp();
    while (end > at && t[end - 1] === ' ') end--;
    const source = t.slice(at, end);
    // "a: b: c" is an error to yaml.
    if (source.includes(': ') || source.endsWith(':')) giveUp();
    return { kind: 'scalar', offset: at, source, value: resolvePlain(source) };
  }

  /** A one-line quoted scalar: its text and where it ends (after the closing quote). */
  private quoted(line: Line, at: number): { text: string; end: number } {
    const t = this.text;
    if (t[at] === '"') {
      const close = t.indexOf('"', at + 1);
      if (close === -1 || close >= line.end) giveUp();
      const text = t.slice(at + 1, close);
      // Escapes are left to the reference.
      if (text.includes('\\')) giveUp();
      return { text, end: close + 1 };
    }
    let text = '';
    let from = at + 1;
    for (;;) {
      const close = t.indexOf("'", from);
      if (close === -1 || close >= line.end) giveUp();
      text += t.slice(from, close);
      // '' inside single quotes is one quote.
      if (t[close + 1] !== "'") return { text, end: close + 1 };
      text += "'";
      from = close + 2;
    }
  }
}

/** The lines that hold something (not blank, not only a comment), or undefined for text left to the reference. */
function contentLines(text: string): Line[] | undefined {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (end - start > MAX_FAST_LINE) return undefined;
    let p = start;
    while (p < end && text.charCodeAt(p) === 32) p++;
    if (p < end && text[p] !== '#') {
      // Directives and document markers.
      if (p === start && (text[p] === '%' || text.startsWith('---', p) || text.startsWith('...', p))) return undefined;
      lines.push({ start, indent: p - start, end });
    }
    start = nl + 1;
  }
  return lines;
}

/**
 * The data parseYaml would give for `text` (without its byte order mark), with where each node starts;
 * or undefined when the text is not plain enough to be sure.
 */
export function parseFastYaml(text: string): FastYaml | undefined {
  if (UNUSUAL.test(text)) return undefined;
  const lines = contentLines(text);
  if (!lines) return undefined;
  try {
    const root = new Reader(text, lines).read();
    return { root, data: root.data };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

function indexOfKey(map: FastMap, key: string): number {
  if (map.keys.length <= 16) return map.keys.indexOf(key);
  if (!map.index) {
    map.index = new Map();
    map.keys.forEach((k, i) => map.index!.set(k, i));
  }
  return map.index.get(key) ?? -1;
}

/** The deepest node on a path that exists, as yaml-file.ts's nodeAt finds it (a missing key points at its parent). */
export function fastNodeAt(root: FastNode, path: YamlPath): FastNode {
  let cur = root;
  for (const seg of path) {
    if (cur.kind === 'map') {
      const i = indexOfKey(cur, String(seg));
      if (i === -1) break;
      cur = cur.values[i]!;
    } else if (cur.kind === 'seq' && typeof seg === 'number' && cur.items[seg] !== undefined) {
      cur = cur.items[seg];
    } else break;
  }
  return cur;
}

/** Line starts of a text, as yaml's LineCounter records them: 0 and after every line feed. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Line and column (from 1) of an offset, as LineCounter.linePos gives them. */
export function linePos(starts: readonly number[], offset: number): { line: number; col: number } {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offset < starts[mid]!) high = mid;
    else low = mid + 1;
  }
  return { line: low, col: offset - starts[low - 1]! + 1 };
}
