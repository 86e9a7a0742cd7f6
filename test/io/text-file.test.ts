import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, firstBadUtf8 } from '../../src/io/decode-text.js';
import { readText, readTextSync } from '../../src/io/text-file.js';
import { sha256File } from '../../src/io/provenance.js';

const NAME = 'UBND xã Hoàng Việt';
const LINES = `unit:\n  name: ${NAME}\n`;

/** "UBND xã Hoàng Việt" as Windows-1258 writes it: base letters with combining tone marks, one byte each. */
const CP1258 = Buffer.from([
  ...Buffer.from('unit:\n  name: UBND x', 'latin1'),
  0x61, 0xde, // a + combining tilde
  ...Buffer.from(' Ho', 'latin1'),
  0xe0, // à
  ...Buffer.from('ng Vi', 'latin1'),
  0xea, 0xf2, // ê + combining dot below
  ...Buffer.from('t\n', 'latin1'),
]);

const utf16 = (s: string, le: boolean) => {
  const b = Buffer.from(`\uFEFF${s}`, 'utf16le');
  return le ? b : b.swap16();
};

async function both(bytes: Uint8Array) {
  const dir = await mkdtemp(join(tmpdir(), 'cchc-text-'));
  const file = join(dir, 'f.yaml');
  await writeFile(file, bytes);
  const a = await readText(file);
  const s = readTextSync(file);
  // One reader in two forms: same text, same findings.
  expect(s).toEqual(a);
  return a;
}

const where = (r: { findings: ReadonlyArray<{ code: string; line?: number; column?: number }> }) =>
  r.findings.map((f) => `${f.code}@${f.line}:${f.column}`);

describe('text encodings', () => {
  it('reads Notepad\'s "Unicode" and "Unicode big endian" (UTF-16 with a mark) and UTF-8 with a mark', async () => {
    expect((await both(utf16(LINES, true))).text).toBe(LINES);
    expect((await both(utf16(LINES, false))).text).toBe(LINES);
    expect((await both(Buffer.from(`\uFEFF${LINES}`, 'utf8'))).text).toBe(LINES);
  });

  it('refuses ANSI text (Windows-1258, Latin-1) at its first bad byte, never giving U+FFFD', async () => {
    expect(where(await both(CP1258))).toEqual(['file.not_utf8@2:16']);
    // Latin-1 on the third line: ã is byte 0xE3, followed by a space.
    const latin1 = Buffer.from(`a: 1\nb: 2\nname: UBND xã Hoàng\n`, 'latin1');
    expect(where(await both(latin1))).toEqual(['file.not_utf8@3:13']);
    // The column counts the letters before the bad byte, the Vietnamese ones once each.
    const mixed = Buffer.concat([Buffer.from('name: Việt ', 'utf8'), Buffer.from([0xe0, 0x20])]);
    expect(where(await both(mixed))).toEqual(['file.not_utf8@1:12']);
  });

  it('refuses UTF-16 without its mark (NUL bytes), a lone surrogate, and UTF-32', async () => {
    expect(where(await both(Buffer.from(LINES, 'utf16le')))).toEqual(['file.not_utf8@1:2']);
    const lone = Buffer.concat([utf16('a: 1\nb: ', true), Buffer.from([0x00, 0xd8, 0x41, 0x00])]);
    expect(where(await both(lone))).toEqual(['file.not_utf8@2:4']);
    expect(where(await both(Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0])))).toEqual(['file.not_utf8@1:1']);
  });

  it('gives NFC text for decomposed (macOS) input', async () => {
    const r = await both(Buffer.from(LINES.normalize('NFD'), 'utf8'));
    expect(LINES.normalize('NFD')).not.toBe(LINES);
    expect(r.text).toBe(LINES);
  });

  it('finds the first bad UTF-8 byte by the same rules as a fatal decoder', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
    // Bytes drawn near the UTF-8 boundaries, so overlongs, surrogates and truncations come up often.
    const pool = [0x41, 0x0a, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
    for (let t = 0; t < 20_000; t++) {
      const b = Uint8Array.from({ length: 1 + (rnd() % 6) }, () => pool[rnd() % pool.length]!);
      let ok = true;
      try {
        fatal.decode(b);
      } catch {
        ok = false;
      }
      expect(firstBadUtf8(b) === -1, Buffer.from(b).toString('hex')).toBe(ok);
    }
    expect(decodeText(Buffer.from('ok ✓ 𝄞', 'utf8'))).toEqual({ text: 'ok ✓ 𝄞' });
  });

});

describe('files that are not plain files', () => {
  it('names a broken symbolic link as such', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cchc-link-'));
    const link = join(dir, 'u.yaml');
    await symlink(join(dir, 'nowhere.yaml'), link);
    expect((await readText(link)).findings.map((f) => f.code)).toEqual(['file.broken_link']);
    expect(readTextSync(link).findings.map((f) => f.code)).toEqual(['file.broken_link']);
  });

  it('refuses a device without reading it', async () => {
    expect((await readText('/dev/zero')).findings.map((f) => f.code)).toEqual(['file.not_regular']);
    expect(readTextSync('/dev/zero').findings.map((f) => f.code)).toEqual(['file.not_regular']);
  });
});

describe('hashing a file for provenance', () => {
  it.skipIf(process.platform === 'win32')('gives the bytes’ SHA-256 of a file, and null for a FIFO without waiting on it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cchc-hash-'));
    await writeFile(join(dir, 'a.yaml'), LINES);
    expect(sha256File(join(dir, 'a.yaml'))).toBe(createHash('sha256').update(LINES).digest('hex'));
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    expect(sha256File(join(dir, 'pipe.yaml'))).toBeNull();
  });
});
