// Bundles the CLI into one file: start-up is dominated by module loading (zod alone costs ~115 ms
// as separate files), and one bundled file loads several times faster. exceljs stays external and
// is imported lazily, only on the paths that write or read workbooks: it and jszip are the package's
// only run-time dependencies; everything inlined here is a devDependency.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';

const pkg = JSON.parse(await readFile('package.json', 'utf8'));
// The exceljs release the bundle is built (and its form writer proven) with: src/xlsx/excel.ts writes forms without
// exceljs only when the exceljs installed beside the bundle is this one.
const exceljsBuilt = JSON.parse(await readFile('node_modules/exceljs/package.json', 'utf8')).version;
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
  define: { __CCHC_VERSION__: JSON.stringify(pkg.version), __CCHC_BUILD__: JSON.stringify(await buildId()), __EXCELJS_BUILT__: JSON.stringify(exceljsBuilt) },
  banner: {
    js: [
      `// cchc ${pkg.version} (${pkg.license}). Bundled third-party code: see THIRD-PARTY-NOTICES.txt beside this file.`,
      "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    ].join('\n'),
  },
  metafile: true,
  logLevel: 'warning',
};

/**
 * The CLI is a CommonJS bundle (dist/cli-main.cjs) that dist/cli.js compiles with V8's code cache: on
 * Node 20 (no module.enableCompileCache, which is Node 22's) that is the one way to skip parsing and
 * compiling ~1,2 MB at every start, a third of `cchc score`'s time. The bundle is written in ASCII
 * (V8 keeps a source with any other character as two bytes a character, slower to read and to scan).
 */
const cliBuild = await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli-main.cjs',
  format: 'cjs',
  // External packages (exceljs, jszip, docx) are then loaded with require(), lazily as before.
  supported: { 'dynamic-import': false },
  // The loader hands its own import.meta.url in: the bundle finds dist/ (criteria, the worker) from it.
  define: { ...common.define, 'import.meta.url': '__cchc_meta_url' },
  banner: { js: common.banner.js.split('\n')[0] },
});
// `cchc batch` parses and scores in worker threads; a worker needs its own bundled entry, next to the CLI.
const worker = await build({ ...common, entryPoints: ['src/batch/worker.ts'], outfile: 'dist/batch-worker.js' });
await writeFile('dist/THIRD-PARTY-NOTICES.txt', await notices([cliBuild.metafile, worker.metafile]));

// esbuild escapes strings but keeps other letters in regular expressions (/…(xã|phường)…/) and comments.
// A letter written after a backslash (an identity escape, /\ạ/) would become \\u… and mean something else: refused.
const bundled = await readFile('dist/cli-main.cjs', 'utf8');
const escaped = /\\[^\x00-\x7f]/.exec(bundled);
if (escaped) {
  console.error(`build: dist/cli-main.cjs has a backslash before a non-ASCII letter (${JSON.stringify(bundled.slice(escaped.index - 20, escaped.index + 20))}); write the letter without it`);
  process.exit(1);
}
const mainSource = bundled.replace(/^#!.*\n/, '').replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
await writeFile('dist/cli-main.cjs', mainSource);
const mainHash = createHash('sha256').update(mainSource).digest('hex').slice(0, 16);
await writeFile('dist/cli.js', loader(mainHash));
await chmod('dist/cli.js', 0o755);
for (const f of await readdir('dist')) if (/^cli-main\..*\.v8cache$/.test(f)) await rm(join('dist', f));

// Shipped catalogs, read and checked once here rather than at every start (src/io/compiled-catalog.ts).
const pre = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/precompile-catalogs.ts'], { stdio: 'inherit' });
if (pre.status !== 0) process.exit(pre.status ?? 1);

// The code cache, made by scoring the shipped example once: V8 then keeps every function that run
// compiled, not only the top level. Its name carries the bundle's hash, so a rebuilt bundle never meets
// an old cache (V8's own check compares only the source's length).
const warm = spawnSync(process.execPath, ['dist/cli.js', 'score', 'examples/hoang-viet-2024.yaml'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NO_COLOR: '1', CCHC_WRITE_CODE_CACHE: '1' },
});
if (warm.status !== 0) {
  console.error('build: the warm-up run for the code cache failed');
  process.exit(1);
}

/** dist/cli.js: compiles the bundle with its code cache (or without, when V8 refuses the cache) and runs it. */
function loader(hash) {
  return `#!/usr/bin/env node
// cchc ${pkg.version} (${pkg.license}): starts dist/cli-main.cjs (see scripts/build.mjs).
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
const file = new URL('./cli-main.cjs', import.meta.url);
const cacheFile = new URL('./cli-main.${hash}.v8cache', import.meta.url);
const path = fileURLToPath(file);
let cachedData;
try { cachedData = readFileSync(cacheFile); } catch {}
// The bundle is ASCII (the build escapes every other letter): read as one byte a character, it is the same text, made faster.
const script = new Script('(function (exports, require, module, __filename, __dirname, __cchc_meta_url) {' + readFileSync(file, 'latin1') + '\\n})', { filename: path, cachedData });
// Set by the build's warm-up run only; a folder that cannot be written (an installed package) just keeps its cache.
if (process.env.CCHC_WRITE_CODE_CACHE === '1') process.on('exit', () => { const tmp = fileURLToPath(cacheFile) + '.' + process.pid + '.tmp'; try { writeFileSync(tmp, script.createCachedData()); renameSync(tmp, cacheFile); } catch { try { unlinkSync(tmp); } catch {} } });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, path, fileURLToPath(new URL('.', file)), import.meta.url);
`;
}

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
