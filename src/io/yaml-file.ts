import { Document, isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YNode, type Pair, type YAMLMap } from 'yaml';
import type { Finding, YamlPath } from '../core/findings/finding.js';
import type { Doc } from '../core/source.js';
import { finding } from '../core/findings/codes.js';
import { readText } from './text-file.js';
import { fastNodeAt, lineStarts, linePos, parseFastYaml, type FastYaml } from './yaml-fast.js';

export { MAX_FILE_BYTES } from './text-file.js';

export interface YamlSource {
  file: string;
  doc: Document;
  lines: LineCounter;
}

export interface Parsed {
  source?: YamlSource;
  data?: unknown;
  findings: Finding[];
}

/**
 * Keys are codes: 1.2 and "1.2" are the same key, 3.1 and 3.10 are not (YAML's own test says the
 * opposite for both). Other equal values (~ and null, true and True) are the same key, as in YAML.
 * A key repeats when an earlier key of its map has the same text as written or the same non-number
 * value; found with two sets per map: yaml's own check compares each key with every earlier one,
 * which made an evidence file of 100 000 items take minutes.
 */
function duplicateKeys(map: YAMLMap, found: (key: YNode) => void): void {
  if (map.items.length < 2) return;
  const texts = new Set<string>();
  const values = new Set<string>();
  for (const { key } of map.items) {
    if (!isScalar(key) || key.value === '<<') continue; // YAML 1.1 merge keys may repeat
    const text = key.source ?? String(key.value);
    const v = key.value;
    // A string's text is its value: only null and booleans have spellings (~, null, True) to compare by value.
    const value = v === null || typeof v === 'boolean' ? String(v) : undefined;
    if (texts.has(text) || (value !== undefined && values.has(value))) found(key);
    texts.add(text);
    if (value !== undefined) values.add(value);
  }
}

interface Shape {
  /** Offsets of repeated keys. */
  duplicates: number[];
  aliases: Array<{ offset: number; code: 'yaml.alias_cycle' | 'yaml.alias_unknown'; anchor: string }>;
}

/**
 * One pass over the document, linear in its size: repeated keys, and aliases yaml would turn into
 * trouble later. An alias inside its own anchor (`a: &x [ *x ]`) becomes a cyclic object that
 * overflows the stack further on; an alias to an anchor not set before it is an exception.
 * Nodes are taken in document order (each before what it holds, a key before its value), with a list
 * of nodes still to see rather than recursion: yaml's `visit` copies and freezes the path at every
 * collection, a noticeable part of a batch's time, and a deep file cannot overflow the stack here.
 */
function shapeOf(doc: Document): Shape {
  const shape: Shape = { duplicates: [], aliases: [] };
  const anchors = new Map<string, YNode>();
  const todo: unknown[] = [doc.contents];
  while (todo.length) {
    const node = todo.pop();
    if (isPair(node)) {
      todo.push(node.value, node.key);
      continue;
    }
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? 0;
      const target = anchors.get(node.source);
      // An anchored node either ends before the alias or holds it: its source range tells which.
      if (!target) shape.aliases.push({ offset, code: 'yaml.alias_unknown', anchor: node.source });
      else if (target.range && target.range[0] <= offset && offset < target.range[2]) {
        shape.aliases.push({ offset, code: 'yaml.alias_cycle', anchor: node.source });
      }
      continue;
    }
    if (!isNode(node)) continue;
    if (isMap(node)) duplicateKeys(node, (k) => shape.duplicates.push(k.range?.[0] ?? 0));
    if (node.anchor) anchors.set(node.anchor, node);
    if (isMap(node) || isSeq(node)) for (let i = node.items.length - 1; i >= 0; i--) todo.push(node.items[i]);
  }
  return shape;
}

/**
 * The yaml library holds about 1 KB per node while parsing: 5 MB of `[1,1,1,…]` took 2,4 GB and 30 s,
 * an evidence file of 100 000 items 650 MB. Nodes are bounded before parsing by counting the marks
 * that can start one (line breaks , [ { : - ?), a fast overestimate. The largest real file, a
 * catalog, has under 3 000; at this limit a file parses in well under 512 MiB.
 */
