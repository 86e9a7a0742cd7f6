import { constants, inflateRawSync } from 'node:zlib';

/**
 * Checks a workbook's bytes before exceljs sees them. exceljs inflates every part into memory and builds
 * an object per row, cell, merged cell and validated cell: a zip bomb (1 MB that inflates to 1 GiB) or a
 * sheet of a million rows costs it more than a gigabyte and most of a minute. A filled template is a few
 * hundred rows and about a megabyte of XML; the limits below are far above that and far below harm.
 * Also tells other spreadsheet formats (.xls, .ods) apart, so they get a clear message.
 */
export const WORKBOOK_LIMITS = {
  /** Parts in the zip (a template has 13; a copy saved by a spreadsheet program a few more). */
  entries: 500,
  /** Bytes of all parts, inflated. */
  inflated: 32 * 1024 * 1024,
  /** Inflated ÷ compressed, for a part above 1 MiB: XML compresses about 10 times, a zip bomb 1 000. */
  ratio: 100,
  /** Rows of one sheet, by its declared dimension, and row elements of all sheets together. */
  rows: 5_000,
  totalRows: 20_000,
  /** Cells of all sheets together. */
  cells: 200_000,
  /** Cells covered by merged ranges and data validations, all sheets together: exceljs makes an entry for each. */
  area: 200_000,
} as const;

const RATIO_FLOOR = 1024 * 1024;
const MIB = 1024 * 1024;

export type Limit = 'entries' | 'inflated' | 'declared' | 'ratio' | 'rows' | 'cells' | 'area' | 'zip64';

export type Sniffed =
  | { kind: 'xlsx' }
  /** Another spreadsheet format, by its content. */
  | { kind: 'format'; format: 'xls' | 'ods' | 'xlsb' }
  /** A password-protected workbook: Excel wraps it in the .xls container. */
  | { kind: 'encrypted' }
  | { kind: 'not_zip' }
  /** `part`: the sheet's name when a sheet is too big, otherwise the zip part's name. */
  | { kind: 'too_big'; limit: Limit; found: number; max: number; part?: string };

interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

/** The central directory: the zip's own list of parts with their sizes, read without inflating anything. */
function centralDirectory(b: Buffer): ZipEntry[] | 'zip64' | undefined {
  // The end record is in the last 22 + 65 535 bytes (it may be followed by a comment).
  const from = Math.max(0, b.length - 22 - 0xffff);
  let end = -1;
  for (let i = b.length - 22; i >= from; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = b.readUInt16LE(end + 10);
  const cdOffset = b.readUInt32LE(end + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) return 'zip64';
  const out: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return undefined;
    const nameLen = b.readUInt16LE(p + 28);
    const e: ZipEntry = {
      method: b.readUInt16LE(p + 10),
      compressed: b.readUInt32LE(p + 20),
      size: b.readUInt32LE(p + 24),
      name: b.toString('utf8', p + 46, p + 46 + nameLen),
      offset: b.readUInt32LE(p + 42),
    };
    if (e.compressed === 0xffffffff || e.size === 0xffffffff || e.offset === 0xffffffff) return 'zip64';
    out.push(e);
    p += 46 + nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return out;
}

/** Where an entry's data starts: after its local header, whose name and extra field may differ in length. */
function dataStart(b: Buffer, e: ZipEntry): number | undefined {
  if (e.offset + 30 > b.length || b.readUInt32LE(e.offset) !== 0x04034b50) return undefined;
  return e.offset + 30 + b.readUInt16LE(e.offset + 26) + b.readUInt16LE(e.offset + 28);
}

/** An entry's bytes, never more than `cap`: a part that inflates beyond what it declared is refused. */
function inflate(b: Buffer, e: ZipEntry, cap: number): Buffer | 'too_big' | undefined {
  const start = dataStart(b, e);
  if (start === undefined || start + e.compressed > b.length) return undefined;
  const data = b.subarray(start, start + e.compressed);
  if (e.method === 0) return data.length > cap ? 'too_big' : data;
  if (e.method !== 8) return undefined;
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(cap, 1) });
  } catch (err) {
    return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too_big' : undefined;
  }
}

/** The first kilobytes of a part, inflated from a short prefix of its data: enough for a sheet's <dimension>. */
function head(b: Buffer, e: ZipEntry): string {
  const start = dataStart(b, e);
  if (start === undefined) return '';
  const prefix = b.subarray(start, Math.min(start + e.compressed, start + 4096));
  if (e.method === 0) return prefix.toString('utf8');
  try {
    return inflateRawSync(prefix, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 8 * MIB }).toString('utf8', 0, 64 * 1024);
  } catch {
    return '';
  }
}

const isSheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);

/** Rows and columns of a range like A1:J150 (or one cell, B2). */
function rangeSize(ref: string): { rows: number; cells: number } {
  const [a, b = a] = ref.split(':');
  const cell = (s: string | undefined) => {
    const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(s ?? '');
    if (!m) return undefined;
    let col = 0;
    for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { col, row: Number(m[2]) };
  };
  const p = cell(a);
  const q = cell(b);
  if (!p || !q) return { rows: 0, cells: 0 };
  const rows = Math.abs(q.row - p.row) + 1;
  return { rows: Math.max(p.row, q.row), cells: rows * (Math.abs(q.col - p.col) + 1) };
}

