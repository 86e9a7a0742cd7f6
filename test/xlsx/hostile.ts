import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Hostile workbooks, built in memory by the tests (no large binaries in the repository): a zip writer
 * small enough to lie about sizes, a zip bomb and a workbook of a million rows.
 */
export interface Entry {
  name: string;
  /** Raw deflate data and what it inflates to. */
  deflated: Buffer;
  size: number;
  crc: number;
  /** Declared uncompressed size, when it should differ from the real one. */
  declared?: number;
}

export function entry(name: string, data: string | Buffer): Entry {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, deflated: deflateRawSync(buf), size: buf.length, crc: crc32(buf) };
}

/** A zip file of deflated entries (no zip64: every size must fit in 32 bits). */
export function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declared ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    centrals.push(central, name);
    offset += 30 + name.length + e.deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** The parts every workbook has, around its worksheets (named xl/worksheets/sheetN.xml, shown as SheetN). */
export function workbookParts(...sheets: Entry[]): Entry[] {
  const n = sheets.map((_, i) => i + 1);
  return [
    entry(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        n.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '</Types>',
    ),
    entry(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    entry(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        n.map((i) => `<sheet name="Sheet${i}" sheetId="${i}" r:id="rId${i}"/>`).join('') +
        '</sheets></workbook>',
    ),
    entry(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        n.map((i) => `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('') +
        '</Relationships>',
    ),
    ...sheets.map((sh, i) => ({ ...sh, name: `xl/worksheets/sheet${i + 1}.xml` })),
  ];
}

/**
 * A zip bomb named like a workbook: its worksheet inflates to `mib` MiB of blank space inside valid
 * sheet XML, from about a thousandth of that. Each MiB is deflated once and its bytes repeated: a full
 * flush ends every copy on a byte boundary with an empty dictionary, so the copies chain into one stream.
 * `declared` makes the central directory lie about the inflated size.
 */
export function zipBomb(mib = 1024, declared?: number): Buffer {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const head = Buffer.from(SHEET_HEAD);
  const tail = Buffer.from(SHEET_TAIL);
  const piece = deflateRawSync(chunk, flush);
  const parts = [deflateRawSync(head, flush), ...Array.from({ length: mib }, () => piece), deflateRawSync(tail)];
  let crc = crc32(head);
  for (let i = 0; i < mib; i++) crc = crc32(chunk, crc);
  crc = crc32(tail, crc);
  const size = head.length + mib * chunk.length + tail.length;
  const sheet: Entry = { name: 'xl/worksheets/sheet1.xml', deflated: Buffer.concat(parts), size, crc };
  if (declared !== undefined) sheet.declared = declared;
  return zip(workbookParts(sheet));
}

/** A plain workbook whose one sheet has `rows` rows of one number each; `dimension` as written in the sheet. */
export function manyRows(rows: number, dimension = true): Buffer {
  // Built a thousand rows at a time: a million small strings in one array is slow to join.
  const blocks: string[] = [];
  for (let from = 1; from <= rows; from += 1000) {
    let s = '';
    for (let r = from; r < from + 1000 && r <= rows; r++) s += `<row r="${r}"><c r="A${r}"><v>1</v></c></row>`;
    blocks.push(s);
  }
  const dim = dimension ? `<dimension ref="A1:A${rows}"/>` : '';
  const xml = Buffer.from(SHEET_HEAD.replace('<sheetData>', `${dim}<sheetData>`) + blocks.join('') + SHEET_TAIL);
  // Deflated hard so that a million rows stay under cchc's 5 MiB file limit, as a real attack would.
  const sheet: Entry = { name: 'xl/worksheets/sheet1.xml', deflated: deflateRawSync(xml, { level: 9 }), size: xml.length, crc: crc32(xml) };
  return zip(workbookParts(sheet));
}
