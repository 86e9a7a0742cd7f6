import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryIn, looksLikePath, onDisk, refPath, searchOrder } from '../../src/io/catalog-store.js';

/**
 * Where catalogs are looked for. This machine runs Linux: Windows paths are tested through the pure
 * functions with node:path's win32 flavour (what node:path is on Windows); the file-system lookups
 * (entryIn, onDisk) are tested on real folders here.
 */
describe('the catalog search order', () => {
  it('is ./criteria, then each CCHC_CRITERIA folder (split on ":"), then the shipped folder', () => {
    expect(searchOrder('/w', '/a::/b: rel ', '/pkg/criteria', posix)).toEqual([
      { dir: '/w/criteria', source: 'cwd' },
      { dir: '/a', source: 'env' },
      { dir: '/b', source: 'env' },
      { dir: '/w/rel', source: 'env' },
      { dir: '/pkg/criteria', source: 'shipped' },
    ]);
    expect(searchOrder('/w', undefined, '/pkg/criteria', posix).map((d) => d.source)).toEqual(['cwd', 'shipped']);
  });

  it('on Windows splits CCHC_CRITERIA on ";" and keeps drive letters and UNC paths', () => {
    expect(searchOrder('C:\\tinh', 'D:\\bo-tieu-chi;\\\\may-chu\\chung\\tieu-chi;rieng', 'C:\\npm\\cchc\\criteria', win32)).toEqual([
      { dir: 'C:\\tinh\\criteria', source: 'cwd' },
      { dir: 'D:\\bo-tieu-chi', source: 'env' },
      { dir: '\\\\may-chu\\chung\\tieu-chi', source: 'env' },
      { dir: 'C:\\tinh\\rieng', source: 'env' },
      { dir: 'C:\\npm\\cchc\\criteria', source: 'shipped' },
    ]);
  });
});

describe('catalog: references written as paths', () => {
  it('on Windows: backslashes, .., drive letters and forward slashes', () => {
    expect(refPath('..\\tieu-chi\\tinh-2025.yaml', 'C:\\data\\don-vi', win32)).toBe('C:\\data\\tieu-chi\\tinh-2025.yaml');
    expect(refPath('C:\\data\\tinh-2025.yaml', 'D:\\khac', win32)).toBe('C:\\data\\tinh-2025.yaml');
    expect(refPath('d:/bo/tinh-2025.yaml', 'C:\\data', win32)).toBe('d:\\bo\\tinh-2025.yaml');
    expect(refPath('tieu-chi/tinh-2025.yaml', 'C:\\data', win32)).toBe('C:\\data\\tieu-chi\\tinh-2025.yaml');
    expect(looksLikePath('C:\\data\\tinh-2025')).toBe(true);
    expect(looksLikePath('tinh-2025')).toBe(false);
  });

  it('elsewhere: a reference written on Windows still names the file; a drive letter is kept as written', () => {
    expect(refPath('..\\tieu-chi\\tinh-2025.yaml', '/data/don-vi', posix)).toBe('/data/tieu-chi/tinh-2025.yaml');
    expect(refPath('../tieu-chi/tinh-2025.yaml', '/data/don-vi', posix)).toBe('/data/tieu-chi/tinh-2025.yaml');
    expect(refPath('C:\\data\\tinh-2025.yaml', '/data', posix)).toBe('C:\\data\\tinh-2025.yaml');
  });
});

describe('file names in either Unicode normal form', () => {
  const root = mkdtempSync(join(tmpdir(), 'cchc-nfd-'));
  const nfdDir = join(root, 'Bộ tiêu chí'.normalize('NFD'));
  const nfcDir = join(root, 'Sở Nội vụ'.normalize('NFC'));
  mkdirSync(nfdDir);
  mkdirSync(nfcDir);
  writeFileSync(join(nfdDir, 'tỉnh-2025.yaml'.normalize('NFD')), 'x: 1\n');
  writeFileSync(join(nfcDir, 'xã-2025.yaml'.normalize('NFC')), 'x: 1\n');

  it('an NFD name on disk is found by its NFC spelling, and an NFC name by its NFD spelling', () => {
    expect(entryIn(nfdDir, 'tỉnh-2025.yaml'.normalize('NFC'))).toBe(join(nfdDir, 'tỉnh-2025.yaml'.normalize('NFD')));
    expect(entryIn(nfcDir, 'xã-2025.yaml'.normalize('NFD'))).toBe(join(nfcDir, 'xã-2025.yaml'.normalize('NFC')));
    expect(entryIn(nfcDir, 'khác.yaml')).toBeUndefined();
  });

  it('every part of a path is matched that way', () => {
    expect(onDisk(join(root, 'Bộ tiêu chí', 'tỉnh-2025.yaml').normalize('NFC'))).toBe(join(nfdDir, 'tỉnh-2025.yaml'.normalize('NFD')));
    expect(onDisk(join(root, 'Sở Nội vụ', 'xã-2025.yaml').normalize('NFD'))).toBe(join(nfcDir, 'xã-2025.yaml'.normalize('NFC')));
    const missing = join(root, 'Bộ tiêu chí', 'không-có.yaml');
    expect(onDisk(missing)).toBe(missing);
  });
});