interface Counts {
  rows: number;
  cells: number;
  area: number;
}

/** Adds one sheet's rows, cells and range areas to the workbook's counts; the first limit passed, if any. */
function countSheet(xml: string, part: string, n: Counts): Sniffed | undefined {
  const L = WORKBOOK_LIMITS;
  const rows = xml.match(/<(?:\w+:)?row[\s>/]/g)?.length ?? 0;
  if (rows > L.rows) return { kind: 'too_big', limit: 'rows', found: rows, max: L.rows, part };
  n.rows += rows;
  if (n.rows > L.totalRows) return { kind: 'too_big', limit: 'rows', found: n.rows, max: L.totalRows };
  n.cells += xml.match(/<(?:\w+:)?c[\s>/]/g)?.length ?? 0;
  if (n.cells > L.cells) return { kind: 'too_big', limit: 'cells', found: n.cells, max: L.cells };
  for (const m of xml.matchAll(/<(?:\w+:)?(?:mergeCell\s[^>]*?\bref|dataValidation\s[^>]*?\bsqref)="([^"]*)"/g)) {
    for (const ref of m[1]!.trim().split(/\s+/)) n.area += rangeSize(ref).cells;
    if (n.area > L.area) return { kind: 'too_big', limit: 'area', found: n.area, max: L.area, part };
  }
  return undefined;
}

/**
 * What the bytes are, and whether they are small enough to hand to exceljs. Cheap checks first: the
 * format, the zip's own list of parts (count, declared sizes, compression ratio), each sheet's declared
 * dimension; then every part is inflated with a cap, so a part that lies about its size is caught too,
 * and the sheets' rows, cells and ranges are counted.
 */
export function sniffWorkbook(b: Buffer): Sniffed {
  const found = sniff(b);
  if (found.kind !== 'too_big' || found.part === undefined) return found;
  const list = centralDirectory(b);
  return Array.isArray(list) ? { ...found, part: sheetNames(b, list).get(found.part) ?? found.part } : found;
}

/** Sheet names by part (xl/worksheets/sheet3.xml → "Tự đánh giá"), from the workbook and its relationships. */
function sheetNames(b: Buffer, list: ZipEntry[]): Map<string, string> {
  const text = (name: string) => {
    const e = list.find((x) => x.name === name);
    const data = e && inflate(b, e, MIB);
    return Buffer.isBuffer(data) ? data.toString('utf8') : '';
  };
  const targets = new Map<string, string>();
  for (const m of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\s[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of text('xl/workbook.xml').matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const part = id && targets.get(id);
    if (name && part) out.set(part, unescapeXml(name));
  }
  return out;
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });

function sniff(b: Buffer): Sniffed {
  const L = WORKBOOK_LIMITS;
  if (b.length >= 8 && b.subarray(0, 8).equals(OLE2)) {
    return b.includes(Buffer.from('EncryptedPackage', 'utf16le')) ? { kind: 'encrypted' } : { kind: 'format', format: 'xls' };
  }
  if (b.length < 22 || b.readUInt32LE(0) !== 0x04034b50) return { kind: 'not_zip' };
  const list = centralDirectory(b);
  if (list === 'zip64') return { kind: 'too_big', limit: 'zip64', found: 0, max: 0 };
  if (!list) return { kind: 'not_zip' };
  if (list.length > L.entries) return { kind: 'too_big', limit: 'entries', found: list.length, max: L.entries };

  const mime = list.find((e) => e.name === 'mimetype');
  if (mime) {
    const data = inflate(b, mime, 1024);
    if (Buffer.isBuffer(data) && data.toString('latin1').trim() === ODS_MIME) return { kind: 'format', format: 'ods' };
  }
  if (list.some((e) => e.name === 'xl/workbook.bin')) return { kind: 'format', format: 'xlsb' };

  for (const e of list.filter((x) => isSheet(x.name))) {
    const dim = /<(?:\w+:)?dimension\s+ref="([^"]+)"/.exec(head(b, e));
    const rows = dim ? rangeSize(dim[1]!).rows : 0;
    if (rows > L.rows) return { kind: 'too_big', limit: 'rows', found: rows, max: L.rows, part: e.name };
  }
  let declared = 0;
  for (const e of list) {
    declared += e.size;
    if (declared > L.inflated) return { kind: 'too_big', limit: 'inflated', found: declared, max: L.inflated };
    if (e.size > RATIO_FLOOR && e.size > e.compressed * L.ratio) {
      return { kind: 'too_big', limit: 'ratio', found: Math.floor(e.size / Math.max(1, e.compressed)), max: L.ratio, part: e.name };
    }
  }
  let inflated = 0;
  const counts: Counts = { rows: 0, cells: 0, area: 0 };
  for (const e of list) {
    const data = inflate(b, e, e.size);
    // Larger than declared: the directory lies, as only a crafted file's does.
    if (data === 'too_big') return { kind: 'too_big', limit: 'declared', found: e.size, max: e.size, part: e.name };
    if (!data) continue; // damaged or unknown compression: exceljs says "not a workbook"
    inflated += data.length;
    if (inflated > L.inflated) return { kind: 'too_big', limit: 'inflated', found: inflated, max: L.inflated };
    if (isSheet(e.name)) {
      const problem = countSheet(data.toString('utf8'), e.name, counts);
      if (problem) return problem;
    }
  }
  return { kind: 'xlsx' };
}
