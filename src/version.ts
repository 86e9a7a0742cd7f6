import { readFileSync } from 'node:fs';

// Replaced by package.json's version when scripts/build.mjs bundles the CLI (esbuild `define`).
declare const __CCHC_VERSION__: string | undefined;

/** Run from the TypeScript sources (tests, tsx), there is no bundle: read package.json beside src/. */
function fromPackageJson(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** cchc's version: shown by --version and stamped into every result, so a result names what made it. */
export const VERSION: string = typeof __CCHC_VERSION__ === 'string' ? __CCHC_VERSION__ : fromPackageJson();
