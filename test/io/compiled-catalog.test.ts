import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledPathFor, readCompiled } from '../../src/io/compiled-catalog.js';
import { criteriaDir } from '../../src/io/catalog-store.js';
import { catalogFromDoc } from '../../src/core/pipeline.js';
import { parseYaml, yamlDoc } from '../../src/io/yaml-file.js';
import { ROOT } from '../e2e/cli.js';

// dist/criteria is written by the build, which `npm test` runs first.
describe('shipped catalogs compiled at build time', () => {
  const files = readdirSync(criteriaDir()).filter((f) => f.endsWith('.yaml'));

  it('are exactly what reading and checking the YAML gives', async () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const path = join(criteriaDir(), f);
      const text = readFileSync(path, 'utf8');
      const parsed = parseYaml(text, f);
      const fromYaml = await catalogFromDoc(yamlDoc(parsed.source!, parsed.data), path);
      expect(fromYaml.findings).toEqual([]);
      expect(await readCompiled(path, text), f).toEqual(fromYaml.flat!.catalog);
    }
  });

  it('are not used once the YAML changes, nor for catalogs elsewhere', async () => {
    const path = join(criteriaDir(), files[0]!);
    const text = readFileSync(path, 'utf8');
    expect(await readCompiled(path, `${text}\n# sửa\n`)).toBeUndefined();
    expect(compiledPathFor(join(ROOT, 'test/fixtures/mini/mini-2024.yaml'))).toBeUndefined();
  });
});