export const MAX_YAML_MARKS = 100_000;

/** Offset of the mark past the limit, or -1. */
function tooManyMarks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // \n , - : ? [ {
    if ((c === 10 || c === 44 || c === 45 || c === 58 || c === 63 || c === 91 || c === 123) && ++n > MAX_YAML_MARKS) return i;
  }
  return -1;
}

/** Parses YAML text, keeping source positions; duplicate keys and alias bombs become findings. */
export function parseYaml(text: string, file: string): Parsed {
  const lines = new LineCounter();
  const stripped = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (stripped.trim() === '') return { findings: [{ ...finding('file.empty', []), file, line: 1, column: 1 }] };
  const over = tooManyMarks(stripped);
  if (over !== -1) {
    const before = stripped.slice(0, over).split('\n');
    const f = finding('yaml.too_many_nodes', [], { limit: MAX_YAML_MARKS });
    return { findings: [{ ...f, file, line: before.length, column: before[before.length - 1]!.length + 1 }] };
  }
  const doc = parseDocument(stripped, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const source: YamlSource = { file, doc, lines };
  const place = (f: Finding, offset: number): Finding => {
    const pos = lines.linePos(offset);
    return { ...f, file, line: pos.line, column: pos.col };
  };
  const shape = shapeOf(doc);
  if (doc.errors.length || shape.duplicates.length) {
    const errors = doc.errors.map((err) => ({
      offset: err.pos[0],
      f: finding('yaml.syntax', [], {
        // yaml files an unclosed [ or { under BAD_INDENT; its message says what is missing.
        problem: /end with an? [\]}]/.test(err.message) ? 'UNCLOSED_FLOW' : err.code,
        detail: err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
      }),
    }));
    const duplicates = shape.duplicates.map((offset) => ({
      offset,
      f: finding('yaml.duplicate_key', [], { key: /^["']?([^:"'\n]*)/.exec(stripped.slice(offset, offset + 1100))?.[1]?.trim() || '?' }),
    }));
    const all = [...errors, ...duplicates].sort((a, b) => a.offset - b.offset);
    return { source, findings: all.map(({ offset, f }) => place(f, offset)) };
  }
  if (shape.aliases.length) {
    return { source, findings: shape.aliases.map((a) => place(finding(a.code, [], { anchor: a.anchor }), a.offset)) };
  }
  // An unquoted item code is a number to YAML (3.10 → 3.1): item keys keep the text as written, in an
  // evidence file's `items` and in each round's `items` of an appraisal overlay.
  const codeKeys = (items: unknown) => {
    if (!isMap(items)) return;
    for (const pair of items.items) {
      if (isScalar(pair.key) && typeof pair.key.value === 'number' && pair.key.source) pair.key.value = pair.key.source;
    }
  };
  if (isMap(doc.contents)) {
    codeKeys(doc.contents.get('items', true));
    const rounds = doc.contents.get('rounds', true);
    if (isMap(rounds)) for (const r of rounds.items) if (isMap(r.value)) codeKeys(r.value.get('items', true));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Nesting the parser survived can still be too deep to convert: the same finding as the parser's.
    if (e instanceof RangeError) {
      return { source, findings: [place(finding('yaml.syntax', [], { problem: 'RESOURCE_EXHAUSTION', detail: e.message }), 0)] };
    }
    let offset = 0;
    visit(doc, { Alias: (_k, n) => ((offset = n.range?.[0] ?? 0), visit.BREAK) });
    return { source, findings: [place(finding('yaml.alias_limit', []), offset)] };
  }
  if (data === null || data === undefined) return { source, findings: [{ ...finding('file.empty', []), file, line: 1, column: 1 }] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { source, findings: [{ ...finding('yaml.not_mapping', []), file, line: 1, column: 1 }] };
  }
  return { source, data, findings: [] };
}

export async function readYaml(file: string): Promise<Parsed> {
  const { text, findings } = await readText(file);
  return text === undefined ? { findings } : parseYaml(text, file);
}

const keyText = (p: Pair) => (isScalar(p.key) ? String(p.key.value) : String(p.key));

/**
 * Pairs of large maps by key, built once per map: looking each finding's key up by a scan made
 * 100 000 findings in one map cost 100 000² key comparisons. Small maps are scanned.
 */
const keyIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  if (map.items.length <= 16) return map.items.find((p) => keyText(p) === key);
  let index = keyIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const k = keyText(p);
      if (!index.has(k)) index.set(k, p);
    }
    keyIndex.set(map, index);
  }
  return index.get(key);
}

