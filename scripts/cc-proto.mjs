import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
const onlyEnglishZodLocale = {
  name: 'only-english-zod-locale',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}zod${sep}`) ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-en' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: dirname(args.path) }));
  },
};
const out = process.argv[2]; const minify = process.argv[3] === 'min';
await build({ entryPoints: ['src/cli.ts'], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', plugins:[onlyEnglishZodLocale],
  external: ['exceljs','jszip','docx'], supported: { 'dynamic-import': false }, legalComments: 'eof', minifyWhitespace: minify, minifySyntax: minify,
  define: { 'import.meta.url': '__cchc_meta_url', __CCHC_VERSION__: '"0.1.0"', __CCHC_BUILD__: '"x"' }, logLevel: 'error' });
let s = readFileSync(out, 'utf8').replace(/^#!.*\n/, '');
if (process.argv[4] === 'ascii') s = s.replace(/[^\x00-\x7f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
writeFileSync(out, s);
