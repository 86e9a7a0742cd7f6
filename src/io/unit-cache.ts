import crypto, { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VERSION } from '../version.js';
import type { CatalogMeta, UnitSummary } from '../core/batch/types.js';

/**
 * `cchc batch --cache DIR`: what scoring a unit file gave, kept on disk so that a run over the same
 * files (a CI job run again) reads each summary back instead of parsing and scoring the file.
 *
 * An entry is found by a key that hashes everything its summary was made from (the file's bytes, the
 * path as given and the working folder, the options, the cchc build); the catalog is checked on
 * every use (src/batch/cached.ts). Nothing read from the folder is trusted: an entry is used only
 * when its header names this format, this cchc build and its own key, and the SHA-256 in its header
 * matches its content. Anything else (a truncated or edited file, another program's file, another
 * cchc's) is a miss and is written again. Writes go to a temporary file renamed into place, so a
 * reader (another batch at the same time) sees a whole entry or none.
 */

const FORMAT = 'cchc-unit-cache/1';

// Replaced by scripts/build.mjs with a hash of the sources it bundled: two builds that could score
// differently never share entries, even under the same version number.
declare const __CCHC_BUILD__: string | undefined;

/** The cchc that made an entry: its version and, for a bundled cchc, the hash of its sources. */
export const CACHE_IDENTITY = `${VERSION}+${typeof __CCHC_BUILD__ === 'string' ? __CCHC_BUILD__ : 'source'}`;

/** What a summary was made with, beside the unit file itself. */
export interface CachedUnit {
  /** The catalog reference used: the unit's `catalog:` (read from its folder) or --catalog (from the working folder). */
  ref: string;
  fromDir: string;
  /** The catalog file it led to, and the SHA-256 of that file's bytes. */
  catalogFile: string;
  catalogSha256: string;
  /** The catalog's summary for the ranking, kept once per catalog (catalogs/<hash>.json). */
  metaHash: string;
  summary: UnitSummary;
}

// Node's one-shot hash (20.12 and later) is ~8× faster on the small texts hashed per unit (keys, entries); older Nodes hash as before.
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer) => string }).hash;
const sha256 = (s: string | Buffer): string => (oneShot ? oneShot('sha256', s) : createHash('sha256').update(s).digest('hex'));
const isHex64 = (s: string) => /^[0-9a-f]{64}$/.test(s);

interface Header {
  format: string;
  cchc: string;
  key: string;
  sha256: string;
}

/**
 * One entry: a header line, then the content it vouches for, in ASCII (other letters as \u escapes):
 * Node reads an ASCII file into a one-byte string, which it reads and parses faster than one with
 * Vietnamese names as they are (a re-run over a --cache reads thousands of entries).
 */
function encode(key: string, identity: string, payload: unknown): string {
  const body = JSON.stringify(payload).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const head: Header = { format: FORMAT, cchc: identity, key, sha256: sha256(body) };
  return `${JSON.stringify(head)}\n${body}\n`;
}

/** An entry's content as text, if its header is this format's, its key and (unless null) this cchc's. */
function decodeBody(text: string, key: string, identity: string | null): string | undefined {
  const nl = text.indexOf('\n');
  if (nl < 0 || !text.endsWith('\n')) return undefined;
  let head: Partial<Header> | null;
  try {
    head = JSON.parse(text.slice(0, nl)) as Partial<Header> | null; // a damaged entry may hold any JSON, null included
  } catch {
    return undefined;
  }
  if (head?.format !== FORMAT || (identity !== null && head.cchc !== identity) || head.key !== key) return undefined;
  const body = text.slice(nl + 1, -1);
  return head.sha256 === sha256(body) ? body : undefined;
}

