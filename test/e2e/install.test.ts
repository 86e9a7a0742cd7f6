import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';

/**
 * What a user gets from `npm install -g cchc`: the package is packed as it would be published (from
 * the dist/ that `npm test` has just built), installed from the tarball into a temporary global prefix
 * — dependencies from npm's local cache where it has them — and run from an unrelated folder through
 * the installed `cchc` command. This proves `files`, `bin`, the shebang, the run-time dependencies,
 * the precompiled catalogs and the examples.
 */
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The environment without what `npm test` sets for its own run (its prefix, its package, its lifecycle). */
function cleanEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || keep.has(k.toLowerCase())));
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  expect(r.status, `${what}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

describe.skipIf(process.platform === 'win32')('the packed package, installed', () => {
  it('installs from its tarball and runs `cchc score` and `cchc catalog list` from any folder', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'cchc-install-'));
    const env = cleanEnv();
    const opts = { encoding: 'utf8' as const, env };

    // --ignore-scripts: dist/ is already built; rebuilding here would rewrite it under the other tests.
    const packed = JSON.parse(ok(spawnSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { ...opts, cwd: ROOT }), 'npm pack')) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const files = packed[0]!.files.map((f) => f.path).sort();
    for (const f of ['LICENSE', 'README.md', 'package.json', 'dist/cli.js', 'dist/cli-main.cjs', 'dist/batch-worker.js', 'dist/THIRD-PARTY-NOTICES.txt',
      'dist/criteria/xa-mau-2024.json', 'criteria/xa-mau-2024.yaml', 'schema/evidence.schema.json', 'examples/hoang-viet-2024.yaml']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^(src|test|bench|scripts|node_modules)\//.test(f))).toEqual([]);

    const prefix = join(tmp, 'prefix');
    ok(
      spawnSync(npm, ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(tmp, packed[0]!.filename)], {
        ...opts,
        cwd: tmp,
      }),
      'npm install',
    );
    const installed = join(prefix, 'lib', 'node_modules', 'cchc');
    // Only the run-time dependencies come along; everything else is inside the bundle.
    const modules = readdirSync(join(installed, 'node_modules'));
    expect(modules).toContain('exceljs');
    for (const dev of ['zod', 'yaml', 'commander', 'chalk', 'vitest', 'esbuild']) expect(modules, dev).not.toContain(dev);

    const elsewhere = join(tmp, 'mot-thu-muc-khac');
    mkdirSync(elsewhere);
    const bin = join(prefix, 'bin', 'cchc');
    const run = (...args: string[]) => spawnSync(bin, args, { ...opts, cwd: elsewhere, env: { ...env, NO_COLOR: '1', CCHC_CRITERIA: '' } });

    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(ok(run('--version'), '--version').trim()).toBe(pkg.version);

    const score = ok(run('score', join(installed, 'examples', 'hoang-viet-2024.yaml'), '--xlsx', 'bieu.xlsx'), 'cchc score');
    expect(score).toContain('Chỉ số: 92,95% — Xuất sắc');
    // The workbook path loads exceljs, the run-time dependency, from the installed package.
    expect(existsSync(join(elsewhere, 'bieu.xlsx'))).toBe(true);

    const list = JSON.parse(ok(run('catalog', 'list', '--json'), 'cchc catalog list')) as Array<{ id: string; source: string }>;
    const shipped = readdirSync(join(ROOT, 'criteria')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
    expect(list.map((c) => [c.id, c.source])).toEqual(shipped.map((id) => [id, 'shipped']));
    for (const id of shipped) expect(existsSync(join(installed, 'dist', 'criteria', `${id}.json`)), id).toBe(true);
  }, 300_000);
});
