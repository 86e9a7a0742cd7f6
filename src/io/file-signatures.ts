import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, statfsSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hashFileSync, MAX_FILE_BYTES } from './text-file.js';

/**
 * `batch --cache`: the SHA-256 of each unit file as last read, beside the file's signature at that
 * moment (size, modification and status-change times, inode, device). A re-run over thousands of
 * unchanged files then finds each by one `stat` instead of reading and hashing it, as git's index does.
 *
 * Any write to a file sets its status-change time (ctime) to the time of the write, and no program can
 * set it back, so a file written since it was hashed has another signature and is hashed again; a file
 * replaced by another (an inode reused, `cp -p`, `tar x`) too. Two writes within one tick of the file
 * system's clock could leave the same times: a file changed less than RACY_MS before it was hashed is
 * therefore not recorded (git's "racily clean" entries), and is hashed on every run until it is older.
 * A signature is only ever a reason to skip reading bytes whose hash is known; it never stands for a hash.
 *
 * Only on a local file system whose times are exact (LOCAL, Linux): a network drive (NFS, SMB, sshfs,
 * WSL's Windows drives) may answer `stat` from a cache for a while after another computer wrote the
 * file, and other systems are not known well enough here, so their files are hashed on every run.
 */

const FORMAT = 'cchc-file-signatures/1';
/** Older than this when hashed, a file's times are trusted (coarse file system clocks tick up to 2 s: FAT). */
const RACY_MS = 2000;
/** A cache used for many folders keeps at most this many files; beyond it, only those of the last run. */
const MAX_FILES = 200_000;
const SHA = /^[0-9a-f]{64}$/;

/** Linux file system types (statfs f_type) that are local: ext2/3/4, XFS, Btrfs, tmpfs, overlayfs, ZFS, F2FS. */
const LOCAL = new Set([0xef53, 0x58465342, 0x9123683e, 0x01021994, 0x794c7630, 0x2fc12fc1, 0xf2f52010]);

/** Whether the file system holding `path` (a link's target, as stat and read see it) is one of LOCAL. */
function onLocalDisk(path: string): boolean {
  if (process.platform !== 'linux') return false;
  try {
    return LOCAL.has(statfsSync(path).type);
  } catch {
    return false;
  }
}

const signature = (st: Stats) => `${st.size}/${st.mtimeMs}/${st.ctimeMs}/${st.ino}/${st.dev}`;

export interface SignatureOptions {
  /** The clock, the hasher and the file system test: tests stand in for them. */
  now?: () => number;
  hash?: typeof hashFileSync;
  local?: (path: string) => boolean;
}

export class FileSignatures {
  private readonly known = new Map<string, { sig: string; sha256: string }>();
  private readonly seen = new Set<string>();
  private changed = false;
  private readonly now: () => number;
  private readonly hash: typeof hashFileSync;
  private readonly local: (path: string) => boolean;
  /** Per device (st.dev): whether its files may be found by signature. */
  private readonly devices = new Map<number, boolean>();

  constructor(
    readonly file: string,
    o: SignatureOptions = {},
  ) {
    this.now = o.now ?? Date.now;
    this.hash = o.hash ?? hashFileSync;
    this.local = o.local ?? onLocalDisk;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return;
    }
    if (!text.startsWith(`${FORMAT}\n`)) return;
    // Nothing read is trusted beyond its shape: a damaged line is no signature, and its file is hashed.
    for (let i = FORMAT.length + 1; i < text.length; ) {
      let end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
      const a = text.indexOf('\t', i);
      const b = a < 0 ? -1 : text.indexOf('\t', a + 1);
      // path TAB signature TAB sha256, and nothing more on the line.
      if (a > i && b > a + 1 && b < end && end - b - 1 === 64 && text.lastIndexOf('\t', end - 1) === b) {
        const sha256 = text.slice(b + 1, end);
        if (SHA.test(sha256)) this.known.set(text.slice(i, a), { sig: text.slice(a + 1, b), sha256 });
      }
      i = end + 1;
    }
  }

  /** The SHA-256 of a file's bytes (undefined where `sha256FileSync` gives undefined), read only when it may have changed; `abs` is resolved. */
  sha256(abs: string, limit = MAX_FILE_BYTES): string | undefined {
    this.seen.add(abs);
    const kept = this.known.get(abs);
    if (kept) {
      let st: Stats | undefined;
      try {
        st = statSync(abs);
      } catch {
        st = undefined;
      }
      if (st?.isFile() && st.size <= limit && signature(st) === kept.sig && this.onLocal(st, abs)) return kept.sha256;
    }
    const start = this.now();
    const got = this.hash(abs, limit);
    const st = got?.stats;
    if (got && st && st.mtimeMs <= start - RACY_MS && st.ctimeMs <= start - RACY_MS && !/[\t\n\r]/.test(abs) && this.onLocal(st, abs)) {
      const sig = signature(st);
      if (kept?.sig !== sig || kept.sha256 !== got.sha256) {
        this.known.set(abs, { sig, sha256: got.sha256 });
        this.changed = true;
      }
    } else if (kept) {
      this.known.delete(abs);
      this.changed = true;
    }
    return got?.sha256;
  }

  /** Asked once for each device the files are on (the device of the file itself: a link may lead to another). */
  private onLocal(st: Stats, path: string): boolean {
    let local = this.devices.get(st.dev);
    if (local === undefined) this.devices.set(st.dev, (local = this.local(path)));
    return local;
  }

  /** Writes the signatures when any changed; best effort (a cache that cannot be written only makes the next run slower). */
  save(): void {
    if (!this.changed) return;
    const lines = [FORMAT];
    const keep = this.known.size <= MAX_FILES;
    for (const [path, { sig, sha256 }] of this.known) if (keep || this.seen.has(path)) lines.push(`${path}\t${sig}\t${sha256}`);
    // The temporary name of writeAtomically (.name.pid.hex.tmp): a Ctrl-C sweeps it from the folder.
    const tmp = join(dirname(this.file), `.${basename(this.file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      writeFileSync(tmp, `${lines.join('\n')}\n`, { flag: 'wx' });
      renameSync(tmp, this.file);
      this.changed = false;
    } catch {
      try {
        unlinkSync(tmp);
      } catch {
        // never written
      }
    }
  }
}
