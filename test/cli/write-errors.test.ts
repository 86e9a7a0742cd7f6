import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFailure } from '../../src/io/atomic-write.js';
import { cli } from './run.js';

/**
 * Errors a test run as root cannot provoke for real (a full disk, a read-only drive, a file open in
 * Excel) are simulated: writing a temporary file whose name holds an error code fails with that code.
 * cchc calls fs.writeFile and fs.open through the module object, so replacing them there is seen by it.
 */
const simulated = (file: unknown) => (typeof file === 'string' ? /\b(E[A-Z]+)-SIMULATED/.exec(file)?.[1] : undefined);
beforeAll(() => {
  const writeFile = fs.writeFile.bind(fs);
  const open = fs.open.bind(fs);
  vi.spyOn(fs, 'writeFile').mockImplementation(async (file, data, options) => {
    const code = simulated(file);
    if (code) {
      await writeFile(file, 'partial');
      throw Object.assign(new Error(`${code}: simulated`), { code });
    }
    return writeFile(file, data, options);
  });
  // A file written piece by piece (the streamed ranking workbook): its writes fail the same way.
  vi.spyOn(fs, 'open').mockImplementation(async (file, flags, mode) => {
    const code = simulated(file);
    const handle = await open(file, flags, mode);
    if (!code) return handle;
    const write = async () => {
      await handle.writeFile('partial');
      throw Object.assign(new Error(`${code}: simulated`), { code });
    };
    return new Proxy(handle, { get: (h, k) => (k === 'write' ? write : (Reflect.get(h, k) as unknown) instanceof Function ? (Reflect.get(h, k) as () => unknown).bind(h) : Reflect.get(h, k)) });
  });
});
afterAll(() => vi.restoreAllMocks());

const MINI = 'test/fixtures/mini/unit.yaml';
const tmp = () => mkdtempSync(join(tmpdir(), 'cchc-write-'));

describe('why a write failed, in plain words', () => {
  it('maps each system error to its own finding, the file named', () => {
    const cases: Array<[string, NodeJS.Platform, string]> = [
      ['EBUSY', 'linux', 'output.in_use'],
      ['EPERM', 'win32', 'output.in_use'],
      ['EACCES', 'win32', 'output.in_use'],
      ['EBUSY', 'win32', 'output.in_use'],
      ['EACCES', 'linux', 'output.not_allowed'],
      ['EPERM', 'darwin', 'output.not_allowed'],
      ['ENOENT', 'linux', 'output.no_folder'],
      ['ENOTDIR', 'linux', 'output.not_a_folder'],
      ['EISDIR', 'linux', 'output.is_directory'],
      ['ENOSPC', 'linux', 'output.disk_full'],
      ['EDQUOT', 'linux', 'output.disk_full'],
      ['EROFS', 'linux', 'output.read_only'],
      ['ENAMETOOLONG', 'linux', 'output.name_too_long'],
      ['EIO', 'linux', 'output.write_failed'],
    ];
    for (const [code, platform, expected] of cases) {
      const f = writeFailure(Object.assign(new Error(code), { code }), 'ra/ket-qua.xlsx', platform);
      expect([f.code, f.file], `${code} on ${platform}`).toEqual([expected, 'ra/ket-qua.xlsx']);
      if (expected !== 'output.is_directory') expect(f.args.reason).toBe(code);
    }
    expect(writeFailure(Object.assign(new Error(), { code: 'ENOENT' }), 'ra/ket-qua.xlsx').args.folder).toBe('ra');
  });

  it('a file open in Excel, a full disk, a read-only drive: a coded finding with the file, exit 2, no temporary file left', async () => {
    const dir = tmp();
    const expected: Record<string, string> = {
      EBUSY: 'output.in_use',
      ENOSPC: 'output.disk_full',
      EROFS: 'output.read_only',
      EACCES: process.platform === 'win32' ? 'output.in_use' : 'output.not_allowed',
    };
    for (const [code, finding] of Object.entries(expected)) {
      for (const args of [['-o', join(dir, `${code}-SIMULATED.json`), '--json'], ['--xlsx', join(dir, `${code}-SIMULATED.xlsx`)]]) {
        const r = await cli(['score', MINI, ...args]);
        expect(r.exitCode, `${code} ${args[0]}`).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(`${args[1]}: lỗi: không ghi được tệp (${code}): `);
        expect(r.stderr).toContain(`(${finding})`);
      }
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the ranking workbook, written as it is made: the same finding, no temporary file left', async () => {
    const dir = tmp();
    const r = await cli(['batch', 'test/batch/fixtures/mini', '-q', '--xlsx', join(dir, 'ENOSPC-SIMULATED.xlsx')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'ENOSPC-SIMULATED.xlsx')}: lỗi: không ghi được tệp (ENOSPC): `);
    expect(r.stderr).toContain('(output.disk_full)');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says what to do when the file is open: close it and run again', async () => {
    const dir = tmp();
    const r = await cli(['score', MINI, '--xlsx', join(dir, 'EBUSY-SIMULATED.xlsx')]);
    expect(r.stderr).toContain('tệp đang mở? hãy đóng tệp (ví dụ trong Excel) rồi chạy lại');
    const en = await cli(['--lang', 'en', 'score', MINI, '--xlsx', join(dir, 'ENOSPC-SIMULATED.xlsx')]);
    expect(en.stderr).toContain('the disk is full');
  });

  it('a missing output folder is named; a folder given as the output file is refused before writing', async () => {
    const dir = tmp();
    const missing = join(dir, 'khong-co', 'kq.json');
    for (const args of [
      ['score', MINI, '-o', missing],
      ['score', MINI, '--xlsx', missing],
      ['template', '--catalog', 'xa-mau-2024', '-o', missing],
      ['batch', 'test/batch/fixtures/mini', '-o', missing],
      ['validate', MINI, '-o', missing],
    ]) {
      const r = await cli(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`${missing}: lỗi: không ghi được tệp (ENOENT): thư mục ${join(dir, 'khong-co')} không tồn tại`);
      expect(r.stderr).toContain('(output.no_folder)');
    }
    mkdirSync(join(dir, 'la-thu-muc'));
    for (const args of [['score', MINI, '-o', join(dir, 'la-thu-muc')], ['score', MINI, '--xlsx', join(dir, 'la-thu-muc')], ['template', '--catalog', 'xa-mau-2024', '-o', join(dir, 'la-thu-muc')]]) {
      const r = await cli(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`${join(dir, 'la-thu-muc')}: lỗi: đây là một thư mục`);
      expect(r.stderr).toContain('(output.is_directory)');
    }
    expect(readdirSync(dir).sort()).toEqual(['la-thu-muc']);
  });

  it('batch --forms on a file: the folder cannot be made, said so (exit 2)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bieu'), 'a file');
    const r = await cli(['batch', 'test/batch/fixtures/mini', '--forms', join(dir, 'bieu')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'bieu')}: lỗi: không dùng được ${join(dir, 'bieu')} làm thư mục`);
    expect(r.stderr).toContain('(output.not_a_folder)');
  });
});
