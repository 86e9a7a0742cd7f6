import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';
import { UnitCache, type CachedUnit } from '../../src/io/unit-cache.js';
import { BatchCache, cachedOutcome } from '../../src/batch/cached.js';
import type { CatalogMeta } from '../../src/core/batch/types.js';

/**
 * `cchc batch --cache DIR`. A kept summary cannot be told from a fresh one by its output (that is the
 * point), so these tests first make the kept entries say something scoring never would (index 12.34,
 * with a correct header and checksum, as an entry of this cchc would be written): a run that prints
 * 12.34 read the cache; one that prints the real index did not.
 */

const ROOT = process.cwd();
const SHIPPED = join(ROOT, 'criteria/xa-mau-2024.yaml');
const UNITS = ['20101-hoang-viet.yaml', '20102-tan-my.yaml', '20103-tan-thanh.yaml'];
const MARK = 12.34;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-cache-'));
  mkdirSync(join(dir, 'don-vi'));
  for (const u of UNITS) copyFileSync(join(ROOT, 'examples/van-lang-2024', u), join(dir, 'don-vi', u));
  return { dir, units: join(dir, 'don-vi'), cache: join(dir, 'cache') };
}

const entries = (cache: string) => readdirSync(join(cache, 'units')).filter((f) => f.endsWith('.json')).map((f) => join(cache, 'units', f));

/**
 * Rewrites every kept entry through `edit`, with a header that vouches for the new content. The packs
 * (the entries a run used, in one file) are removed, so the next run reads the entries themselves.
 */
function rewrite(cache: string, edit: (head: Record<string, unknown>, body: { summary: { index: number } }) => void) {
  rmSync(join(cache, 'packs'), { recursive: true, force: true });
  for (const file of entries(cache)) {
    const [headLine, bodyLine] = readFileSync(file, 'utf8').split('\n');
    const head = JSON.parse(headLine!) as Record<string, unknown>;
    const body = JSON.parse(bodyLine!) as { summary: { index: number } };
    edit(head, body);
    const text = JSON.stringify(body);
    writeFileSync(file, `${JSON.stringify({ ...head, sha256: sha256(text) })}\n${text}\n`);
  }
}

/** Every file of the cache with its inode and modification time: what a run that writes nothing leaves as it was. */
const written = (cache: string) =>
  ['units', 'packs', 'catalogs'].flatMap((d) => readdirSync(join(cache, d)).map((f) => [f, statSync(join(cache, d, f)).ino, statSync(join(cache, d, f)).mtimeMs]));

const indexes = async (args: string[]): Promise<Array<[string, number]>> => {
  const run = await cli(['batch', ...args, '--json', '-q']);
  expect(run.exitCode, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { units: Array<{ code: string; index: number }> }).units.map((u): [string, number] => [u.code, u.index]);
};

afterEach(() => process.chdir(ROOT));

