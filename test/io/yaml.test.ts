import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvidenceText } from '../../src/io/evidence-file.js';
import type { YAMLMap } from 'yaml';
import { finding } from '../../src/core/findings/codes.js';
import { findingMessage } from '../../src/reporters/format-finding.js';
import { locate, MAX_FILE_BYTES, MAX_YAML_MARKS, parseYaml } from '../../src/io/yaml-file.js';
import { readText } from '../../src/io/text-file.js';

const where = (fs: ReadonlyArray<{ code: string; line?: number; column?: number; item?: string }>) =>
  fs.map((f) => `${f.code}@${f.line}:${f.column}${f.item ? `#${f.item}` : ''}`);

const unit = `unit:
  code: "1"
  name: UBND xã A
  level: xa
  province: Lạng Sơn
catalog: xa-mau-2024
year: 2024
`;

describe('YAML reading', () => {
  it('reports a duplicate key at its position', () => {
    const r = parseYaml('a: 1\nb: 2\na: 3\n', 'f.yaml');
    expect(where(r.findings)).toEqual(['yaml.duplicate_key@3:1']);
    expect(r.findings[0]!.args.key).toBe('a');
  });

  it('treats a code written with and without quotes as the same key, and keeps unquoted codes as written', () => {
    const dup = parseYaml('items:\n  1.2: {value: 1}\n  "1.2": {value: 0}\n', 'u.yaml');
    expect(where(dup.findings)).toEqual(['yaml.duplicate_key@3:3']);
    // YAML reads 3.10 as the number 3.1: the criterion code 3.10 must not become 3.1.
    const codes = parseYaml('items:\n  3.10: {value: 1}\n  3.1: {value: 0}\n', 'u.yaml');
    expect(codes.findings).toEqual([]);
    expect(Object.keys((codes.data as { items: object }).items)).toEqual(['3.10', '3.1']);
    // Other keys equal in value are still one key, as YAML has it.
    expect(where(parseYaml('a:\n  ~: 1\n  null: 2\n', 'u.yaml').findings)).toEqual(['yaml.duplicate_key@3:3']);
  });

  it('reports syntax errors with line and column', () => {
    const r = parseYaml('a: [1, 2\nb: 3\n', 'f.yaml');
    expect(r.findings[0]!.code).toBe('yaml.syntax');
    expect(r.findings[0]!.line).toBeGreaterThan(0);
  });

  it('stops an alias bomb quickly instead of expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const p = String.fromCharCode(97 + i - 1);
      lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${p}`).join(',')}]`);
    }
    const t = performance.now();
    const r = parseYaml(`${lines.join('\n')}\n`, 'bomb.yaml');
    expect(performance.now() - t).toBeLessThan(5_000);
    expect(r.findings.map((f) => f.code)).toEqual(['yaml.alias_limit']);
  });

  it('refuses empty files and non-mappings', () => {
    expect(parseYaml('  \n# only a comment\n', 'e.yaml').findings.map((f) => f.code)).toEqual(['file.empty']);
    expect(parseYaml('- a\n- b\n', 'l.yaml').findings.map((f) => f.code)).toEqual(['yaml.not_mapping']);
  });

  it('turns directories, missing and oversized files into findings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cchc-'));
    expect((await readText(dir)).findings.map((f) => f.code)).toEqual(['file.is_directory']);
    expect((await readText(join(dir, 'nope.yaml'))).findings.map((f) => f.code)).toEqual(['file.not_found']);
    const big = join(dir, 'big.yaml');
    await writeFile(big, Buffer.alloc(MAX_FILE_BYTES + 1, 0x61));
    expect((await readText(big)).findings.map((f) => f.code)).toEqual(['file.too_large']);
  });
});

