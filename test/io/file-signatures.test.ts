import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSignatures } from '../../src/io/file-signatures.js';
import { hashFileSync } from '../../src/io/text-file.js';

/**
 * `batch --cache` finds an unchanged unit file by its signature instead of hashing it. The hasher is
 * counted (a signature must save reading the bytes, and must never stand for a hash it did not check),
 * and the clock stands later than the files' times where a test needs them to be older than 2 s.
 */

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const later = () => Date.now() + 60_000;

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-sig-'));
  mkdirSync(join(dir, 'files'));
  const file = join(dir, 'unit.yaml');
  writeFileSync(file, 'unit: {code: "1"}\n');
  return { dir, file, index: join(dir, 'files', 'signatures.tsv') };
}

function counted(index: string, now: () => number = later, local?: (dir: string) => boolean) {
  let reads = 0;
  const sigs = new FileSignatures(index, {
    now,
    ...(local ? { local } : {}),
    hash: (f, limit) => {
      reads++;
      return hashFileSync(f, limit);
    },
  });
  return { sigs, reads: () => reads };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('file signatures (batch --cache)', () => {
  it('hashes a file once, then finds it by one stat on the next run', () => {
    const t = setUp();
    const first = counted(t.index);
    expect(first.sigs.sha256(t.file)).toBe(sha('unit: {code: "1"}\n'));
    expect(first.reads()).toBe(1);
    first.sigs.save();

    const again = counted(t.index);
    expect(again.sigs.sha256(t.file)).toBe(sha('unit: {code: "1"}\n'));
    expect(again.reads()).toBe(0);
  });

  it('hashes again a file written since, even with the same size and its old modification time put back', async () => {
    const t = setUp();
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(t.file, old, old);
    const first = counted(t.index);
    first.sigs.sha256(t.file);
    first.sigs.save();
    // Past one tick of the file system's clock, so the write cannot share the recorded change time.
    await sleep(30);
    writeFileSync(t.file, 'unit: {code: "2"}\n');
    utimesSync(t.file, old, old);
    expect(Math.round(statSync(t.file).mtimeMs)).toBe(old.getTime());

    const again = counted(t.index);
    expect(again.sigs.sha256(t.file)).toBe(sha('unit: {code: "2"}\n'));
    expect(again.reads()).toBe(1);
  });

  it('does not record a file changed in the last 2 s: it is hashed on every run until it is older', () => {
    const t = setUp();
    const first = counted(t.index, Date.now);
    first.sigs.sha256(t.file);
    first.sigs.save();
    const again = counted(t.index, Date.now);
    expect(again.sigs.sha256(t.file)).toBe(sha('unit: {code: "1"}\n'));
    expect(again.reads()).toBe(1);
  });

  it('writes the signatures only when one changed', () => {
    const t = setUp();
    const first = counted(t.index);
    first.sigs.sha256(t.file);
    first.sigs.save();
    const before = statSync(t.index);
    const again = counted(t.index);
    again.sigs.sha256(t.file);
    again.sigs.save();
    const after = statSync(t.index);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('trusts nothing but a whole line of this format: a damaged or foreign file means hashing', () => {
    const t = setUp();
    const first = counted(t.index);
    first.sigs.sha256(t.file);
    first.sigs.save();
    const text = readFileSync(t.index, 'utf8');
    const damaged = [
      text.replace('cchc-file-signatures/1', 'cchc-file-signatures/0'),
      text.replace(/\t[0-9a-f]{64}\n/, `\t${'g'.repeat(64)}\n`),
      text.replace(/\t([0-9a-f]{64})\n/, '\t$1\textra\n'),
      text.replace(/\n$/, '').replace(/\t[0-9a-f]{64}$/, ''),
    ];
    for (const d of damaged) {
      writeFileSync(t.index, d);
      const again = counted(t.index);
      expect(again.sigs.sha256(t.file)).toBe(sha('unit: {code: "1"}\n'));
      expect(again.reads(), d).toBe(1);
    }
  });

  it('gives nothing for a file that is gone or is now a folder, and forgets it', () => {
    const t = setUp();
    const first = counted(t.index);
    first.sigs.sha256(t.file);
    first.sigs.save();
    rmSync(t.file);
    mkdirSync(t.file);
    const again = counted(t.index);
    expect(again.sigs.sha256(t.file)).toBeUndefined();
    again.sigs.save();
    expect(readFileSync(t.index, 'utf8')).not.toContain(t.file);
  });

  it('hashes every time a file on a network drive, or on any file system not known to be local', () => {
    const t = setUp();
    for (let run = 0; run < 2; run++) {
      const c = counted(t.index, later, () => false);
      expect(c.sigs.sha256(t.file)).toBe(sha('unit: {code: "1"}\n'));
      expect(c.reads()).toBe(1);
      c.sigs.save();
    }
    expect(existsSync(t.index)).toBe(false);
  });

  // Two devices are needed: the temporary folder and /dev/shm (a tmpfs on every Linux).
  it.runIf(process.platform === 'linux' && existsSync('/dev/shm'))('asks about the device a file is on, not its folder: a link can lead to a network drive', () => {
    const t = setUp();
    const away = mkdtempSync('/dev/shm/cchc-sig-');
    const target = join(away, 'unit.yaml');
    writeFileSync(target, 'unit: {code: "2"}\n');
    const link = join(t.dir, 'link.yaml');
    symlinkSync(target, link);
    expect(statSync(away).dev).not.toBe(statSync(t.dir).dev);
    // Only the temporary folder's device counts as local here: the link's target is "on a network drive".
    const here = statSync(t.dir).dev;
    const local = (path: string) => statSync(path).dev === here;
    for (let run = 0; run < 2; run++) {
      const c = counted(t.index, later, local);
      expect(c.sigs.sha256(link)).toBe(sha('unit: {code: "2"}\n'));
      expect(c.reads()).toBe(1);
      c.sigs.save();
    }
    rmSync(away, { recursive: true, force: true });
  });
});
