import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipStream } from '../../src/xlsx/zip-stream.js';
import { tmp } from './support.js';

const dir = tmp();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const text = Array.from({ length: 4000 }, (_, i) => `<row r="${i}"><c><v>${(i * 7919) % 1000}</v></c></row>`).join('');

/** A zip of one small part and one part written in `pieces`, waiting for the file after each when `wait`. */
async function zipOf(name: string, pieces: number, wait: boolean): Promise<Buffer> {
  const path = join(dir, name);
  const file = await open(path, 'w');
  const zip = new ZipStream(file);
  zip.add('/[Content_Types].xml', '<Types/>');
  const part = zip.part('xl/worksheets/sheet1.xml');
  const data = Buffer.from(text);
  const size = Math.ceil(data.length / pieces);
  for (let at = 0; at < data.length; at += size) {
    part.write(data.subarray(at, at + size));
    if (wait) await part.drain();
  }
  part.end();
  zip.add('docProps/core.xml', 'é');
  await zip.close();
  await file.close();
  return readFile(path);
}

describe('the zip written as it is made', () => {
  it('holds every part whole, under its name without a leading "/", and every tool reads it', async () => {
    const bytes = await zipOf('one.zip', 7, true);
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'docProps/core.xml']);
    expect(await zip.file('xl/worksheets/sheet1.xml')!.async('string')).toBe(text);
    expect(await zip.file('docProps/core.xml')!.async('string')).toBe('é');
    expect(execFileSync('unzip', ['-tq', join(dir, 'one.zip')]).toString()).toMatch(/No errors/);
  });

  it('gives the same bytes however the part is written and however fast the disk is', async () => {
    const one = await zipOf('a.zip', 1, false);
    for (const [pieces, wait] of [[1, true], [13, false], [13, true], [200, true]] as const) {
      expect((await zipOf(`b-${pieces}-${wait}.zip`, pieces, wait)).equals(one), `${pieces} pieces, wait ${wait}`).toBe(true);
    }
  });

  it("a part written in pieces has its CRC and sizes after its data, 0 in its header (not what was written when its turn came)", async () => {
    const bytes = await zipOf('c.zip', 3, false);
    const at = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 30;
    expect(bytes.readUInt32LE(at)).toBe(0x04034b50);
    expect(bytes.readUInt16LE(at + 6) & 8).toBe(8);
    expect([bytes.readUInt32LE(at + 14), bytes.readUInt32LE(at + 18), bytes.readUInt32LE(at + 22)]).toEqual([0, 0, 0]);
  });
});