function parsed(body: string | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const strs = (x: unknown): x is string[] => Array.isArray(x) && x.every(isStr);
const nums = (x: unknown): x is number[] => Array.isArray(x) && x.every(isNum);
const optStr = (x: unknown) => x === undefined || isStr(x);

function isPosition(x: unknown): boolean {
  return isObj(x) && isStr(x.file) && (x.line === undefined || isNum(x.line)) && (x.column === undefined || isNum(x.column)) && optStr(x.cell);
}

/** The shape the ranking relies on; a summary that is not so is not a summary. */
function isSummary(x: unknown): x is UnitSummary {
  if (!isObj(x)) return false;
  const areas = x.areas;
  const lost = x.lost;
  const at = x.at;
  return (
    isStr(x.file) && isStr(x.path) && (x.sha256 === null || isStr(x.sha256)) && isStr(x.code) && isStr(x.name) && isStr(x.level) &&
    optStr(x.type) && optStr(x.parent) && isStr(x.province) && optStr(x.place) && (x.predecessors === undefined || strs(x.predecessors)) &&
    isStr(x.catalogKey) && isNum(x.achieved) && isNum(x.bonus) && isNum(x.penalty) && isNum(x.total) && isNum(x.applicableMax) &&
    isNum(x.index) && (x.band === null || isStr(x.band)) && isNum(x.warnings) &&
    Array.isArray(areas) && areas.every((a) => isObj(a) && isStr(a.code) && isNum(a.points) && isNum(a.applicableMax)) &&
    isObj(lost) && strs(lost.codes) && nums(lost.points) && lost.codes.length === lost.points.length &&
    isObj(at) && isPosition(at.code) && isPosition(at.catalog)
  );
}

function isEntry(x: unknown): x is CachedUnit {
  return (
    isObj(x) && isStr(x.ref) && isStr(x.fromDir) && isStr(x.catalogFile) && isStr(x.catalogSha256) && isStr(x.metaHash) && isHex64(x.metaHash) &&
    isSummary(x.summary)
  );
}

function isMeta(x: unknown): x is CatalogMeta {
  return (
    isObj(x) && isStr(x.key) && optStr(x.file) && isStr(x.id) && isStr(x.title) && isStr(x.level) && isStr(x.scope) && isNum(x.year) &&
    typeof x.template === 'boolean' && isNum(x.decimals) &&
    Array.isArray(x.bands) && x.bands.every((b) => isObj(b) && isStr(b.label) && isNum(b.from)) &&
    Array.isArray(x.areas) && x.areas.every((a) => isObj(a) && isStr(a.code) && isStr(a.name) && isNum(a.max)) &&
    Array.isArray(x.leaves) && x.leaves.every((l) => isObj(l) && isStr(l.code) && isStr(l.name) && isStr(l.area) && isNum(l.max) && optStr(l.owner))
  );
}

const PACK_FORMAT = 'cchc-unit-pack/1';

export class UnitCache {
  private readonly metas = new Map<string, CatalogMeta | null>();
  private readonly written = new Set<string>();
  /** The pack of this run's context (see `usePack`): its name, its entries by key once read, the keys looked up in this run. */
  private packName?: string;
  private packed?: Map<string, number>;
  private packBytes?: Buffer;
  /**
   * The entries this run looked up: true for one used from the pack (its text stays in the pack's bytes:
   * keeping thousands of texts alive made every garbage collection copy them), its text when read from its
   * file, undefined when it could not be used (read again from its file, rewritten by then, when the pack is).
   */
  private readonly wanted = new Map<string, string | true | undefined>();
  /** Whether this run used an entry the pack does not hold as it was used. */
  private repack = false;

  /** `identity` is this cchc's (CACHE_IDENTITY); tests give another to stand for another version. */
  constructor(
    readonly dir: string,
    readonly identity: string = CACHE_IDENTITY,
  ) {}

  /** The folders entries are written into (created by `prepare`; swept of temporary files on Ctrl-C). */
  get folders(): string[] {
    return [join(this.dir, 'units'), join(this.dir, 'catalogs'), join(this.dir, 'files'), join(this.dir, 'packs')];
  }

  /** Where the unit files' signatures are kept (src/io/file-signatures.ts). */
  get signaturesFile(): string {
    return join(this.dir, 'files', 'signatures.tsv');
  }

  /** Creates the folders; throws what mkdir throws (the command reports it as an output problem). */
  prepare(): void {
    for (const f of this.folders) mkdirSync(f, { recursive: true });
  }

  /** The key of a unit file: its bytes' SHA-256 and everything else its summary depends on. */
  key(fileSha256: string, context: Record<string, unknown>): string {
    return sha256(JSON.stringify([FORMAT, this.identity, context, fileSha256]));
  }

  get(key: string): { entry: CachedUnit; meta: CatalogMeta } | undefined {
    let body: string | undefined;
    if (this.packName !== undefined) {
      const packed = this.packedBody(key);
      body = packed ?? this.body(key);
      this.wanted.set(key, packed !== undefined ? true : body);
      if (packed === undefined) this.repack = true;
    } else body = this.body(key);
    const entry = parsed(body);
    const meta = isEntry(entry) ? this.meta(entry.metaHash) : null;
    if (!isEntry(entry) || !meta || meta.key !== entry.summary.catalogKey) return this.unusable(key);
    return { entry, meta };
  }

  /**
   * An entry looked up and not used (damaged, or made with a catalog that has changed since): the unit
   * is scored again, and the pack written after the run takes its new entry from its file.
   */
  unusable(key: string): undefined {
    if (this.wanted.has(key)) {
      this.wanted.set(key, undefined);
      this.repack = true;
    }
    return undefined;
  }

  /** Best effort: a cache that cannot be written only makes the next run slower. */
  put(key: string, entry: Omit<CachedUnit, 'metaHash'>, meta: CatalogMeta): void {
    const metaHash = sha256(JSON.stringify(meta));
    if (!this.written.has(metaHash) && this.meta(metaHash) === null) {
      if (this.write(join(this.dir, 'catalogs'), metaHash, meta)) this.metas.set(metaHash, meta);
    }
    this.written.add(metaHash);
    this.write(join(this.dir, 'units'), key, { ...entry, metaHash });
  }

  /** A unit entry's content as text, when the entry is whole and this cchc's. */
  private body(key: string): string | undefined {
    const text = readText(join(this.dir, 'units', `${key}.json`));
    return text === undefined ? undefined : decodeBody(text, key, this.identity);
  }

  /**
   * A re-run over thousands of units reads their entries from one file, not one file each: the pack
   * of a run's context (`name`: a hash of what every key of the run shares) holds the entries its last
   * run used, and is written again after a run that used others. Unit entries stay the record; a pack
   * that is missing, damaged or another cchc's is not read, and an entry it lacks is read from its file.
   */
  usePack(name: string): void {
    // Each cchc its own pack: two versions sharing one folder would otherwise rewrite each other's at every run.
    this.packName = sha256(`${this.identity}\u0000${name}`);
  }

  private get packFile(): string {
    return join(this.dir, 'packs', `${this.packName!}.pack`);
  }

  /** Where each entry of the pack starts in its bytes, by key; the bytes are made text one entry at a time, when looked up. */
  private pack(): Map<string, number> {
    if (this.packed) return this.packed;
    this.packed = new Map();
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.packFile);
    } catch {
      return this.packed;
    }
    const nl = bytes.indexOf(10);
    if (nl < 0 || bytes[bytes.length - 1] !== 10) return this.packed;
    let head: Partial<Header> | null;
    try {
      head = JSON.parse(bytes.toString('utf8', 0, nl)) as Partial<Header> | null;
    } catch {
      return this.packed;
    }
    if (head?.format !== PACK_FORMAT || head.cchc !== this.identity || head.key !== this.packName) return this.packed;
    if (head.sha256 !== createHash('sha256').update(bytes.subarray(nl + 1)).digest('hex')) return this.packed;
    for (let i = nl + 1; i < bytes.length; ) {
      const tab = bytes.indexOf(9, i);
      const end = bytes.indexOf(10, i);
      if (tab < 0 || tab > end || tab - i !== 64) return (this.packed = new Map<string, number>());
      this.packed.set(bytes.toString('latin1', i, tab), tab + 1);
      i = end + 1;
    }
    this.packBytes = bytes;
    return this.packed;
  }

  /** An entry of the pack as text (entries are ASCII: one byte, one character). */
  private packedBody(key: string): string | undefined {
    const start = this.pack().get(key);
    if (start === undefined || !this.packBytes) return undefined;
    return this.packBytes.toString('latin1', start, this.packBytes.indexOf(10, start));
  }

  /** After a run: the pack rewritten with the entries this run looked up, unless it holds exactly those already. */
  savePack(): void {
    if (this.packName === undefined || !this.wanted.size) return;
    if (!this.repack && this.pack().size === this.wanted.size) return;
    const lines: string[] = [];
    for (const [key, known] of this.wanted) {
      // A unit scored in this run was written to its own entry by a worker.
      const body = known === true ? this.packedBody(key) : (known ?? this.body(key));
      if (body !== undefined) lines.push(`${key}\t${body}\n`);
    }
    const rest = lines.join('');
    if (/[^\x00-\x7f]/.test(rest)) return;
    const head = { format: PACK_FORMAT, cchc: this.identity, key: this.packName, sha256: createHash('sha256').update(rest, 'latin1').digest('hex') };
    this.writeText(join(this.dir, 'packs'), `${this.packName}.pack`, `${JSON.stringify(head)}\n${rest}`);
  }

  private meta(hash: string): CatalogMeta | null {
    let m = this.metas.get(hash);
    if (m === undefined) {
      // Any cchc's: the content is checked against the name. Read as this cchc's only, two versions using
      // one folder each took the other's catalog entry for a stranger and wrote it again, so that every
      // unit of either missed on every run.
      const text = readText(join(this.dir, 'catalogs', `${hash}.json`));
      const read = parsed(text === undefined ? undefined : decodeBody(text, hash, null));
      // A catalog entry is named by the hash of its content: another content under its name is not it.
      m = isMeta(read) && sha256(JSON.stringify(read)) === hash ? read : null;
      this.metas.set(hash, m);
    }
    return m;
  }

  private write(folder: string, key: string, payload: unknown): boolean {
    return this.writeText(folder, `${key}.json`, encode(key, this.identity, payload));
  }

  private writeText(folder: string, name: string, text: string): boolean {
    // The temporary name of writeAtomically (.name.pid.hex.tmp): a Ctrl-C sweeps it from the folder.
    const tmp = join(folder, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      writeFileSync(tmp, text, { flag: 'wx' });
      renameSync(tmp, join(folder, name));
      return true;
    } catch {
      try {
        unlinkSync(tmp);
      } catch {
        // never written
      }
      return false;
    }
  }
}

function readText(file: string, encoding: 'utf8' | 'latin1' = 'utf8'): string | undefined {
  try {
    return readFileSync(file, encoding);
  } catch {
    return undefined;
  }
}