/** The deepest node on a path that exists in the document (a missing key points at its parent). */
function nodeAt(doc: Document, path: YamlPath): YNode | null {
  let cur: unknown = doc.contents;
  for (const seg of path) {
    if (isMap(cur)) {
      const pair = pairOf(cur, String(seg));
      if (!pair) break;
      cur = pair.value ?? pair.key;
    } else if (isSeq(cur) && typeof seg === 'number' && cur.items[seg] !== undefined) {
      cur = cur.items[seg];
    } else break;
  }
  return (cur as YNode | null) ?? null;
}

/** Gives findings their file, line and column from their YAML path. */
export function locate(source: YamlSource, findings: Finding[]): Finding[] {
  return findings.map((f) => {
    if (f.line !== undefined) return { ...f, file: f.file ?? source.file };
    const node = nodeAt(source.doc, f.path);
    const pos = source.lines.linePos(node?.range?.[0] ?? 0);
    return { ...f, file: source.file, line: pos.line, column: pos.col };
  });
}

/** A parsed YAML file as the core's document: its data, positions for findings, scalars as written. */
export function yamlDoc(source: YamlSource, data: unknown): Doc {
  return {
    file: source.file,
    data,
    locate: (findings) => locate(source, [...findings]),
    sourceText: (path) => {
      const node = nodeAt(source.doc, path);
      return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
    },
  };
}

/** A YAML file as the core's document, or the findings that keep it from being one. */
export interface ParsedDoc {
  doc?: Doc;
  findings: Finding[];
}

/**
 * A document read by the fast reader: its data, and positions from the nodes it recorded. An empty value's
 * place (and anything the reader did not record) comes from the reference parse, made on first need.
 */
function fastDoc(fast: FastYaml, text: string, file: string, reference: () => YamlSource): Doc {
  let starts: number[] | undefined;
  let ref: YamlSource | undefined;
  const place = (f: Finding): Finding => {
    if (f.line !== undefined) return { ...f, file: f.file ?? file };
    const node = fastNodeAt(fast.root, f.path);
    if (node.kind === 'scalar' && node.empty) return locate((ref ??= reference()), [f])[0]!;
    const pos = linePos((starts ??= lineStarts(text)), node.offset);
    return { ...f, file, line: pos.line, column: pos.col };
  };
  return {
    file,
    data: fast.data,
    locate: (findings) => findings.map(place),
    sourceText: (path) => {
      const node = fastNodeAt(fast.root, path);
      return node.kind === 'scalar' ? node.source : undefined;
    },
  };
}

/**
 * Unit evidence files and appraisal overlays (thousands in a batch): the fast reader (yaml-fast.ts) when it
 * is sure to give what parseYaml gives, which is most of the time; otherwise parseYaml itself, so every
 * finding (syntax, repeated keys, too many nodes, …) is the reference's.
 */
export function parseYamlDoc(text: string, file: string): ParsedDoc {
  const stripped = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fast = tooManyMarks(stripped) === -1 ? parseFastYaml(stripped) : undefined;
  if (fast) return { doc: fastDoc(fast, stripped, file, () => parseYaml(text, file).source!), findings: [] };
  const parsed = parseYaml(text, file);
  return parsed.source && parsed.data !== undefined ? { doc: yamlDoc(parsed.source, parsed.data), findings: [] } : { findings: parsed.findings };
}

export async function readYamlDoc(file: string): Promise<ParsedDoc> {
  const { text, findings } = await readText(file);
  return text === undefined ? { findings } : parseYamlDoc(text, file);
}
