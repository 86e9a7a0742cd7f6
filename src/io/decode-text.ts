/**
 * Bytes of a text file → NFC text, or the line and column where the file stops being text.
 *
 * Node's 'utf8' decoding silently turns a byte it cannot read into U+FFFD: a file saved as ANSI
 * (Windows-1258, Latin-1) would then give "UBND x� Ho�ng Vi�t" in tables, JSON and signed forms.
 * Here such a file is refused at its first bad byte instead. Windows Notepad's "Unicode" and
 * "Unicode big endian" (UTF-16 with a byte order mark) are read as what they are.
 *
 * The text comes back NFC (macOS and some web pages give decomposed Vietnamese): every later step,
 * key matching, codes, names in outputs, sees one form. Lines are unchanged by that; a column counts
 * a composed letter once, as an editor shows it.
 */
import { Buffer, isUtf8 } from 'node:buffer';

export type Decoded = { text: string } | { line: number; column: number };

const BOMS: ReadonlyArray<{ bytes: readonly number[]; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | null }> = [
  // UTF-32 first: its little-endian mark starts like UTF-16's. Nothing saves YAML as UTF-32: refused.
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: null },
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: null },
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

function bomOf(b: Uint8Array): { skip: number; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | null } {
  for (const bom of BOMS) {
    if (bom.bytes.every((x, i) => b[i] === x)) return { skip: bom.bytes.length, encoding: bom.encoding };
  }
  return { skip: 0, encoding: 'utf-8' };
}

/** Byte offset of the first byte that is not part of well-formed UTF-8 (the WHATWG decoder's rules), or -1. */
export function firstBadUtf8(b: Uint8Array, from = 0): number {
  let i = from;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // overlong
      if (c === 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Index of the first UTF-16 code unit that is an unpaired surrogate (or a lone last byte), or -1. */
function firstBadUtf16(b: Uint8Array, le: boolean): number {
  const n = b.length >> 1;
  const unit = (i: number) => (le ? b[2 * i]! | (b[2 * i + 1]! << 8) : (b[2 * i]! << 8) | b[2 * i + 1]!);
  for (let i = 0; i < n; i++) {
    const c = unit(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < n ? unit(i + 1) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return b.length % 2 ? n : -1;
}

/** Line and column (1-based, in NFC characters) of `index` in `text`, counted like yaml's LineCounter. */
function position(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: text.slice(start, index).normalize('NFC').length + 1 };
}

const lenient = (enc: string, b: Uint8Array) => new TextDecoder(enc, { ignoreBOM: true }).decode(b);

export function decodeText(bytes: Uint8Array): Decoded {
  const { skip, encoding } = bomOf(bytes);
  if (encoding === null) return { line: 1, column: 1 };
  const body = bytes.subarray(skip);
  let text: string;
  if (encoding === 'utf-8' && isUtf8(body)) {
    // Well-formed (the same rules as the fatal decoder): Node's own decoding is several times faster.
    text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  } else if (encoding === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      // The decoder does not say where: find the first bad byte by the same rules.
      const before = lenient('utf-8', body.subarray(0, Math.max(0, firstBadUtf8(body))));
      // UTF-16 without its mark shows NULs before its first non-ASCII letter: the earlier fault is the one to show.
      const nul = before.indexOf('\0');
      return position(before, nul === -1 ? Infinity : nul);
    }
  } else {
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      const bad = Math.max(0, firstBadUtf16(body, encoding === 'utf-16le'));
      return position(lenient(encoding, body.subarray(0, 2 * bad)), Infinity);
    }
  }
  // A NUL is no YAML or JSON character: a UTF-16 file without its mark, or a binary file.
  const nul = text.indexOf('\0');
  if (nul !== -1) return position(text, nul);
  return { text: text.normalize('NFC') };
}
