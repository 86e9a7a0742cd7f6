// Build step (run by scripts/build.mjs): each shipped catalog in criteria/ that reads and checks
// without any finding is written to dist/criteria/<id>.json with the hash of its YAML text, for
// src/io/compiled-catalog.ts. A catalog with findings is left out: it is read from YAML, with positions.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { criteriaDir } from '../src/io/catalog-store.js';
import { catalogFromParsed } from '../src/io/load.js';
import { parseYaml } from '../src/io/yaml-file.js';
import { readTextSync } from '../src/io/text-file.js';
import { compiledPathFor, contentHash, type CompiledCatalog } from '../src/io/compiled-catalog.js';

const dir = criteriaDir();
const out = join(dir, '..', 'dist', 'criteria');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort()) {
  const path = join(dir, name);
  // Hashed as cchc reads it (decoded, NFC): the hash then matches what io/load.ts computes.
  const text = readTextSync(path).text;
  if (text === undefined) continue;
  const loaded = catalogFromParsed(parseYaml(text, `criteria/${name}`), path);
  if (!loaded.index || loaded.findings.length) {
    console.warn(`precompile: ${name} has findings; it will be read from YAML (run cchc validate criteria/${name})`);
    continue;
  }
  const compiled: CompiledCatalog = { sha256: contentHash(text), catalog: loaded.index.catalog };
  writeFileSync(compiledPathFor(path)!, `${JSON.stringify(compiled)}\n`);
}
