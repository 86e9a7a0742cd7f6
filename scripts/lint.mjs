// npm run lint: the type check (what `tsc -p tsconfig.json` reports), ESLint's type-aware rules and knip's
// unused files, exports and dependencies. TypeScript builds the program once and ESLint's rules reuse it
// (and the types the check already resolved): two separate programs would cost twice as much. knip runs
// beside them, in its own process. Exits 1 when any of the three finds something.
// `--results FILE` also writes {types, eslint, knip} ("ok" or "failed") there, for .ci/run's summary.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import ts from 'typescript';

const at = process.argv.indexOf('--results');
const resultsFile = at > 0 ? process.argv[at + 1] : undefined;
const started = performance.now();
const took = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

const knip = new Promise((resolve) => {
  const child = spawn(process.execPath, ['node_modules/knip/bin/knip.js', '--no-progress'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  child.on('error', (e) => resolve({ ok: false, out: `knip: ${e.message}\n` }));
  child.on('close', (code) => resolve({ ok: code === 0, out }));
});

const formatHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: ts.sys.getCurrentDirectory, getNewLine: () => '\n' };
const format = (d) => (process.stderr.isTTY ? ts.formatDiagnosticsWithColorAndContext(d, formatHost) : ts.formatDiagnostics(d, formatHost));
const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => report({ types: false, eslint: false, knip: false }, format([d])) };

function report(ok, text) {
  if (text) process.stderr.write(text);
  if (resultsFile) writeFileSync(resultsFile, `${JSON.stringify(Object.fromEntries(Object.entries(ok).map(([k, v]) => [k, v ? 'ok' : 'failed'])))}\n`);
  if (Object.values(ok).includes(false)) process.exit(1);
}

const config = ts.getParsedCommandLineOfConfigFile('tsconfig.json', {}, host);
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences });
const diagnostics = ts.getPreEmitDiagnostics(program);
const typesOk = diagnostics.length === 0;
if (!typesOk) process.stderr.write(format(diagnostics));
const typesTime = took();

// The files of the TypeScript program are linted with it; the rest (JS scripts, configs) as eslint.config.js says.
const eslint = new ESLint({
  overrideConfig: {
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, programs: [program] } },
  },
});
const results = await eslint.lintFiles(['.']);
const lintText = await (await eslint.loadFormatter('stylish')).format(results);
const lintOk = results.every((r) => r.errorCount === 0 && r.warningCount === 0 && r.fatalErrorCount === 0);
if (lintText) process.stderr.write(lintText);
const lintTime = took();

const k = await knip;
if (!k.ok) process.stderr.write(`knip:\n${k.out}`);

const verdict = (ok) => (ok ? 'ok' : 'FAILED');
const cpu = process.cpuUsage();
report(
  { types: typesOk, eslint: lintOk, knip: k.ok },
  `lint: types ${verdict(typesOk)} (${typesTime}), eslint ${verdict(lintOk)} (${lintTime}), knip ${verdict(k.ok)} (${took()}); ` +
    `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s without knip's\n`,
);
