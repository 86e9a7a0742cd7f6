import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding, YamlPath } from '../../src/core/findings/finding.js';
import { parseFastYaml, resolvePlain } from '../../src/io/yaml-fast.js';
import { parseYaml, parseYamlDoc, yamlDoc } from '../../src/io/yaml-file.js';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) yamlFiles(join(dir, e.name), out);
    else if (e.name.endsWith('.yaml')) out.push(join(dir, e.name));
  }
  return out.sort();
}

/** Equal data: same key order, -0 ≠ 0, NaN = NaN, 1 ≠ "1", plain objects and arrays only. */
function sameData(a: unknown, b: unknown, at = '$'): string | undefined {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return Object.is(a, b) ? undefined : `${at}: ${String(a)} (${typeof a}) ≠ ${String(b)} (${typeof b})`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array and not`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at}: prototypes differ`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\u0000') !== kb.join('\u0000')) return `${at}: keys ${JSON.stringify(ka)} ≠ ${JSON.stringify(kb)}`;
  for (const k of ka) {
    const d = sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return undefined;
}

/** Every path into the data, and paths that miss (a missing key, an index past the end, a string index, through a scalar). */
function pathsOf(data: unknown, path: Array<string | number> = [], out: YamlPath[] = []): YamlPath[] {
  out.push(path);
  if (Array.isArray(data)) {
    data.forEach((v, i) => pathsOf(v, [...path, i], out));
    out.push([...path, data.length], [...path, '0'], [...path, -1]);
  } else if (typeof data === 'object' && data !== null) {
    for (const [k, v] of Object.entries(data)) pathsOf(v, [...path, k], out);
    out.push([...path, 'không có'], [...path, 0]);
  } else out.push([...path, 'x']);
  return out;
}

const probe = (path: YamlPath): Finding => ({ code: 'schema.invalid', severity: 'error', path, args: {} });

/**
 * Compares the fast reader with the reference on one text: 'fast' if it answered (and then gives the
 * reference's data, positions and source texts for every path), 'reference' if it left the text alone.
 */
function compare(text: string, file = 'u.yaml', { positions = true, leftAlone = true } = {}): 'fast' | 'reference' {
  const stripped = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fast = parseFastYaml(stripped);
  if (!fast && !leftAlone) return 'reference';
  const ref = parseYaml(text, file);
  if (!fast) {
    // Left to the reference: exactly its findings and data.
    const viaDoc = parseYamlDoc(text, file);
    expect(viaDoc.findings, file).toEqual(ref.findings);
    expect(viaDoc.doc === undefined, file).toBe(ref.data === undefined);
    if (viaDoc.doc) expect(sameData(viaDoc.doc.data, ref.data), file).toBeUndefined();
    return 'reference';
  }
  // The reader does not count nodes; parseYamlDoc asks it only about texts the reference would read.
  if (ref.findings.some((f) => f.code === 'yaml.too_many_nodes')) {
    expect(parseYamlDoc(text, file).findings).toEqual(ref.findings);
    return 'reference';
  }
  expect(ref.findings, `the reference finds problems the fast reader missed in ${file}`).toEqual([]);
  expect(sameData(fast.data, ref.data), file).toBeUndefined();
  expect(JSON.stringify(fast.data)).toBe(JSON.stringify(ref.data));
  const fastDoc = parseYamlDoc(text, file).doc!;
  expect(sameData(fastDoc.data, ref.data), file).toBeUndefined();
  if (!positions) return 'fast';
  const refDoc = yamlDoc(ref.source!, ref.data);
  const paths = pathsOf(ref.data);
  const [fastPlaces, refPlaces] = [fastDoc, refDoc].map((d) => d.locate(paths.map(probe)));
  // Compared as text first (quick), then structurally for a readable difference.
  if (JSON.stringify(fastPlaces) !== JSON.stringify(refPlaces)) expect(fastPlaces, file).toEqual(refPlaces);
  const [fastTexts, refTexts] = [fastDoc, refDoc].map((d) => paths.map((p) => d.sourceText!(p) ?? null));
  if (JSON.stringify(fastTexts) !== JSON.stringify(refTexts)) expect(fastTexts, file).toEqual(refTexts);
  // A finding already placed keeps its place.
  const placed = { ...probe(['unit']), line: 7, column: 3 };
  expect(fastDoc.locate([placed])).toEqual(refDoc.locate([placed]));
  return 'fast';
}

describe('the fast YAML reader gives what yaml gives, or nothing', () => {
  const dirs = ['criteria', 'examples', 'test'].map((d) => join(ROOT, d));
  const shipped = dirs.flatMap((d) => yamlFiles(d));

  it('on every shipped criteria, example and test fixture file', () => {
    expect(shipped.length).toBeGreaterThan(80);
    // Positions of every path for a few files of each kind; data for all.
    const everyPath = /hoang-viet-2024\.yaml$|20100-na-sam\.yaml$|01-tren-90\/don-vi\.yaml$|mini\/(unit|tham-dinh)\.yaml$/;
    const answered = shipped.filter((f) => compare(readFileSync(f, 'utf8'), f, { positions: everyPath.test(f) }) === 'fast');
    // The fast reader really runs on the shipped example units and appraisal overlays (files with a `unit`).
    const units = shipped.filter((f) => f.includes('/examples/') && /^unit:/m.test(readFileSync(f, 'utf8')));
    expect(units.length).toBeGreaterThanOrEqual(50);
    expect(units.filter((f) => answered.includes(f)).length / units.length).toBeGreaterThanOrEqual(0.95);
    // The example district's (what `cchc batch` reads in the README) every one.
    expect(units.filter((f) => f.includes('/van-lang-2024') && !answered.includes(f))).toEqual([]);
  });

  const dir = mkdtempSync(join(tmpdir(), 'cchc-fast-yaml-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on every unit of a generated province', async () => {
    const gen = (await import(pathToFileURL(join(ROOT, 'scripts/gen-province.mjs')).href)) as { generateProvince(dir: string, n: number): void };
    gen.generateProvince(dir, 100);
    const files = yamlFiles(dir);
    expect(files).toHaveLength(100);
    // Data for every unit; positions and source texts of every path for a few (they are alike).
    expect(files.filter((f, i) => compare(readFileSync(f, 'utf8'), f, { positions: i % 40 === 0 }) !== 'fast')).toEqual([]);
  });
});

/** Documents the fast reader must read (and equal the reference on). */
const PLAIN: Record<string, string> = {
  'quoted and plain keys, number-like codes in items': 'items:\n  3.10:\n    value: 1\n  "3.1":\n    value: 2\n  1e3: x\n  \'1.2\': y\n',
  'number-like keys outside items': 'a:\n  3.10: x\n  1e3: y\n  0x1F: z\n  012: w\n  .inf: v\n  .NaN: u\n  +0: t\n',
  'number-like keys in items, hex, octal and exponents': 'items:\n  0x1F: a\n  012: b\n  1e3: c\n  0o17: d\n  .5: e\n  +1: f\n',
  'round items keep codes; other maps do not': 'rounds:\n  r1:\n    items:\n      3.10: a\n    other:\n      3.10: b\nother:\n  items:\n    3.10: c\n',
  'core schema values': 'a: 0x1F\nb: 0o17\nc: 012\nd: 1e3\ne: -.inf\nf: .NaN\ng: True\nh: FALSE\ni: ~\nj: Null\nk: NULL\nl: -0\nm: +5\nn: 3.10\no: 5.\np: .5\nq: 1_000\nr: 0b11\ns: tRUE\nt: 1E+3\nu: 12345678901234567890\n',
  'single quotes': "key: 'it''s'\nb: ''\nc: '#not a comment: really'\n",
  'double quotes': 'a: "x: y # z"\nb: ""\nc: "20100"\n',
  'comments after values and blank lines': '# top\n\na: 1 # one\nb: "x"   # two\n\n   # indented comment\nc: x y  \n',
  'sequences of maps': 'items:\n  "1.1":\n    documents:\n      - a\n      - b: 1\n        c: 2\n      - d: 3\n    value: true\n',
  'dashes at different indents': 'a:\n    - x\n    - y\nb:\n - z\nc:\n  - k:\n      - 1\n    l: 2\n',
  'empty values': 'a:\nb: # nothing\nc:   \nd:\n  e:\n',
  'CRLF line ends': 'a: 1\r\nb:\r\n  c: x\r\n  d:\r\n    - 1\r\n',
  'CRLF with a comment and an empty value': 'a: x # c\r\nb:\r\nc: "y"\r\n',
  'no final newline': 'a: 1\nb: x',
  'Vietnamese in NFC': 'name: UBND xã Hoàng Việt\nplace: Lạng Sơn\n',
  'Vietnamese in NFD': `name: ${'UBND xã Hoàng Việt'.normalize('NFD')}\n${'tỉnh'.normalize('NFD')}: ${'Lạng Sơn'.normalize('NFD')}\n`,
  'colons and brackets inside plain values': 'a: http://x.y/z\nb: x [y] {z}, w\nc: b:c\nd: -x\ne: ---\nf: a :b\n',
  'no-break spaces are kept': 'a: x\u00a0\nb: \u00a0y\n',
  'comment lines at other indents inside a block': 'a:\n  b: 1\n# c\n  d: 2\n      # e\n  f: 3\n',
  'deeper nested maps': 'a:\n   b:\n         c: 1\n   d: 2\n',
  'a long line': `a: ${'x'.repeat(8000)}\n`,
  'keys that are words': 'true: 1\nFalse: 2\nnull x: 3\n',
  'empty flow collections': 'rounds:\n  r1:\n    items: {}\n    list: []  # none\nitems: {}\n',
  'one-line flow collections': 'unit: { code: "90001", name: UBND huyện Minh Họa, level: huyen }\nitems:\n  "1.1":\n    value: { hoan_thanh: 18, ke_hoach: 20 }\n    documents: ["Báo cáo số 12/BC-UBND", \'x\'\'y\', z]\n  1.2: { value: 90.005 , documents: [ a,b ] }  # c\n',
  'flow maps as sequence items': 'a:\n  - { type: Kế hoạch, number: 35/KH-UBND, date: 19/01/2024 }\n  - [1, 2.5, true, ~, -x, "q"]\n',
  'codes in flow items': 'items: { 3.10: { value: 1 }, 3.1: x, "1.2": y }\nrounds: { r: { items: { 3.10: a } } }\n',
  'nested flow collections': 'a: { b: { c: [1, { d: 2 }] }, e: [] }\n',
  'folded scalars': 'note: >-\n  Ban hành trước thời hạn\n  # not a comment: text\n  31/01/2024.\nnext: 1\nitems:\n  a:\n    note: >-\n        x\n        y\n\n\n    b: 2\n',
  'folded scalar at the end': 'a: >-\n  x\n  y',
};

/** Documents where the fast reader may give up; if it answers, it must equal the reference. */
const TRICKY: Record<string, string> = {
  'merge key': 'base:\n  a: 1\nx:\n  <<: *b\n',
  'merge key with anchors': 'base: &b\n  a: 1\nx:\n  <<: *b\n  c: 2\n',
  'anchor and alias': 'a: &x 1\nb: *x\n',
  tag: 'a: !!str 1\nb: !custom x\n',
  'duplicate key': 'a: 1\nb: 2\na: 3\n',
  'duplicate key, quoted and not': 'a: 1\n"a": 2\n',
  'duplicate null keys': 'x:\n  null: 1\n  ~: 2\n',
  'duplicate codes in items': 'items:\n  1.2: a\n  "1.2": b\n',
  'same number, two spellings': 'a:\n  1e3: x\n  1000: y\n',
  'same bool, two spellings': 'a:\n  true: 1\n  True: 2\n',
  'bool and string true': 'a:\n  True: 1\n  "true": 2\n',
  'null key': 'a:\n  ~: 1\n',
  'proto key': '__proto__: 1\nb: 2\n',
  'constructor key': 'constructor: 1\n',
  'flow mapping': 'a: {b: 1}\n',
  'flow sequence': 'a: [1, 2]\n',
  'empty flow collections with spaces or text after': 'a: { }\nb: [ ]\nc: {}x\nd: []#c\ne:\n  - {}\n',
  'key starting with a dash': '-0: 1\n-x: 2\n',
  'keys with flow indicators inside': 'a[0]: 1\na,b: 2\na{b}: 3\na  b: 4\nc\u00a0: 5\n',
  'indicators inside plain values': 'a: x&y\nb: x*y|z!\nc: x>y\nd: x%y@z`\ne: x?y\nf: x-y\n',
  'flow: trailing comma': 'a: { b: 1, }\n',
  'flow: empty entry': 'a: [1, , 2]\n',
  'flow: missing value': 'a: { b: }\n',
  'flow: key without space': 'a: { b:1 }\n',
  'flow: quoted key without space': 'a: { "b":1 }\n',
  'flow: pair in a sequence': 'a: [b: 1]\n',
  'flow: colon in a plain scalar': 'a: { b: http://x }\n',
  'flow: hash': 'a: [x #y]\n',
  'flow: text after': 'a: { b: 1 } x\n',
  'flow: over lines': 'a: { b: 1,\n  c: 2 }\n',
  'flow: duplicate keys': 'a: { b: 1, "b": 2 }\n',
  'flow: null key': 'a: { ~: 1 }\n',
  'flow: merge key': 'a: { <<: {b: 1} }\n',
  'flow: anchors and tags': 'a: [&x 1, *x, !!str 2]\n',
  'flow: quote inside a plain scalar': "a: [it's]\n",
  'flow: as a key': '{ a: 1 }: 2\n',
  'flow: deep': 'a: [[[[[[1]]]]]]\n',
  'folded: keep and clip': 'a: >\n  x\nb: >+\n  y\nc: |-\n  z\n',
  'folded: more-indented line': 'a: >-\n  x\n    y\n  z\n',
  'folded: blank line inside': 'a: >-\n  x\n\n  y\n',
  'folded: trailing space': 'a: >-\n  x \n  y\n',
  'folded: indentation indicator': 'a: >2-\n   x\n',
  'folded: comment on the header': 'a: >- # c\n  x\n',
  'folded: empty': 'a: >-\nb: 1\n',
  'folded: comment after': 'a: >-\n  x\n# c\nb: 1\n',
  'folded: deeper line after blank': 'a: >-\n  x\n\n    y\nb: 1\n',
  'folded: CRLF': 'a: >-\r\n  x\r\n  y\r\nb: 1\r\n',
  'folded: in a sequence item map': 'a:\n  - b: >-\n      x\n      y\n    c: 1\n',
  'block scalar': 'a: |\n  x\n  y\n',
  'folded scalar': 'a: >-\n  x\n  y\n',
  'multi-line plain': 'a: x\n  y\n',
  'multi-line double-quoted': 'a: "x\n  y"\n',
  'multi-line single-quoted': "a: 'x\n  y'\n",
  escapes: 'a: "\\u00e9\\n\\t\\\\"\n',
  'tabs in indentation': 'a:\n\tb: 1\n',
  'tab in a value': 'a: x\ty\n',
  'document marker': '---\na: 1\n',
  'document end': 'a: 1\n...\n',
  directive: '%YAML 1.2\n---\na: 1\n',
  'complex key': '? a\n: 1\n',
  'odd indentation': 'a:\n  b: 1\n c: 2\n',
  'deeper line after a scalar': 'a: 1\n  b: 2\n',
  'hash not after a space': 'a: x#y\n',
  'colon space in a value': 'a: b: c\n',
  'colon at the end of a value': 'a: b:\n',
  'quoted then text': 'a: "x" y\n',
  'quoted then hash': 'a: "x"#c\n',
  'key with a space before the colon': 'a : 1\n',
  'quoted key with a space before the colon': '"a" : 1\n',
  BOM: '\ufeffa: 1\nb: x\n',
  'BOM in the middle': 'a: x\ufeffy\n',
  'top level sequence': '- a\n- b\n',
  'top level scalar': 'x\n',
  'empty document': '',
  'only comments': '# x\n',
  'indented top level': '  a: 1\n  b: 2\n',
  'sequence at the key indent': 'a:\n- x\n- y\nb: 1\n',
  'empty sequence item': 'a:\n  -\n  - x\n',
  'nested inline sequence': 'a:\n  - - x\n',
  'two spaces after a dash': 'a:\n  -  x\n',
  'dash without space': 'a:\n  -x\n',
  'map line in a sequence': 'a:\n  - x\n  b: 1\n',
  'sequence line in a map': 'a:\n  b: 1\n  - x\n',
  'lone carriage return': 'a: 1\rb: 2\n',
  'control character': 'a: x\u0007y\n',
  'NEL': 'a: x\u0085y\n',
  'line separator': 'a: x\u2028y\n',
  'indicator starts': 'a: @x\nb: `x`\n',
  'percent start': 'a: %x\n',
  'question start': 'a: ?x\n',
  'colon start': 'a: :x\n',
  'comma start': 'a: ,x\n',
  'dash alone as a value': 'a: -\n',
  'long key': `${'k'.repeat(1100)}: 1\n`,
  'very long line': `a: ${'x'.repeat(20000)}\n`,
  'unclosed quote': 'a: "x\n',
  'key: value: value': 'a: b: c: d\n',
  'comment right after colon': 'a:#c\n',
  'sequence of maps with comments': 'a:\n  - b: 1 # x\n    # y\n    c: 2\n',
  'a key colon inside a comment': 'a:\n  - x # see: y\n',
  'quoted key then value': '"a b": 1\n\'c\'\'d\': 2\n',
  'quoted key colon without space': '"a":1\n',
  'empty key': ': 1\n',
  'too many nodes': `a:\n${'  - 1\n'.repeat(100_001)}`,
  'deep nesting': Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n',
  'nesting at the limit': Array.from({ length: 64 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n',
};

describe('hand-written documents', () => {
  it.each(Object.entries(PLAIN))('reads %s as yaml does', (_name, text) => {
    expect(compare(text)).toBe('fast');
  });

  it.each(Object.entries(TRICKY))('leaves %s to yaml, or reads it as yaml does', (_name, text) => {
    compare(text);
  });

  it('gives up where yaml reports a problem or reads the text its own way', () => {
    for (const name of ['merge key with anchors', 'anchor and alias', 'tag', 'duplicate key', 'duplicate key, quoted and not', 'duplicate null keys', 'duplicate codes in items', 'same number, two spellings', 'same bool, two spellings', 'bool and string true', 'proto key', 'flow: trailing comma', 'flow: duplicate keys', 'flow: over lines', 'block scalar', 'folded: blank line inside', 'folded: more-indented line', 'multi-line plain', 'escapes', 'tabs in indentation', 'document marker', 'complex key', 'odd indentation', 'colon space in a value', 'BOM in the middle', 'top level sequence', 'empty document', 'empty key', 'deep nesting']) {
      expect(parseFastYaml(TRICKY[name]!), name).toBeUndefined();
    }
  });

  it('still reports what the reference reports, through parseYamlDoc', () => {
    const dup = parseYamlDoc('items:\n  1.2: a\n  "1.2": b\n', 'u.yaml');
    expect(dup.doc).toBeUndefined();
    expect(dup.findings.map((f) => `${f.code}@${f.line}:${f.column}`)).toEqual(['yaml.duplicate_key@3:3']);
    const many = parseYamlDoc(TRICKY['too many nodes']!, 'u.yaml');
    expect(many.findings.map((f) => f.code)).toEqual(['yaml.too_many_nodes']);
    const bom = parseYamlDoc('\ufeffa: 1\n', 'u.yaml');
    expect(bom.doc?.data).toEqual({ a: 1 });
  });

  it('resolves plain scalars as yaml core schema does', () => {
    const samples = ['0', '-0', '+0', '00', '012', '0o17', '0o8', '0x1F', '0X1F', '0xg', '1e3', '1E3', '1e+3', '1e-3', '.5', '5.', '-.5', '+.5', '.', '..', '1.2.3', '3.10', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', '-.nan', 'inf', 'NaN', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'yes', 'no', 'on', 'off', 'y', 'n', '1_000', '0b11', '12345678901234567890', '1e400', '-1e400', '0.1e1', '1.', '+', '+-1', '-x', '--', 'x', 'tr', 'nu', 'f'];
    for (const s of samples) expect(sameData(resolvePlain(s), parse(`a: ${s}\n`).a), s).toBeUndefined();
  });
});

/** mulberry32: the same documents on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('random documents from the plain grammar, and mutations of them', () => {
  // Mostly what unit files hold; now and then something the reader must give up on or get exactly right.
  const KEYS = ['a', 'b', 'c', 'd', 'items', 'rounds', 'value', '1.2', '3.10', '3.1', '"3.1"', "'x y'", 'Lạng Sơn', 'é'.normalize('NFD')];
  const ODD_KEYS = ['true', 'True', 'null', '~', '1e3', '1000', '0x1F', '"a"', '<<', '-x', '? a', '&a b', '"a\\"', 'a b', 'a#b', '__proto__'];
  const SCALARS = ['1', '-0', '0.896', '3.10', '"20100"', "'it''s'", 'x y', 'UBND xã Hoàng Việt', 'true', '~', '', '.inf', '1e3', 'a #c', '"q" # c', '{}', '[]', '{ a: 1, 3.10: x y }', '[x, "y", 2]', '{ b: [1, { c: ~ }] }', '>-'];
  const ODD_SCALARS = ['True', '.nan', '0o17', 'http://x', 'x#y', 'a: b', '[1]', '{a: 1}', '{ }', '&a x', '*a', '!t x', '|', '>', '"\\n"', '- x', 'x ', '\u00a0', "'a''", '"a"b', '@x', '%x', '-', '---', '...', '{ a: 1, }', '[a: b]', '{ a: b, a: c }', '[x,y]', '{ "a":1 }', '>', '|-'];
  const MUTATIONS = ['\t', '\r', '\r\n', '#', ' #', ': ', ':', '-', '- ', '"', "'", '&', '*', '!', '[', '{', '|', '>', '?', ' ', '  ', '\n', '\n  ', '---', '%', '\ufeff', '\u0085', 'é'.normalize('NFD')];

  function doc(r: () => number): string {
    const one = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const pick = (xs: readonly string[]) => (r() < 0.05 ? one(xs === KEYS ? ODD_KEYS : ODD_SCALARS) : one(xs));
    const lines: string[] = [];
    const block = (indent: number, depth: number) => {
      const n = 1 + Math.floor(r() * 4);
      const seq = depth > 0 && r() < 0.3;
      for (let i = 0; i < n; i++) {
        const pad = ' '.repeat(indent);
        if (r() < 0.1) lines.push(r() < 0.5 ? '' : `${' '.repeat(Math.floor(r() * 6))}# c`);
        const head = seq ? `${pad}- ` : pad;
        if (seq && r() < 0.5) {
          lines.push(`${head}${pick(SCALARS)}`);
          continue;
        }
        const key = pick(KEYS);
        if (depth < 3 && r() < 0.35) {
          lines.push(`${head}${key}:`);
          block(indent + (seq ? 2 : 0) + 1 + Math.floor(r() * 3), depth + 1);
        } else {
          const value = pick(SCALARS);
          lines.push(`${head}${key}: ${value}${r() < 0.1 ? ' # note' : ''}`);
          // A block scalar's lines, deeper than its key.
          if (value.startsWith('>') || value.startsWith('|')) {
            const at = ' '.repeat(indent + (seq ? 2 : 0) + 1 + Math.floor(r() * 3));
            for (let k = Math.floor(r() * 3); k >= 0; k--) lines.push(`${at}${pick(SCALARS)}`);
          }
        }
        if (seq && r() < 0.5) lines.push(`${pad}  ${pick(KEYS)}: ${pick(SCALARS)}`);
      }
    };
    block(0, 0);
    return lines.join(r() < 0.1 ? '\r\n' : '\n') + (r() < 0.8 ? '\n' : '');
  }

  it('agree on 500 seeded documents', () => {
    const r = rng(20241228);
    let fast = 0;
    for (let i = 0; i < 500; i++) {
      let text = doc(r);
      if (i % 2 === 1) {
        const at = Math.floor(r() * (text.length + 1));
        text = text.slice(0, at) + MUTATIONS[Math.floor(r() * MUTATIONS.length)]! + text.slice(at);
      }
      // (What the reader leaves alone goes through parseYaml itself: the hand-written cases check that path.)
      if (compare(text, `random-${i}.yaml`, { leftAlone: false }) === 'fast') fast++;
    }
    // The grammar is plain enough that many documents are read fast, so both paths are really compared.
    expect(fast).toBeGreaterThan(80);
  });
});
