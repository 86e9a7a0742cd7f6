import type { FileHandle } from 'node:fs/promises';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { FIXED_DATE } from './excel.js';
import { crc32, dosDateTime } from './zip-write.js';

/**
 * A zip file written as it is made, for workbooks too large to hold in memory: entries one after the
 * other, each part deflated on its way to the file, with a constant date (the same content gives the
 * same bytes). A part written in pieces carries its sizes after its data (a data descriptor, as Excel's
 * and exceljs's own zips do); the central directory is written at the end.
 */

const { time: DOS_TIME, date: DOS_DATE } = dosDateTime(FIXED_DATE);
const STREAMED = 0x0008; // general purpose flag bit 3: sizes in a data descriptor
const DEFLATE = 8;
const LEVEL = 6;

interface Entry {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** One part being written in pieces: write() what comes, end() when it is whole. */
export interface PartWriter {
  write(data: Buffer): void;
  end(): void;
  /** Resolves once what was written so far is in the file (so that memory stays flat). */
  drain(): Promise<void>;
}

export class ZipStream {
  private readonly entries: Entry[] = [];
  private position = 0;
  /** Everything written so far, in order: each part waits for the one before it. */
  private tail: Promise<void> = Promise.resolve();
  private open = false;
  /** The first failed write (the file system's error, with its code): the rest is skipped, close() throws it. */
  private failure: Error | undefined;

  constructor(private readonly file: FileHandle) {}

  private async raw(data: Buffer): Promise<void> {
    if (this.failure) return;
    try {
      let done = 0;
      while (done < data.length) done += (await this.file.write(data, done, data.length - done)).bytesWritten;
      this.position += data.length;
    } catch (e) {
      this.failure = e as Error;
    }
  }

  /** The 26 bytes a local header and a central record share, from "version needed" to "extra field length". */
  private common(e: Entry): Buffer {
    const c = Buffer.alloc(26);
    c.writeUInt16LE(20, 0);
    c.writeUInt16LE(e.flags, 2);
    c.writeUInt16LE(DEFLATE, 4);
    c.writeUInt16LE(DOS_TIME, 6);
    c.writeUInt16LE(DOS_DATE, 8);
    c.writeUInt32LE(e.crc, 10);
    c.writeUInt32LE(e.compressed, 14);
    c.writeUInt32LE(e.size, 18);
    c.writeUInt16LE(e.name.length, 22);
    return c;
  }

  private header(e: Entry): Buffer {
    const signature = Buffer.alloc(4);
    signature.writeUInt32LE(0x04034b50, 0);
    return Buffer.concat([signature, this.common(e), e.name]);
  }

  private entry(name: string, flags: number): Entry {
    if (this.open) throw new Error(`zip: ${name} started while another part is being written`);
    // Part names in a package never start with "/" (exceljs names some that way).
    const e: Entry = { name: Buffer.from(name.replace(/^\/+/, ''), 'utf8'), flags, crc: 0, compressed: 0, size: 0, offset: 0 };
    this.entries.push(e);
    return e;
  }

  /** A whole part at once. */
  add(name: string, data: Buffer | string): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const e = this.entry(name, 0);
    const packed = deflateRawSync(bytes, { level: LEVEL });
    Object.assign(e, { crc: crc32(bytes), compressed: packed.length, size: bytes.length });
    this.tail = this.tail.then(async () => {
      e.offset = this.position;
      await this.raw(this.header(e));
      await this.raw(packed);
    });
  }

  /** A part written in pieces; no other part may start before it ends. */
  part(name: string): PartWriter {
    const e = this.entry(name, STREAMED);
    this.open = true;
    const deflate = createDeflateRaw({ level: LEVEL });
    // Made now, while its CRC and sizes are still 0 (they follow the data): not when its turn to be written comes.
    const head = this.header(e);
    let chain = this.tail.then(async () => {
      e.offset = this.position;
      await this.raw(head);
    });
    deflate.on('data', (c: Buffer) => {
      e.compressed += c.length;
      chain = chain.then(() => this.raw(c));
    });
    const ended = new Promise<void>((resolve, reject) => {
      deflate.on('error', reject);
      deflate.on('end', () => {
        const d = Buffer.alloc(16);
        d.writeUInt32LE(0x08074b50, 0);
        d.writeUInt32LE(e.crc, 4);
        d.writeUInt32LE(e.compressed, 8);
        d.writeUInt32LE(e.size, 12);
        chain = chain.then(() => this.raw(d));
        resolve(chain);
      });
    });
    this.tail = ended;
    return {
      write: (data) => {
        e.crc = crc32(data, e.crc);
        e.size += data.length;
        deflate.write(data);
      },
      end: () => {
        this.open = false;
        deflate.end();
      },
      drain: async () => {
        if (deflate.writableNeedDrain) await new Promise((r) => deflate.once('drain', r));
        await chain;
      },
    };
  }

  /** Writes the central directory once every part is in; throws what a write failed with. */
  async close(): Promise<void> {
    if (this.open) throw new Error('zip: closed while a part is being written');
    await this.tail;
    const start = this.position;
    const central = this.entries.map((e) => {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE((3 << 8) | 20, 4); // made by: UNIX, zip 2.0
      this.common(e).copy(c, 6);
      c.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
      c.writeUInt32LE(e.offset, 42);
      return Buffer.concat([c, e.name]);
    });
    const dir = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(start, 16);
    await this.raw(Buffer.concat([dir, end]));
    if (this.failure) throw this.failure;
    if (this.position > 0xffffffff) throw new Error('zip: larger than 4 GiB');
  }
}
