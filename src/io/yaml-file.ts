import { readFile, stat } from 'node:fs/promises';
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YNode } from 'yaml';
import type { Finding, YamlPath } from '../findings/finding.js';
import { finding } from '../findings/messages.js';

/** Larger inputs are refused rather than parsed for seconds: a unit file is ~20 KB, a catalog ~100 KB. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

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

function errno(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

/** Reads a file as UTF-8 text, turning the usual failures into findings. */
export async function readText(file: string): Promise<{ text?: string; findings: Finding[] }> {
  try {
    const st = await stat(file);
    if (st.isDirectory()) return { findings: [{ ...finding('file.is_directory', []), file }] };
    // A device or pipe reports size 0 and would be read without end (/dev/zero).
    if (!st.isFile()) return { findings: [{ ...finding('file.not_regular', []), file }] };
    if (st.size > MAX_FILE_BYTES) {
      return { findings: [{ ...finding('file.too_large', [], { size: st.size, limit: MAX_FILE_BYTES }), file }] };
    }
    return { text: await readFile(file, 'utf8'), findings: [] };
  } catch (e) {
    const code = errno(e);
    if (code === 'ENOENT') return { findings: [{ ...finding('file.not_found', []), file }] };
    return { findings: [{ ...finding('file.unreadable', [], { reason: code ?? String(e) }), file }] };
  }
}

/** What the yaml library's error codes mean, for someone typing evidence by hand. */
const YAML_PROBLEMS: Partial<Record<string, string>> = {
  BAD_INDENT: 'thụt lề không đúng (các khóa cùng cấp phải thẳng cột)',
  TAB_AS_INDENT: 'thụt lề bằng phím Tab: YAML chỉ nhận dấu cách',
  MISSING_CHAR: 'thiếu ký tự đóng (ngoặc ], } hoặc dấu nháy)',
  BLOCK_AS_IMPLICIT_KEY: 'khóa viết trên nhiều dòng, hoặc thiếu dấu hai chấm sau khóa',
  MULTILINE_IMPLICIT_KEY: 'khóa viết trên nhiều dòng, hoặc thiếu dấu hai chấm sau khóa',
  BAD_SCALAR_START: 'giá trị bắt đầu bằng ký tự đặc biệt (@, `, %…): hãy đặt trong ngoặc kép',
  BAD_DQ_ESCAPE: 'ký tự thoát \\ không hợp lệ trong chuỗi ngoặc kép',
  UNEXPECTED_TOKEN: 'ký tự không đúng chỗ (thường do thiếu dấu cách sau dấu hai chấm hoặc gạch đầu dòng)',
  MULTIPLE_DOCS: 'tệp chứa nhiều tài liệu YAML (---): mỗi tệp chỉ một',
  BLOCK_IN_FLOW: 'khối nhiều dòng nằm trong ngoặc { } hoặc [ ]',
  KEY_OVER_1024_CHARS: 'khóa dài quá 1024 ký tự',
  BAD_ALIAS: 'bí danh (alias) YAML không hợp lệ',
  ALIAS_PROPS: 'bí danh (alias) YAML không hợp lệ',
  MULTIPLE_ANCHORS: 'neo (anchor) YAML không hợp lệ',
  BAD_DIRECTIVE: 'chỉ thị YAML (%) không hợp lệ',
};

/**
 * Keys are codes: 1.2 and "1.2" are the same key, 3.1 and 3.10 are not (YAML's own test says the
 * opposite for both). Other equal values (~ and null, true and True) are the same key, as in YAML.
 */
function sameKeyText(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isScalar(a) || !isScalar(b)) return false;
  if (a.value === '<<' && b.value === '<<') return false; // YAML 1.1 merge keys may repeat
  // `source` is the text as written (a string for plain and quoted keys): no conversion in this hot loop.
  if ((a.source ?? String(a.value)) === (b.source ?? String(b.value))) return true;
  return a.value === b.value && typeof a.value !== 'number';
}

/** Parses YAML text, keeping source positions; duplicate keys and alias bombs become findings. */
export function parseYaml(text: string, file: string): Parsed {
  const lines = new LineCounter();
  const stripped = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (stripped.trim() === '') return { findings: [{ ...finding('file.empty', []), file, line: 1, column: 1 }] };
  const doc = parseDocument(stripped, { lineCounter: lines, uniqueKeys: sameKeyText, prettyErrors: false });
  const source: YamlSource = { file, doc, lines };
  if (doc.errors.length) {
    const findings = doc.errors.map((err): Finding => {
      const pos = lines.linePos(err.pos[0]);
      const f =
        err.code === 'DUPLICATE_KEY'
          ? finding('yaml.duplicate_key', [], { key: /^["']?([^:"'\n]*)/.exec(stripped.slice(err.pos[0]))?.[1]?.trim() || '?' })
          : finding('yaml.syntax', [], {
              // yaml files an unclosed [ or { under BAD_INDENT; its message says what is missing.
              problem: /end with an? [\]}]/.test(err.message)
                ? 'ngoặc [ hoặc { mở mà chưa đóng bằng ] hoặc }'
                : (YAML_PROBLEMS[err.code] ?? 'cấu trúc YAML không hợp lệ'),
              detail: err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
            });
      return { ...f, file, line: pos.line, column: pos.col };
    });
    return { source, findings };
  }
  // An unquoted item code is a number to YAML (3.10 → 3.1): the evidence's item keys keep the text as written.
  const items = isMap(doc.contents) ? doc.contents.get('items', true) : undefined;
  if (isMap(items)) {
    for (const pair of items.items) {
      if (isScalar(pair.key) && typeof pair.key.value === 'number' && pair.key.source) pair.key.value = pair.key.source;
    }
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    let offset = 0;
    visit(doc, { Alias: (_k, n) => ((offset = n.range?.[0] ?? 0), visit.BREAK) });
    const pos = lines.linePos(offset);
    return { source, findings: [{ ...finding('yaml.alias_limit', []), file, line: pos.line, column: pos.col }] };
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

/** The deepest node on a path that exists in the document (a missing key points at its parent). */
function nodeAt(doc: Document, path: YamlPath): YNode | null {
  let cur: unknown = doc.contents;
  for (const seg of path) {
    if (isMap(cur)) {
      const pair = cur.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
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