describe('cchc batch --cache', () => {
  it('gives the same bytes from the cache as a fresh run, and reads the kept summaries back', async () => {
    const t = setUp();
    const fresh = await cli(['batch', t.units, '--json', '-q']);
    const first = await cli(['batch', t.units, '--json', '-q', '--cache', t.cache]);
    const again = await cli(['batch', t.units, '--json', '-q', '--cache', t.cache]);
    expect(first.exitCode).toBe(0);
    expect(entries(t.cache)).toHaveLength(UNITS.length);
    expect(first.stdout).toBe(fresh.stdout);
    expect(again.stdout).toBe(fresh.stdout);
    expect(again.stderr).toBe(fresh.stderr);

    rewrite(t.cache, (_h, b) => (b.summary.index = MARK));
    expect((await indexes([t.units, '--cache', t.cache])).map(([, i]) => i)).toEqual([MARK, MARK, MARK]);
  });

  it('scores a changed unit file again, and only that one', async () => {
    const t = setUp();
    await indexes([t.units, '--cache', t.cache]);
    rewrite(t.cache, (_h, b) => (b.summary.index = MARK));
    const file = join(t.units, UNITS[0]!);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# sửa lại\n`);
    const got = new Map(await indexes([t.units, '--cache', t.cache]));
    expect(got.get('20101')).toBe(92.95);
    expect(got.get('20102')).toBe(MARK);
    expect(got.get('20103')).toBe(MARK);
  });

  it('misses when the catalog file changes, or another catalog comes first in the search order', async () => {
    const t = setUp();
    const own = join(t.dir, 'xa-mau-2024.yaml');
    copyFileSync(SHIPPED, own);
    await indexes([t.units, '--cache', t.cache, '--catalog', own]);
    rewrite(t.cache, (_h, b) => (b.summary.index = MARK));
    expect((await indexes([t.units, '--cache', t.cache, '--catalog', own]))[0]![1]).toBe(MARK);
    writeFileSync(own, `${readFileSync(own, 'utf8')}\n# sửa lại\n`);
    const scored = await indexes([t.units, '--cache', t.cache, '--catalog', own]);
    expect(scored.map(([, i]) => i)).not.toContain(MARK);
    // The entries made with the edited catalog are kept, in the pack too: the next run scores nothing and writes nothing.
    const kept = written(t.cache);
    expect(await indexes([t.units, '--cache', t.cache, '--catalog', own])).toEqual(scored);
    expect(written(t.cache)).toEqual(kept);

    // By id, from another working folder: its own ./criteria/xa-mau-2024.yaml now comes before the shipped one.
    process.chdir(t.dir);
    await indexes(['don-vi', '--cache', 'cache']);
    rewrite(t.cache, (_h, b) => (b.summary.index = MARK));
    expect((await indexes(['don-vi', '--cache', 'cache']))[0]![1]).toBe(MARK);
    mkdirSync(join(t.dir, 'criteria'));
    copyFileSync(SHIPPED, join(t.dir, 'criteria', 'xa-mau-2024.yaml'));
    expect((await indexes(['don-vi', '--cache', 'cache'])).map(([, i]) => i)).not.toContain(MARK);
  });

  it('with --appraisals, misses when an overlay changes (the appraised index is made from it too)', async () => {
    const t = setUp();
    const overlays = join(t.dir, 'tham-dinh');
    mkdirSync(overlays);
    for (const u of UNITS) copyFileSync(join(ROOT, 'examples/van-lang-2024-tham-dinh', u), join(overlays, u));
    const args = [t.units, '--appraisals', overlays, '--cache', t.cache];
    const fresh = await indexes([t.units, '--appraisals', overlays]);
    expect(await indexes(args)).toEqual(fresh);
    rewrite(t.cache, (_h, b) => (b.summary.index = MARK));
    expect((await indexes(args)).map(([, i]) => i)).toEqual([MARK, MARK, MARK]);
    // Another round, then an edited overlay: everything is scored again.
    expect((await indexes([...args, '--round', 'tham_dinh_1'])).map(([, i]) => i)).not.toContain(MARK);
    rewrite(t.cache, (_h, b) => (b.summary.index = MARK));
    const file = join(overlays, UNITS[1]!);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# sửa lại\n`);
    expect(await indexes(args)).toEqual(fresh);
  });

  it('never uses an entry of another cchc, a damaged entry or a stray file', async () => {
    const t = setUp();
    await indexes([t.units, '--cache', t.cache]);
    rewrite(t.cache, (h, b) => {
      h.cchc = '0.0.1+other';
      b.summary.index = MARK;
    });
    expect((await indexes([t.units, '--cache', t.cache])).map(([, i]) => i)).not.toContain(MARK);

    // Written again by this run; now damage them: content that does not match its checksum, a cut file, junk.
    rewrite(t.cache, (_h, b) => (b.summary.index = MARK));
    const [a, b, c] = entries(t.cache);
    writeFileSync(a!, readFileSync(a!, 'utf8').replace(String(MARK), '12.35'));
    writeFileSync(b!, readFileSync(b!, 'utf8').slice(0, 200));
    writeFileSync(c!, 'không phải JSON');
    writeFileSync(join(t.cache, 'units', 'lạ.json'), '{}');
    expect((await indexes([t.units, '--cache', t.cache])).map(([, i]) => i)).not.toContain(MARK);
    // …and they are whole again.
    const fresh = await cli(['batch', t.units, '--json', '-q']);
    expect((await cli(['batch', t.units, '--json', '-q', '--cache', t.cache])).stdout).toBe(fresh.stdout);
  });

  it('is shared by two cchc versions without either losing its entries (a catalog entry is any version\'s)', async () => {
    const t = setUp();
    await indexes([t.units, '--cache', t.cache]);
    rewrite(t.cache, (_h, b) => (b.summary.index = MARK));
    // Another version writes its entry for a unit; the catalog entry it needs is the same content.
    const [first] = entries(t.cache);
    const body = JSON.parse(readFileSync(first!, 'utf8').split('\n')[1]!) as CachedUnit;
    const metaFile = join(t.cache, 'catalogs', `${body.metaHash}.json`);
    const meta = JSON.parse(readFileSync(metaFile, 'utf8').split('\n')[1]!) as CatalogMeta;
    const { metaHash: _, ...entry } = body;
    new UnitCache(t.cache, '0.0.1+other').put('0'.repeat(64), entry, meta);
    // This version still reads its own entries back (all of them, not scored again).
    expect((await indexes([t.units, '--cache', t.cache])).map(([, i]) => i)).toEqual(UNITS.map(() => MARK));
  });

  it('reads a re-run\'s entries from one pack, written again only after a run that used other entries', async () => {
    const t = setUp();
    await indexes([t.units, '--cache', t.cache]);
    const packs = readdirSync(join(t.cache, 'packs'));
    expect(packs).toHaveLength(1);
    const pack = join(t.cache, 'packs', packs[0]!);
    const written = () => [statSync(pack).ino, statSync(pack).mtimeMs];
    const before = written();
    await indexes([t.units, '--cache', t.cache]);
    expect(written()).toEqual(before);

    // The pack, not the unit entries, is read: its summaries (with a header that vouches for them) are what a run shows.
    const [head, ...lines] = readFileSync(pack, 'latin1').slice(0, -1).split('\n');
    const marked = lines.map((l) => l.replace(/"index":[0-9.]+/, `"index":${MARK}`)).join('\n') + '\n';
    const vouched = (h: Record<string, unknown>) => `${JSON.stringify({ ...h, sha256: sha256(marked) })}\n${marked}`;
    writeFileSync(pack, vouched(JSON.parse(head!) as Record<string, unknown>));
    expect((await indexes([t.units, '--cache', t.cache])).map(([, i]) => i)).toEqual([MARK, MARK, MARK]);

    // Another cchc's pack, or one whose content does not match its checksum, is not read: the entries are.
    writeFileSync(pack, vouched({ ...(JSON.parse(head!) as Record<string, unknown>), cchc: '0.0.1+other' }));
    expect((await indexes([t.units, '--cache', t.cache])).map(([, i]) => i)).not.toContain(MARK);
    writeFileSync(pack, `${head!}\n${marked}`);
    expect((await indexes([t.units, '--cache', t.cache])).map(([, i]) => i)).not.toContain(MARK);

    // A changed unit: scored again, and the pack written again with its new entry.
    const file = join(t.units, UNITS[0]!);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# sửa lại\n`);
    const fresh = await cli(['batch', t.units, '--json', '-q']);
    expect((await cli(['batch', t.units, '--json', '-q', '--cache', t.cache])).stdout).toBe(fresh.stdout);
    const now = readFileSync(pack, 'latin1');
    expect(now).not.toContain(`"index":${MARK}`);
    expect(now.split('\n').filter((l) => /^[0-9a-f]{64}\t/.test(l))).toHaveLength(UNITS.length);
  });

  it('keeps one pack for each cchc: two versions sharing the folder do not rewrite each other\'s', async () => {
    const t = setUp();
    await indexes([t.units, '--cache', t.cache]);
    const [pack] = readdirSync(join(t.cache, 'packs'));
    const file = join(t.cache, 'packs', pack!);
    const before = [statSync(file).ino, statSync(file).mtimeMs];
    // Another version looks the same units up in the same folder, with the same options, and keeps its pack.
    const other = BatchCache.for({ cacheDir: t.cache }, '0.0.1+other')!;
    other.usePack();
    for (const u of UNITS) cachedOutcome(join(t.units, u), undefined, other);
    other.save();
    expect(readdirSync(join(t.cache, 'packs'))).toHaveLength(2);
    expect([statSync(file).ino, statSync(file).mtimeMs]).toEqual(before);
    await indexes([t.units, '--cache', t.cache]);
    expect([statSync(file).ino, statSync(file).mtimeMs]).toEqual(before);
  });

  it('refuses a cache folder it cannot create (exit 2, before reading any unit)', async () => {
    const t = setUp();
    writeFileSync(join(t.dir, 'tep'), '');
    const run = await cli(['batch', t.units, '-q', '--cache', join(t.dir, 'tep')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/output\.not_a_folder/);
  });
});
