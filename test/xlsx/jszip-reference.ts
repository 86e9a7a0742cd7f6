import { inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import type { Workbook } from '../../src/xlsx/excel.js';
import { CUSTOM_PART, customXml, declareCustomPart, FIXED_DATE, provenanceProperties, type PartEdit } from '../../src/xlsx/excel.js';
import type { Provenance } from '../../src/io/provenance.js';
import { withFrozenTopRow } from '../../src/xlsx/sheet-view.js';

/**
 * The reference: how cchc wrote every workbook before it zipped once (src/xlsx/excel.ts up to this change),
 * kept here verbatim to compare the one-pass writer with. exceljs zips the workbook (stored), JSZip reads
 * it back and zips it again with DEFLATE, constant dates, the provenance part and the caller's edits.
 * The provenance part and its declarations are made by the same functions as in excel.ts: what is
 * compared is the zipping, not them.
 */
export async function referenceWorkbookBytes(wb: Workbook, prov?: Provenance, edit?: PartEdit): Promise<Buffer> {
  const buf = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as never);
  const zip = await JSZip.loadAsync(buf);
  const out = new JSZip();
  const names = Object.keys(zip.files).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a.localeCompare(b)));
  for (const name of names) {
    const f = zip.files[name]!;
    if (f.dir) continue;
    let data = await f.async('nodebuffer');
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) data = Buffer.from(withFrozenTopRow(data.toString('utf8')));
    if (name === 'docProps/core.xml') {
      data = Buffer.from(data.toString('utf8').replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${FIXED_DATE.toISOString().replace('.000', '')}`));
    }
    if (prov) data = declareCustomPart(name, data);
    if (edit) data = edit(name, data);
    out.file(name, data, { date: FIXED_DATE, createFolders: false });
  }
  if (prov) out.file(CUSTOM_PART, customXml(provenanceProperties(prov)), { date: FIXED_DATE, createFolders: false });
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}


/** One entry of a zip as its central directory and local header say, with its data inflated. */
export interface Entry {
  name: string;
  madeBy: number;
  needed: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  extra: string;
  comment: string;
  internal: number;
  external: number;
  /** The local header agrees with the central record (needed, flags, method, dates, CRC, sizes, name). */
  localAgrees: boolean;
  data: Buffer;
}

/** Every entry of a zip, in the order of its central directory, read field by field (no zip library). */
export function zipEntries(zip: Buffer): { entries: Entry[]; comment: string; centralEndsFile: boolean } {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  let at = zip.readUInt32LE(end + 16);
  const commentLength = zip.readUInt16LE(end + 20);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`no central record at ${at}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const entryComment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('latin1');
    const compressed = zip.readUInt32LE(at + 20);
    const localNameLength = zip.readUInt16LE(local + 26);
    const localExtra = zip.readUInt16LE(local + 28);
    const start = local + 30 + localNameLength + localExtra;
    const raw = zip.subarray(start, start + compressed);
    const method = zip.readUInt16LE(at + 10);
    const localAgrees =
      zip.readUInt32LE(local) === 0x04034b50 &&
      zip.subarray(local + 4, local + 26).equals(zip.subarray(at + 6, at + 28)) &&
      zip.subarray(local + 30, local + 30 + localNameLength).toString('latin1') === name;
    entries.push({
      name,
      madeBy: zip.readUInt16LE(at + 4),
      needed: zip.readUInt16LE(at + 6),
      flags: zip.readUInt16LE(at + 8),
      method,
      time: zip.readUInt16LE(at + 12),
      date: zip.readUInt16LE(at + 14),
      crc: zip.readUInt32LE(at + 16),
      size: zip.readUInt32LE(at + 24),
      extra: zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength).toString('hex'),
      comment: zip.subarray(at + 46 + nameLength + extraLength, at + 46 + nameLength + extraLength + entryComment).toString('hex'),
      internal: zip.readUInt16LE(at + 36),
      external: zip.readUInt32LE(at + 38),
      localAgrees,
      data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw),
    });
    at += 46 + nameLength + extraLength + entryComment;
  }
  return { entries, comment: zip.subarray(end + 22, end + 22 + commentLength).toString('hex'), centralEndsFile: at === end && end + 22 + commentLength === zip.length && size > 0 };
}
