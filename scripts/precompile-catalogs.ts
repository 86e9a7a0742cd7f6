// Build step (run by scripts/build.mjs): every shipped catalog in criteria/ is read and checked with
// the same schema and cross-checks as at run time, and written to dist/criteria/<id>.json with the
// hash of its YAML text, for src/io/compiled-catalog.ts. A shipped catalog with any finding fails the
// build: what ships is checked, and the compiled copy never skips a check the YAML would fail.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { criteriaDir } from '../src/io/catalog-store.js';
import { catalogFromDoc } from '../src/core/pipeline.js';
import { parseYaml, yamlDoc } from '../src/io/yaml-file.js';
import { readTextSync } from '../src/io/text-file.js';
import { compiledPathFor, contentHash, type CompiledCatalog } from '../src/io/compiled-catalog.js';
import { formatFinding } from '../src/reporters/format-finding.js';

const dir = criteriaDir();
const out = join(dir, '..', 'dist', 'criteria');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let failed = false;
for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort()) {
  const path = join(dir, name);
  // Hashed as cchc reads it (decoded, NFC): the hash then matches what io/compiled-catalog.ts computes.
  const read = readTextSync(path);
  const parsed = read.text === undefined ? undefined : parseYaml(read.text, `criteria/${name}`);
  const loaded = parsed?.source && parsed.data !== undefined ? await catalogFromDoc(yamlDoc(parsed.source, parsed.data), path) : undefined;
  const findings = loaded?.findings ?? parsed?.findings ?? read.findings;
  if (!loaded?.flat || findings.length || read.text === undefined) {
    for (const f of findings) console.error(formatFinding(f, 'vi'));
    console.error(`precompile: criteria/${name} does not pass cchc's own checks`);
    failed = true;
    continue;
  }
  const compiled: CompiledCatalog = { sha256: contentHash(read.text), catalog: loaded.flat.catalog };
  writeFileSync(compiledPathFor(path)!, `${JSON.stringify(compiled)}\n`);
}
if (failed) process.exit(1);
