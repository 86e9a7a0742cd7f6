// Bundles the CLI into one file: start-up is dominated by module loading (zod alone costs ~115 ms
// as separate files), and one bundled file loads several times faster. exceljs stays external and
// is imported lazily, only on the paths that write or read workbooks: it and jszip are the package's
// only run-time dependencies; everything inlined here is a devDependency.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';

const pkg = JSON.parse(await readFile('package.json', 'utf8'));
const RUNTIME = Object.keys(pkg.dependencies ?? {});

/**
 * zod re-exports its 64 locale packs (`z.locales`), ~390 KB of the bundle that every start-up parses.
 * cchc words its own findings (src/reporters/messages.ts) and never switches zod's locale: only the
 * English pack, zod's default, is kept, so zod's own behaviour (its default messages) is unchanged.
 */
const onlyEnglishZodLocale = {
  name: 'only-english-zod-locale',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}zod${sep}`) ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-en' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: dirname(args.path) }));
  },
};

/**
 * What this build is made of: every source file, the shipped catalogs and the locked dependencies.
 * `cchc batch --cache` keeps summaries only for the build that made them (src/io/unit-cache.ts):
 * code changed under the same version number must not read old summaries back.
 */
async function buildId() {
  const h = createHash('sha256');
  const walk = async (dir) => {
    for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else h.update(`${p}\0`).update(await readFile(p)).update('\0');
    }
  };
  for (const d of ['src', 'criteria']) await walk(d);
  for (const f of ['package.json', 'package-lock.json']) h.update(`${f}\0`).update(await readFile(f).catch(() => '')).update('\0');
  return h.digest('hex').slice(0, 16);
}

const common = {
  plugins: [onlyEnglishZodLocale],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: RUNTIME,
  // Licence comments marked @license/@preserve stay; the full texts are in THIRD-PARTY-NOTICES.txt.
  legalComments: 'eof',
  // The version shown by --version and stamped into every result (src/version.ts).
  define: { __CCHC_VERSION__: JSON.stringify(pkg.version), __CCHC_BUILD__: JSON.stringify(await buildId()) },
  banner: {
    js: [
      `// cchc ${pkg.version} (${pkg.license}). Bundled third-party code: see THIRD-PARTY-NOTICES.txt beside this file.`,
      "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    ].join('\n'),
  },
  metafile: true,
  logLevel: 'warning',
};

const cli = await build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js' });
// `cchc batch` parses and scores in worker threads; a worker needs its own bundled entry, next to the CLI.
const worker = await build({ ...common, entryPoints: ['src/batch/worker.ts'], outfile: 'dist/batch-worker.js' });
await chmod('dist/cli.js', 0o755);
await writeFile('dist/THIRD-PARTY-NOTICES.txt', await notices([cli.metafile, worker.metafile]));

// Shipped catalogs, read and checked once here rather than at every start (src/io/compiled-catalog.ts).
const pre = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/precompile-catalogs.ts'], { stdio: 'inherit' });
if (pre.status !== 0) process.exit(pre.status ?? 1);

/**
 * The licence of every package the bundles inline, read from that package's own files: a package
 * without a licence file stops the build rather than shipping its code without its notice.
 */
async function notices(metafiles) {
  const dirs = new Set();
  for (const m of metafiles) {
    for (const input of Object.keys(m.inputs)) {
      if (input.startsWith('zod-en:')) continue; // the stub above; the pack it re-exports is an input too
      const at = input.lastIndexOf('node_modules/');
      if (at < 0) continue;
      const rest = input.slice(at + 'node_modules/'.length).split('/');
      dirs.add(input.slice(0, at) + 'node_modules/' + rest.slice(0, rest[0].startsWith('@') ? 2 : 1).join('/'));
    }
  }
  const parts = [];
  for (const dir of [...dirs].sort()) {
    const p = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const file = (await readdir(dir)).filter((f) => /^(licen[cs]e|copying)/i.test(f)).sort()[0];
    if (!file) throw new Error(`build: ${p.name} is bundled but has no licence file in ${dir}`);
    const text = (await readFile(join(dir, file), 'utf8')).trim();
    parts.push(`${'='.repeat(78)}\n${p.name}@${p.version} — ${typeof p.license === 'string' ? p.license : JSON.stringify(p.license)}\n${'='.repeat(78)}\n\n${text}\n`);
  }
  const head = `Third-party software bundled into ${pkg.name} ${pkg.version} (dist/cli.js, dist/batch-worker.js).\n` +
    `${RUNTIME.join(' and ')} are not bundled: they are installed as dependencies, with their own licences.\n\n`;
  return head + parts.join('\n');
}