describe('schema findings carry positions and criterion codes', () => {
  it('points at the offending value, key or parent', () => {
    const text = `${unit}items:
  "1.1.1":
    value: true
    claimed: "một"
    ghi_chu: x
  "1.1.2":
    documents:
      - type: Kế hoạch
        number: 1/KH-UBND
        date: 32-01-2024
        issuer: UBND
`;
    const r = parseEvidenceText(text, 'u.yaml');
    expect(where(r.findings)).toEqual([
      'schema.invalid_type@11:14#1.1.1',
      'schema.unknown_key@12:14#1.1.1',
      'schema.invalid_format@17:15#1.1.2',
    ]);
    // The format is named for people (the schema's code, "date", is not a format anyone can follow).
    const f = r.findings[2]!;
    expect(f.args.format).toBe('date');
    expect(findingMessage(f, 'vi')).toContain('dd/mm/yyyy');
    expect(findingMessage(f, 'en')).toContain('dd/mm/yyyy');
  });

  it('places a missing required field on its parent mapping', () => {
    const r = parseEvidenceText(unit.replace('  name: UBND xã A\n', ''), 'u.yaml');
    expect(where(r.findings)).toEqual(['schema.missing_key@2:3']);
    expect(r.findings[0]!.args.key).toBe('name');
  });

  it('keeps the rest of the file when errors sit inside single items, so later checks still run', () => {
    const text = `${unit}items:\n  "1.1":\n    value: { dung_han: -5, tong: 10 }\n  "1.2":\n    value: true\n    claimed: "một"\n  "1.3":\n    value: true\n`;
    const r = parseEvidenceText(text, 'u.yaml');
    expect(r.findings.map((f) => f.code)).toEqual(['schema.too_small', 'schema.invalid_type']);
    expect(Object.keys(r.evidence!.items)).toEqual(['1.3']);
    expect([...r.skipped!]).toEqual(['1.1', '1.2']);
  });

  it('gives no evidence when the unit itself is wrong', () => {
    const text = `${unit.replace('  level: xa\n', '  level: thon\n')}items:\n  "1.1":\n    value: "x"\n`;
    const r = parseEvidenceText(text, 'u.yaml');
    expect(r.findings.map((f) => f.code)).toEqual(['schema.invalid_value']);
    expect(r.evidence).toBeUndefined();
  });

  it('rejects negative counts inside a value', () => {
    const r = parseEvidenceText(`${unit}items:\n  "3.1":\n    value: { dung_han: -5, tong: 10 }\n`, 'u.yaml');
    expect(r.findings.map((f) => f.code)).toEqual(['schema.too_small']);
    expect(r.findings[0]!.line).toBe(10);
  });
});

describe('YAML aliases that cannot be expanded', () => {
  it('reports an alias inside its own anchor at the alias, for sequences, maps and merge keys', () => {
    expect(where(parseYaml('a: &x [ *x ]\n', 'c.yaml').findings)).toEqual(['yaml.alias_cycle@1:9']);
    expect(where(parseYaml('a:\n  b: &x { k: *x }\n', 'c.yaml').findings)).toEqual(['yaml.alias_cycle@2:14']);
    expect(where(parseYaml('a: &x\n  b: 1\n  c:\n    - d: *x\n', 'c.yaml').findings)).toEqual(['yaml.alias_cycle@4:10']);
    // A merge key is a plain key in YAML 1.2, a merge in 1.1: a cycle either way.
    expect(where(parseYaml('a: &x { b: 1, <<: *x }\n', 'c.yaml').findings)).toEqual(['yaml.alias_cycle@1:19']);
    expect(where(parseYaml('%YAML 1.1\n---\na: &x { b: 1, <<: *x }\n', 'c.yaml').findings)).toEqual(['yaml.alias_cycle@3:19']);
    expect(parseYaml('a: &x { b: 1, <<: *x }\n', 'c.yaml').findings[0]!.args.anchor).toBe('x');
  });

  it('reports an alias whose anchor is not set before it', () => {
    expect(where(parseYaml('a: *y\nb: &y 1\n', 'c.yaml').findings)).toEqual(['yaml.alias_unknown@1:4']);
  });

  it('still reads ordinary aliases and merges', () => {
    const r = parseYaml('a: &x { k: 1 }\nb: [*x, *x]\nc: &x 2\nd: *x\n', 'c.yaml');
    expect(r.findings).toEqual([]);
    expect(r.data).toEqual({ a: { k: 1 }, b: [{ k: 1 }, { k: 1 }], c: 2, d: 2 });
    expect(parseYaml('%YAML 1.1\n---\na: &x { k: 1 }\nb: { <<: *x, j: 2 }\n', 'c.yaml').data).toEqual({ a: { k: 1 }, b: { k: 1, j: 2 } });
  });

  it('reports repeated keys together with syntax errors, in file order', () => {
    const r = parseYaml('a: 1\nb: [1\na: 2\n', 'f.yaml');
    expect(r.findings.map((f) => f.code).sort()).toEqual(['yaml.duplicate_key', 'yaml.syntax']);
    expect(where(parseYaml('x:\n  true: 1\n  True: 2\n  "true": 3\n', 'f.yaml').findings)).toEqual([
      'yaml.duplicate_key@3:3',
      'yaml.duplicate_key@4:3',
    ]);
  });
});

