import zlib from 'node:zlib';

/**
 * A zip of whole parts, compressed once with the platform's zlib (DEFLATE, level 6), in the order given.
 * The framing is the one JSZip wrote for cchc's workbooks (`platform: 'UNIX'`, no data descriptors, no extra
 * fields, no comments), so only the compressed bytes differ: the parts, their order, names, dates, CRCs and
 * sizes are the same. Part names are ASCII (the workbook's own part names); anything else is refused.
 */
export interface ZipPart {
  name: string;
  data: Buffer;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** "Version needed to extract" as JSZip writes it (1.0), and "made by" UNIX, 3.0. */
const NEEDED = 10;
const MADE_BY = 0x031e;
const DEFLATE = 8;
/** A regular file, rw-rw-r-- (0100664), in the high half of the external attributes. */
const FILE_ATTRIBUTES = 0x81b4 * 0x10000;

/** DOS time and date of an instant, read in UTC (as JSZip does). */
export function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

let table: Uint32Array | undefined;
/** CRC-32 (IEEE) by table, for Node versions before 20.15, which have no zlib.crc32; `prev` goes on from a part's CRC so far. */
export function tableCrc32(data: Uint8Array, prev = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = (prev ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, prev?: number) => number }).crc32;
export const crc32 = (data: Uint8Array, prev = 0): number => (nativeCrc32 ? nativeCrc32(data, prev) >>> 0 : tableCrc32(data, prev));

/**
 * The last small part compressed under each name, with its compressed bytes and CRC: the parts a batch of
 * forms share (theme, styles, relationships, content types) are compressed once. Reused only for the very
 * same bytes, so the output is what compressing them again gives.
 */
const SMALL = 32 * 1024;
const packedBefore = new Map<string, { data: Buffer; packed: Buffer; crc: number }>();

function packed(name: string, data: Buffer): { packed: Buffer; crc: number } {
  const before = data.length <= SMALL ? packedBefore.get(name) : undefined;
  if (before && before.data.equals(data)) return before;
  const made = { data, packed: zlib.deflateRawSync(data, { level: 6 }), crc: crc32(data) };
  if (data.length <= SMALL) packedBefore.set(name, made);
  return made;
}

export function zipParts(parts: ReadonlyArray<ZipPart>, date: Date): Buffer {
  const { time, date: day } = dosDateTime(date);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    if (!/^[\x20-\x7e]+$/.test(name)) throw new Error(`zip part name is not ASCII: ${JSON.stringify(name)}`);
    const { packed: bytes, crc } = packed(name, data);
    const nameBytes = Buffer.from(name, 'ascii');
    // The 26 bytes a local header and a central record share, from "version needed" to "extra field length".
    const common = Buffer.alloc(26);
    common.writeUInt16LE(NEEDED, 0);
    common.writeUInt16LE(0, 2);
    common.writeUInt16LE(DEFLATE, 4);
    common.writeUInt16LE(time, 6);
    common.writeUInt16LE(day, 8);
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(bytes.length, 14);
    common.writeUInt32LE(data.length, 18);
    common.writeUInt16LE(nameBytes.length, 22);
    common.writeUInt16LE(0, 24);
    const local = Buffer.alloc(4);
    local.writeUInt32LE(LOCAL, 0);
    chunks.push(local, common, nameBytes, bytes);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(CENTRAL, 0);
    record.writeUInt16LE(MADE_BY, 4);
    common.copy(record, 6);
    // comment length, disk number, internal attributes: 0
    record.writeUInt32LE(FILE_ATTRIBUTES, 38);
    record.writeUInt32LE(offset, 42);
    central.push(record, nameBytes);
    offset += 4 + common.length + nameBytes.length + bytes.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}