describe('unit codes YAML reads as numbers', () => {
  const withCode = (code: string, extra = '') => unit.replace('  code: "1"\n', `  code: ${code}\n${extra}`);

  it('asks to quote the code, quoting it exactly as written', () => {
    const r = parseEvidenceText(withCode('20101'), 'u.yaml');
    expect(where(r.findings)).toEqual(['evidence.code_unquoted@2:9']);
    expect(r.findings[0]!.args.code).toBe('20101');
    expect(r.evidence).toBeUndefined();
  });

  it('never turns a leading-zero code into another number', () => {
    // YAML reads 012345 as 12345: the finding shows the code from the source text.
    const r = parseEvidenceText(withCode('012345'), 'u.yaml');
    expect(r.findings.map((f) => [f.code, f.args.code])).toEqual([['evidence.code_unquoted', '012345']]);
  });

  it('checks merged units\' codes too', () => {
    const r = parseEvidenceText(withCode('"20101"', '  predecessors: [20102, "20103", 0099]\n'), 'u.yaml');
    expect(r.findings.map((f) => [f.code, f.args.code, f.path.join('.')])).toEqual([
      ['evidence.code_unquoted', '20102', 'unit.predecessors.0'],
      ['evidence.code_unquoted', '0099', 'unit.predecessors.2'],
    ]);
  });
});

describe('positions of many findings', () => {
  it('looks each key up once per map, not once per finding (no quadratic scan)', () => {
    const n = 3_000;
    const lines = Array.from({ length: n }, (_, i) => `  "9.${i}": { value: 1 }`);
    const parsed = parseYaml(`items:\n${lines.join('\n')}\n`, 'big.yaml');
    const items = (parsed.source!.doc.contents as YAMLMap).get('items', true) as unknown as YAMLMap;
    let reads = 0;
    items.items = new Proxy(items.items, {
      get(target, key, receiver) {
        reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const located = locate(
      parsed.source!,
      Array.from({ length: n }, (_, i) => finding('evidence.unknown_code', ['items', `9.${i}`])),
    );
    expect(located[n - 1]!.line).toBe(n + 1);
    // A scan per finding reads n²/2 ≈ 4 500 000 entries; an index reads each entry a few times.
    expect(reads).toBeLessThan(10 * n);
  });
});

describe('YAML too large to hold', () => {
  it('refuses a file with more structure than any real one before parsing it, where the limit is crossed', () => {
    const r = parseYaml(`a:\n  - [${'1,'.repeat(MAX_YAML_MARKS)}1]\n`, 'bomb.yaml');
    expect(r.findings.map((f) => f.code)).toEqual(['yaml.too_many_nodes']);
    expect([r.findings[0]!.line, r.findings[0]!.column]).toEqual([2, 5 + 2 * (MAX_YAML_MARKS - 3)]); // a: \n - [ are marks 1-4, then commas
    expect(r.source).toBeUndefined();
  });
});
